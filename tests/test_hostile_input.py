"""Hostile input through `tacitus code` and `tacitus ingest`, as real processes on real files: each bad
record is named with its reason, every good one is coded, the exit status says something failed, and
what a store already holds does not change."""
import json
import subprocess
import sys

import duckdb
import pytest

pytestmark = pytest.mark.slow

TACITUS = [sys.executable, "-m", "tacitus.cli"]
DATE = "2024-01-10"
SECRETS = ("SECRET-SCRIPT", "SECRET-STYLE", "SECRET-HANDLER", "SECRET-NOSCRIPT", "SECRET-TEMPLATE")

# A sentence of over 100,000 characters without a full stop: longer than one parse (tacitus.pipeline.PARSE_CHARS).
CLAUSES = ["the talks went on", "delegates waited in the hall", "aides carried papers between rooms",
           "reporters stood outside", "nobody said much"]
LONG = "Russia accused Ukraine of shelling the border town on Friday, " + ", and ".join(
    CLAUSES[i % len(CLAUSES)] for i in range(4600))


def record(id, text, **fields):
    return json.dumps({"id": id, "text": text, **fields})


GOOD_RECORDS = [
    record("jp", "Japan praised South Korea on Monday.", date="2023-03-07"),
    record("cn", "China accused Taiwan of provocation.", date="2022-08-05"),
    record("year-1", "Iran condemned Iraq on Friday.", date="0001-01-01"),
    record("year-9999", "Iran condemned Iraq on Friday and will meet Iraqi leaders next year.", date="9999-12-31"),
    record("year-1800", "Egypt condemned Sudan on Friday.", date="1800-01-01"),
    record("yesterday", "Syria blamed Israel for the strike.", date="yesterday"),
]
# record label -> what its message must say
BAD = {
    "empty.txt": "empty file",
    "blank.txt": "file has only whitespace",
    "report.pdf": "binary content (looks like PDF)",
    "scan.txt": "binary content (looks like PDF)",
    "noise.txt": "binary content (has NUL bytes)",
    "latin1.txt": "not valid UTF-8 at byte 4",
    "huge.txt": "text larger than 10 MB",
    "records.jsonl line 2": "line is not valid JSON",
    "records.jsonl line 3": "field 'text' should be a string, not a number",
    "records.jsonl line 4": "field 'id' should be a string or number, not a list",
    "records.jsonl line 5": "record has no 'text' field",
    "records.jsonl line 6": "duplicate id 'jp' (first seen at records.jsonl line 1)",
    "records.jsonl line 7": "not English (looks like Arabic script)",
    "records.jsonl line 8": "not English (looks like Chinese/Japanese script)",
    "records.jsonl line 9": "not English (looks like Russian/Cyrillic script)",
    "records.jsonl line 10": "line is not valid JSON: nested too deeply",
    "records.jsonl line 11": "record is not an object (found a number)",
    "records.jsonl line 12": "field 'date' should be a string, not a list",
    "records.jsonl line 13": "field 'text' should be a string, not a number",
    "records.jsonl line 14": "not English (looks like Russian/Cyrillic script)",
}
CODED = {"good": "IRN", "long": "RUS", "nested": "JPN", "script": "CHN",
         "jp": "JPN", "cn": "CHN", "year-1": "IRN", "year-9999": "IRN", "year-1800": "EGY", "yesterday": "SYR"}


