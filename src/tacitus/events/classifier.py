"""The pair classifier: what did a source do to a target in one sentence?

A MiniLM encoder fine-tuned on source-target pairs (see model/MODEL_CARD.md), run with onnxruntime
and the `tokenizers` package; no torch at run time. The two mentions are marked in the text,

    [SRC]Iranian Foreign Minister Zarif[/SRC] has condemned [TGT]a U.S. court decision[/TGT] ...

and a linear head over the pooled encoding scores the PLOVER root categories plus NONE (no event
from this source to this target). Scores are calibrated by temperature scaling on held-out folds;
a best score under the model's abstention threshold gives no category.

The training data merges CONCEDE and RETREAT as YIELD; a YIELD answer is split back into the two
by the words of the sentence (release, ceasefire, withdrawal... are RETREAT). The mode comes from
a small table of words per category, the CAMEO code from the ontology's default for (category, mode).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional, Sequence

Item = tuple[str, tuple[int, int], tuple[int, int]]  # sentence, source char span, target char span

MARKERS = ("[SRC]", "[/SRC]", "[TGT]", "[/TGT]")
NONE_LABEL = "NONE"
YIELD_LABEL = "YIELD"
MODEL_FILES = ("model.onnx", "tokenizer.json", "config.json")

# combine(): the model drops a rule's candidate when it says NONE at least this surely, and
# replaces the rule's category when its own (calibrated) confidence reaches OVERRIDE.
DROP = 0.80
OVERRIDE = 0.60
# The weight of a rule's coding when it and the model are combined (noisy-or of the two).
RULE_PRIOR = 0.5


@dataclass
class Prediction:
    plover: Optional[str]  # a PLOVER root category; None: no event, or abstained
    mode: Optional[str]
    cameo: Optional[str]
    confidence: float  # calibrated probability of the answer (of "no event" when the model says NONE)
    scores: dict = field(default_factory=dict)  # label -> calibrated probability (YIELD, NONE included)

    @property
    def label(self) -> str:
        """The model's best label (YIELD and NONE as such)."""
        return max(self.scores, key=self.scores.get) if self.scores else NONE_LABEL

    @property
    def abstained(self) -> bool:
        return self.plover is None and self.label != NONE_LABEL


def model_dir() -> Path:
    return Path(str(resources.files("tacitus.events").joinpath("model")))


def available(directory: Path | None = None) -> bool:
    """True when the model files are present (the runtime packages are checked by load())."""
    directory = directory or model_dir()
    return all((directory / name).is_file() for name in MODEL_FILES)


# ---------------------------------------------------------------- input encoding

def mark(sentence: str, source: tuple[int, int], target: tuple[int, int]) -> str:
    """The sentence with the two mentions wrapped in markers. Overlapping or nested spans nest."""
    inserts = [(source[0], 1, MARKERS[0]), (source[1], 0, MARKERS[1]),
               (target[0], 1, MARKERS[2]), (target[1], 0, MARKERS[3])]
    # At one position: closing before opening, so "A[/SRC][TGT]B" and not "A[TGT][/SRC]B".
    inserts.sort(key=lambda x: (x[0], x[1]))
    out, at = [], 0
    for pos, _, marker in inserts:
        pos = max(0, min(pos, len(sentence)))
        out.append(sentence[at:pos])
        out.append(marker)
        at = pos
    out.append(sentence[at:])
    return "".join(out)


