"""The pair classifier: the shipped ONNX model, its input encoding, and how it is combined with the rules."""
import subprocess
import sys
from importlib import resources

import pytest

from tacitus.events import classifier
from tacitus.events.classifier import MARKERS, Prediction, combine, mark, mode_of, split_yield

needs_model = pytest.mark.skipif(not classifier.available(), reason="the pair classifier model files are not in the package")


def pair(sentence: str, source: str, target: str):
    s, t = sentence.index(source), sentence.index(target)
    return sentence, (s, s + len(source)), (t, t + len(target))


OBVIOUS = [
    (pair("President Macron spoke with Chancellor Scholz by phone on Monday to discuss the budget.",
          "President Macron", "Chancellor Scholz"), "CONSULT"),
    (pair("Israeli warplanes carried out air strikes on Hamas positions in Gaza overnight.",
          "Israeli warplanes", "Hamas positions"), "ASSAULT"),
    (pair("Japan suspended economic aid to Myanmar after the coup.", "Japan", "Myanmar"), "SANCTION"),
    (pair("The foreign ministry of China condemned Japan for its remarks on Taiwan.",
          "The foreign ministry of China", "Japan"), "ACCUSE"),
]


# ---------------------------------------------------------------- without the model

def test_mark_wraps_both_mentions():
    s, src, tgt = pair("Kenya accused Uganda of arming rebels.", "Kenya", "Uganda")
    assert mark(s, src, tgt) == "[SRC]Kenya[/SRC] accused [TGT]Uganda[/TGT] of arming rebels."


def test_mark_target_before_source_and_adjacent_spans():
    s = "Uganda was attacked by Kenya."
    assert mark(s, (23, 28), (0, 6)) == "[TGT]Uganda[/TGT] was attacked by [SRC]Kenya[/SRC]."
    assert mark("AB", (0, 1), (1, 2)) == "[SRC]A[/SRC][TGT]B[/TGT]"


def test_mode_words_and_yield_split():
    assert mode_of("CONSULT", "Putin phoned Trump on Tuesday") == "phone"
    assert mode_of("CONSULT", "Macron called Putin on Tuesday") == "phone"
    assert mode_of("CONSULT", "May called an emergency meeting") is None  # convened, not phoned
    assert mode_of("ASSAULT", "jets carried out air strikes on the town") == "aerial"
    assert mode_of("COERCE", "police arrested three activists") == "arrest"
    assert mode_of("AGREE", "they agreed") is None
    assert split_yield("The rebels released 20 hostages.") == "RETREAT"
    assert split_yield("The minister resigned over the scandal.") == "RETREAT"  # the PLOVER manual's mode resign
    assert split_yield("The president pardoned the activists.") == "CONCEDE"


def prediction(label: str, p: float, plover=None, cameo=None) -> Prediction:
    rest = (1.0 - p) / 15
    scores = {l: rest for l in ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "REQUEST", "ACCUSE",
                                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "NONE")}
    scores[label] = p
    if label == "NONE":
        return Prediction(None, None, None, p, scores)
    return Prediction(plover or label, None, cameo, p, scores)


def test_combine_keeps_the_rules_fine_code_when_roots_agree():
    code, conf = combine("0841", prediction("YIELD", 0.7, "RETREAT", "084"))  # release of prisoners
    assert code == "0841" and conf > 0.7
    code, conf = combine("042", prediction("CONSULT", 0.9, cameo="040"))
    assert code == "042" and 0.9 < conf <= 1.0


def test_combine_prefers_a_confident_model_when_they_disagree():
    assert combine("111", prediction("ASSAULT", 0.85, cameo="190")) == ("190", 0.85)


def test_combine_does_not_turn_force_into_cooperation_or_back():
    assert combine("194", prediction("YIELD", 0.9, "CONCEDE", "080"))[0] == "194"
    assert combine("080", prediction("COERCE", 0.9, cameo="170"))[0] == "080"
    assert combine("120", prediction("COERCE", 0.9, cameo="170"))[0] == "170"  # a refusal may be coercion


def test_combine_keeps_the_rule_when_the_model_is_unsure():
    code, conf = combine("111", prediction("ASSAULT", 0.4, cameo="190"))
    assert code == "111" and 0.5 <= conf < 0.6


def test_combine_drops_the_candidate_when_the_model_says_no_event():
    code, conf = combine("111", prediction("NONE", 0.9))
    assert code is None and conf == pytest.approx(0.9)
    assert combine("111", prediction("NONE", 0.5))[0] == "111"  # not sure enough to drop


def test_combine_without_rule_or_model():
    assert combine(None, prediction("SANCTION", 0.7, cameo="160")) == ("160", 0.7)
    assert combine(None, prediction("NONE", 0.5))[0] is None
    assert combine("042", None) == ("042", 0.5)
    assert combine(None, None) == (None, 0.0)
    abstained = Prediction(None, None, None, 0.2, {"ACCUSE": 0.2, "NONE": 0.1, "ASSAULT": 0.19})
    assert combine(None, abstained)[0] is None
    assert combine("111", abstained)[0] == "111"


# ---------------------------------------------------------------- the shipped model

def test_package_data_includes_the_model_files():
    import tomllib
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["tacitus"]
    model = root / "src" / "tacitus" / "events" / "model"
    for name in classifier.MODEL_FILES:
        assert (model / name).is_file(), name
        assert any((model / name).match(p.replace("**/", "")) for p in patterns), name
    assert (model / "model.onnx").stat().st_size < 50 * 1024 * 1024
    assert resources.files("tacitus.events").joinpath("model", "model.onnx").is_file()


