"""Training and check pairs for the pair classifier, read from the development data at train time.

Every pair is (sentence, source span, target span, label, weight, origin). Labels are the PLV
data set's 15 PLOVER roots (CONCEDE and RETREAT merged as YIELD) plus NONE.
"""
from __future__ import annotations

import ast
import csv
import glob
import json
import re
from dataclasses import dataclass
from pathlib import Path

LABELS = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "NONE"]
ALIASES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
           "CONCEDE": "YIELD", "RETREAT": "YIELD"}
# CAMEO root -> PLV label (01 public statements are no PLOVER event).
CAMEO_ROOT = {"01": "NONE", "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT",
              "06": "COOPERATE", "07": "AID", "08": "YIELD", "09": "ACCUSE", "10": "REQUEST",
              "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE",
              "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT"}


@dataclass
class Pair:
    sentence: str
    source: tuple[int, int]
    target: tuple[int, int]
    label: str
    weight: float = 1.0
    origin: str = ""
    group: str = ""  # pairs of one sentence share a group (kept in one fold)
    gold: str = ""  # the label as the gold file has it, when training uses another


# PLV codes imposing sanctions as COERCE (CAMEO 163 under CAMEO2PLOVER), as the ontology does; the PLOVER
# manual's prose would make them SANCTION 'discontinue'. Training keeps the gold unless asked otherwise.
_IMPOSED_SANCTIONS = re.compile(r"\b(impos\w*|order\w*|prolong\w*|extend\w*|slap\w*)\b[^.;]{0,40}\bsanctions?\b", re.I)


def relabel(p: "Pair") -> "Pair":
    if p.label == "COERCE" and _IMPOSED_SANCTIONS.search(p.sentence):
        return Pair(p.sentence, p.source, p.target, "SANCTION", p.weight, p.origin, p.group, gold=p.label)
    return p


def label_of(name: str) -> str:
    name = name.strip().upper()
    return ALIASES.get(name, name)


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


_PLV_TAG = re.compile(r"</?[st]>")


