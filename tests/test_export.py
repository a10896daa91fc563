"""Export formats: GDELT's 61 columns, ICEWS's header, PLOVER's JSON fields, tables, plug-ins."""
import csv
import io
import json
import re

import pandas as pd
import pytest

from tacitus.export import FORMATS, GDELT_COLUMNS, ICEWS_COLUMNS, export, register
from tacitus.store import Store
from test_store import event, write

REFERENCE = "reference/formats"


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "events.duckdb") as s:
        write(s, {("a", "Wire", "2024-04-03"): [event("a", 0, "2024-04-02", "relative")],
                  ("b", "Paper", "2024-04-03"): [event("b", 0, "2024-04-02", src="CHNGOV", tgt="USAGOV"),
                                                 event("b", 100, "2024-03-30", src="RUSMIL", tgt="UKRGOV",
                                                       plover="ASSAULT")]})
        # A located event: the geo columns are filled from Event.location.
        s._run("UPDATE merged_events SET location = ? WHERE plover = 'ASSAULT'",
               [json.dumps({"name": "Kharkiv", "country": "UKR", "lat": 49.99, "lon": 36.23})])
        yield s


def run(store, name, **kw) -> bytes:
    out = io.BytesIO()
    export(store, name, out, **kw)
    return out.getvalue()


def test_gdelt_has_61_columns_per_line(store):
    lines = run(store, "gdelt").decode().splitlines()
    assert len(lines) == 2 and len(GDELT_COLUMNS) == 61
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in lines]
    assert all(len(line.split("\t")) == 61 for line in lines)
    call = next(r for r in rows if r["EventRootCode"] == "04")
    assert call["Day"] == "20240402" and call["NumArticles"] == "2" and call["NumSources"] == "2"
    assert call["ActionGeo_Lat"] == "" and call["DATEADDED"] == "20240403000000"
    attack = next(r for r in rows if r["EventRootCode"] == "19")
    assert attack["ActionGeo_Fullname"] == "Kharkiv" and attack["ActionGeo_Lat"] == "49.99"
    assert attack["ActionGeo_CountryCode"] == "UP"  # GDELT's geography uses FIPS 10-4: Ukraine is UP
    assert attack["Actor1Code"] == "RUSMIL" and attack["QuadClass"] == "4"


def test_gdelt_columns_match_reference(shared_data):
    names = [line.split()[0] for line in (shared_data.parent / REFERENCE / "gdelt2_events_columns.txt").read_text()
             .splitlines() if line.strip() and not line.startswith("#")]
    assert names == GDELT_COLUMNS


def test_icews_header_equals_sample(store, shared_data):
    sample = (shared_data.parent / REFERENCE / "icews_events_2018_sample.tab").read_text().splitlines()[0]
    assert sample.split("\t") == ICEWS_COLUMNS
    rows = list(csv.reader(io.StringIO(run(store, "icews").decode()), delimiter="\t"))
    assert "\t".join(rows[0]) == sample
    assert all(len(r) == len(ICEWS_COLUMNS) for r in rows)
    attack = next(r for r in rows[1:] if r[6] == "190")
    assert attack[4] == "Russia" and attack[10] == "Ukraine" and attack[18] == "49.99"


def _manual_fields(shared_data):
    """(field names, required ones) from the PLOVER JSON table of the manual."""
    tex = (shared_data.parent / "reference/plover/PLOVER_MANUAL.tex").read_text()
    table = tex[tex.index(r"\caption{PLOVER JSON }"):tex.index(r"\label{tab:json}")]
    rows = re.findall(r"^([a-z\\_]+)\s*&.*?&.*?&\s*([YN])\s*\\\\", table, re.M)
    return {n.replace("\\_", "_"): r == "Y" for n, r in rows}


def test_plover_json_follows_the_manual(store, shared_data):
    fields = _manual_fields(shared_data)
    assert len(fields) == 23 and {f for f, r in fields.items() if r} == {"id", "date", "actor", "event"}
    records = [json.loads(line) for line in run(store, "plover-jsonl").decode().splitlines()]
    assert len(records) == 2
    for r in records:
        assert all(r.get(f) not in (None, []) for f, required in fields.items() if required)
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", r["date"]) and r["quad_code"] in (1, 2, 3, 4)
        assert isinstance(r["event"], list) and isinstance(r["mode"], list) and isinstance(r["context"], list)
        for entity in r["actor"] + r["recipient"]:
            assert len(entity["code"]) == 3 and set(entity) <= {"code", "sector", "entity_text", "identifier_id",
                                                                "identifier_text", "religion", "ethnicity",
                                                                "office", "gender", "age"}
        assert set(r["text_info"]) <= {"sequence", "start", "end", "text_story"}
    attack = next(r for r in records if r["event"] == ["ASSAULT"])
    assert attack["event_loc"]["lat"] == 49.99


def test_since_until_and_tables(store, tmp_path):
    assert len(run(store, "gdelt", since="2024-04-01").decode().splitlines()) == 1
    assert len(run(store, "gdelt", until="2024-03-31").decode().splitlines()) == 1
    frame = pd.read_csv(io.BytesIO(run(store, "csv")))
    assert len(frame) == 2 and "num_mentions" in frame.columns
    assert len(pd.read_parquet(io.BytesIO(run(store, "parquet")))) == 2


def test_a_plugin_format_uses_the_same_registry(store):
    @register("ids", ".txt", "merged event ids")
    def write_ids(events, out):
        out.write("".join(f"{i}\n" for i in events.id).encode())
    try:
        assert len(run(store, "ids").splitlines()) == 2 and FORMATS["ids"].suffix == ".txt"
    finally:
        FORMATS.pop("ids")
    with pytest.raises(ValueError):
        run(store, "nope")
