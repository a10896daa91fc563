import io
import json
from pathlib import Path

import pytest

from tacitus import evaluation as ev
from tacitus.records import Actor, Article, Event, EventType, Sentence, Trigger



# ------------------------------------------------------------ a fake coder (no spaCy)

def actor(text, country=None, sector=None):
    code = (country or "") + (sector or "") or None
    return Actor(text=text, span=None, code=code, country=country, sector=sector, name=None)


def event(plover, cameo, source=(), target=(), confidence=0.5, modality="asserted"):
    return Event(id="e", article_id="a", sentence=Sentence(0, ""), trigger=Trigger("", (0, 0)),
                 event=EventType(plover, None, None, cameo, 1, 0.0, None),
                 source=list(source), target=list(target), date=None, date_text=None,
                 date_precision=None, date_basis="unknown", modality=modality, confidence=confidence)


class FakeCoder:
    """Answers from a table keyed by text; unknown texts give nothing."""

    def __init__(self, events=None, pairs=None):
        self.events, self.pairs = events or {}, pairs or {}

    def code_text(self, text, date=None):
        if text == "boom":
            raise ValueError("a coder bug")
        return Article(id="a", text=text), self.events.get(text, [])

    def classify_pair(self, sentence, source, target):
        return self.pairs.get(sentence, (None, None, 0.0))


# ------------------------------------------------------------ pure scoring

def test_classification_scores_known_confusion():
    gold = ["A", "A", "B", "B"]
    pred = ["A", "B", "B", None]
    s = ev.classification_scores(gold, pred)
    assert s["accuracy"] == 0.5
    assert s["abstained"] == 0.25
    # A: P 1, R .5, F1 2/3.  B: P .5, R .5, F1 .5.
    assert s["per_class"]["A"]["f1"] == pytest.approx(2 / 3)
    assert s["per_class"]["B"]["f1"] == pytest.approx(0.5)
    assert s["macro_f1"] == pytest.approx((2 / 3 + 0.5) / 2)
    assert s["per_class"]["B"]["support"] == 2


def test_classification_scores_perfect_and_empty():
    assert ev.classification_scores([1, 2, 3], [1, 2, 3])["macro_f1"] == 1.0
    assert ev.classification_scores([], [])["accuracy"] == 0.0


def test_plover_labels_across_revisions():
    assert ev.plover_label("DISAPPROVE") == "ACCUSE"
    assert ev.plover_label("fight") == "ASSAULT"
    assert ev.plover_label("RETREAT") == "RETREAT"
    assert ev.plover_label("RETREAT", merge_yield=True) == "YIELD"
    assert ev.plover_label(None) is None and ev.plover_label("") is None


@pytest.mark.parametrize("code,penta", [("010", 0), ("020", 0), ("036", 1), ("0431", 1), ("057", 1),
                                        ("061", 2), ("090", 2), ("111", 3), ("130", 3), ("1412", 4),
                                        ("173", 4), ("190", 4), ("202", 4), (None, 0)])
def test_penta_of_cameo(code, penta):
    assert ev.penta_of_cameo(code) == penta


def test_penta_prediction_takes_most_confident():
    events = [ev.Coded("CONSULT", "040", confidence=0.2), ev.Coded("ASSAULT", "190", confidence=0.9)]
    assert ev.penta_prediction(events) == 4
    assert ev.penta_prediction([]) == 0


def test_is_cameo_code():
    assert all(ev.is_cameo_code(c) for c in ("010", "064", "1711", "0356", "204"))
    assert not any(ev.is_cameo_code(c) for c in ("903", "345", "1717", "1010", "174K", "21", "210"))


def test_actor_matches():
    assert ev.actor_matches("USA", ev.Who("Washington", "USAGOV", "USA", "GOV"))
    assert ev.actor_matches("JAP", ev.Who("Tokyo", "JPN", "JPN"))
    assert ev.actor_matches("IGO", ev.Who("the UN", "IGOUNO", None, "IGO"))
    assert not ev.actor_matches("USA", ev.Who("someone", None, None))


