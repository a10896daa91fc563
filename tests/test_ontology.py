from pathlib import Path

import pytest

from tacitus.events.ontology import load_ontology, table_sizes
from tacitus.records import EventType

REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "reference"


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


def test_phone_call_is_verbal_cooperation_consult(onto):
    c = onto.get("041")
    assert (c.plover, c.mode, c.quad_class) == ("CONSULT", "phone", 1)
    assert c.intensity == 1.5


def test_event_type_is_the_schema_record(onto):
    et = onto.event_type("042")
    assert isinstance(et, EventType)
    assert (et.cameo, et.plover, et.mode, et.quad_class) == ("042", "CONSULT", "visit", 1)


def test_conventional_force_weights(onto):
    c = onto.get("190")
    assert c.goldstein == -10.0
    assert (c.plover, c.quad_class) == ("ASSAULT", 4)


def test_unknown_leaf_falls_back_to_parent_then_root(onto):
    assert onto.get("0415").code == "041"
    assert onto.get("049").code == "04"
    assert onto.get("99") is None


def test_every_code_has_a_plover_category_except_dropped_statements(onto):
    cats = set(onto.plover_categories())
    assert len(cats) == 16
    for c in onto:
        if c.code in ("01", "010"):  # PLOVER drops plain statements: no category fits
            assert c.plover == ""
            continue
        assert c.plover in cats, c.code


def test_quad_class_follows_the_root(onto):
    for c in onto:
        root = int(c.code[:2])
        assert c.quad_class == (1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4), c.code


def test_default_cameo(onto):
    assert onto.default_cameo("CONSULT", "phone") == "041"
    assert onto.default_cameo("CONSULT", "visit") == "042"
    assert onto.default_cameo("ASSAULT") == "190"
    assert onto.default_cameo("ASSAULT", "no-such-mode") == "190"
    assert onto.default_cameo("ASSAULT", "explosives") == "183"  # a bombing, of no stated kind
    for cat in onto.plover_categories():
        assert onto.get(onto.default_cameo(cat)).plover == cat


def test_sizes():
    sizes = table_sizes()
    assert sizes["cameo"] >= 300 and sizes["triggers"] > 1000


@pytest.mark.shared
def test_goldstein_matches_gdelt_file(onto):
    path = REFERENCE / "cameo" / "CAMEO.goldsteinscale.txt"
    if not path.exists():
        pytest.skip(f"needs {path}")
    for line in path.read_text().splitlines()[1:]:
        code, weight = line.split()
        assert onto.get(code).code == code
        assert onto.get(code).goldstein == float(weight), code
