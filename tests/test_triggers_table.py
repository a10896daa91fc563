import csv
from importlib import resources

import pytest

from tacitus.events.ontology import load_ontology, load_triggers


@pytest.fixture(scope="module")
def lex():
    return load_triggers()


def _rows():
    text = resources.files("tacitus.events").joinpath("data").joinpath("triggers.tsv").read_text()
    return list(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


def test_most_specific_row_wins(lex):
    assert lex.lookup("pay", "VERB", set(), {"visit"}).cameo == "042"
    plain = lex.lookup("pay", "VERB", set(), set())
    assert plain is None or plain.cameo != "042"
    assert lex.lookup("impose", "VERB", set(), {"sanction"}).cameo == "163"
    assert lex.lookup("sign", "VERB", set(), {"agreement"}).cameo == "057"
    assert lex.lookup("call", "VERB", {"for"}, set()).cameo == "020"
    assert lex.lookup("speak", "VERB", {"by", "with"}, {"phone"}).cameo == "041"


def test_common_news_triggers(lex):
    assert lex.lookup("host", "VERB", set(), {"visit"}).cameo == "043"
    assert lex.lookup("visit", "VERB", set(), set()).cameo == "042"
    assert lex.lookup("meet", "VERB", {"with"}, set()).cameo == "040"
    assert lex.lookup("call", "NOUN", set(), {"phone"}).cameo == "041"
    assert lex.lookup("strike", "NOUN", set(), {"air"}).cameo == "195"
    assert lex.lookup("launch", "VERB", set(), {"attack"}).cameo == "190"
    assert lex.lookup("say", "VERB", set(), set()).note == "reporting"
    assert "summit" in lex.lemmas("NOUN") and "condemn" in lex.lemmas("VERB")


def test_rows_are_well_formed():
    codes = {c.code for c in load_ontology()}
    seen = set()
    for r in _rows():
        assert r["lemma"] == r["lemma"].lower() and r["lemma"].strip() == r["lemma"], r
        assert r["pos"] in ("VERB", "NOUN"), r
        assert r["cameo"] in codes, r
        key = (r["lemma"], r["pos"], r["prep"], r["object"])
        assert key not in seen, key
        seen.add(key)


SAMPLE_VERBS = ["say", "meet", "visit", "host", "condemn", "criticize", "accuse", "threaten", "sign",
                "arrest", "detain", "kill", "attack", "invade", "negotiate", "withdraw", "expel", "impose",
                "deploy", "shell", "bomb", "phone", "urge", "warn", "praise", "release", "seize"]
SAMPLE_NOUNS = ["summit", "talk", "sanction", "airstrike", "ceasefire", "protest", "negotiation",
                "attack", "visit", "meeting", "invasion", "arrest", "raid", "demonstration", "strike"]


@pytest.mark.slow
def test_lemmas_are_what_spacy_produces(lex):
    from tacitus import nlp
    pipeline = nlp.load()
    verbs, nouns = lex.lemmas("VERB"), lex.lemmas("NOUN")
    for verb in SAMPLE_VERBS:
        assert verb in verbs
        doc = pipeline(f"The officials will {verb} them.")
        assert doc[3].lemma_.lower() == verb, (verb, doc[3].lemma_)
    for noun in SAMPLE_NOUNS:
        assert noun in nouns
        doc = pipeline(f"They reported the {noun} on Monday.")
        assert doc[3].lemma_.lower() == noun, (noun, doc[3].lemma_)