def unmark_plv(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """'<s>A</s> met <t>B</t>' -> ('A met B', {'s': (0, 1), 't': (6, 7)})."""
    out, spans, open_at, at = [], {}, {}, 0
    for m in _PLV_TAG.finditer(marked):
        out.append(marked[at:m.start()])
        at = m.end()
        pos = sum(len(x) for x in out)
        tag = m.group()
        if tag.startswith("</"):
            spans[tag[2]] = (open_at.pop(tag[2], pos), pos)
        else:
            open_at[tag[1]] = pos
    out.append(marked[at:])
    return "".join(out), spans


def load_plv(path: Path, origin: str) -> list[Pair]:
    pairs = []
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            text, spans = unmark_plv(r["marked_sentence"])
            # A few pairs name an implicit side ("a recipient") absent from the sentence: it is
            # appended in brackets so that both sides are marked.
            for side, column in (("s", "source"), ("t", "target")):
                if side not in spans:
                    text += " ("
                    spans[side] = (len(text), len(text) + len(r[column]))
                    text += r[column] + ")"
            label = label_of(r["gold_root"])
            pairs.append(Pair(text, spans["s"], spans["t"], label, 1.0, origin, norm(text), gold=label))
    return pairs


_GSR_TAG = re.compile(r"\((SRC/TAR|SRC|TAR|EVT): ([^()]*)\)")


def load_gsr(path: Path) -> list[Pair]:
    """Records with a source and a target marked in the inline markup; compound "SRC/TAR" actors
    give the first as source and the next as target."""
    pairs = []
    for r in json.loads(Path(path).read_text(encoding="utf-8")):
        info = r.get("textInfo")
        markup = info.get("markup") if isinstance(info, dict) else None
        if r.get("event") in (None, "DOCUMENT") or not markup:
            continue
        out, at, marks = [], 0, []
        for m in _GSR_TAG.finditer(markup):
            out.append(markup[at:m.start()])
            start = sum(len(x) for x in out)
            out.append(m.group(2))
            marks.append((m.group(1), (start, start + len(m.group(2)))))
            at = m.end()
        out.append(markup[at:])
        text = "".join(out)
        src = [s for k, s in marks if k in ("SRC", "SRC/TAR")]
        tgt = [s for k, s in marks if k == "TAR"] or [s for k, s in marks if k == "SRC/TAR"][1:]
        if not src or not tgt:
            continue
        pairs.append(Pair(text, src[0], tgt[0], label_of(r["event"]), 1.0, "gsr", norm(text)))
    return pairs


def check_texts(data: Path) -> set[str]:
    """Normalised sentences of the two never-trained-on check sets."""
    texts = {p.group for p in load_plv(data / "gold/plv_cameo_manual.tsv", "check")}
    texts |= {p.group for p in load_gsr(data / "gold/plover_gsr_cameo_manual.json")}
    for r in json.loads((data / "gold/plover_gsr_cameo_manual.json").read_text(encoding="utf-8")):
        if r.get("text"):
            texts.add(norm(r["text"]))
    return texts


def load_intercoder(data: Path, weight: float) -> list[Pair]:
    """Inter-coder rounds: the first action of each sentence where at least two coders agree on
    its CAMEO root, with the source and target spans of one of them. Actions coded 01 (statements)
    are left out: the coders used 01 for reports of events as well."""
    pairs = []
    for path in sorted(glob.glob(str(data / "gold/cameo_intercoder/*_summary.csv"))):
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                text = r.get("sentences") or ""
                votes: dict[str, list] = {}
                for k in range(1, 6):
                    code = (r.get(f"Action1_CAMEO_{k}") or "").strip()
                    m = re.match(r"\d-(\d+)", code)
                    if not m:
                        continue
                    try:
                        ents = ast.literal_eval(r.get(f"entities_{k}") or "[]")
                    except (ValueError, SyntaxError):
                        continue
                    spans = {}
                    for name, mention, offset in ents:
                        if name in ("Source-1", "Target-1") and name not in spans:
                            at = text.find(mention, max(0, offset - 5))
                            at = at if at >= 0 else text.find(mention)
                            if at >= 0:
                                spans[name] = (at, at + len(mention))
                    root = f"{int(m.group(1)):02d}"
                    if root in CAMEO_ROOT and root != "01" and len(spans) == 2:
                        votes.setdefault(CAMEO_ROOT[root], []).append(spans)
                if not votes:
                    continue
                label, agreeing = max(votes.items(), key=lambda kv: len(kv[1]))
                if len(agreeing) < 2 or sum(len(v) for v in votes.values()) > 2 * len(agreeing):
                    continue
                s = agreeing[0]
                if s["Source-1"] == s["Target-1"]:
                    continue
                pairs.append(Pair(text.strip() and text, s["Source-1"], s["Target-1"], label, weight,
                                  "intercoder", norm(text)))
    return pairs


def load_conflibert_transfer(data: Path) -> list[Pair]:
    """Unlabelled pairs for distillation: the ConfliBERT training sentences whose token tags mark a
    source and a target, each pair in both directions (label NONE, weight 0: only the teacher's
    scores are learnt from them)."""
    blocks, cur = [], []
    for line in (data / "gold/conflibert/cameo_ner_train.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                blocks.append(cur)
            cur = []
            continue
        token, _, tag = line.rpartition(" ")
        cur.append((token, tag))
    if cur:
        blocks.append(cur)
    pairs = []
    for tokens in blocks:
        text, spans = "", {}
        for token, tag in tokens:
            # Rebuilt with a space between tokens except before punctuation that closes up.
            pos = len(text) + (1 if text and token not in (",", ".", ";", ":", "'s", ")", "?", "!", "%") else 0)
            text = text + " " * (pos - len(text)) + token
            kind = tag[2:] if tag[:2] in ("B-", "I-") else None
            if kind in ("S", "T"):
                if tag.startswith("B-") and kind not in spans:
                    spans[kind] = [pos, pos + len(token)]
                elif kind in spans and spans[kind][1] >= pos - 1:
                    spans[kind][1] = pos + len(token)
        if "S" in spans and "T" in spans and spans["S"] != spans["T"]:
            group = norm(text)
            s, t = tuple(spans["S"]), tuple(spans["T"])
            pairs += [Pair(text, s, t, "NONE", 0.0, "transfer", group), Pair(text, t, s, "NONE", 0.0, "transfer", group)]
    return pairs


# Categories whose reversed pair (target acting on source) is not the same event.
DIRECTED = {"ACCUSE", "ASSAULT", "COERCE", "SANCTION", "THREATEN", "AID", "REQUEST", "PROTEST", "REJECT",
            "MOBILIZE"}


def swapped_negatives(pairs: list[Pair], weight: float, every: int) -> list[Pair]:
    """Every `every`-th directed pair with source and target swapped, as NONE (the target did
    not do that to the source), unless the data set also codes the reversed pair."""
    coded = {(p.group, p.source, p.target) for p in pairs}
    out = []
    for i, p in enumerate(q for q in pairs if q.label in DIRECTED):
        if i % every or (p.group, p.target, p.source) in coded:
            continue
        out.append(Pair(p.sentence, p.target, p.source, "NONE", weight, "swapped", p.group))
    return out
