"""Speed and peak memory of the shipped pair classifier, in a process without torch.

    python training/bench_classifier.py [--data ../shared/data] [--repeat 3]

Pairs come from plv_train.tsv (read at run time). Prints JSON.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.modules["torch"] = None  # the run time must not need it

import data as D  # noqa: E402
from tacitus.events.classifier import PairClassifier  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_mb() -> int:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent
    that started it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--model", type=Path, default=None, help="model folder (default: the shipped one)")
    args = ap.parse_args(argv)
    rss0 = peak_rss_mb()
    t = time.time()
    clf = PairClassifier(args.model, threads=args.threads)
    load_s = time.time() - t
    pairs = D.load_plv(args.data / "gold/plv_train.tsv", "bench")
    items = [(p.sentence, p.source, p.target) for p in pairs]
    clf.predict(items[:args.batch])
    best = 0.0
    for _ in range(args.repeat):
        t = time.time()
        clf.predict(items, batch_size=args.batch)
        best = max(best, len(items) / (time.time() - t))
    t = time.time()
    for item in items[:200]:
        clf.predict([item])
    single = 200 / (time.time() - t)
    print(json.dumps({"pairs": len(items), "batch": args.batch, "pairs_per_second_batched": round(best),
                      "pairs_per_second_one_by_one": round(single), "load_seconds": round(load_s, 2),
                      "peak_rss_mb": peak_rss_mb(), "rss_mb_before_load": rss0}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
