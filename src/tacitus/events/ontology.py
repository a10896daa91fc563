"""CAMEO codes with their PLOVER category, mode, context, quad class, Goldstein weight and PLOVER
intensity, and the trigger lexicon that maps words to CAMEO codes. Both are data files in data/
(see data/NOTES.md for where their facts come from); they are read on first use, never at import."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from tacitus.records import EventType

PLOVER_CATEGORIES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# The CAMEO code that best stands for a PLOVER category (and mode). Most are the category's
# generic code; where PLOVER's category draws on several CAMEO roots, the one news uses most.
DEFAULT_CAMEO = {
    ("AGREE", None): "030",
    ("CONSULT", None): "040",
    ("CONSULT", "phone"): "041",
    ("CONSULT", "visit"): "042",
    ("CONSULT", "third-party"): "044",
    ("SUPPORT", None): "050",
    ("CONCEDE", None): "080",
    ("COOPERATE", None): "060",
    ("AID", None): "070",
    ("RETREAT", None): "084",
    ("RETREAT", "release"): "0841",
    ("RETREAT", "return"): "0842",
    ("RETREAT", "ease"): "085",
    ("RETREAT", "access"): "086",
    ("RETREAT", "disarm"): "087",
    ("RETREAT", "ceasefire"): "0871",
    ("RETREAT", "withdraw"): "0872",
    ("RETREAT", "resign"): "0831",
    ("REQUEST", None): "100",
    ("REQUEST", "assist"): "101",
    ("REQUEST", "change"): "104",
    ("REQUEST", "yield"): "105",
    ("REQUEST", "meet"): "106",
    ("ACCUSE", None): "110",
    ("ACCUSE", "disapprove"): "111",
    ("ACCUSE", "allege"): "112",
    ("ACCUSE", "investigate"): "090",
    ("REJECT", None): "120",
    ("THREATEN", None): "130",
    ("THREATEN", "violence"): "138",
    ("PROTEST", None): "140",
    ("PROTEST", "demo"): "141",
    ("PROTEST", "hunger"): "142",
    ("PROTEST", "boycott"): "143",
    ("PROTEST", "strike"): "143",
    ("PROTEST", "obstruct"): "144",
    ("PROTEST", "riot"): "145",
    ("MOBILIZE", None): "150",
    ("MOBILIZE", "police"): "153",
    ("MOBILIZE", "troops"): "154",
    ("SANCTION", None): "160",
    ("SANCTION", "withdraw"): "161",
    ("SANCTION", "discontinue"): "162",
    ("SANCTION", "expel"): "166",
    ("COERCE", None): "170",
    ("COERCE", "seize"): "171",
    ("COERCE", "restrict"): "172",
    ("COERCE", "arrest"): "173",
    ("COERCE", "deport"): "174",
    ("COERCE", "curfew"): "1723",
    ("COERCE", "martial-law"): "1724",
    ("ASSAULT", None): "190",
    ("ASSAULT", "abduct"): "181",
    ("ASSAULT", "beat"): "182",
    ("ASSAULT", "sexual"): "1821",
    ("ASSAULT", "torture"): "1822",
    ("ASSAULT", "suicide-attack"): "183",
    ("ASSAULT", "explosives"): "183",  # a bombing of no stated kind, not a car bombing (1832)
    ("ASSAULT", "assassinate"): "186",
    ("ASSAULT", "targeted"): "186",
    ("ASSAULT", "firearms"): "193",
    ("ASSAULT", "heavy-weapons"): "194",
    ("ASSAULT", "aerial"): "195",
    ("ASSAULT", "drone"): "195",
    ("ASSAULT", "unconventional"): "204",
}


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("tacitus.events").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    plover: str  # "" for the 01 statements, which PLOVER drops
    mode: Optional[str]
    context: Optional[str]
    quad_class: int
    intensity: Optional[float]


class Ontology:
    def __init__(self, codes: list[CameoCode]):
        self._codes = {c.code: c for c in codes}

    def get(self, code: str) -> CameoCode | None:
        """The code's row; an unknown code falls back to its 3-digit parent, then to its root."""
        for candidate in (code, code[:3], code[:2]):
            if candidate in self._codes:
                return self._codes[candidate]
        return None

    def event_type(self, code: str) -> EventType:
        c = self.get(code)
        if c is None:
            raise KeyError(f"unknown CAMEO code {code!r}")
        return EventType(plover=c.plover, mode=c.mode, context=c.context, cameo=c.code,
                         quad_class=c.quad_class, goldstein=c.goldstein, intensity=c.intensity)

    def default_cameo(self, plover: str, mode: str | None = None) -> str:
        plover = plover.upper()
        code = DEFAULT_CAMEO.get((plover, mode)) or DEFAULT_CAMEO.get((plover, None))
        if code is None:
            raise KeyError(f"unknown PLOVER category {plover!r}")
        return code

    def plover_categories(self) -> list[str]:
        return list(PLOVER_CATEGORIES)

    def __len__(self) -> int:
        return len(self._codes)

    def __iter__(self):
        return iter(self._codes.values())


