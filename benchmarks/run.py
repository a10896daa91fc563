"""Speed benchmarks, run by `make bench` (never by the test suite).

`benchmarks/run.py NAME...` runs only the named ones. Each benchmark is a function taking a scratch
folder and returning a dict of figures;
add new ones (classifier pairs/s, ingest, ...) to BENCHMARKS. Results are printed and written to
benchmarks/results.json.
"""
from __future__ import annotations

import csv
import json
import os
import platform
import resource
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

# spaCy alone, as a whole process like the coder: a full parse with every component of the same pipeline.
PARSE_ONLY = """
import json, sys
import spacy, tacitus.nlp
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(tacitus.nlp.pipeline_name())  # the whole pipeline, entity recogniser included
list(nlp.pipe(texts))
"""

# The share of the articles' sentences that skimming sends to the parser (tacitus.skim).
SHARE_PARSED = """
import json, sys
from tacitus.pipeline import Coder
from tacitus.reading import read_text
coder = Coder(classifier=None)
kept = total = 0
for line in open(sys.argv[1], encoding="utf-8"):
    _, skimmed = coder.prepare(read_text(json.loads(line)["text"], id="x"))
    kept, total = kept + sum(skimmed.kept), total + len(skimmed.kept)
print(json.dumps({"sentences": total, "parsed": kept, "share": round(kept / total, 3)}))
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
    """Median wall time and CPU time (user + system, all threads) of `runs` whole-process runs; output
    discarded, failures reported."""
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            return {"error": f"exit {proc.returncode}: {proc.stderr.strip()[-800:]}"}
        times.append(elapsed)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return {"seconds": statistics.median(times), "runs": [round(t, 3) for t in times],
            "cpu_seconds": round(statistics.median(cpu), 3)}


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
    code = [str(BIN / "tacitus"), "code", str(path), "--workers", "1", "--format", "jsonl"]
    runs = {"coding": code, "coding_rules_only": code + ["--coder", "rules"],
            "coding_parse_all": code + ["--parse", "all"], "parsing": [sys.executable, "-c", PARSE_ONLY, str(path)]}
    result = {"articles": len(texts), "words": words}
    for _ in range(RUNS):  # interleaved, so a busy spell on the machine falls on every command alike
        for name, cmd in runs.items():
            run = timed_process(cmd, runs=1)
            if "error" in run:
                return {"error": f"{name}: {run['error']}"}
            result.setdefault(name, {"runs": [], "cpu_runs": []})["runs"].append(round(run["seconds"], 3))
            result[name]["cpu_runs"].append(run["cpu_seconds"])
    for name in runs:
        result[name]["seconds"] = statistics.median(result[name]["runs"])
        result[name]["cpu_seconds"] = statistics.median(result[name]["cpu_runs"])
        result[name]["words_per_second"] = round(words / result[name]["seconds"])
    for name in ("coding", "coding_rules_only", "coding_parse_all"):
        result[f"ratio_{name}_to_parsing"] = round(result[name]["seconds"] / result["parsing"]["seconds"], 2)
        # The classifier may use a second core; spaCy alone uses one: CPU time compares the work done.
        result[f"cpu_ratio_{name}_to_parsing"] = round(result[name]["cpu_seconds"] / result["parsing"]["cpu_seconds"], 2)
    result["sentences_parsed"] = json.loads(subprocess.run(
        [sys.executable, "-c", SHARE_PARSED, str(path)], capture_output=True, text=True, check=True).stdout)
    return result


def bench_classify(tmp: Path, n: int = 2000) -> dict:
    """(sentence, source, target) pairs per second through `tacitus classify`, model loaded: the
    difference between a run over n pairs and a run over one pair, both whole processes."""
    rows = []
    with open(DATA / "gold" / "plv_train.tsv", newline="", encoding="utf-8") as f:
        rows = [(r["sentence"], r["source"], r["target"]) for r in csv.DictReader(f, delimiter="\t")]
    def write(path: Path, k: int) -> Path:
        with open(path, "w", encoding="utf-8") as out:
            out.write("sentence\tsource\ttarget\n")
            for i in range(k):
                out.write("\t".join(x.replace("\t", " ") for x in rows[i % len(rows)]) + "\n")
        return path
    many, one = write(tmp / "pairs.tsv", n), write(tmp / "pair.tsv", 1)
    full = peak_memory_run([str(BIN / "tacitus"), "classify", str(many)])
    start = timed_process([str(BIN / "tacitus"), "classify", str(one)])
    if "error" in full or "error" in start:
        return {"error": full.get("error") or start.get("error")}
    return {"pairs": n, "seconds": full["seconds"], "startup_seconds": round(start["seconds"], 2),
            "pairs_per_second_model_loaded": round((n - 1) / max(full["seconds"] - start["seconds"], 1e-6)),
            "peak_rss_mb": full["peak_rss_mb_per_process"]}


def bench_where(tmp: Path) -> dict:
    """Seconds of place resolution (PlaceResolver.places + locate on every verb, more than the events an
    article has) beside spaCy's parse of the same 60 Guardian articles, in one process; gazetteer loading apart."""
    import tacitus.nlp
    from tacitus.actors import ActorResolver
    from tacitus.where import PlaceResolver

    texts = guardian_jsonl(tmp / "where.jsonl")
    nlp = tacitus.nlp.load()
    actors = ActorResolver(nlp=nlp)
    start = time.perf_counter()
    where = PlaceResolver(nlp=nlp)
    load = time.perf_counter() - start
    start = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse = time.perf_counter() - start
    mentions = [actors(doc) for doc in docs]
    places = located = 0
    start = time.perf_counter()
    for doc, found in zip(docs, mentions):
        found_places = where.places(doc, found)
        places += len(found_places)
        for tok in doc:
            if tok.pos_ == "VERB":
                located += where.locate(tok, found_places, None) is not None
    geo = time.perf_counter() - start
    return {"articles": len(texts), "places": places, "verbs_located": located, "gazetteer_load_seconds": round(load, 2),
            "parse_seconds": round(parse, 2), "where_seconds": round(geo, 3),
            "where_share_of_parse": round(geo / parse, 4)}


