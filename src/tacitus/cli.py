"""The command line: one function per command, each thin over the library."""
from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
from pathlib import Path

from tacitus import __version__

DEFAULT_DATA = Path("../shared/data")


def _coder(kind: str = "model", parse: str = "events", threads: int | None = None, spinning: bool = False):
    from tacitus.pipeline import Coder
    classifier = "default" if kind == "model" else None
    if classifier and spinning:
        from tacitus.events import classifier as learned
        classifier = learned.PairClassifier(spinning=True) if learned.available() else None
    return Coder(classifier=classifier, parse_all=parse == "all", threads=threads)


def _actors_text(actors) -> str:
    return "+".join(f"{a.name or a.text} ({a.code or '?'})" for a in actors) or "-"


def _print_table(article, events, out) -> None:
    out.write(f"\n{article.id}  published {article.date or 'unknown'} ({article.date_basis})"
              f"{'  ' + article.title if article.title else ''}\n")
    for w in article.warnings:
        out.write(f"  ! {w.kind}: {w.message}\n")
    if not events:
        out.write("  no events\n")
        return
    rows = [("date", "source", "event", "target", "modality", "conf", "trigger")]
    for e in events:
        kind = e.event.plover + (f"/{e.event.mode}" if e.event.mode else "")
        date = (e.date or "?") + ("" if e.date_basis in ("stated", "relative") else "*")
        rows.append((date, _actors_text(e.source), f"{e.event.cameo} {kind}", _actors_text(e.target),
                     e.modality, f"{e.confidence:.2f}", e.trigger.text))
    widths = [min(max(len(r[i]) for r in rows), 40) for i in range(len(rows[0]))]
    for r in rows:
        out.write("  " + "  ".join(cell[:w].ljust(w) for cell, w in zip(r, widths)).rstrip() + "\n")


def cmd_code(args) -> int:
    from tacitus.reading import ReadError, read_paths
    # One core per worker, the in-process one included: `--workers N` is what decides how many cores work.
    coder = _coder(args.coder, args.parse, threads=1)
    if args.actors:
        from tacitus.actors.tables import read_actor_file
        coder = coder.with_actors(read_actor_file(args.actors))
    failed = 0
    out = sys.stdout
    results = []

    def articles():
        nonlocal failed
        for item in read_paths(args.paths, default_date=args.date):
            if isinstance(item, ReadError):
                failed += 1
                print(f"tacitus: skipped {item.record}: {item.reason}", file=sys.stderr)
            else:
                yield item

    for article, events in coder.code_articles(articles(), workers=args.workers):
        errors = [w for w in article.warnings if w.kind == "error"]
        if errors:
            failed += 1
            print(f"tacitus: {article.id}: {errors[0].message}", file=sys.stderr)
        record = {"article": article.to_dict(), "events": [e.to_dict() for e in events]}
        if args.format == "table":
            _print_table(article, events, out)
        elif args.format == "jsonl":
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            results.append(record)
    if args.format == "json":
        json.dump(results[0] if len(results) == 1 else results, out, ensure_ascii=False, indent=2)
        out.write("\n")
    if failed:
        print(f"tacitus: {failed} record(s) could not be coded", file=sys.stderr)
    return 1 if failed else 0


CLASSIFY_BATCH = 256  # rows per call of the model: large enough to batch, small enough to stream


def cmd_classify(args) -> int:
    coder = _coder(args.coder, spinning=True)  # the model is all this process runs
    with open(args.pairs, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f, delimiter="\t")
        missing = {"sentence", "source", "target"} - set(reader.fieldnames or [])
        if missing:
            print(f"tacitus: {args.pairs}: missing column(s) {', '.join(sorted(missing))}", file=sys.stderr)
            return 2
        writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
        writer.writerow([*reader.fieldnames, "plover", "cameo", "confidence"])
        batch: list[dict] = []
        for row in itertools.chain(reader, [None]):  # None: flush what is left
            if row is not None:
                batch.append(row)
            if batch and (row is None or len(batch) == CLASSIFY_BATCH):
                answers = coder.classify_pairs([(r["sentence"] or "", r["source"] or "", r["target"] or "")
                                                for r in batch])
                for r, (plover, cameo, confidence) in zip(batch, answers):
                    writer.writerow([*(r[k] for k in reader.fieldnames), plover or "", cameo or "",
                                     f"{confidence:.2f}"])
                batch = []
    return 0


