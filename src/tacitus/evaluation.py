"""`tacitus eval`: score a coder against the human-coded gold files.

Scoring functions are pure (gold + predictions -> figures); loaders read the gold formats; the
`run_*` functions are the thin loops that call the coder. The coder is passed in and needs two
methods:

    coder.classify_pair(sentence, source_text, target_text) -> (plover | None, cameo | None, confidence)
    coder.code_text(text, date=None) -> (Article, [Event])

What each gold file measures:
- plv_train.tsv, plv_cameo_manual.tsv: PLOVER root of a given source-target pair (accuracy,
  macro-F1, per-class table, share abstained).
- plover_gsr_cameo_manual.json: each sentence coded end to end; PLOVER category found, source and
  target countries matched, both in one event, extra events per sentence.
- PETR.UnitTest.records.xml: CAMEO code of each expected coding (exact, and same root), extra
  events. Its actors are invented (Arnor, Gondor), so roles are checked only by finding the
  dictionary's names for the expected code in the coded actor's text.
- conflibert/cameo_class_test.tsv: penta class (0-4) of the most confident event per sentence.
- cameo_intercoder/*_summary.csv: real news sentences, each coded by three to five people with CAMEO
  root categories. A root counts as gold when at least half of a sentence's coders gave it; public
  statements (01) are left out, since the coder records speech as attribution. Roots found (recall),
  coded roots that are gold (precision), coded events whose root no one agreed on (extra).
"""
from __future__ import annotations

import csv
import json
import random
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Hashable, Iterable, Optional, Sequence, TextIO

PAIR_FILES = ("gold/plv_train.tsv", "gold/plv_cameo_manual.tsv")
GSR_FILE = "gold/plover_gsr_cameo_manual.json"
PETRARCH_FILE = "gold/petrarch_unittest/PETR.UnitTest.records.xml"
PETRARCH_ACTORS = "gold/petrarch_unittest/PETR.Validate.actors.txt"
PENTA_FILE = "gold/conflibert/cameo_class_test.tsv"
PENTA_SAMPLE = 1000
INTERCODER_DIR = "gold/cameo_intercoder"
STATEMENT_ROOT = "01"

# The gold files span PLOVER revisions. Older names map to the current ones (the current
# ontology folds DEMAND into REQUEST, DISAPPROVE and INVESTIGATE into ACCUSE, FIGHT into ASSAULT);
# the PLV pair data set further merges CONCEDE and RETREAT into YIELD.
PLOVER_ALIASES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
YIELD_PARTS = {"CONCEDE", "RETREAT"}

# The CAMEO manual examples use a few pre-ISO country codes.
COUNTRY_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# Gold "codes" that are not countries: compared with the actor's code prefix or sector.
NON_STATE = {"IGO", "NGO", "NGM", "IMG", "ISM", "MNC", "UIS"}

# A real CAMEO code: root 01-20 then at most two digits, the fourth 1-6. The PETRARCH
# validation dictionaries also use made-up codes (903, 345, 1717, 174K, ...) to test patterns.
CAMEO_CODE = re.compile(r"(0[1-9]|1\d|20)(\d|\d[1-6])")


def default_data_dir() -> Path:
    """../shared/data beside the repository checkout."""
    return Path(__file__).resolve().parents[2].parent / "shared" / "data"


# ---------------------------------------------------------------- what scoring looks at

@dataclass(frozen=True)
class Who:
    """An actor reduced to what is compared with gold."""
    text: str = ""
    code: Optional[str] = None
    country: Optional[str] = None
    sector: Optional[str] = None


@dataclass(frozen=True)
class Coded:
    """A coded event reduced to what is compared with gold."""
    plover: Optional[str]
    cameo: Optional[str]
    source: tuple[Who, ...] = ()
    target: tuple[Who, ...] = ()
    confidence: float = 0.0