def peak_memory_run(cmd: list[str]) -> dict:
    """Wall time of one whole-process run and the peak RSS of its largest process (a worker or the writer)."""
    import psutil
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak: dict[int, int] = {}
    while proc.poll() is None:
        try:
            for p in [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]:
                peak[p.pid] = max(peak.get(p.pid, 0), p.memory_info().rss)
        except psutil.Error:
            pass
        time.sleep(0.2)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # 1: some records failed, which the store records
        return {"error": f"exit {proc.returncode}: {proc.stderr.read().strip()[-800:]}"}
    return {"seconds": round(elapsed, 1), "peak_rss_mb_per_process": round(max(peak.values(), default=0) / 2**20)}


def bench_ingest(tmp: Path) -> dict:
    """Articles/s of `tacitus ingest` on the whole Guardian corpus: local and Dask, 1 and 2 workers; wall
    time, and with the start-up (the same command on one article) taken off."""
    path, first = tmp / "guardian_all.jsonl", tmp / "guardian_first.jsonl"
    n = len(guardian_jsonl(path, n=10**6))
    guardian_jsonl(first, n=1)
    result = {"articles": n}
    for engine in ("local", "dask"):
        for workers in (1, 2):
            def ingest(source: Path, name: str) -> dict:
                return peak_memory_run([str(BIN / "tacitus"), "ingest", str(source), "--db", str(tmp / name),
                                        "--engine", engine, "--workers", str(workers)])
            run = ingest(path, f"ingest-{engine}-{workers}.duckdb")
            # The same command on one article: start-up (models loaded in each worker, a cluster started).
            start = ingest(first, f"start-{engine}-{workers}.duckdb")
            if "seconds" in run and "seconds" in start:
                run["articles_per_second"] = round(n / run["seconds"], 2)
                run["startup_seconds"] = start["seconds"]
                run["articles_per_second_loaded"] = round((n - 1) / max(run["seconds"] - start["seconds"], 1e-6), 2)
            result[f"{engine}_{workers}"] = run
    for engine in ("local", "dask"):
        one, two = result[f"{engine}_1"], result[f"{engine}_2"]
        if "articles_per_second" in one and "articles_per_second" in two:
            result[f"{engine}_2_to_1"] = round(two["articles_per_second"] / one["articles_per_second"], 2)
            result[f"{engine}_2_to_1_loaded"] = round(two["articles_per_second_loaded"]
                                                      / one["articles_per_second_loaded"], 2)
    return result


