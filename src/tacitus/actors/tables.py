"""The actor tables (data/*.tsv): countries, metonyms, organisations, leaders, officials, agents."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True)
class Organisation:
    code: str
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class Metonym:
    phrase: str
    code: str | None  # None: a phrase that blocks a shorter match ("Latin America", "Washington Post")
    name: str | None


@dataclass(frozen=True)
class Term:
    """One office held by one person; end is exclusive (the day the successor took over), None = still in office."""
    person: str
    iso3: str  # a country's ISO alpha-3, or an organisation code for heads of IGOs and armed groups
    sector: str | None
    role: str
    start: str
    end: str | None


@dataclass
class ActorTables:
    countries: dict[str, Country]
    metonyms: list[Metonym]
    organisations: list[Organisation]
    terms: list[Term]
    aliases: dict[str, tuple[str, ...]]  # person -> aliases (not including the canonical name)
    agents: dict[str, str]  # agent noun (singular) -> sector
    org_codes: dict[str, Organisation] = field(default_factory=dict)
    peoples: frozenset[str] = frozenset()  # ethnic and faith communities (singular): actors only with a country
    officials: frozenset[str] = frozenset()  # persons of officials.tsv (the Phoenix office holders)

    def person_terms(self, person: str) -> list[Term]:
        return [t for t in self.terms if t.person == person]

    def extended(self, organisations: list[Organisation]) -> "ActorTables":
        """These tables plus a user's own actors (matched like organisations)."""
        org_codes = dict(self.org_codes)
        for o in organisations:
            org_codes.setdefault(o.code, o)
        return replace(self, organisations=self.organisations + list(organisations), org_codes=org_codes)


_HYPHEN = re.compile(r"(?<=[^\W\d_])([-\u2013])(?=[^\W\d_])")


def name_tokens(name: str) -> tuple[str, ...]:
    """A plain name as the tokenizer splits it: at spaces and at hyphens between letters ("Abdel-Aziz").
    tools/build_officials.py keeps only names for which this agrees with spaCy's tokenizer."""
    if "-" not in name and "\u2013" not in name:
        return tuple(name.split())
    return tuple(part for word in name.split() for part in _HYPHEN.split(word) if part)


def _rows(filename: str, text: str | None = None) -> list[dict[str, str]]:
    if text is None:
        text = resources.files("tacitus.actors").joinpath("data", filename).read_text(encoding="utf-8")
    header, *lines = text.splitlines()
    columns = header.split("\t")
    return [dict(zip(columns, (cell.strip() for cell in (line.split("\t") + [""] * len(columns)))))
            for line in lines if line.strip()]


def _list(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split("|") if x.strip())


def _term(row: dict[str, str]) -> Term:
    """A row of leaders.tsv or officials.tsv (same columns)."""
    return Term(row["person"], row["iso3"], row["sector"] or None, row["role"], row["start"], row["end"] or None)


def _organisations(rows: list[dict[str, str]]) -> list[Organisation]:
    return [Organisation(r["code"], r["name"], _list(r.get("aliases", "")), r.get("country") or None,
                         r.get("sector") or None) for r in rows]


def read_actor_file(path: str | Path) -> list[Organisation]:
    """A user's actor table: TSV with columns code, name and optional aliases (|-separated), country, sector."""
    rows = _rows(str(path), Path(path).read_text(encoding="utf-8"))
    missing = {"code", "name"} - set(rows[0] if rows else {"code", "name"})
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    return _organisations(rows)


@lru_cache(maxsize=1)
def load_tables() -> ActorTables:
    countries = {r["iso3"]: Country(r["iso3"], r["name"], _list(r["aliases"]), _list(r["demonyms"]),
                                    _list(r["capitals"])) for r in _rows("countries.tsv")}
    metonyms = [Metonym(r["phrase"], r["code"] or None, r["name"] or None) for r in _rows("metonyms.tsv")]
    orgs = _organisations(_rows("organisations.tsv"))
    terms, aliases = [], {}
    for r in _rows("leaders.tsv"):
        terms.append(_term(r))
        # Aliases are usually given on a person's first row only; later rows add to them.
        aliases[r["person"]] = tuple(dict.fromkeys(aliases.get(r["person"], ()) + _list(r["aliases"])))
    # The Phoenix office holders fill in where the kept tables are silent: a name these already give to a
    # leader, country, organisation or phrase stays theirs.
    taken = {n.lower() for person, more in aliases.items() for n in (person, *more)}
    taken |= {n.lower() for c in countries.values() for n in (c.name, *c.aliases, *c.demonyms, *c.capitals)}
    taken |= {n.lower() for o in orgs for n in (o.name, *o.aliases)} | {m.phrase.lower() for m in metonyms}
    officials = set()
    for r in _rows("officials.tsv"):
        person = r["person"]
        if person.lower() in taken:
            continue
        officials.add(person)
        terms.append(_term(r))
        more = tuple(a for a in _list(r["aliases"]) if a.lower() not in taken)
        aliases[person] = tuple(dict.fromkeys(aliases.get(person, ()) + more))
    agents = {r["agent"].lower(): r["sector"] for r in _rows("agents.tsv")}
    org_codes = {}
    for o in orgs:
        org_codes.setdefault(o.code, o)
    peoples = frozenset(r["people"].lower() for r in _rows("peoples.tsv"))
    return ActorTables(countries, metonyms, orgs, terms, aliases, agents, org_codes, peoples, frozenset(officials))


def table_sizes() -> dict[str, int]:
    t = load_tables()
    return {"countries": len(t.countries), "metonyms": sum(1 for m in t.metonyms if m.code),
            "organisations": len(t.organisations), "leaders": len(t.aliases) - len(t.officials),
            "officials": len(t.officials), "leader_terms": len(t.terms),
            "agents": len(t.agents), "peoples": len(t.peoples)}