def write_hostile(folder):
    folder.mkdir()
    (folder / "good.txt").write_text("Iran condemned the United States on Friday.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\t \n\n", encoding="utf-8")
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"
    (folder / "report.pdf").write_bytes(pdf)
    (folder / "scan.txt").write_bytes(pdf)
    (folder / "noise.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes("Paris condemned Berlin.".encode("latin-1").replace(b"s", b"\xe9", 1))
    (folder / "huge.txt").write_text(("Iran condemned the United States on Friday. " * 100 + "\n") * 4800,
                                     encoding="utf-8")  # about 21 MB
    (folder / "long.txt").write_text(LONG, encoding="utf-8")
    (folder / "nested.html").write_text(
        "<html><body>" + "<div>" * 5000 + "<p>Japan praised South Korea on Monday.</p>" + "</div>" * 5000
        + "</body></html>", encoding="utf-8")
    (folder / "script.html").write_text(
        "<html><head><title>Strait</title><style>p { color: red } /* SECRET-STYLE */</style>"
        "<script>var leak = 'SECRET-SCRIPT';</script></head><body><article>"
        "<p>China accused Taiwan of provocation on Tuesday.</p>"
        "<img src=x onerror=\"alert('SECRET-HANDLER')\"><script>document.write('SECRET-SCRIPT')</script>"
        "<noscript>SECRET-NOSCRIPT</noscript><template><p>SECRET-TEMPLATE</p></template>"
        "<p onclick=\"SECRET-HANDLER\">Officials in Taipei rejected the charge.</p></article></body></html>",
        encoding="utf-8")
    lines = [
        GOOD_RECORDS[0],
        '{"id": "broken", "text": "Japan praised',
        record("text-number", 42),
        json.dumps({"id": ["a", "list"], "text": "Iran condemned Iraq."}),
        json.dumps({"id": "no-text", "title": "Nothing here"}),
        record("jp", "Germany criticised France on Monday."),
        record("ar", "اجتمع وزراء خارجية البلدين في العاصمة وناقشوا قضايا الصيد والتعاون الاقتصادي بين البلدين"),
        record("zh", "两国外交部长在首都会晤，讨论了渔业问题和双边经济合作的前景以及地区安全局势，并同意明年再次会面。"),
        record("ru", "Министры иностранных дел двух стран встретились в столице и обсудили вопросы рыболовства."),
        "[" * 100_000 + "]" * 100_000,
        "12345",
        record("date-list", "Iran condemned Iraq.", date=["2024", "01"]),
        # these two reuse ids the store already holds: a bad record must not touch the stored article
        record("keep-1", 7),
        record("keep-2", "Президент России Владимир Путин провёл переговоры с председателем КНР в Пекине."),
        *GOOD_RECORDS[1:],
    ]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def run(*args):
    return subprocess.run([*TACITUS, *args], capture_output=True, text=True, timeout=600)


def lines_naming(stderr: str, label: str) -> list[str]:
    return [line for line in stderr.splitlines() if f" {label}:" in line]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return write_hostile(tmp_path_factory.mktemp("hostile") / "in")


@pytest.fixture(scope="module")
def coded(hostile):
    result = run("code", str(hostile), "--format", "jsonl", "--date", DATE)
    return result, {r["article"]["id"]: r for r in map(json.loads, result.stdout.splitlines())}


def test_code_names_every_bad_record_and_codes_the_rest(coded):
    result, out = coded
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for label, reason in BAD.items():
        named = lines_naming(result.stderr, label)
        assert len(named) == 1 and reason in named[0], (label, named)
    assert f"{len(BAD)} record(s) could not be coded" in result.stderr
    assert set(out) == set(CODED)
    for id, country in CODED.items():
        countries = {a["country"] for e in out[id]["events"] for a in e["source"] + e["target"]}
        assert country in countries, (id, out[id]["events"])


def test_code_keeps_page_scripts_and_styles_out(coded):
    _, out = coded
    assert not [s for s in SECRETS if s in json.dumps(out)]


def test_code_dates_at_the_ends_of_the_calendar(coded):
    _, out = coded
    assert [out[i]["article"]["date"] for i in ("year-1", "year-9999", "year-1800")] == \
        ["0001-01-01", "9999-12-31", "1800-01-01"]
    assert out["yesterday"]["article"]["date"] == DATE  # the unreadable date gives way to --date, with a warning
    assert "'yesterday'" in out["yesterday"]["article"]["warnings"][0]["message"]
    for id in ("year-1", "year-9999", "year-1800"):
        for e in out[id]["events"]:
            assert e["date"] is None or "0001-01-01" <= e["date"] <= "9999-12-31"


def rows(db) -> dict[str, set]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: set(con.execute(f"SELECT * FROM {t}").fetchall())
                for t in ("articles", "events", "merged_events", "event_merges")}
    finally:
        con.close()


@pytest.fixture(scope="module")
def ingested(hostile, tmp_path_factory):
    """A store holding a good batch, then the hostile folder ingested into it."""
    folder = tmp_path_factory.mktemp("store")
    good = folder / "kept.jsonl"
    good.write_text("\n".join([
        record("keep-1", "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Monday.",
               date="2024-03-01", outlet="Wire One"),
        record("keep-2", "The United Nations condemned North Korea on Tuesday for a missile launch.",
               date="2024-03-06", outlet="Wire Two"),
        record("keep-3", "Israel accused Iran on Wednesday of arming militants in Lebanon.", date="2024-03-07"),
    ]) + "\n", encoding="utf-8")
    db = folder / "events.duckdb"
    first = run("ingest", str(good), "--db", str(db))
    assert first.returncode == 0, first.stderr
    before = rows(db)
    result = run("ingest", str(hostile), "--db", str(db), "--date", DATE)
    return db, before, result


def test_ingest_keeps_what_was_stored(ingested):
    db, before, result = ingested
    assert result.returncode == 1 and "Traceback" not in result.stderr
    after = rows(db)
    assert len(before["articles"]) == 3 and len(before["events"]) >= 3
    for table, kept in before.items():
        assert kept <= after[table], table  # every row stored before is there, unchanged
    assert {r[0] for r in after["articles"]} == {"keep-1", "keep-2", "keep-3"} | set(CODED)


def test_ingest_stores_each_bad_record_with_its_reason(ingested):
    db, _, result = ingested
    con = duckdb.connect(str(db), read_only=True)
    try:
        errors = dict(con.execute("SELECT record, reason FROM errors").fetchall())
        texts = " ".join(t for (t,) in con.execute("SELECT text FROM articles").fetchall())
    finally:
        con.close()
    assert set(errors) == set(BAD)
    for label, reason in BAD.items():
        assert reason in errors[label]
    assert not [s for s in SECRETS if s in texts]
    assert "Officials in Taipei rejected the charge." in texts
    assert "errors" in result.stderr.splitlines()[-1]


def test_an_article_over_spacys_limit_is_coded_and_not_the_end_of_its_batch(coder, monkeypatch):
    # The limits made small: the same path as a 2 MB article against spaCy's 1,000,000 characters.
    from tacitus import pipeline
    from tacitus.reading import read_text
    monkeypatch.setattr(coder.nlp, "max_length", 3000)
    monkeypatch.setattr(pipeline, "PARSE_CHARS", 1000)
    story = "\n".join(["Japan praised South Korea on Monday for the fisheries agreement."] * 100)
    articles = [read_text("Iran condemned the United States on Friday.", id="a", date=DATE),
                read_text(story, id="long", date=DATE), read_text("China accused Taiwan.", id="c", date=DATE)]
    coded = list(coder.code_articles(articles))
    assert [a.id for a, _ in coded] == ["a", "long", "c"]
    assert all(events and not a.warnings for a, events in coded)
    assert len(coded[1][1]) == 100