_COUNTRIES = ("USA RUS CHN SYR TUR IRN ISR UKR FRA GBR DEU IRQ SAU EGY IND PAK AFG JPN KOR PRK BRA MEX NGA ZAF "
              "ETH KEN VEN CUB QAT JOR LBN YEM LBY SDN SOM MLI POL BLR GEO ARM AZE KAZ UZB TJK KGZ TKM MNG VNM "
              "THA MYS IDN PHL AUS NZL CAN COL PER CHL ARG BOL ECU PRY URY GTM HND NIC SLV CRI PAN DOM HTI JAM "
              "TTO BHS BRB ISL NOR SWE FIN DNK NLD BEL LUX CHE AUT ITA ESP PRT GRC CYP MLT ROU BGR SRB HRV BIH "
              "MNE MKD ALB SVN").split()
# Generated mentions (not coded): 400 actors, 10 event types, ten years of days, a third dated "relative".
GENERATE = """
CREATE TEMP TABLE codes AS SELECT {countries} AS c, ['GOV', 'MIL', 'REB', 'OPP'] AS s;
CREATE TEMP TABLE kinds AS SELECT * FROM (VALUES (0, 'CONSULT', '040', 1, 1.0), (1, 'AGREE', '030', 1, 4.0),
    (2, 'AID', '070', 2, 7.0), (3, 'ACCUSE', '112', 3, -2.0), (4, 'THREATEN', '130', 3, -4.4),
    (5, 'ASSAULT', '180', 4, -9.0), (6, 'COERCE', '170', 4, -7.0), (7, 'DEMAND', '100', 3, -5.0),
    (8, 'COOPERATE', '050', 1, 3.5), (9, 'SANCTION', '163', 4, -8.0)) t(k, plover, cameo, quad_class, goldstein);
COPY (
  WITH r AS (SELECT i, c[1 + (hash(i) % 100)::BIGINT] || s[1 + (hash(i + 1) % 4)::BIGINT] AS src,
                    c[1 + (hash(i + 2) % 100)::BIGINT] || s[1 + (hash(i + 3) % 4)::BIGINT] AS tgt, (hash(i + 4) % 10)::INTEGER AS k
             FROM range({n}) t(i), codes)
  SELECT 'g' || i AS id, 'art' || (i // 10) AS article_id,
         src || '|' || tgt || '|' || plover || '|' || substr(cameo, 1, 2) || '|asserted' AS block,
         i % 20 AS sentence_index, 'A generated sentence.' AS sentence, 'met' AS trigger, 0 AS trigger_start,
         3 AS trigger_end, plover, cameo, quad_class, goldstein, src AS source_code, src AS source_name,
         substr(src, 1, 3) AS source_country, substr(src, 4) AS source_sector, tgt AS target_code,
         tgt AS target_name, substr(tgt, 1, 3) AS target_country, substr(tgt, 4) AS target_sector,
         src AS source_codes, tgt AS target_codes,
         DATE '2010-01-01' + CAST(hash(i * 3) % 3650 AS INTEGER) AS date, 'day' AS date_precision,
         CASE WHEN i % 3 = 0 THEN 'relative' ELSE 'stated' END AS date_basis, 'asserted' AS modality,
         0.8 AS confidence, NULL::VARCHAR AS mode, NULL::VARCHAR AS context, NULL::DOUBLE AS intensity,
         NULL::VARCHAR AS source, NULL::VARCHAR AS target, NULL::VARCHAR AS date_text,
         NULL::VARCHAR AS reported_by, NULL::VARCHAR AS location
  FROM r JOIN kinds USING (k)) TO '{events}' (FORMAT parquet);
COPY (SELECT 'art' || a AS id, md5(a::VARCHAR) AS content_hash,
             DATE '2010-01-01' + CAST(a % 3650 AS INTEGER) AS date, 'given' AS date_basis,
             'outlet ' || (a % 50) AS outlet, 10 AS num_events, NULL::VARCHAR AS title, NULL::VARCHAR AS url,
             NULL::VARCHAR AS dateline, NULL::VARCHAR AS warnings, NULL::VARCHAR AS text
      FROM range({n} // 10) t(a)) TO '{articles}' (FORMAT parquet);
"""