def reduce_event(event) -> Coded:
    """records.Event -> Coded."""
    def who(actors):
        return tuple(Who(a.text or "", a.code, a.country, a.sector) for a in actors)
    return Coded(event.event.plover, event.event.cameo, who(event.source), who(event.target),
                 event.confidence or 0.0)


def plover_label(label: Optional[str], merge_yield: bool = False) -> Optional[str]:
    if not label:  # None, or "" for the CAMEO 01 statements PLOVER drops
        return None
    label = PLOVER_ALIASES.get(label.upper(), label.upper())
    return "YIELD" if merge_yield and label in YIELD_PARTS else label


def penta_of_cameo(code: Optional[str]) -> int:
    """CAMEO root -> penta class: 01-02 statement, 03-05 verbal coop, 06-09 material coop,
    10-13 verbal conflict, 14-20 material conflict (the penta classes put protest with material conflict,
    where GDELT's quad classes have it verbal; the ConfliBERT labels follow the penta classes)."""
    if not code or not code[:2].isdigit():
        return 0
    root = int(code[:2])
    return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 13 else 4


def is_cameo_code(code: str) -> bool:
    return bool(CAMEO_CODE.fullmatch(code))


# ---------------------------------------------------------------- pure scoring

def classification_scores(gold: Sequence[Hashable], pred: Sequence[Optional[Hashable]]) -> dict:
    """Accuracy, macro-F1 and a per-class table. Classes are those in gold; None is an
    abstention (wrong, and no class's false positive). Predictions of a class absent from
    gold are errors but add no row to the macro average."""
    assert len(gold) == len(pred)
    n = len(gold)
    labels = sorted(set(gold), key=str)
    per_class = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == label and p == label)
        n_pred = sum(1 for p in pred if p == label)
        support = sum(1 for g in gold if g == label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[str(label)] = {"precision": precision, "recall": recall, "f1": f1, "support": support}
    return {
        "n": n,
        "accuracy": sum(1 for g, p in zip(gold, pred) if g == p) / n if n else 0.0,
        "macro_f1": sum(c["f1"] for c in per_class.values()) / len(per_class) if per_class else 0.0,
        "abstained": sum(1 for p in pred if p is None) / n if n else 0.0,
        "per_class": per_class,
    }


def actor_matches(gold_code: str, who: Who) -> bool:
    """A gold country code matches the actor's country; a non-state code (IGO, NGO, ...)
    matches the actor's code prefix or sector."""
    g = COUNTRY_ALIASES.get(gold_code.upper(), gold_code.upper())
    if g in NON_STATE:
        return (who.code or "").upper().startswith(g) or (who.sector or "").upper() == g
    return (who.country or "").upper() == g


def side_matches(gold_codes: Sequence[str], actors: Sequence[Who]) -> bool:
    """Lenient on compounds: one gold actor matched by one coded actor is enough, since a
    coder may split "A and B met" into one event per actor."""
    return any(actor_matches(g, a) for g in gold_codes for a in actors)


@dataclass
class GoldEvent:
    """One PLOVER gold record: category and the actor codes on each side (empty = not coded)."""
    id: str
    text: str
    plover: str
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)


def end_to_end_scores(gold: Sequence[GoldEvent], coded: dict[str, list[Coded]]) -> dict:
    """gold records + events coded per text -> category / actor / full-match rates.
    A record's category is found when any event of its text has it; actors match when one
    event's source and target match the gold sides (records with both sides only); a full
    match needs both in the same event. Extra events: per distinct text, events beyond those
    fully matching a gold record."""
    found = actors_ok = actors_n = full = 0
    used: dict[str, set[int]] = {}
    for g in gold:
        events = coded.get(g.text, [])
        cat = plover_label(g.plover)
        same_cat = [i for i, e in enumerate(events) if plover_label(e.plover) == cat]
        found += bool(same_cat)

        def sides_ok(e: Coded) -> bool:
            return ((not g.source or side_matches(g.source, e.source))
                    and (not g.target or side_matches(g.target, e.target)))
        if g.source and g.target:
            actors_n += 1
            actors_ok += any(sides_ok(e) for e in events)
        hit = next((i for i in same_cat if sides_ok(events[i]) and i not in used.get(g.text, set())), None)
        if hit is not None:
            full += 1
            used.setdefault(g.text, set()).add(hit)
    texts = {g.text for g in gold}
    extra = sum(len(coded.get(t, [])) - len(used.get(t, ())) for t in texts)
    n = len(gold)
    return {
        "n": n,
        "accuracy": found / n if n else 0.0,
        "actor_accuracy": actors_ok / actors_n if actors_n else 0.0,
        "actor_n": actors_n,
        "full_match": full / n if n else 0.0,
        "extra_per_sentence": extra / len(texts) if texts else 0.0,
    }


