"""The gazetteer the project owns: data/gazetteer.tsv (built by tools/build_gazetteer.py), loaded once.

Only the standard library here: the packages the table is built from are not needed at run time.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Nouns whose "of" phrase names a place ("the town of Douma", "north of Aleppo").
OF_PLACE = {"city", "town", "village", "province", "governorate", "region", "district", "capital", "outskirts",
            "suburb", "suburbs", "north", "south", "east", "west", "centre", "center", "countryside", "port",
            "area", "enclave", "border", "heart", "edge", "streets", "island", "state", "republic", "resort",
            "districts", "neighbourhood", "neighborhood", "sector", "part", "parts", "quarter", "peninsula", "zone",
            "coast"}

COLUMNS = ("id", "name", "asciiname", "altnames", "country", "feature", "lat", "lon", "population",
           "parent", "neighbours")
# Arabic articles spelt a dozen ways ("ar Raqqah", "ash Shughur", "ez-Zor", "el Bab") are one key: "al".
_ARTICLES = {"el", "ar", "as", "ash", "at", "ad", "an", "az", "ez", "es", "ed", "er", "et", "adh", "ath", "ul"}
_QUOTES = re.compile(r"[‘’'`ʿʾ\".]")
_SEPARATORS = re.compile(r"[\s\-‐–—,/]+")


def key(name: str, fold_articles: bool = True) -> str:
    """The form names are compared in: no accents, quotes or hyphens, lower case, one article spelling."""
    if name.isascii() and name.replace(" ", "").isalpha():  # most names: plain words (keeps loading quick)
        s = name.lower()
        if " " not in s:
            return s
        words = s.split()
    else:
        s = name
        if not s.isascii():
            s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
        words = _SEPARATORS.sub(" ", _QUOTES.sub("", s)).strip().lower().split(" ")
    if fold_articles:
        return " ".join("al" if w in _ARTICLES and i < len(words) - 1 else w for i, w in enumerate(words))
    return " ".join(words)


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    country: str | None  # ISO 3166 alpha-3
    feature: str  # country | adm1 | capital | city | site | region | continent
    lat: float | None
    lon: float | None
    population: int
    parent: str | None  # the adm1 a city lies in (ISO 3166-2 code), when known
    neighbours: tuple[str, ...]  # countries only: ISO3 of the countries bordering it
    primary: tuple[str, ...]  # keys of its own name and ASCII name (the rest are alternate names)
    alternates: int  # how many alternate names it has: well-known places have many


class Gazetteer:
    """Entries and a name index: key(name) -> entries bearing that name (primary or alternate)."""

    def __init__(self, entries: list[Entry], names: dict[str, list[Entry]]):
        self.entries = entries
        self.names = names
        self.by_id = {e.id: e for e in entries}
        self.countries = {e.country: e for e in entries if e.feature == "country"}
        # Every word that starts some indexed name: a cheap filter before building n-grams.
        self.first_words = {k.split(" ", 1)[0] for k in names}

    def lookup(self, text: str) -> list[Entry]:
        k = key(text)
        found = self.names.get(k)
        if found is None and k.startswith(("al ", "the ")):
            found = self.names.get(k.split(" ", 1)[1])
        return found or []

    @classmethod
    def from_rows(cls, rows) -> "Gazetteer":
        """From rows of the COLUMNS, as lists of strings (the TSV's lines)."""
        entries: list[Entry] = []
        names: dict[str, list[Entry]] = {}
        for id_, name, asciiname, altnames, country, feature, lat, lon, population, parent, neighbours in rows:
            alts = altnames.split("|") if altnames else []  # already keys (see tools/build_gazetteer.py)
            name_key = key(name)
            primary = (name_key, name_key if asciiname == name else key(asciiname))
            e = Entry(id_, name, country or None, feature, float(lat) if lat else None, float(lon) if lon else None,
                      int(population or 0), parent or None, tuple(neighbours.split(",")) if neighbours else (),
                      primary, len(alts))
            entries.append(e)
            for k in {*primary, *alts}:
                if not k:
                    continue
                names.setdefault(k, []).append(e)
                if k.startswith("al ") and len(k) > 6:  # "Al Bab" is also written "Bab"
                    names.setdefault(k[3:], []).append(e)
        return cls(entries, names)


@lru_cache(maxsize=1)
def fips_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-3 -> FIPS 10-4 country code, the codes of GDELT's geography columns."""
    path = resources.files("tacitus.places") / "data" / "fips.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        return {r["iso3"]: r["fips"] for r in csv.DictReader(f, delimiter="\t")}


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The packaged gazetteer, read once per process."""
    path = resources.files("tacitus.places") / "data" / "gazetteer.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        lines = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
        if tuple(next(lines)) != COLUMNS:
            raise ValueError(f"{path}: the columns are not {COLUMNS}; rebuild it with `make gazetteer`")
        return Gazetteer.from_rows(lines)