def bench_store_10m(tmp: Path, n: int = 10_000_000) -> dict:
    """Load 10 million generated mentions into the store (merging included), then a dyad series query."""
    import duckdb

    from tacitus.store import Store
    part = tmp / "generated"
    for table in ("articles", "events", "errors"):
        (part / table).mkdir(parents=True)
    start = time.perf_counter()
    con = duckdb.connect()
    con.execute(GENERATE.format(n=n, countries=_COUNTRIES, events=part / "events" / "part.parquet",
                                articles=part / "articles" / "part.parquet"))
    con.close()
    generated = time.perf_counter() - start
    db = tmp / "10m.duckdb"
    with Store(db) as store:
        start = time.perf_counter()
        store.load_parquet(part)
        loaded = time.perf_counter() - start
        counts = store.counts()
    times = []
    with Store(db, read_only=True) as store:
        for _ in range(RUNS):
            start = time.perf_counter()
            series = store.dyad_series("RUSGOV", "UKRGOV", freq="month")
            times.append(time.perf_counter() - start)
    query = statistics.median(times)
    return {"mentions": counts["events"], "merged_events": counts["merged_events"],
            "generate_seconds": round(generated, 1), "load_seconds": round(loaded, 1),
            "load_under_2_minutes": loaded < 120, "dyad_series_seconds": round(query, 3),
            "dyad_series_under_1_second": query < 1, "series_rows": len(series),
            "db_megabytes": round(db.stat().st_size / 2**20)}


SERVE_CLIENTS = 50
SERVE_SECONDS = 30
SERVE_QUERIES = ["limit=50", "limit=50&offset=5000", "actor=RUS&limit=50", "dyad=USAGOV,RUSGOV&directed=false",
                 "since=2015-01-01&until=2015-03-31&limit=100", "category=ASSAULT&quad_class=4&limit=50",
                 "text=generated&limit=20&offset=100"]


def generated_store(tmp: Path, name: str, mentions: int) -> tuple[Path, int]:
    """A store of `mentions` generated events (no coding), for the server benchmarks."""
    import duckdb

    from tacitus.store import Store
    part = tmp / name
    for table in ("articles", "events", "errors"):
        (part / table).mkdir(parents=True)
    con = duckdb.connect()
    con.execute(GENERATE.format(n=mentions, countries=_COUNTRIES, events=part / "events" / "part.parquet",
                                articles=part / "articles" / "part.parquet"))
    con.close()
    db = tmp / f"{name}.duckdb"
    with Store(db) as store:
        store.load_parquet(part)
        return db, store.counts()["merged_events"]


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def started_server(db: Path, log: Path, env: dict | None = None):
    """`tacitus serve` on a free loopback port, its output in `log`, once it answers (or has exited)."""
    import httpx
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(log, "w") as out:  # a file, not a pipe nobody reads, so the server never blocks on it
        server = subprocess.Popen([str(BIN / "tacitus"), "serve", "--db", str(db), "--port", str(port)],
                                  env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=out)
    for _ in range(300):
        try:
            httpx.get(base + "/api/health", timeout=1)
            break
        except httpx.HTTPError:
            if server.poll() is not None:
                break
            time.sleep(0.1)
    return server, base, log


