"""Speed benchmarks, run by `make bench` (never by the test suite).

Each benchmark is a function taking the shared data directory and returning a dict of figures;
add new ones (classifier pairs/s, ingest, ...) to BENCHMARKS. Results are printed and written to
benchmarks/results.json.
"""
from __future__ import annotations

import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"
GUARDIAN = DATA / "corpus" / "guardian_syria_2017_2019.csv"
BIN = Path(sys.executable).parent
N_ARTICLES = 60
RUNS = 3

# spaCy alone, as a whole process like the coder: the same pipeline, loaded the same way.
PARSE_ONLY = """
import json, sys
import tacitus.nlp
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = tacitus.nlp.load()
list(nlp.pipe(texts))
"""


def machine() -> dict:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model, "cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform()}


def timed_process(cmd: list[str], runs: int = RUNS) -> dict:
    """Median wall time of `runs` whole-process runs; output discarded, failures reported."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            return {"error": f"exit {proc.returncode}: {proc.stderr.strip()[-800:]}"}
        times.append(elapsed)
    return {"seconds": statistics.median(times), "runs": [round(t, 3) for t in times]}


def guardian_jsonl(dest: Path, n: int = N_ARTICLES) -> list[str]:
    """Write the first n Guardian articles as JSONL input; return their texts."""
    with open(GUARDIAN, newline="", encoding="utf-8") as f:
        rows = [r for _, r in zip(range(n), csv.DictReader(f))]
    with open(dest, "w", encoding="utf-8") as out:
        for i, r in enumerate(rows):
            out.write(json.dumps({"id": f"guardian-{i}", "text": r["text"], "date": r["date"],
                                  "outlet": r["source"]}) + "\n")
    return [r["text"] for r in rows]


def bench_coding_vs_parsing(tmp: Path) -> dict:
    """Words/s of `tacitus code` beside spaCy alone on the same texts, both end to end."""
    path = tmp / "guardian.jsonl"
    texts = guardian_jsonl(path)
    words = sum(len(t.split()) for t in texts)
    coding = timed_process([str(BIN / "tacitus"), "code", str(path), "--workers", "1", "--format", "jsonl"])
    parsing = timed_process([sys.executable, "-c", PARSE_ONLY, str(path)])
    result = {"articles": len(texts), "words": words, "coding": coding, "parsing": parsing}
    for name in ("coding", "parsing"):
        if "seconds" in result[name]:
            result[name]["words_per_second"] = round(words / result[name]["seconds"])
    if "seconds" in coding and "seconds" in parsing:
        result["ratio_coding_to_parsing"] = round(coding["seconds"] / parsing["seconds"], 2)
    return result


BENCHMARKS = {"coding_vs_parsing": bench_coding_vs_parsing}


def main() -> int:
    if not GUARDIAN.exists():
        print(f"benchmarks need the shared corpus at {GUARDIAN}; it is absent, nothing was measured.",
              file=sys.stderr)
        return 1
    results = {"machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M:%S"), "benchmarks": {}}
    print("machine: {cpu}, {cores} cores, Python {python}".format(**results["machine"]))
    with tempfile.TemporaryDirectory() as tmp:
        for name, bench in BENCHMARKS.items():
            print(f"\n{name} ...", flush=True)
            r = results["benchmarks"][name] = bench(Path(tmp))
            print(json.dumps(r, indent=2))
    c = results["benchmarks"].get("coding_vs_parsing", {})
    if "ratio_coding_to_parsing" in c:
        print(f"\ncoding {c['coding']['words_per_second']} words/s, spaCy alone "
              f"{c['parsing']['words_per_second']} words/s: coding takes "
              f"{c['ratio_coding_to_parsing']}x the parse time ({c['articles']} articles, {c['words']} words, "
              f"median of {RUNS} whole-process runs)")
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten {HERE / 'results.json'}")
    failed = [name for name, r in results["benchmarks"].items() if "error" in json.dumps(r)]
    if failed:
        print(f"failed: {', '.join(failed)} (see the error entries above)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
