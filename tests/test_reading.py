"""Reading inputs into Articles: each format, each way an input can be bad, captions and credits."""
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.reading import ReadError, captions, find_excluded, read_paths, read_text
from tacitus.records import Article

STORY = ("The foreign ministers of Chile and Peru met in Lima to talk about fishing rights. "
         "They agreed to set up a joint commission and to meet again before the end of the year. "
         "Officials from both sides said the talks had been friendly and that the two countries "
         "would share data on fish stocks with each other from now on.")

CAPTIONED = ("Farmers block a road with tractors outside the capital on Monday. Photo by Ana Souza/UPI |\n"
             "License Photo\n"
             "March 3 (UPI) -- Farmers blocked roads around the capital for a second day on Tuesday, "
             "demanding that the government drop a new tax on diesel.\n"
             "The agriculture minister said he would meet their leaders this week.")


def read(tmp_path: Path, name: str, content, **kw) -> list:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return list(read_paths([path], **kw))


def only(items) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def error(items) -> ReadError:
    assert len(items) == 1 and isinstance(items[0], ReadError), items
    return items[0]


# -- formats ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["talks.txt", "talks.text", "talks"])
def test_plain_text_file(tmp_path, name):
    a = only(read(tmp_path, name, STORY + "\n"))
    assert a.id == "talks" and a.title is None and a.text == STORY
    assert a.date is None and a.date_basis == "unknown"


def test_html_keeps_the_story_and_drops_the_page_around_it(tmp_path):
    page = f"""<html><head><title>Chile and Peru agree on fish</title>
    <meta property="article:published_time" content="2021-06-02T08:00:00Z">
    <script>var tracking = "Share this now";</script><style>p {{ color: red }}</style></head>
    <body><nav><li>Home</li><li>World</li></nav>
    <h1>Chile and Peru agree on fish</h1>
    <figure><img src="x.jpg"><figcaption>Fishing boats in the harbour at Callao.</figcaption></figure>
    <p>{STORY}</p><ul><li>Both sides will name three members.</li></ul>
    <footer><p>All rights reserved by the site.</p></footer></body></html>"""
    a = only(read(tmp_path, "fish.html", page))
    assert a.title == "Chile and Peru agree on fish"
    assert a.date == "2021-06-02" and a.date_basis == "given"
    assert STORY in a.text and "Both sides will name three members." in a.text
    for gone in ("tracking", "color", "Home", "All rights reserved"):
        assert gone not in a.text
    caption = "Fishing boats in the harbour at Callao."
    assert [a.text[s:e] for s, e in captions(a)] == [caption]
    assert [a.text[s:e] for s, e in a.excluded] == [caption]


def test_html_title_from_h1_when_there_is_no_title(tmp_path):
    a = only(read(tmp_path, "fish.htm", f"<body><h1>Fishing deal</h1><p>{STORY}</p></body>"))
    assert a.title == "Fishing deal" and a.text == STORY


def test_jsonl_records_with_their_fields(tmp_path):
    lines = [{"id": "a1", "text": STORY, "title": "Fish", "date": "2017-11-21", "url": "http://x.test/a1",
              "outlet": "Daily Test"},
             {"text": STORY.replace("Lima", "Cusco"), "date": "2017-11-21T10:00:00Z"},
             {"id": 7, "text": STORY.replace("Lima", "Arica"), "date": "Nov 21, 2017"}]
    content = "\n".join(json.dumps(r) for r in lines[:2]) + "\n\n" + json.dumps(lines[2]) + "\n"
    a, b, c = read(tmp_path, "batch.jsonl", content)
    assert (a.id, a.title, a.url, a.outlet, a.date, a.date_basis) == \
        ("a1", "Fish", "http://x.test/a1", "Daily Test", "2017-11-21", "given")
    assert b.id == "batch:2" and b.date == "2017-11-21"
    assert c.id == "7" and c.date == "2017-11-21"