def bench_serve(tmp: Path, mentions: int = 200_000) -> dict:
    """Requests/s and latency of GET /api/events under 50 concurrent clients for 30 s over loopback: `tacitus serve`
    in its own process on a store of generated mentions, clients in this one (asyncio + httpx)."""
    import asyncio

    import httpx

    db, merged = generated_store(tmp, "serve", mentions)
    server, base, log = started_server(db, tmp / "serve-server.log")
    try:
        if server.poll() is not None:
            return {"error": "the server did not start: " + log.read_text()[-800:]}

        async def client(http, k: int, deadline: float, latencies: list, failures: list):
            for i in range(10**6):  # bounded; the deadline ends it
                if time.perf_counter() >= deadline:
                    return
                start = time.perf_counter()
                try:
                    r = await http.get("/api/events?" + SERVE_QUERIES[(k + i) % len(SERVE_QUERIES)])
                except httpx.HTTPError as exc:
                    failures.append(type(exc).__name__)
                    continue
                latencies.append(time.perf_counter() - start)
                if r.status_code != 200:
                    failures.append(r.status_code)

        async def run():
            latencies: list[float] = []
            failures: list[int] = []
            limits = httpx.Limits(max_connections=SERVE_CLIENTS, max_keepalive_connections=SERVE_CLIENTS)
            async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
                start = time.perf_counter()
                deadline = start + SERVE_SECONDS
                await asyncio.gather(*(client(http, k, deadline, latencies, failures) for k in range(SERVE_CLIENTS)))
                return latencies, failures, time.perf_counter() - start

        latencies, failures, elapsed = asyncio.run(run())
    finally:
        server.terminate()
        server.wait(10)
    if not latencies:
        return {"error": f"no request succeeded: {failures[:5]} {log.read_text()[-800:]}"}
    latencies.sort()
    pick = (lambda q: round(1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1))
    return {"merged_events": merged, "clients": SERVE_CLIENTS, "seconds": round(elapsed, 1),
            "requests": len(latencies), "failed": len(failures),
            "requests_per_second": round(len(latencies) / elapsed, 1), "p50_ms": pick(0.50), "p95_ms": pick(0.95),
            **({"error": f"{len(failures)} requests failed: {sorted(set(map(str, failures)))}"} if failures else {})}


LOAD_CLIENTS = 50
LOAD_SECONDS = 60
LOAD_TOKEN = "bench-token"
LOAD_DYADS = [("RUSGOV", "UKRGOV"), ("USAGOV", "CHNGOV"), ("ISRMIL", "LBNREB"), ("TUR", "SYR")]


def bench_load_mixed(tmp: Path, mentions: int = 200_000) -> dict:
    """50 concurrent clients for 60 s over loopback against `tacitus serve` in its own process: every tenth
    posts a Guardian article to /api/code (with the token), the others read (events list, one event, dyad
    series). Errors (any answer but 200, or a failed connection), requests/s and p50/p95 latency per kind."""
    import asyncio

    import httpx

    texts = guardian_jsonl(tmp / "load.jsonl", n=20)
    db, merged = generated_store(tmp, "load", mentions)
    server, base, log = started_server(db, tmp / "load-server.log", {"TACITUS_TOKEN": LOAD_TOKEN})
    auth = {"Authorization": f"Bearer {LOAD_TOKEN}"}
    try:
        if server.poll() is not None:
            return {"error": "the server did not start: " + log.read_text()[-800:]}
        ids = [e["id"] for e in httpx.get(base + "/api/events?limit=500", timeout=60).json()["events"]]
        # The pipeline loads on the first coding request: not part of the timed run.
        warm = httpx.post(base + "/api/code", json={"text": texts[0]}, headers=auth, timeout=300)
        if warm.status_code != 200:
            return {"error": f"warm-up coding request answered {warm.status_code}: {warm.text[:300]}"}

        def request(k: int, i: int):
            if k % 10 == 0:
                return "code", "POST", "/api/code", {"json": {"text": texts[(k + i) % len(texts)]}, "headers": auth}
            kind = ("events", "event", "series")[(k + i) % 3]
            if kind == "events":
                return kind, "GET", "/api/events?" + SERVE_QUERIES[(k + i) % len(SERVE_QUERIES)], {}
            if kind == "event":
                return kind, "GET", f"/api/events/{ids[(k * 7 + i) % len(ids)]}", {}
            a, b = LOAD_DYADS[(k + i) % len(LOAD_DYADS)]
            return kind, "GET", f"/api/dyads/{a}/{b}/series?freq={('month', 'week')[i % 2]}&directed=false", {}

        async def client(http, k: int, deadline: float, latencies: dict, errors: list):
            for i in range(10**6):  # bounded; the deadline ends it
                if time.perf_counter() >= deadline:
                    return
                kind, method, url, extra = request(k, i)
                start = time.perf_counter()
                try:
                    r = await http.request(method, url, **extra)
                except httpx.HTTPError as exc:
                    errors.append(f"{kind} {type(exc).__name__}")
                    continue
                latencies[kind].append(time.perf_counter() - start)
                if r.status_code != 200:
                    errors.append(f"{kind} {r.status_code}")

        async def run():
            latencies: dict[str, list[float]] = {"events": [], "event": [], "series": [], "code": []}
            errors: list[str] = []
            # Idle connections are dropped before the server's keep-alive of 5 s ends them under a request.
            limits = httpx.Limits(max_connections=LOAD_CLIENTS, max_keepalive_connections=LOAD_CLIENTS,
                                  keepalive_expiry=2)
            async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as http:
                start = time.perf_counter()
                await asyncio.gather(*(client(http, k, start + LOAD_SECONDS, latencies, errors)
                                       for k in range(LOAD_CLIENTS)))
                return latencies, errors, time.perf_counter() - start

        load_before = os.getloadavg()
        latencies, errors, elapsed = asyncio.run(run())
        load_after = os.getloadavg()
    finally:
        server.terminate()
        server.wait(10)

    def figures(values: list[float]) -> dict:
        values = sorted(values)
        pick = (lambda q: round(1000 * values[min(len(values) - 1, int(q * len(values)))], 1) if values else None)
        return {"requests": len(values), "requests_per_second": round(len(values) / elapsed, 1),
                "p50_ms": pick(0.50), "p95_ms": pick(0.95)}

    result = {"merged_events": merged, "clients": LOAD_CLIENTS, "coding_clients": LOAD_CLIENTS // 10,
              "seconds": round(elapsed, 1), "errors": len(errors),
              "all": figures([t for v in latencies.values() for t in v]),
              **{kind: figures(v) for kind, v in latencies.items()},
              "load_average_1m_before_after": [round(load_before[0], 2), round(load_after[0], 2)],
              "cores": os.cpu_count()}
    if errors:
        result["error"] = (f"{len(errors)} requests failed: {sorted(set(errors))[:20]}; server log: "
                           f"{log.read_text()[-800:]}")
    return result