@needs_model
def test_model_loads_without_torch():
    code = ("import sys; sys.modules['torch'] = None\n"
            "from tacitus.events.classifier import PairClassifier\n"
            "c = PairClassifier.load()\n"
            "p = c.predict([('Iran condemned the United States.', (0, 4), (15, 32))])[0]\n"
            "assert 'torch' not in [m for m, v in sys.modules.items() if v is not None]\n"
            "print(p.plover)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ACCUSE"


@pytest.fixture(scope="module")
def model():
    if not classifier.available():
        pytest.skip("the pair classifier model files are not in the package")
    return classifier.PairClassifier.load()


def test_load_is_cached(model):
    assert classifier.PairClassifier.load() is model


def test_the_tokenizer_keeps_the_markers_whole(model):
    enc = model.encoder.tokenizer.encode("[SRC]Kenya[/SRC] accused [TGT]Uganda[/TGT].", add_special_tokens=False)
    assert [t for t in enc.tokens if t in MARKERS] == list(MARKERS)


@pytest.mark.parametrize("item,expected", OBVIOUS, ids=[e for _, e in OBVIOUS])
def test_obvious_cases(model, item, expected):
    (p,) = model.predict([item])
    assert p.plover == expected, p.scores
    assert p.cameo and model.ontology.get(p.cameo).plover == expected
    assert 0.0 <= p.confidence <= 1.0


def test_imposing_sanctions_follows_the_ontology(model):
    """Imposing sanctions is CAMEO 163, which CAMEO2PLOVER (and so our ontology) files under COERCE
    'restrict', and so do both PLV gold files; the PLOVER manual's prose would make it SANCTION
    'discontinue'. The model follows the data it was trained on: whatever the ontology says of 163."""
    from tacitus.events.ontology import load_ontology
    item = pair("The European Union imposed new sanctions on Russia over the annexation of Crimea.",
                "The European Union", "Russia")
    (p,) = model.predict([item])
    assert p.plover == load_ontology().get("163").plover


def test_direction_matters(model):
    s = "Kenya accused Uganda of arming rebels."
    forward, backward = model.predict([pair(s, "Kenya", "Uganda"), (s, (14, 20), (0, 5))])
    assert forward.plover == "ACCUSE"
    assert backward.plover is None and backward.label == "NONE"


def test_modes_and_codes_of_obvious_cases(model):
    phone, strike, _, _ = model.predict([item for item, _ in OBVIOUS])
    assert (phone.mode, phone.cameo) == ("phone", "041")
    assert (strike.mode, strike.cameo) == ("aerial", "195")


def test_scores_are_probabilities(model):
    for p in model.predict([item for item, _ in OBVIOUS]):
        assert set(p.scores) == set(model.labels)
        assert sum(p.scores.values()) == pytest.approx(1.0, abs=1e-3)
        assert all(0.0 <= v <= 1.0 for v in p.scores.values())
        assert p.confidence == pytest.approx(max(p.scores.values()), abs=1e-3)


def test_batching_gives_the_same_answers_as_one_by_one(model):
    long = ("In a statement issued late on Thursday after a long meeting of the cabinet in the capital, "
            "which had been postponed twice because of the weather, ")
    items = [item for item, _ in OBVIOUS]
    items.append(pair(long + "the Kenyan government accused Uganda of arming rebels in the north.",
                      "the Kenyan government", "Uganda"))
    batched = model.predict(items, batch_size=8)
    for item, b in zip(items, batched):
        (single,) = model.predict([item])
        assert single.label == b.label
        assert single.scores == pytest.approx(b.scores, abs=1e-3)
    # The raw scores too, whoever the neighbours and however much padding: quantisation scales are
    # never shared between pairs (a scale over the whole batch moves logits by tenths).
    import numpy as np
    alone = np.concatenate([model.logits([item]) for item in items])
    for batch_size in (2, 3, 8):
        assert np.abs(model.logits(items, batch_size) - alone).max() < 1e-4
        assert np.abs(model.logits(items[::-1], batch_size)[::-1] - alone).max() < 1e-4


def test_long_sentences_keep_both_mentions(model):
    filler = "and then the delegates spoke at length about many other matters of common interest " * 12
    s = "The Kenyan government accused Uganda " + filler + "before it ended."
    rows = model.encoder.ids([(s, (0, 21), (31, 37))])
    assert len(rows[0]) <= model.encoder.max_len
    ids = set(rows[0])
    assert all(model.encoder.tokenizer.token_to_id(m) in ids for m in MARKERS)
    s2 = "The Kenyan government said " + filler + " that it accused Uganda."
    t = s2.index("Uganda")
    ids2 = set(model.encoder.ids([(s2, (0, 21), (t, t + 6))])[0])
    assert all(model.encoder.tokenizer.token_to_id(m) in ids2 for m in MARKERS)


def test_empty_input(model):
    assert model.predict([]) == []


def test_the_check_sets_score_well(model, shared_data):
    """The never-trained-on CAMEO-manual pairs: well above chance (the model card has the figures)."""
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1] / "training"))
    import data as D
    pairs = D.load_plv(shared_data / "gold/plv_cameo_manual.tsv", "check")[::3]
    preds = model.predict([(p.sentence, p.source, p.target) for p in pairs])
    labels = [max((k for k in q.scores if k != "NONE"), key=q.scores.get) for q in preds]
    accuracy = sum(l == p.label for l, p in zip(labels, pairs)) / len(pairs)
    assert accuracy > 0.6