def _classifier_info() -> str:
    from tacitus.events import classifier
    if not classifier.available():
        return "absent (coding uses the rules alone)"
    size = (classifier.model_dir() / "model.onnx").stat().st_size / 2**20
    return f"{classifier.model_dir() / 'model.onnx'} ({size:.1f} MB)"


def cmd_info(args) -> int:
    import platform

    import spacy

    from tacitus import nlp
    from tacitus.actors.tables import table_sizes as actor_sizes
    from tacitus.events.ontology import table_sizes as event_sizes
    info = {
        "tacitus": __version__, "python": platform.python_version(), "spacy": spacy.__version__,
        "spacy_model": nlp.pipeline_name(),
        "classifier": _classifier_info(),
        "tables": {**{f"actors/{k}": v for k, v in actor_sizes().items()},
                   **{f"events/{k}": v for k, v in event_sizes().items()}},
    }
    if args.format == "json":
        print(json.dumps(info, indent=2))
    else:
        for key, value in info.items():
            if key != "tables":
                print(f"{key:12} {value}")
        print("tables")
        for name, size in info["tables"].items():
            print(f"  {name:28} {size:>7} rows")
    return 0


def cmd_eval(args) -> int:
    from tacitus.evaluation import evaluate, evaluate_corrections
    if args.corrections:
        evaluate_corrections(args.corrections, _coder(args.coder, args.parse))
        return 0
    data = Path(args.data)
    if not data.is_dir():
        print(f"tacitus: no gold data at {data} (give --data DIR)", file=sys.stderr)
        return 2
    evaluate(data, _coder(args.coder, args.parse), limit=args.limit)
    return 0


def cmd_schema(args) -> int:
    from tacitus.records import json_schema
    print(json.dumps(json_schema(), indent=2))
    return 0


def cmd_ingest(args) -> int:
    from tacitus.engines import ingest
    from tacitus.store import Store
    options = {"scheduler": args.scheduler, "staging": args.staging} if args.engine == "dask" else {}
    with Store(args.db) as store:
        progress = ingest(args.paths, store, engine=args.engine, workers=args.workers, default_date=args.date,
                          **options)
        counts = store.counts()
    print(f"tacitus: {args.db}: {counts['articles']} articles, {counts['events']} coded events, "
          f"{counts['merged_events']} merged events, {counts['errors']} errors", file=sys.stderr)
    return 1 if progress.errors else 0


def cmd_export(args) -> int:
    import datetime as dt

    from tacitus.export import CORRECTION_FORMATS, FORMATS, export, export_corrections
    from tacitus.store import open as open_store
    if args.corrections and args.format not in CORRECTION_FORMATS:
        print(f"tacitus: --corrections writes {' or '.join(CORRECTION_FORMATS)}", file=sys.stderr)
        return 2
    if not args.corrections and args.format not in FORMATS:
        print(f"tacitus: unknown format {args.format!r} (one of {', '.join(FORMATS)})", file=sys.stderr)
        return 2
    for value in (args.since, args.until):
        try:
            value and dt.date.fromisoformat(value)
        except ValueError:
            print(f"tacitus: --since/--until must be YYYY-MM-DD, not {value!r}", file=sys.stderr)
            return 2
    with open_store(args.db) as store:
        def write(out):
            if args.corrections:
                return export_corrections(store, args.format, out)
            return export(store, args.format, out, since=args.since, until=args.until)
        if args.output:
            with open(args.output, "wb") as out:
                n = write(out)
        else:
            n = write(sys.stdout.buffer)
            sys.stdout.buffer.flush()
    print(f"tacitus: exported {n} {'corrections' if args.corrections else 'events'}", file=sys.stderr)
    return 0


def cmd_query(args) -> int:
    import duckdb

    import pandas as pd
    from tacitus.store import read_only_query
    try:
        frame = read_only_query(args.db, args.sql)
    except (ValueError, duckdb.Error) as exc:
        print(f"tacitus: {exc}", file=sys.stderr)
        return 2
    with pd.option_context("display.max_rows", args.max_rows, "display.max_columns", None, "display.width", 200,
                           "display.max_colwidth", 60):
        print(frame.to_string(index=False) if len(frame) <= args.max_rows else frame)
    return 0