def test_json_list_and_single_record(tmp_path):
    many = read(tmp_path, "many.json", json.dumps([{"id": "x", "text": STORY}, {"id": "y", "text": STORY + " More."}]))
    assert [a.id for a in many] == ["x", "y"]
    assert only(read(tmp_path, "one.json", json.dumps({"id": "z", "text": STORY}))).id == "z"


def test_csv_with_and_without_id_column(tmp_path):
    rows = f'id,text,title\nk1,"{STORY}",Fish\n'
    assert only(read(tmp_path, "with_id.csv", rows)).id == "k1"
    rows = f'date,text,source\n2018-03-04,"{STORY}",The Paper\n2018-03-05,"{STORY} Again."," "\n'
    a, b = read(tmp_path, "no_id.csv", rows)
    assert (a.id, a.date, a.date_basis, a.outlet) == ("no_id:1", "2018-03-04", "given", "The Paper")
    assert b.id == "no_id:2"


def test_folder_is_read_recursively_in_name_order_skipping_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "b" / "two.txt").write_text(STORY + " Two.")
    (tmp_path / "a.txt").write_text(STORY + " One.")
    (tmp_path / "c.txt").write_text(STORY + " Three.")
    (tmp_path / ".hidden.txt").write_text(STORY)
    (tmp_path / ".cache" / "x.txt").write_text(STORY)
    assert [a.id for a in read_paths([tmp_path])] == ["a", "two", "c"]


def test_inputs_keep_their_order(tmp_path):
    for name in ("z.txt", "m.txt"):
        (tmp_path / name).write_text(STORY + name)
    assert [a.id for a in read_paths([tmp_path / "z.txt", str(tmp_path / "m.txt")])] == ["z", "m"]


# -- dates -----------------------------------------------------------------------------------------
def test_date_from_the_record_beats_the_dateline_and_the_default():
    text = "BEIRUT, Lebanon, Dec 5, 2018 (AFP) - " + STORY
    assert read_text(text, date="2018-12-05", default_date="2020-01-01").date_basis == "given"
    a = read_text(text, default_date="2020-01-01")
    assert (a.date, a.date_basis, a.outlet) == ("2018-12-05", "dateline", "AFP")
    assert a.dateline == "BEIRUT, Lebanon, Dec 5, 2018 (AFP) -"
    b = read_text("Nov. 21 (UPI) -- " + STORY, default_date="2017-11-21")
    assert (b.date, b.date_basis) == ("2017-11-21", "given"), "a dateline without a year does not date the story"


def test_unreadable_date_is_a_warning_not_an_error(tmp_path):
    a = only(read(tmp_path, "d.jsonl", json.dumps({"id": "d", "text": STORY, "date": "sometime last spring"})))
    assert a.date is None and a.date_basis == "unknown"
    assert [w.kind for w in a.warnings] == ["date"] and "sometime last spring" in a.warnings[0].message


def test_default_date_applies_to_undated_files(tmp_path):
    a = only(read(tmp_path, "s.txt", STORY, default_date="2019-07-01"))
    assert (a.date, a.date_basis) == ("2019-07-01", "given")


def test_record_outlet_is_kept_over_the_datelines():
    a = read_text("MOSCOW, March 3 (Reuters) - " + STORY, outlet="Wire Digest")
    assert a.outlet == "Wire Digest" and a.dateline == "MOSCOW, March 3 (Reuters) -"


# -- bad inputs ------------------------------------------------------------------------------------
@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"  \n\t \n", "file has only whitespace"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary content (looks like PDF)"),
    (b"PK\x03\x04\x14\x00\x06\x00", "binary content (looks like a ZIP archive or Word/Excel document)"),
    ("Caf\u00e9 talks".encode("utf-8") + b" then \xff\xfe broke", "not valid UTF-8 at byte 17"),
])
def test_bad_text_files(tmp_path, content, reason):
    e = error(read(tmp_path, "bad.txt", content))
    assert (e.record, e.reason) == ("bad.txt", reason)