@dataclass
class PetrSentence:
    id: str
    text: str
    codings: list[tuple[str, str, str]]  # (source, target, CAMEO code); empty = no event expected


def cameo_scores(gold: Sequence[PetrSentence], coded: dict[str, list[Coded]],
                 names: Optional[dict[str, set[str]]] = None) -> dict:
    """Per gold coding, one-to-one: exact CAMEO code match, else same root. Extra events are
    coded events not paired with a gold coding. With `names` (code prefix -> actor names),
    exactly matched codings are also checked for source/target role."""
    exact = root = total = extra = roles_ok = roles_n = 0
    for s in gold:
        events = list(coded.get(s.id, []))
        total += len(s.codings)
        free = list(range(len(events)))
        pending = []
        for src, tgt, code in s.codings:
            i = next((i for i in free if events[i].cameo == code), None)
            if i is None:
                pending.append(code)
                continue
            exact += 1
            free.remove(i)
            if names is not None and _role_resolvable(src, names) and _role_resolvable(tgt, names):
                roles_n += 1
                roles_ok += (any(_petr_actor(src, a, names) for a in events[i].source)
                             and any(_petr_actor(tgt, a, names) for a in events[i].target))
        for code in pending:
            i = next((i for i in free if (events[i].cameo or "")[:2] == code[:2]), None)
            if i is not None:
                root += 1
                free.remove(i)
        extra += len(free)
    return {
        "n": len(gold),
        "codings": total,
        "accuracy": exact / total if total else 0.0,
        "root_accuracy": (exact + root) / total if total else 0.0,
        "extra": extra,
        "extra_per_correct": extra / exact if exact else None,
        "extra_per_sentence": extra / len(gold) if gold else 0.0,
        "role_accuracy": roles_ok / roles_n if roles_n else None,
        "role_n": roles_n,
    }


def _role_resolvable(code: str, names: dict[str, set[str]]) -> bool:
    return code[:3] in names


def _petr_actor(code: str, who: Who, names: dict[str, set[str]]) -> bool:
    """The invented actors are not in our tables: match by their dictionary names in the
    actor's text, or by country for the real countries the dictionary also lists."""
    text = " " + re.sub(r"[^A-Z0-9]+", " ", who.text.upper()) + " "
    return (who.country or "") == code[:3] or any(f" {n} " in text for n in names[code[:3]])


def root_scores(gold: Sequence["CoderSentence"], coded: dict[str, list[Coded]]) -> dict:
    """Per sentence, the CAMEO roots coded against those most coders agreed on (statements left out)."""
    found = wanted = given = extra = 0
    for s in gold:
        events = [e for e in coded.get(s.text, []) if e.cameo and e.cameo[:2] != STATEMENT_ROOT]
        roots = {e.cameo[:2] for e in events}
        found += len(roots & s.roots)
        wanted += len(s.roots)
        given += len(roots)
        extra += sum(1 for e in events if e.cameo[:2] not in s.roots)
    return {
        "n": len(gold),
        "gold_roots": wanted,
        "accuracy": found / wanted if wanted else 0.0,  # recall of the agreed roots
        "precision": found / given if given else 0.0,
        "extra": extra,
        "extra_per_sentence": extra / len(gold) if gold else 0.0,
    }