class Encoder:
    """Marked text -> token ids, cut to max_len tokens around the two mentions."""

    def __init__(self, tokenizer, max_len: int):
        self.tokenizer = tokenizer
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.max_len = max_len
        self.cls = tokenizer.token_to_id("[CLS]")
        self.sep = tokenizer.token_to_id("[SEP]")
        self.pad = tokenizer.token_to_id("[PAD]") or 0
        self.marker_ids = [tokenizer.token_to_id(m) for m in MARKERS]
        if None in self.marker_ids:
            raise ValueError("the tokenizer lacks the mention markers")

    def ids(self, items: Sequence[Item]) -> list[list[int]]:
        texts = [mark(*item) for item in items]
        encodings = self.tokenizer.encode_batch(texts, add_special_tokens=False)
        return [[self.cls, *self._window(e.ids), self.sep] for e in encodings]

    def _window(self, ids: list[int]) -> list[int]:
        budget = self.max_len - 2
        if len(ids) <= budget:
            return ids
        at = [i for i, t in enumerate(ids) if t in self.marker_ids] or [0]
        first, last = min(at), max(at) + 1
        if last - first <= budget:  # both mentions fit: centre them
            spare = budget - (last - first)
            start = max(0, min(first - spare // 2, len(ids) - budget))
            return ids[start:start + budget]
        # The mentions lie far apart: keep a window round each.
        half = budget // 2
        src = [i for i, t in enumerate(ids) if t in self.marker_ids[:2]] or [first]
        tgt = [i for i, t in enumerate(ids) if t in self.marker_ids[2:]] or [last - 1]
        a, b = sorted([(min(src), max(src) + 1), (min(tgt), max(tgt) + 1)])

        def around(lo, hi, n):
            if hi - lo >= n:
                return ids[lo:lo + n]
            s = max(0, lo - (n - (hi - lo)) // 2)
            return ids[s:s + n]
        return around(*a, half) + around(*b, budget - half)

    def batch(self, items: Sequence[Item]):
        return self.padded(self.ids(items))

    def padded(self, rows: Sequence[list[int]]):
        """Token id rows -> (input_ids, attention_mask), padded to the longest row."""
        import numpy as np
        width = max(len(r) for r in rows)
        input_ids = np.full((len(rows), width), self.pad, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for i, r in enumerate(rows):
            input_ids[i, :len(r)] = r
            mask[i, :len(r)] = 1
        return input_ids, mask


# ---------------------------------------------------------------- mode and CAMEO code

# Words that name the mode of a category's event, checked in this order (first match wins).
MODE_WORDS: dict[str, list[tuple[str, str]]] = {
    "CONSULT": [("phone", r"\b(phone|phoned|telephone|call(ed|s)?\b(?! for| on| off| an? | up))"),
                ("visit", r"\b(visit\w*|host\w*|arriv\w*|trip|tour)\b"),
                ("third-party", r"\b(mediat\w*|broker\w*)\b")],
    "ASSAULT": [("drone", r"\bdrones?\b"),
                ("aerial", r"\b(air ?strikes?|airstrikes?|air raids?|warplanes?|jets?|bomb(ed|ing|ers?)\b.*\bfrom the air)"),
                ("suicide-attack", r"\bsuicide\b"),
                ("explosives", r"\b(car bomb\w*|bomb\w*|explosi\w*|ieds?|roadside)\b"),
                ("heavy-weapons", r"\b(shell\w*|artillery|rockets?|mortars?|missiles?|tanks?)\b"),
                ("abduct", r"\b(kidnap\w*|abduct\w*|hostages?)\b"),
                ("torture", r"\btortur\w*\b"),
                ("assassinate", r"\bassassinat\w*\b"),
                ("beat", r"\b(beat|beaten|beating)\b"),
                ("firearms", r"\b(shot|shoot\w*|gunfire|gunm[ae]n|opened fire|fired on)\b")],
    "COERCE": [("arrest", r"\b(arrest\w*|detain\w*|detention|custody|jail\w*|imprison\w*)\b"),
               ("deport", r"\b(deport\w*)\b"),
               ("curfew", r"\bcurfews?\b"),
               ("martial-law", r"\bmartial law\b"),
               ("seize", r"\b(seiz\w*|confiscat\w*)\b"),
               ("restrict", r"\b(sanction\w*|embargo\w*|restrict\w*|ban(ned|s)?|censor\w*|block\w*)\b")],
    "SANCTION": [("expel", r"\b(expel\w*|expulsion)\b"),
                 ("withdraw", r"\b(recall\w*|withdr[ae]w\w*|sever\w*)\b"),
                 ("discontinue", r"\b(suspend\w*|halt\w*|cut off|cuts? off|stopp?\w*|freez\w*)\b")],
    "PROTEST": [("hunger", r"\bhunger strik\w*\b"),
                ("riot", r"\b(riot\w*)\b"),
                ("boycott", r"\bboycott\w*\b"),
                ("obstruct", r"\b(blockad\w*|obstruct\w*|sit-ins?)\b"),
                ("demo", r"\b(protest\w*|demonstrat\w*|rall(y|ied|ies)|march\w*)\b")],
    "MOBILIZE": [("troops", r"\b(troops|soldiers|forces|military|army)\b"),
                 ("police", r"\bpolice\b")],
    "ACCUSE": [("investigate", r"\b(investigat\w*|probe\w*|inquir\w*)\b"),
               ("allege", r"\b(accus\w*|alleg\w*|charg\w*|blam\w*)\b"),
               ("disapprove", r"\b(condemn\w*|critici[sz]\w*|denounc\w*|deplor\w*|complain\w*)\b")],
    "REQUEST": [("meet", r"\b(invit\w*|talks|meeting)\b"),
                ("assist", r"\b(aid|help|assistance|support)\b"),
                ("yield", r"\b(release|withdraw\w*|step down|resign\w*|ceasefire)\b")],
    "THREATEN": [("violence", r"\b(attack\w*|strike|force|war|military action)\b")],
    "RETREAT": [("resign", r"\b(resign(ed|s|ing)?|stepp?(ed|s|ing)? down)\b"),
                ("ceasefire", r"\b(cease-?fire|truce)\b"),
                ("release", r"\b(releas\w*|freed|free)\b"),
                ("return", r"\b(return\w*|repatriat\w*)\b"),
                ("disarm", r"\b(disarm\w*|decommission\w*|surrender\w* (their )?weapons)\b"),
                ("withdraw", r"\b(withdr[ae]w\w*|pull(ed|s|ing)? (out|back)|retreat\w*)\b"),
                ("ease", r"\b(eas(e|ed|es|ing)|lift\w*|relax\w*)\b"),
                ("access", r"\b(access|allow\w* .{0,30}(in|into|enter))\b")],
}
_MODE_PATTERNS = {cat: [(mode, re.compile(p, re.I)) for mode, p in rows] for cat, rows in MODE_WORDS.items()}


def mode_of(plover: str, sentence: str) -> Optional[str]:
    for mode, pattern in _MODE_PATTERNS.get(plover, ()):
        if pattern.search(sentence):
            return mode
    return None


def split_yield(sentence: str) -> str:
    """YIELD -> RETREAT when the sentence names a material retreat, else CONCEDE."""
    return "RETREAT" if mode_of("RETREAT", sentence) else "CONCEDE"


# ---------------------------------------------------------------- the classifier

class PairClassifier:
    """Scores (sentence, source span, target span) items with the shipped ONNX model."""

    def __init__(self, directory: Path | None = None, threads: int | None = None, spinning: bool = False):
        """`spinning`: let idle runtime threads wait busily, about 15% faster when nothing else shares the
        cores (`tacitus classify`); off by default, since spinning threads slow down spaCy and other workers."""
        import onnxruntime as ort
        from tokenizers import Tokenizer

        directory = Path(directory or model_dir())
        if not available(directory):
            raise FileNotFoundError(f"no pair classifier model in {directory}")
        self.config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        self.labels: list[str] = self.config["labels"]
        self.temperature = float(self.config.get("temperature", 1.0))
        self.threshold = float(self.config.get("abstain_below", 0.0))
        self.encoder = Encoder(Tokenizer.from_file(str(directory / "tokenizer.json")), int(self.config["max_len"]))
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spinning else "0")
        self.session = ort.InferenceSession(str(directory / "model.onnx"), options,
                                            providers=["CPUExecutionProvider"])
        from tacitus.events.ontology import load_ontology
        self.ontology = load_ontology()

    @classmethod
    def load(cls) -> "PairClassifier":
        """The shipped model, loaded once per process."""
        return _shipped()

    def logits(self, items: Sequence[Item], batch_size: int = 32):
        import numpy as np
        rows = self.encoder.ids(items)
        order = sorted(range(len(rows)), key=lambda i: len(rows[i]))  # batches of like length: little padding
        out = np.zeros((len(items), len(self.labels)), dtype=np.float32)
        for at in range(0, len(order), batch_size):
            chunk = order[at:at + batch_size]
            input_ids, mask = self.encoder.padded([rows[i] for i in chunk])
            (logits,) = self.session.run(["logits"], {"input_ids": input_ids, "attention_mask": mask})
            out[chunk] = logits
        return out

    def probabilities(self, items: Sequence[Item], batch_size: int = 32):
        import numpy as np
        if not items:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        z = self.logits(items, batch_size) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def predict(self, items: Sequence[Item], batch_size: int = 32) -> list[Prediction]:
        items = [(s, tuple(src), tuple(tgt)) for s, src, tgt in items]
        return [self._prediction(item[0], row) for item, row in zip(items, self.probabilities(items, batch_size))]

    def _prediction(self, sentence: str, row) -> Prediction:
        scores = {label: round(float(p), 4) for label, p in zip(self.labels, row)}
        best = max(range(len(self.labels)), key=lambda i: row[i])
        label, confidence = self.labels[best], float(row[best])
        if label == NONE_LABEL or confidence < self.threshold:
            return Prediction(None, None, None, confidence, scores)
        plover = split_yield(sentence) if label == YIELD_LABEL else label
        mode = mode_of(plover, sentence)
        cameo = self.ontology.default_cameo(plover, mode)
        return Prediction(plover, mode, cameo, confidence, scores)


@lru_cache(maxsize=1)
def _shipped() -> PairClassifier:
    return PairClassifier()


# ---------------------------------------------------------------- with the rules

def _model_label(plover: Optional[str]) -> Optional[str]:
    """A PLOVER category as the model names it (CONCEDE and RETREAT are YIELD)."""
    if not plover:
        return None
    return YIELD_LABEL if plover in ("CONCEDE", "RETREAT") else plover


def combine(rule_cameo: Optional[str], prediction: Optional[Prediction],
            firm: bool = False) -> tuple[Optional[str], float]:
    """The CAMEO code and confidence of a candidate coded by the rules (`rule_cameo`, None when
    the rules found no event) and scored by the model (`prediction`, None without a model).
    `firm`: the rule matched a curated phrase (a verb or noun with its object, "declared a state of
    emergency"), whose code the model may not change. (None, confidence) means: drop the candidate.

    - model says NONE with at least DROP: drop it;
    - rule and model agree on the PLOVER root: the rule's (finer) code, the two confidences joined;
    - they disagree and the model is confident (>= OVERRIDE): the model's code, unless the rule is firm or
      the two are cooperation and force;
    - otherwise the rule's code, with what the model gives its category;
    - no rule code: the model's code when it answers, else nothing.
    """
    if prediction is None:
        return rule_cameo, (RULE_PRIOR if rule_cameo else 0.0)
    scores = prediction.scores or {}
    p_none = float(scores.get(NONE_LABEL, 0.0))
    if prediction.label == NONE_LABEL and p_none >= DROP:
        return None, round(p_none, 4)
    rule_label = None
    from tacitus.events.ontology import load_ontology
    ontology = load_ontology()
    if rule_cameo:
        row = ontology.get(rule_cameo)
        rule_label = _model_label(row.plover if row else None)
    if rule_label and prediction.plover and _model_label(prediction.plover) == rule_label:
        return rule_cameo, _join(prediction.confidence)
    if prediction.plover and prediction.confidence >= OVERRIDE and not (firm and rule_cameo) and \
            not _opposite_poles(ontology.get(rule_cameo or ""), ontology.get(prediction.cameo or "")):
        return prediction.cameo, round(prediction.confidence, 4)
    if rule_cameo:
        return rule_cameo, _join(float(scores.get(rule_label, 0.0)) if rule_label else 0.0)
    if prediction.plover:
        return prediction.cameo, round(prediction.confidence, 4)
    return None, round(prediction.confidence, 4)


COOPERATION_QUADS = {1, 2}
FORCE_QUAD = 4


def _opposite_poles(rule, model) -> bool:
    """Whether one code is cooperation and the other force: "resumed shelling" the model reads as a
    concession, "allowed the rally" as coercion. The verb the rules matched outweighs the model there."""
    quads = {rule.quad_class, model.quad_class} if rule is not None and model is not None else set()
    return FORCE_QUAD in quads and bool(quads & COOPERATION_QUADS)


def _join(p_model: float) -> float:
    """Noisy-or of the model's probability and the rule's prior."""
    return round(1.0 - (1.0 - p_model) * (1.0 - RULE_PRIOR), 4)