def test_text_over_10_mb_is_refused(tmp_path):
    e = error(read(tmp_path, "huge.txt", (STORY + "\n") * (10 * 1024 * 1024 // len(STORY) + 1)))
    assert e.reason == "text larger than 10 MB"
    e = error(read(tmp_path, "huge.jsonl", json.dumps({"id": "h", "text": "word " * 2_200_000})))
    assert (e.record, e.reason) == ("huge.jsonl line 1", "text larger than 10 MB")


def test_missing_path(tmp_path):
    assert error(list(read_paths([tmp_path / "nowhere.txt"]))).reason == "no such file or folder"


def test_a_broken_jsonl_line_does_not_stop_the_others(tmp_path):
    good = [json.dumps({"id": f"g{i}", "text": STORY + f" Part {i}."}) for i in range(3)]
    lines = [good[0], '{"id": "b", "text": "unfinished" "x"}', good[1], b'{"id": "c", "text": "\xff"}', good[2]]
    content = b"\n".join(x if isinstance(x, bytes) else x.encode() for x in lines)
    items = read(tmp_path, "mixed.jsonl", content)
    assert [i.id if isinstance(i, Article) else i.record for i in items] == \
        ["g0", "mixed.jsonl line 2", "g1", "mixed.jsonl line 4", "g2"]
    assert items[1].reason == "line is not valid JSON: Expecting ',' delimiter at column 34"
    assert items[3].reason.startswith("not valid UTF-8 at byte ")


@pytest.mark.parametrize("record, reason", [
    ({"id": "n"}, "record has no 'text' field"),
    ({"id": "n", "text": None}, "record has no 'text' field"),
    ({"id": "n", "text": 42}, "field 'text' should be a string, not a number"),
    ({"id": "n", "text": STORY, "date": 20171121}, "field 'date' should be a string, not a number"),
    ({"id": "n", "text": STORY, "title": ["a"]}, "field 'title' should be a string, not a list"),
    ({"id": ["n"], "text": STORY}, "field 'id' should be a string or number, not a list"),
    ({"id": "n", "text": "   "}, "record has empty text"),
    (["not", "a", "record"], "record is not an object (found a list)"),
])
def test_mistyped_records(tmp_path, record, reason):
    e = error(read(tmp_path, "r.jsonl", json.dumps(record)))
    assert (e.record, e.reason) == ("r.jsonl line 1", reason)


def test_duplicate_ids(tmp_path):
    lines = [json.dumps({"id": "x", "text": STORY}), json.dumps({"id": "y", "text": STORY}),
             json.dumps({"id": "x", "text": STORY + " Again."})]
    items = read(tmp_path, "dup.jsonl", "\n".join(lines))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "ReadError"]
    assert items[2].reason == "duplicate id 'x' (first seen at dup.jsonl line 1)"


def test_csv_without_text_column(tmp_path):
    assert error(read(tmp_path, "t.csv", "id,body\n1,hello\n")).reason == "no 'text' column (columns: id, body)"


RUSSIAN = ("Министры иностранных дел двух стран встретились в столице и обсудили вопросы рыболовства. "
           "Они договорились создать совместную комиссию.")
FRENCH = ("Les ministres des affaires étrangères du Chili et du Pérou se sont rencontrés à Lima pour parler "
          "des droits de pêche. Ils ont décidé de créer une commission commune et de se revoir avant la fin "
          "de l'année. Selon les deux parties, les discussions ont été cordiales et les données sur les "
          "stocks de poissons seront partagées.")


@pytest.mark.parametrize("text, script", [(RUSSIAN, "Russian/Cyrillic script"), (FRENCH, "French")])
def test_articles_not_in_english_are_refused(tmp_path, text, script):
    assert error(read(tmp_path, "foreign.txt", text)).reason == f"not English (looks like {script})"
    assert read_text(text).warnings[-1].kind == "language"


@pytest.mark.parametrize("text", [
    "Putin met Xi.", "Strikes hit Aleppo", "Кремль: Putin said he would call Biden on Friday.",
    "Le Pen and Macron debated in Paris on Tuesday night."])
def test_short_english_texts_are_never_refused(tmp_path, text):
    only(read(tmp_path, "short.txt", text))


# -- captions, credits, boilerplate ----------------------------------------------------------------
def test_wire_caption_and_credit_are_excluded_with_offsets_kept():
    a = read_text(CAPTIONED, id="farm", date="2019-03-05")
    assert a.text == CAPTIONED
    caption = CAPTIONED.split("\n")[0]
    assert [a.text[s:e] for s, e in a.excluded] == [caption, "License Photo"]
    assert [a.text[s:e] for s, e in captions(a)] == [caption]
    assert a.dateline == "March 3 (UPI) --" and a.outlet == "UPI"


def test_wire_caption_run_into_the_body_on_one_line():
    text = CAPTIONED.replace("\n", " ")
    [(start, end)] = read_text(text).excluded
    assert start == 0 and text[:end].endswith("Photo by Ana Souza/UPI | License Photo")


@pytest.mark.parametrize("line, kind", [
    ("Soldiers patrol the border near Kilis. Photograph: Jo Bloggs/Reuters", "caption"),
    ("Smoke rises over the old city after the shelling. (AFP)", "caption"),
    ("The two leaders shake hands in Ankara. AFP via Getty Images", "caption"),
    ("A protester waves a flag (AP Photo/Sam Smith)", "caption"),
    ("Photograph: Jo Bloggs/Getty Images", "credit"),
    ("Getty Images", "credit"),
    ("Reuters/Jo Bloggs", "credit"),
    ("Share this article", "boilerplate"),
    ("Read more: Why the talks failed", "boilerplate"),
    ("Sign up for our morning briefing", "boilerplate"),
    ("Advertisement", "boilerplate"),
])
def test_captions_credits_and_boilerplate_lines(line, kind):
    text = f"{STORY}\n{line}\n{STORY}"
    start = len(STORY) + 1
    assert find_excluded(text) == [((start, start + len(line)), kind)]


@pytest.mark.parametrize("line", [
    "Russia's foreign minister said the photo by the agency was fake and would be withdrawn.",
    "Read the statement in full, the ministry urged, before judging the deal.",
    "Comments by the minister angered the opposition, which called for a vote.",
    "The deal was first reported by Reuters.",
])
def test_story_lines_are_not_excluded(line):
    assert find_excluded(f"{STORY}\n{line}") == []


# -- robustness ------------------------------------------------------------------------------------
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=400) | st.text(max_size=400).map(str.encode),
       suffix=st.sampled_from([".txt", ".html", ".jsonl", ".json", ".csv", ""]))
def test_any_bytes_give_articles_or_errors(tmp_path, content, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(content)
    for item in read_paths([path]):
        assert isinstance(item, (Article, ReadError))
        if isinstance(item, Article):
            assert all(0 <= s <= e <= len(item.text) for s, e in item.excluded)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600))
def test_read_text_never_raises(text):
    a = read_text(text)
    assert all(0 <= s <= e <= len(a.text) for s, e in a.excluded)


# -- the development corpus, when present ----------------------------------------------------------
@pytest.mark.shared
def test_guardian_corpus_reads_whole(shared_data):
    items = list(read_paths([shared_data / "corpus" / "guardian_syria_2017_2019.csv"]))
    assert len(items) == 249
    assert all(isinstance(a, Article) and a.date and a.date_basis == "given" and a.outlet for a in items)
    assert len({a.id for a in items}) == 249


@pytest.mark.shared
def test_seed_story_caption_and_dateline(shared_data):
    a = read_text((shared_data / "corpus" / "seed_upi_trump_putin_call.txt").read_text(encoding="utf-8"))
    assert a.dateline == "Nov. 21 (UPI) --" and a.outlet == "UPI" and a.date is None
    [(start, end)] = captions(a)
    assert start == 0 and a.text[:end].endswith("UPI |")