def penta_prediction(events: Sequence[Coded]) -> int:
    """The penta class of the most confident event; 0 (statement/neutral) when none."""
    if not events:
        return 0
    return penta_of_cameo(max(events, key=lambda e: e.confidence).cameo)


# ---------------------------------------------------------------- loaders

@dataclass
class PairRow:
    uid: str
    sentence: str
    source: str
    target: str
    gold: str


def load_pairs(path: Path) -> list[PairRow]:
    with open(path, newline="", encoding="utf-8") as f:
        return [PairRow(r["uid"], r["sentence"], r["source"], r["target"], r["gold_root"].strip().upper())
                for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]


def load_gsr(path: Path) -> list[GoldEvent]:
    def codes(side) -> list[str]:
        # Missing sides come as null, "" or a stray word; only lists of actors count.
        return [a["code"] for a in side if a.get("code")] if isinstance(side, list) else []
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    return [GoldEvent(r["id"], r["text"], r["event"], codes(r.get("source")), codes(r.get("target")))
            for r in records if r.get("event") != "DOCUMENT" and r.get("text")]


def load_petrarch(path: Path) -> tuple[list[PetrSentence], int]:
    """Sentences meant to code (sentence="true", no error record) whose expected codes are all
    real CAMEO codes; returns them and how many were left out."""
    kept, skipped = [], 0
    for s in ET.parse(path).getroot().iter("Sentence"):
        codings = s.findall("EventCoding")
        text = " ".join((s.findtext("Text") or "").split())
        if s.get("sentence") != "true" or any(c.get("error") for c in codings) or not text:
            skipped += 1
            continue
        gold = [(c.get("sourcecode", "").strip('"'), c.get("targetcode", "").strip('"'), c.get("eventcode", ""))
                for c in codings if not c.get("noevents")]
        if not all(is_cameo_code(code) for _, _, code in gold):
            skipped += 1
            continue
        kept.append(PetrSentence(s.get("id", ""), text, gold))
    return kept, skipped


def load_petrarch_names(path: Path) -> dict[str, set[str]]:
    """Actor dictionary -> {3-letter code prefix: names}. Entries are "NAME [CODE]", with
    "+SYNONYM" lines and indented "[CODE ...]" lines belonging to the entry above."""
    names: dict[str, set[str]] = {}
    group: list[str] = []
    codes: set[str] = set()
    for raw in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#")[0].rstrip()
        if not line.strip() or line.lstrip().startswith("<"):
            continue
        if not raw[0].isspace() and not line.startswith("+"):
            group, codes = [], set()
        head = line.split("[")[0].strip().lstrip("+")
        if head and not raw[0].isspace():
            group.append(re.sub(r"[^A-Z0-9]+", " ", head.upper()).strip())
        codes.update(re.findall(r"\[\s*([A-Z]{3})[^\]]*\]", line))
        for code in codes:
            names.setdefault(code, set()).update(n for n in group if n)
    return names


def petrarch_actors(names: dict[str, set[str]]) -> list:
    """The validation dictionary's names as actor-table rows: each code a state of its own."""
    from tacitus.actors.tables import Organisation
    out = []
    for code, group in sorted(names.items()):
        spelled = sorted(n.title() for n in group if n)
        if spelled:
            out.append(Organisation(code, spelled[0], tuple(spelled[1:]), code, None))
    return out


@dataclass
class CoderSentence:
    """A news sentence and the CAMEO roots (two digits) at least half of its coders gave it."""
    text: str
    roots: set[str]
    coders: int


_CODER_COLUMN = re.compile(r"Action\d+_CAMEO_(\d+)$")
_ROOT = re.compile(r"\s*\d+-(\d+)\b")