def cmd_serve(args) -> int:
    import os

    import uvicorn

    from tacitus.web.api import create_app
    token = os.environ.get("TACITUS_TOKEN") or None
    if args.token_file:
        token = Path(args.token_file).read_text(encoding="utf-8").strip() or None
    app = create_app(args.db, token=token)
    if not token:
        print("tacitus: no token configured (TACITUS_TOKEN or --token-file): coding and reviews are refused",
              file=sys.stderr)
    print(f"tacitus: serving {args.db} on http://{args.host}:{args.port}/ (API docs at /docs)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", limit_concurrency=200)
    return 0


CODER_OPTION = dict(choices=["model", "rules"], default="model",
                    help="model: trigger rules checked and recoded by the learned classifier (default); "
                         "rules: the lexicon and dependency rules alone")
PARSE_OPTION = dict(choices=["events", "all"], default="events",
                    help="events: parse only the sentences that name two actors, found by skimming (default); "
                         "all: parse every sentence")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tacitus", description="Political event data from news articles.")
    parser.add_argument("--version", action="version", version=f"tacitus {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("code", help="code articles into events")
    p.add_argument("paths", nargs="+", help="text/HTML files, JSONL/CSV/JSON record files, or folders")
    p.add_argument("--date", help="publication date (YYYY-MM-DD) for inputs that give none")
    p.add_argument("--format", choices=["table", "json", "jsonl"], default="table")
    p.add_argument("--workers", type=int, default=1, help="processes to code in (default 1)")
    p.add_argument("--actors", help="your own actor table: TSV with columns code, name, aliases, country, sector")
    p.add_argument("--coder", **CODER_OPTION)
    p.add_argument("--parse", **PARSE_OPTION)
    p.set_defaults(func=cmd_code)

    p = sub.add_parser("classify", help="code (sentence, source, target) rows of a TSV file")
    p.add_argument("pairs", help="TSV with header sentence, source, target")
    p.add_argument("--coder", **CODER_OPTION)
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser("info", help="versions, spaCy pipeline, table sizes")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("eval", help="score the coder on gold-coded data")
    p.add_argument("--data", default=str(DEFAULT_DATA), help="folder with gold/ (default ../shared/data)")
    p.add_argument("--limit", type=int, help="at most this many items per file")
    p.add_argument("--coder", **CODER_OPTION)
    p.add_argument("--parse", **PARSE_OPTION)
    p.add_argument("--corrections", metavar="DB", help="score against the reviews in this store instead")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("schema", help="print the JSON Schema of coded output")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("ingest", help="code articles into a DuckDB event store (resumable)")
    p.add_argument("paths", nargs="+", help="as for `code`, plus .jsonl.gz, .jsonl.zst and WARC files")
    p.add_argument("--db", required=True, help="DuckDB file (created if missing)")
    p.add_argument("--date", help="publication date (YYYY-MM-DD) for inputs that give none")
    p.add_argument("--workers", type=int, default=1, help="processes or Dask workers to code in (default 1)")
    p.add_argument("--engine", choices=["local", "dask"], default="local")
    p.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 (default: a local cluster)")
    p.add_argument("--staging", help="Parquet staging folder the Dask workers share (default: beside --db)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("export", help="write the merged events of a store in an exchange format")
    p.add_argument("--db", required=True, help="DuckDB event store")
    p.add_argument("--format", required=True, help="plover-jsonl, gdelt, icews, csv, parquet (or a plug-in's)")
    p.add_argument("--since", help="first event date (YYYY-MM-DD)")
    p.add_argument("--until", help="last event date (YYYY-MM-DD)")
    p.add_argument("--output", help="file to write (default stdout)")
    p.add_argument("--corrections", action="store_true",
                   help="write the reviewers' verdicts and corrections instead (--format csv or jsonl)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("query", help="run a read-only SQL SELECT on a store and print the result")
    p.add_argument("sql", help='e.g. "SELECT plover, count(*) FROM merged_events GROUP BY 1"')
    p.add_argument("--db", required=True, help="DuckDB event store")
    p.add_argument("--max-rows", type=int, default=100, help="rows printed in full (default 100)")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("serve", help="REST API and dashboard over a store (http://127.0.0.1:8000/)")
    p.add_argument("--db", required=True, help="DuckDB event store (the server is its one writer)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--token-file", help="file holding the token write endpoints need (else $TACITUS_TOKEN)")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "date", None):
        import datetime as dt
        try:
            dt.date.fromisoformat(args.date)
        except ValueError:
            print(f"tacitus: --date must be YYYY-MM-DD, not {args.date!r}", file=sys.stderr)
            return 2
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except (OSError, ValueError) as exc:  # missing or unwritable files, a full disk: no traceback
        print(f"tacitus: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