BENCHMARKS = {"coding_vs_parsing": bench_coding_vs_parsing, "classify": bench_classify, "where": bench_where,
              "ingest": bench_ingest, "store_10m": bench_store_10m, "serve": bench_serve,
              "load_mixed": bench_load_mixed}


def _has_error(result) -> bool:
    """An "error" entry anywhere in a benchmark's result ("errors": 0 is a figure, not a failure)."""
    if isinstance(result, dict):
        return "error" in result or any(_has_error(v) for v in result.values())
    return False


def main(names: list[str]) -> int:
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    if not GUARDIAN.exists():
        print(f"benchmarks need the shared corpus at {GUARDIAN}; it is absent, nothing was measured.",
              file=sys.stderr)
        return 1
    # Earlier figures are kept for the benchmarks not run this time.
    old = json.loads((HERE / "results.json").read_text()) if (HERE / "results.json").exists() else {}
    results = {"machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M:%S"),
               "benchmarks": old.get("benchmarks", {})}
    print("machine: {cpu}, {cores} cores, Python {python}".format(**results["machine"]))
    with tempfile.TemporaryDirectory() as tmp:
        for name, bench in BENCHMARKS.items():
            if names and name not in names:
                continue
            print(f"\n{name} ...", flush=True)
            r = results["benchmarks"][name] = bench(Path(tmp))
            print(json.dumps(r, indent=2))
    c = results["benchmarks"].get("coding_vs_parsing", {})
    if "ratio_coding_to_parsing" in c and "sentences_parsed" in c:
        print(f"\ncoding {c['coding']['words_per_second']} words/s, spaCy alone "
              f"{c['parsing']['words_per_second']} words/s: coding takes "
              f"{c['ratio_coding_to_parsing']}x the parse time, {c.get('cpu_ratio_coding_to_parsing', '?')}x its CPU "
              f"time ({c['articles']} articles, {c['words']} words, median of {RUNS} whole-process runs; "
              f"{c['sentences_parsed']['share']:.0%} of sentences parsed)")
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten {HERE / 'results.json'}")
    failed = [name for name, r in results["benchmarks"].items() if (not names or name in names) and _has_error(r)]
    if failed:
        print(f"failed: {', '.join(failed)} (see the error entries above)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
