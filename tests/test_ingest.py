"""Ingest end to end with the spaCy coder: merging across outlets, idempotency, kill -9 and resume,
errors per record, compressed and WARC inputs, the Dask engine."""
import gzip
import io
import json
import signal
import subprocess
import sys

import pytest

from tacitus.engines import Progress, ingest
from tacitus.reading import ReadError, read_paths
from tacitus.store import Store

pytestmark = pytest.mark.slow

CALL = [
    {"id": "wire-1", "outlet": "Wire One", "date": "2024-04-03",
     "text": "U.S. President Joe Biden spoke by phone with Chinese President Xi Jinping on Tuesday, the White "
             "House said. The two leaders discussed trade."},
    {"id": "paper-2", "outlet": "Daily Paper", "date": "2024-04-03",
     "text": "Chinese President Xi Jinping held a phone call with U.S. President Joe Biden on April 2, 2024, "
             "state media reported."},
]
OTHER = [
    "Russian forces shelled the Ukrainian city of Kharkiv on Thursday, officials said.",
    "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Monday.",
    "Israel accused Iran on Wednesday of arming militants in Lebanon.",
    "Turkish President Recep Tayyip Erdogan visited Moscow on Friday for talks with Vladimir Putin.",
    "The United Nations condemned North Korea on Tuesday for a missile launch.",
    "Japan and South Korea signed a defence agreement in Tokyo on Thursday.",
]


def records(n_other: int = 6, copies: int = 1) -> list[dict]:
    out = list(CALL)
    for c in range(copies):
        for i, text in enumerate(OTHER[:n_other]):
            out.append({"id": f"other-{c}-{i}", "outlet": f"Outlet {c % 3}", "date": f"2024-05-{10 + c % 9:02}",
                        "text": text})
    return out


def write_jsonl(path, rows, bad=True):
    lines = [json.dumps(r) for r in rows]
    if bad:
        lines.insert(2, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n")
    return path


def snapshot(db) -> dict:
    """Everything a run leaves in the store, in a comparable form."""
    with Store(db, read_only=True) as s:
        return {"counts": s.counts(),
                "events": s.sql("SELECT id, article_id FROM events ORDER BY id").values.tolist(),
                "merged": s.sql("SELECT id, num_mentions, num_articles, num_sources FROM merged_events "
                                "ORDER BY id").values.tolist(),
                "links": s.sql("SELECT * FROM event_merges ORDER BY event_id").values.tolist(),
                "errors": s.sql("SELECT record, reason FROM errors ORDER BY record").values.tolist()}


def quiet():
    return Progress(stream=io.StringIO())


def test_two_reports_of_one_call_are_one_event(tmp_path):
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        progress = ingest([write_jsonl(tmp_path / "a.jsonl", records(2))], store, progress=quiet())
        call = store.sql("SELECT * FROM merged_events "
                         "WHERE plover = 'CONSULT' AND 'CHNGOV' IN (source_codes, target_codes)")
    assert progress.articles == 4 and progress.errors == 1
    assert len(call) == 1
    assert call.iloc[0][["num_articles", "num_sources"]].tolist() == [2, 2]
    assert str(call.iloc[0]["date"])[:10] == "2024-04-02"


def test_ingest_twice_gives_the_same_store_and_keeps_bad_records(tmp_path):
    db = tmp_path / "e.duckdb"
    path = write_jsonl(tmp_path / "a.jsonl", records(4))
    with Store(db) as store:
        ingest([path], store, progress=quiet())
    first = snapshot(db)
    with Store(db) as store:
        again = ingest([path], store, progress=quiet())
    assert again.articles == 0 and again.skipped == 6
    assert snapshot(db) == first
    assert [r for r, _ in first["errors"]] == ["a.jsonl line 3"]
    assert first["counts"]["articles"] == 6


RUN = """
import sys
from tacitus.engines import Progress, ingest
from tacitus.store import Store
with Store(sys.argv[1]) as store:
    ingest([sys.argv[2]], store, workers=int(sys.argv[3]), progress=Progress(every=0), batch_size=2)
"""


def test_kill_9_then_resume_equals_a_clean_run(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", records(6, copies=4))  # 26 articles
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    subprocess.run([sys.executable, "-c", RUN, str(clean), str(path), "1"], check=True, capture_output=True)
    proc = subprocess.Popen([sys.executable, "-c", RUN, str(killed), str(path), "1"], stderr=subprocess.PIPE,
                            text=True)
    for line in proc.stderr:  # kill it in the middle, between or inside batches
        if line.startswith("articles 11"):
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < snapshot(killed)["counts"]["articles"] < 26
    subprocess.run([sys.executable, "-c", RUN, str(killed), str(path), "2"], check=True, capture_output=True)
    assert snapshot(killed) == snapshot(clean)


def test_compressed_jsonl_and_warc_inputs(tmp_path):
    import zstandard
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    rows = records(1)
    raw = ("\n".join(json.dumps(r) for r in rows) + "\n").encode()
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(raw))
    (tmp_path / "b.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(raw.replace(b'"id": "', b'"id": "z')))
    with open(tmp_path / "c.warc.gz", "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for n, (ctype, body) in enumerate([("text/html; charset=utf-8",
                                            f"<html><head><title>Call</title><meta property='article:published_time'"
                                            f" content='2024-04-03'></head><body><article><p>{CALL[0]['text']}</p>"
                                            "</article></body></html>"), ("image/png", "\x89PNG")]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://news.example/{n}", "response",
                                                          payload=io.BytesIO(body.encode()), http_headers=headers))
    items = list(read_paths([tmp_path]))
    articles = [i for i in items if not isinstance(i, ReadError)]
    assert [a.id for a in articles] == ["wire-1", "paper-2", "other-0-0", "zwire-1", "zpaper-2", "zother-0-0",
                                        "https://news.example/0"]  # the PNG response is skipped
    page = next(a for a in articles if a.id.startswith("https"))
    assert page.date == "2024-04-03" and page.url == "https://news.example/0" and "Xi Jinping" in page.text
    (tmp_path / "d.jsonl.gz").write_bytes(b"\x1f\x8b not really gzip")
    errors = [i for i in read_paths([tmp_path / "d.jsonl.gz"]) if isinstance(i, ReadError)]
    assert errors and "decompressed" in errors[0].reason


def test_dask_engine_gives_the_same_store(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", records(6, copies=2))
    local, dask = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    with Store(local) as store:
        ingest([path], store, progress=quiet())
    with Store(dask) as store:
        progress = ingest([path], store, engine="dask", workers=2, progress=quiet(), partition_size=4)
    assert progress.articles == 14
    assert snapshot(dask) == snapshot(local)
    assert not (tmp_path / "dask.duckdb.parts").exists()
    with Store(dask) as store:  # again: nothing new is coded
        assert ingest([path], store, engine="dask", workers=2, progress=quiet()).articles == 0
    assert snapshot(dask) == snapshot(local)
