"""Properties that hold for any input: readers, the date resolver, the actor resolver and the coder
never raise, and what they return stays inside the text it came from.

Arbitrary bytes and text in the plain formats are covered in test_reading.py and arbitrary sentences
for the date resolver in test_when.py; these add arbitrary JSON records, archives, the ends of the
calendar and the spaCy stages.
"""
import datetime as dt
import gzip
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.pipeline import pieces
from tacitus.reading import ReadError, read_paths
from tacitus.records import Article
from tacitus.when import parse_date, resolve_date

FIXTURES = [HealthCheck.function_scoped_fixture]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
# Records with the fields a reader looks at, each of any JSON type, text often an English sentence.
field_values = {name: json_values for name in ("id", "title", "date", "url", "outlet", "source")}
records = st.fixed_dictionaries({}, optional={
    "text": st.sampled_from(["Iran condemned the United States on Friday.", "", "   "]) | json_values,
    **field_values, "date": st.sampled_from(["yesterday", "0001-01-01", "9999-12-31", "1800-01-01",
                                             "2017-02-30", "Tue, 21 Nov 2017"]) | json_values})


def check(item):
    assert isinstance(item, (Article, ReadError)), item
    if isinstance(item, ReadError):
        assert item.record and item.reason
        return
    assert isinstance(item.id, str) and item.id and isinstance(item.text, str) and item.text.strip()
    if item.date is not None:
        dt.date.fromisoformat(item.date)
    assert all(0 <= s <= e <= len(item.text) for s, e in item.excluded)


@settings(max_examples=120, deadline=None, suppress_health_check=FIXTURES)
@given(st.lists(records | json_values, min_size=1, max_size=5))
def test_any_json_records_give_one_article_or_error_per_line(tmp_path, values):
    path = tmp_path / "fuzz.jsonl"
    path.write_text("\n".join(json.dumps(v) for v in values), encoding="utf-8")
    items = list(read_paths([path]))
    assert len(items) == len(values)  # one line, one result, nothing lost
    for number, item in enumerate(items, 1):
        check(item)
        if isinstance(item, ReadError):
            assert item.record == f"fuzz.jsonl line {number}"
    (tmp_path / "fuzz.json").write_text(json.dumps(values), encoding="utf-8")
    for item in read_paths([tmp_path / "fuzz.json"]):
        check(item)


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURES)
@given(content=st.binary(max_size=300), compress=st.booleans(),
       suffix=st.sampled_from([".jsonl.gz", ".jsonl.zst", ".warc", ".warc.gz"]))
def test_any_bytes_in_archives_give_articles_or_errors(tmp_path, content, compress, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(gzip.compress(content) if compress and suffix.endswith(".gz") else content)
    for item in read_paths([path]):
        check(item)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_parse_date_gives_a_date_or_none(text):
    assert parse_date(text) is None or isinstance(parse_date(text), dt.date)


ENDS = st.sampled_from([dt.date.min, dt.date.min + dt.timedelta(days=3), dt.date(1, 3, 1),
                        dt.date.max, dt.date.max - dt.timedelta(days=3), dt.date(9999, 1, 1)]) | st.dates()
WORDS = ["on", "Monday", "Friday", "last", "next", "week", "month", "year", "Dec.", "31", "Jan.", "1", "Feb", "29",
         "9999", "0001", "1800", "two", "days", "later", "after", "before", "ago", "yesterday", "tomorrow", "in",
         "the", "following", "day", "a", "talks", ","]


@settings(max_examples=200, deadline=None)
@given(sentence=st.lists(st.sampled_from(WORDS), max_size=10).map(" ".join), trigger=st.integers(0, 80),
       publication=st.none() | ENDS, anchor=st.none() | ENDS, future=st.booleans())
def test_resolve_date_at_the_ends_of_the_calendar(sentence, trigger, publication, anchor, future):
    d = resolve_date(sentence, trigger, publication, future=future, anchor=anchor)
    if d.date is not None:
        dt.date.fromisoformat(d.date)
    assert d.basis in ("stated", "relative", "inferred", "publication", "unknown")


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=3000), size=st.integers(1, 400))
def test_pieces_give_the_text_back(text, size):
    parts = pieces(text, size)
    assert "".join(parts) == text
    assert all(len(p) <= size for p in parts) and all(parts[:-1])


# -- the spaCy stages -------------------------------------------------------------------------------
ACTOR_WORDS = ["Russian", "President", "Vladimir", "Putin", "the", "White", "House", "he", "they", "the pair",
               "U.S.", "US", "officials", "of", "Iran", "UN", "NATO", "rebels", "met", "said", "and", "with", "'s",
               "Foreign", "Minister", "Kremlin", "Chinese", "army", ".", ",", "Xi", "Jinping", "former", "Taliban"]
short_texts = st.text(max_size=80) | st.lists(st.sampled_from(ACTOR_WORDS), max_size=14).map(" ".join)
dates = st.none() | st.dates().map(dt.date.isoformat) | st.sampled_from(["2017", "2017-11", "yesterday", ""])


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=FIXTURES)
@given(text=short_texts, date=dates)
def test_actor_resolver_on_any_short_text(coder, text, date):
    doc = coder.nlp(text)
    for m in coder.resolver(doc, date):
        assert 0 <= m.start <= m.end <= len(doc) and 0 <= m.start_char <= m.end_char <= len(text)
        assert doc.text[m.start_char:m.end_char] == m.text
        for a in m.actors:
            assert a.code is None or a.code == a.code.upper()
            assert a.span is None or 0 <= a.span[0] <= a.span[1] <= len(text)


@pytest.mark.slow
@settings(max_examples=80, deadline=None, suppress_health_check=FIXTURES)
@given(text=short_texts, date=dates)
def test_coder_never_fails_on_any_short_text(coder, text, date):
    article, events = coder.code_text(text, date=date or None)
    assert not [w for w in article.warnings if w.kind == "error"], article.warnings
    for e in events:
        assert article.text[e.trigger.span[0]:e.trigger.span[1]] == e.trigger.text
        assert e.date is None or dt.date.fromisoformat(e.date)


@pytest.mark.slow
def test_a_long_text_parsed_in_pieces_codes_as_it_does_whole(coder, monkeypatch):
    from tacitus import pipeline
    paragraphs = ["Iran condemned the United States on Friday, officials said.",
                  "Japan praised South Korea on Monday for the agreement.",
                  "Russian forces shelled the Ukrainian city of Kharkiv on Thursday.",
                  "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Monday."] * 6
    text = "\n\n".join(paragraphs)
    whole = coder.code_text(text, date="2024-05-10")[1]
    monkeypatch.setattr(pipeline, "PARSE_CHARS", 400)
    assert len(pieces(text, 400)) >= 4
    chunked = coder.code_text(text, date="2024-05-10")[1]
    assert [e.to_dict() for e in chunked] == [e.to_dict() for e in whole] and len(whole) >= 20