def test_end_to_end_scores():
    usa, rus = ev.Who("US", "USA", "USA"), ev.Who("Russia", "RUS", "RUS")
    gold = [ev.GoldEvent("1", "t1", "CONSULT", ["USA"], ["RUS"]),
            ev.GoldEvent("2", "t2", "FIGHT", ["RUS"], []),
            ev.GoldEvent("3", "t3", "DEMAND", ["USA"], ["RUS"])]
    coded = {
        "t1": [ev.Coded("CONSULT", "040", (usa,), (rus,)), ev.Coded("AGREE", "030", (usa,), (rus,))],
        "t2": [ev.Coded("ASSAULT", "190", (rus,), ())],      # FIGHT is ASSAULT now; no gold target
        "t3": [ev.Coded("REQUEST", "100", (rus,), (usa,))],  # roles reversed
    }
    s = ev.end_to_end_scores(gold, coded)
    assert s["accuracy"] == 1.0
    assert s["actor_n"] == 2 and s["actor_accuracy"] == 0.5
    assert s["full_match"] == pytest.approx(2 / 3)
    assert s["extra_per_sentence"] == pytest.approx(2 / 3)  # the AGREE on t1, the REQUEST on t3


def test_cameo_scores_exact_root_extra_and_roles():
    gold = [ev.PetrSentence("s1", "x", [("ARN", "GON", "064"), ("GON", "ARN", "111")]),
            ev.PetrSentence("s2", "y", [])]
    arnor, gondor = ev.Who("Arnor"), ev.Who("the Gondor government")
    coded = {"s1": [ev.Coded(None, "064", (arnor,), (gondor,)), ev.Coded(None, "112")],
             "s2": [ev.Coded(None, "040")]}
    names = {"ARN": {"ARNOR"}, "GON": {"GONDOR"}}
    s = ev.cameo_scores(gold, coded, names)
    assert s["codings"] == 2 and s["accuracy"] == 0.5 and s["root_accuracy"] == 1.0
    assert s["extra"] == 1 and s["extra_per_correct"] == 1.0
    assert s["role_n"] == 1 and s["role_accuracy"] == 1.0


# ------------------------------------------------------------ loaders on tiny fixtures

PAIRS_TSV = ("uid\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\tgold_penta\n"
             "0\tArnor \"firmly\" accused Gondor.\t<s>Arnor</s> accused <t>Gondor</t>.\tArnor\tGondor\tACCUSE\t3\n"
             "1\tGondor gave way to Arnor.\t<s>Gondor</s> gave way to <t>Arnor</t>.\tGondor\tArnor\tYIELD\t2\n")