def _optional_float(text: str) -> Optional[float]:
    return float(text) if text else None


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    return Ontology([
        CameoCode(code=r["code"], name=r["name"], goldstein=float(r["goldstein"]), plover=r["plover"],
                  mode=r["mode"] or None, context=r["context"] or None,
                  quad_class=int(r["quad_class"]), intensity=_optional_float(r["intensity"]))
        for r in _rows("cameo.tsv")])


@dataclass(frozen=True)
class TriggerEntry:
    lemma: str
    pos: str  # VERB or NOUN
    prep: Optional[str]  # particle or preposition that must attach to the trigger
    object: Optional[str]  # lemma of the object noun (or, for a noun trigger, of a modifier)
    cameo: str
    note: str

    @property
    def curated_phrase(self) -> bool:
        """A word with its object chosen by hand ("impose curfew"), not reduced from the Phoenix dictionary."""
        return bool(self.object) and not self.note.startswith("phoenix:")


class TriggerLexicon:
    def __init__(self, entries: list[TriggerEntry]):
        self._by_word: dict[tuple[str, str], list[TriggerEntry]] = {}
        for e in entries:
            self._by_word.setdefault((e.lemma, e.pos), []).append(e)
        # Most specific first: lemma+prep+object, lemma+object, lemma+prep, lemma.
        for rows in self._by_word.values():
            rows.sort(key=lambda e: (e.object is None, e.prep is None))
        self._size = len(entries)
        self._lemmas: dict[str, frozenset[str]] = {}

    def lookup(self, lemma: str, pos: str, preps: set[str], objects: set[str],
               setting: frozenset[str] | set[str] = frozenset()) -> TriggerEntry | None:
        """The most specific row for the word with these prepositions and objects. A row without a
        preposition takes no word that only gives the setting ("attacked X in an assault" is no "attack an
        assault")."""
        for e in self._by_word.get((lemma, pos), ()):
            if (e.prep is None or e.prep in preps) and (e.object is None or e.object in objects) and \
                    not (e.object and e.prep is None and e.object in setting):
                return e
        return None

    def lemmas(self, pos: str) -> frozenset[str]:
        if pos not in self._lemmas:  # asked for every sentence: built once
            self._lemmas[pos] = frozenset(lemma for lemma, p in self._by_word if p == pos)
        return self._lemmas[pos]

    def __len__(self) -> int:
        return self._size


@lru_cache(maxsize=1)
def load_triggers() -> TriggerLexicon:
    return TriggerLexicon([
        TriggerEntry(lemma=r["lemma"], pos=r["pos"], prep=r["prep"] or None, object=r["object"] or None,
                     cameo=r["cameo"], note=r["note"])
        for r in _rows("triggers.tsv")])


def table_sizes() -> dict[str, int]:
    return {"cameo": len(load_ontology()), "triggers": len(load_triggers())}