def load_intercoder(folder: Path) -> list[CoderSentence]:
    """The inter-coder rounds, one record per distinct sentence: a sentence coded in several rounds
    pools their coders. A coder counts when they marked the sentence complete."""
    votes: dict[str, list[set[str]]] = {}
    for path in sorted(Path(folder).glob("*_summary.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                text = " ".join((row.get("sentences") or "").split())
                if not text:
                    continue
                by_coder: dict[str, set[str]] = {}
                for column, value in row.items():
                    m = _CODER_COLUMN.match(column or "")
                    root = _ROOT.match(value or "")
                    if m and root:
                        by_coder.setdefault(m.group(1), set()).add(f"{int(root.group(1)):02d}")
                for coder, complete in ((c[len("anncomplete_"):], v) for c, v in row.items()
                                        if c and c.startswith("anncomplete_")):
                    if (complete or "").strip().lower() == "true":
                        votes.setdefault(text, []).append(by_coder.get(coder, set()))
    out = []
    for text, coders in votes.items():
        counts: dict[str, int] = {}
        for roots in coders:
            for root in roots:
                counts[root] = counts.get(root, 0) + 1
        agreed = {r for r, n in counts.items() if 2 * n >= len(coders) and r != STATEMENT_ROOT}
        out.append(CoderSentence(text, agreed, len(coders)))
    return out


def load_penta(path: Path) -> list[tuple[str, int]]:
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(r) >= 2 and r[-1].strip().isdigit():
                rows.append(("\t".join(r[:-1]), int(r[-1])))
    return rows


# ---------------------------------------------------------------- coder loops

def _code_texts(coder, texts: Iterable[str]) -> tuple[dict[str, list[Coded]], int]:
    """Code each distinct text once. Negated events are left out (CAMEO does not code what
    did not happen). A failing text counts as no events and is tallied, not raised."""
    out, errors = {}, 0
    for text in dict.fromkeys(texts):
        try:
            _, events = coder.code_text(text, date=None)
        except Exception:
            errors += 1
            events = []
        out[text] = [reduce_event(e) for e in events if getattr(e, "modality", None) != "negated"]
    return out, errors


def run_pairs(rows: Sequence[PairRow], coder) -> dict:
    pred, errors = [], 0
    for r in rows:
        try:
            plover, _cameo, _conf = coder.classify_pair(r.sentence, r.source, r.target)
        except Exception:  # one bad pair is an abstention, not the end of the run
            errors += 1
            plover = None
        pred.append(plover_label(plover, merge_yield=True))
    return {**classification_scores([r.gold for r in rows], pred), "errors": errors}


def run_end_to_end(gold: Sequence[GoldEvent], coder) -> dict:
    coded, errors = _code_texts(coder, (g.text for g in gold))
    return {**end_to_end_scores(gold, coded), "errors": errors}


def run_petrarch(gold: Sequence[PetrSentence], coder, names=None) -> dict:
    by_text, errors = _code_texts(coder, (s.text for s in gold))
    coded = {s.id: by_text[s.text] for s in gold}
    return {**cameo_scores(gold, coded, names), "errors": errors}


def run_intercoder(gold: Sequence[CoderSentence], coder) -> dict:
    coded, errors = _code_texts(coder, (s.text for s in gold))
    return {**root_scores(gold, coded), "errors": errors}


def run_penta(rows: Sequence[tuple[str, int]], coder) -> dict:
    coded, errors = _code_texts(coder, (t for t, _ in rows))
    scores = classification_scores([g for _, g in rows], [penta_prediction(coded[t]) for t, _ in rows])
    return {**scores, "errors": errors}


# ---------------------------------------------------------------- the command

def evaluate(data_dir: Optional[Path], coder, out: Optional[TextIO] = None, limit: Optional[int] = None) -> dict:
    """Score `coder` on every gold file found under data_dir; print tables; return the figures
    as {"files": {relative path: figures}, "skipped": [relative path, ...]}."""
    out = out or sys.stdout  # looked up at call time, so a redirected stdout is honoured
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    results: dict = {"files": {}, "skipped": []}

    def present(rel: str) -> Optional[Path]:
        path = data_dir / rel
        if path.exists():
            return path
        print(f"skipped {rel}: not found under {data_dir}", file=out)
        results["skipped"].append(rel)
        return None

    def head(rows):
        # Evenly spaced rather than the first N: several gold files are sorted by class.
        if limit is None or limit >= len(rows):
            return rows
        return [rows[i * len(rows) // limit] for i in range(limit)]

    for rel in PAIR_FILES:
        if path := present(rel):
            r = results["files"][rel] = {"task": "pair PLOVER", **run_pairs(head(load_pairs(path)), coder)}
            _print_scores(rel, r, out)
            if rel == PAIR_FILES[0] and getattr(coder, "classifier", None) is not None:
                print("(the shipped classifier was trained on this file: its held-out figure is the "
                      "cross-validation in src/tacitus/events/model/MODEL_CARD.md)", file=out)

    if path := present(GSR_FILE):
        r = results["files"][GSR_FILE] = {"task": "end-to-end PLOVER", **run_end_to_end(head(load_gsr(path)), coder)}
        _print_rows(GSR_FILE, [(k, _fmt(r[k])) for k in
                               ("n", "accuracy", "actor_accuracy", "actor_n", "full_match", "extra_per_sentence", "errors")], out)

    if path := present(PETRARCH_FILE):
        sentences, left_out = load_petrarch(path)
        names_path = data_dir / PETRARCH_ACTORS
        names = load_petrarch_names(names_path) if names_path.exists() else None
        # The suite's invented states (Arnor, Gondor) join the coder's actors, as a user's own table would.
        petr_coder = coder.with_actors(petrarch_actors(names)) if names and hasattr(coder, "with_actors") else coder
        r = results["files"][PETRARCH_FILE] = {"task": "sentence CAMEO", "left_out": left_out,
                                               **run_petrarch(head(sentences), petr_coder, names)}
        _print_rows(PETRARCH_FILE, [(k, _fmt(r[k])) for k in
                                    ("n", "left_out", "codings", "accuracy", "root_accuracy", "extra",
                                     "extra_per_correct", "role_accuracy", "role_n", "errors")], out)

    if path := present(PENTA_FILE):
        rows = load_penta(path)
        note = ""
        if len(rows) > PENTA_SAMPLE:
            rows = random.Random(0).sample(rows, PENTA_SAMPLE)
            note = f"a fixed random sample of {PENTA_SAMPLE} sentences"
        r = results["files"][PENTA_FILE] = {"task": "sentence penta", "sample": note or None,
                                            **run_penta(head(rows), coder)}
        _print_scores(PENTA_FILE + (f" ({note})" if note else ""), r, out)

    if path := present(INTERCODER_DIR):
        sentences = [s for s in load_intercoder(path) if s.coders >= 2]
        r = results["files"][INTERCODER_DIR] = {"task": "news CAMEO root", **run_intercoder(head(sentences), coder)}
        _print_rows(INTERCODER_DIR + " (accuracy: share of the roots most coders agreed on that are found)",
                    [(k, _fmt(r[k])) for k in ("n", "gold_roots", "accuracy", "precision", "extra",
                                                 "extra_per_sentence", "errors")], out)

    summary = [(rel, r["task"], str(r["n"]), _fmt(r["accuracy"]), _fmt(r.get("macro_f1")),
                _fmt(r.get("extra_per_sentence"))) for rel, r in results["files"].items()]
    print("\nSummary (extra = coded events per sentence beyond those matching gold)", file=out)
    _print_table(("file", "task", "n", "accuracy", "macro-F1", "extra"), summary, out)
    return results


# ---------------------------------------------------------------- reviewers' corrections

def corrections_scores(reviews: Sequence[dict], coded: dict[tuple, list]) -> dict:
    """The coder against reviewers' verdicts (`tacitus export --corrections` rows). `coded` maps
    (article_id, trigger_start, trigger_end) to the events the coder gives now at that trigger.
    An accepted or corrected event should be coded there with the reviewed category, actors and date;
    a rejected one should no longer be coded there."""
    kept = [r for r in reviews if r["verdict"] in ("accept", "correct")]
    rejected = [r for r in reviews if r["verdict"] == "reject"]

    def fits(e, r, what: str) -> bool:
        if what == "category":
            return e.event.plover == r["plover"]
        if what == "date":
            return e.date == (str(r["date"])[:10] if r["date"] else None)
        actors = e.source if what == "source" else e.target
        return (actors[0].code if actors else None) == r[f"{what}_code"]

    hits = {k: 0 for k in ("found", "category", "source", "target", "date", "all")}
    for r in kept:
        events = coded.get((r["article_id"], r["trigger_start"], r["trigger_end"]), [])
        hits["found"] += bool(events)
        for what in ("category", "source", "target", "date"):
            hits[what] += any(fits(e, r, what) for e in events)
        hits["all"] += any(all(fits(e, r, w) for w in ("category", "source", "target", "date")) for e in events)
    still = sum(bool(coded.get((r["article_id"], r["trigger_start"], r["trigger_end"]))) for r in rejected)
    share = (lambda k: hits[k] / len(kept) if kept else None)
    return {"n": len(reviews), "accepted": sum(r["verdict"] == "accept" for r in reviews),
            "corrected": sum(r["verdict"] == "correct" for r in reviews), "rejected": len(rejected),
            **{k: share(k) for k in hits}, "rejected_still_coded": still / len(rejected) if rejected else None}


def evaluate_corrections(db, coder, out: Optional[TextIO] = None) -> dict:
    """Code again the stored articles that reviewed events come from and score the coder against the
    reviews of a store (its `reviews` table, written by `tacitus serve`)."""
    out = out or sys.stdout
    from tacitus.store import open as open_store
    from tacitus.web import corrections
    with open_store(db) as store:
        reviews = corrections(store)
        ids = sorted({r["article_id"] for r in reviews})
        articles = store.sql("SELECT id, text, title, date, date_basis FROM articles WHERE id IN (SELECT unnest(?))",
                             [ids]).to_dict("records") if ids else []
    coded: dict[tuple, list] = {}
    for a in articles:
        # A publication date the input gave is given again; one read from a dateline is read again.
        date = a["date"].isoformat()[:10] if a["date_basis"] == "given" and a["date"] is not None else None
        _, events = coder.code_text(a["text"], date=date, id=a["id"], title=a["title"])
        for e in events:
            coded.setdefault((a["id"], *e.trigger.span), []).append(e)
    r = corrections_scores(reviews, coded)
    _print_rows(f"reviewed events in {db} (shares of the accepted and corrected ones)",
                [(k, _fmt(r[k])) for k in ("n", "accepted", "corrected", "rejected", "found", "category", "source",
                                           "target", "date", "all", "rejected_still_coded")], out)
    return r


# ---------------------------------------------------------------- printing

def _fmt(x) -> str:
    if x is None:
        return "-"
    return f"{x:.3f}" if isinstance(x, float) else str(x)


def _print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], out: TextIO) -> None:
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows)]
    for row in (headers, ["-" * w for w in widths], *rows):
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip(), file=out)


def _print_rows(title: str, rows: Sequence[tuple[str, str]], out: TextIO) -> None:
    print(f"\n{title}", file=out)
    _print_table(("measure", "value"), rows, out)


def _print_scores(title: str, r: dict, out: TextIO) -> None:
    _print_rows(title, [("n", str(r["n"])), ("accuracy", _fmt(r["accuracy"])),
                        ("macro-F1", _fmt(r["macro_f1"])), ("abstained", _fmt(r["abstained"]))]
                + ([("errors", str(r["errors"]))] if "errors" in r else []), out)
    print(file=out)
    _print_table(("class", "precision", "recall", "F1", "support"),
                 [(c, _fmt(v["precision"]), _fmt(v["recall"]), _fmt(v["f1"]), str(v["support"]))
                  for c, v in r["per_class"].items()], out)