GSR_JSON = [
    {"id": "X-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "docs"},
    {"id": "X-AGREE-0001", "event": "AGREE", "text": "Arnor and Gondor agreed.",
     "source": [{"actorText": "Arnor", "code": "ARN"}], "target": [{"actorText": "Gondor", "code": "GON"}]},
    {"id": "X-PROTEST-0001", "event": "PROTEST", "text": "Crowds marched.",
     "source": [{"actorText": "Crowds", "code": "ARN", "sector": "CVL"}], "target": ""},
]

PETR_XML = """<Validation><Sentences>
<Sentence date="19950101" id="T-01" category="DEMO" sentence="true">
<!-- a comment -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore ties
with Gondor.
</Text>
<Parse>(ROOT)</Parse>
</Sentence>
<Sentence date="19950101" id="T-02" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
<Sentence date="19950101" id="T-03" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="903"></EventCoding>
<Text>A made-up code.</Text>
</Sentence>
<Sentence date="19950101" id="T-04" category="DEMO" sentence="false">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>Not implemented.</Text>
</Sentence>
<Sentence date="19950101" id="T-05" category="ERROR" sentence="true">
<EventCoding error="storydiscard"></EventCoding>
<Text>Discarded.</Text>
</Sentence>
</Sentences></Validation>
"""

ACTORS_TXT = """<!-- header -->
# a comment
ARNOR_  [ARN]
+ARNORIAN
GONDOR [GON]
GOLLUM  # note
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
UNITED_NATIONS  [UNO]
+U.N. #JW
"""


# Two rounds of the inter-coder summaries: coder 2 did not finish round 1; the second sentence is
# coded again in round 2, and its coders pool.
INTERCODER_ROUND_1 = (
    "ids,sentences,anncomplete_1,Action1_CAMEO_1,Action2_CAMEO_1,anncomplete_2,Action1_CAMEO_2,"
    "anncomplete_3,Action1_CAMEO_3\n"
    'a,"Arnor shelled Gondor, officials said.",True,4-19 Fight,0-1 Make Public Statement,False,3-11 Disapprove,'
    "True,4-19 Fight\n"
    'b,"Arnor and Gondor agreed.",True,1-3 Express Intent to Coop,,True,,True,1-4 Consult\n')
INTERCODER_ROUND_2 = (
    "ids,sentences,anncomplete_1,Action1_CAMEO_1\n"
    'c,"Arnor and  Gondor agreed.",True,1-3 Express Intent to Coop\n')


def write_data(root: Path) -> Path:
    gold = root / "gold"
    (gold / "petrarch_unittest").mkdir(parents=True)
    (gold / "conflibert").mkdir()
    (gold / "plv_train.tsv").write_text(PAIRS_TSV)
    (gold / "plover_gsr_cameo_manual.json").write_text(json.dumps(GSR_JSON))
    (gold / "petrarch_unittest" / "PETR.UnitTest.records.xml").write_text(PETR_XML)
    (gold / "petrarch_unittest" / "PETR.Validate.actors.txt").write_text(ACTORS_TXT)
    (gold / "conflibert" / "cameo_class_test.tsv").write_text(
        "Arnor restored ties with Gondor.\t2\nArnor shelled Gondor.\t4\nboom\t0\n")
    (gold / "cameo_intercoder").mkdir()
    (gold / "cameo_intercoder" / "training_round_1_summary.csv").write_text(INTERCODER_ROUND_1)
    (gold / "cameo_intercoder" / "training_round_2_summary.csv").write_text(INTERCODER_ROUND_2)
    return root


def test_load_intercoder_pools_rounds_and_keeps_roots_half_the_coders_gave(tmp_path):
    sentences = {s.text: s for s in ev.load_intercoder(write_data(tmp_path) / ev.INTERCODER_DIR)}
    shelled = sentences["Arnor shelled Gondor, officials said."]
    assert (shelled.roots, shelled.coders) == ({"19"}, 2)  # statements left out; coder 2 unfinished
    agreed = sentences["Arnor and Gondor agreed."]
    assert (agreed.roots, agreed.coders) == ({"03"}, 4)  # 03 from two of four; 04 from one


def test_root_scores():
    gold = [ev.CoderSentence("a", {"19"}, 3), ev.CoderSentence("b", {"03", "04"}, 3), ev.CoderSentence("c", set(), 3)]
    coded = {"a": [ev.Coded("ASSAULT", "190"), ev.Coded("ASSAULT", "195")],
             "b": [ev.Coded("AGREE", "036"), ev.Coded(None, "010")],
             "c": [ev.Coded("ACCUSE", "112")]}
    r = ev.root_scores(gold, coded)
    assert r["accuracy"] == pytest.approx(2 / 3) and r["precision"] == pytest.approx(2 / 3)
    assert r["extra"] == 1 and r["extra_per_sentence"] == pytest.approx(1 / 3)


def test_load_pairs(tmp_path):
    rows = ev.load_pairs(write_data(tmp_path) / ev.PAIR_FILES[0])
    assert [(r.source, r.target, r.gold) for r in rows] == [("Arnor", "Gondor", "ACCUSE"), ("Gondor", "Arnor", "YIELD")]
    assert rows[0].sentence == 'Arnor "firmly" accused Gondor.'  # quotes kept as written


def test_load_gsr_skips_documents_and_odd_sides(tmp_path):
    recs = ev.load_gsr(write_data(tmp_path) / ev.GSR_FILE)
    assert [(r.plover, r.source, r.target) for r in recs] == [("AGREE", ["ARN"], ["GON"]), ("PROTEST", ["ARN"], [])]


def test_load_petrarch(tmp_path):
    sentences, left_out = ev.load_petrarch(write_data(tmp_path) / ev.PETRARCH_FILE)
    assert [s.id for s in sentences] == ["T-01", "T-02"] and left_out == 3
    assert sentences[0].text == "Arnor is about to restore ties with Gondor."
    assert sentences[0].codings == [("ARN", "GON", "064")] and sentences[1].codings == []


def test_load_petrarch_names(tmp_path):
    names = ev.load_petrarch_names(write_data(tmp_path) / ev.PETRARCH_ACTORS)
    assert names["ARN"] == {"ARNOR", "ARNORIAN"}
    assert names["HOB"] == {"GOLLUM", "SMEAGOL"}
    assert names["UNO"] == {"UNITED NATIONS", "U N"}


def test_load_penta(tmp_path):
    rows = ev.load_penta(write_data(tmp_path) / ev.PENTA_FILE)
    assert rows == [("Arnor restored ties with Gondor.", 2), ("Arnor shelled Gondor.", 4), ("boom", 0)]


def test_evaluate_with_fake_coder(tmp_path):
    data = write_data(tmp_path)
    arn, gon = actor("Arnor", "ARN"), actor("Gondor", "GON")
    coder = FakeCoder(
        events={"Arnor and Gondor agreed.": [event("AGREE", "057", [arn], [gon])],
                "Arnor is about to restore ties with Gondor.": [event("COOPERATE", "064", [arn], [gon])],
                "Nothing happened.": [event("ASSAULT", "190", modality="negated")],
                "Arnor shelled Gondor, officials said.": [event("ASSAULT", "194", [arn], [gon])],
                "Arnor restored ties with Gondor.": [event("COOPERATE", "064", confidence=0.9)]},
        pairs={'Arnor "firmly" accused Gondor.': ("ACCUSE", "112", 0.8),
               "Gondor gave way to Arnor.": ("CONCEDE", "080", 0.6)})
    out = io.StringIO()
    r = ev.evaluate(data, coder, out=out)
    files = r["files"]
    assert files["gold/plv_train.tsv"]["accuracy"] == 1.0  # CONCEDE counts as YIELD
    assert files[ev.GSR_FILE]["accuracy"] == 0.5 and files[ev.GSR_FILE]["full_match"] == 0.5
    petr = files[ev.PETRARCH_FILE]
    assert petr["accuracy"] == 1.0 and petr["extra"] == 0 and petr["role_accuracy"] == 1.0  # negated left out
    penta = files[ev.PENTA_FILE]
    assert penta["n"] == 3 and penta["errors"] == 1 and penta["accuracy"] == pytest.approx(2 / 3)
    news = files[ev.INTERCODER_DIR]
    assert news["n"] == 2 and news["accuracy"] == 0.5 and news["extra"] == 1  # 057 is no 03
    assert r["skipped"] == ["gold/plv_cameo_manual.tsv"]
    text = out.getvalue()
    assert "skipped gold/plv_cameo_manual.tsv" in text and "Summary" in text

    assert ev.evaluate(data, coder, out=io.StringIO(), limit=1)["files"][ev.PENTA_FILE]["n"] == 1


# ------------------------------------------------------------ the real gold files

@pytest.mark.shared
def test_real_gold_files_load(shared_data):
    assert len(ev.load_pairs(shared_data / "gold/plv_train.tsv")) == 1050
    assert len(ev.load_pairs(shared_data / "gold/plv_cameo_manual.tsv")) == 307
    assert len(ev.load_gsr(shared_data / ev.GSR_FILE)) == 322
    sentences, left_out = ev.load_petrarch(shared_data / ev.PETRARCH_FILE)
    assert len(sentences) + left_out == 284 and len(sentences) > 150
    assert "ARN" in ev.load_petrarch_names(shared_data / ev.PETRARCH_ACTORS)
    assert len(ev.load_penta(shared_data / ev.PENTA_FILE)) == 446
    assert len(ev.load_intercoder(shared_data / ev.INTERCODER_DIR)) == 200
