"""Writes src/tacitus/actors/data/officials.tsv: the office holders of the Phoenix country dictionary.

Reads ../shared/reference/phoenix_dictionaries/Phoenix.Countries.actors.txt (MIT, Open Event Data
Alliance, from the CountryInfo project), keeps its people (entries marked "# CountryInfo") with their
dated codes, and writes them in the columns of leaders.tsv. The hand-kept leaders.tsv takes precedence
over these rows wherever a name is in both (see tacitus.actors.tables).

    python tools/build_officials.py [PHOENIX_COUNTRIES_FILE]
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import tacitus.nlp
from tacitus.actors.resolve import TITLE_WORDS
from tacitus.actors.tables import load_tables, name_tokens

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "reference" / "phoenix_dictionaries" / "Phoenix.Countries.actors.txt"
TARGET = ROOT / "src" / "tacitus" / "actors" / "data" / "officials.tsv"

# The dictionary was last revised in early 2014 and shows no one after ~2016: an open-ended term is not
# trusted beyond that, and its holder is then coded as a former official of the country.
OPEN_END = "2016-01-01"
# Two-digit years: the dictionary's dates run from the 1940s to 2014.
CENTURY_PIVOT = 20

RENAMED = {"KSV": "XKX"}  # Kosovo, as in countries.tsv
# Sectors kept; other suffixes are territories' codes (GBRVGB...), left out.
SECTORS = {"", "GOV", "ELI", "MIL", "SPY", "COP", "JUD", "LEG", "OPP", "PTY", "REB"}
CODE = re.compile(r"\[([A-Z]{3})([A-Z]*)\s*([<>]?\d{6})?(?:-(\d{6}))?\s*\]")
NAME = re.compile(r"^[A-Z][A-Z'.\-]*(?: [A-Z][A-Z'.\-]*)+$")

_tables = load_tables()
# Capitalised title words ("Prime", "Minister", "Russian"); particles ("de", "al") are lower case in names.
TITLE_VOCABULARY = {w.capitalize() for w in TITLE_WORDS | {w for noun in _tables.agents for w in noun.split()}} | {
    d for c in _tables.countries.values() for d in c.demonyms}


def _date(yymmdd: str) -> str | None:
    yy, mm, dd = int(yymmdd[:2]), yymmdd[2:4], yymmdd[4:6]
    if not ("01" <= mm <= "12" and "01" <= dd <= "31"):
        return None
    return f"{(2000 if yy < CENTURY_PIVOT else 1900) + yy}-{mm}-{dd}"


def _name(raw: str) -> str | None:
    """FIRST_LAST_ -> "First Last"; None for what is not a plain name of two words or more."""
    words = raw.strip().strip("_").replace("_", " ").split()
    text = " ".join(words)
    if not NAME.match(text) or any(len(w.strip(".")) < 2 and not w.endswith(".") for w in words):
        return None
    return " ".join(_title(w) for w in words)


def _title(word: str) -> str:
    lower = {"AL", "EL", "BIN", "BEN", "VON", "VAN", "DE", "DER", "DEN", "DA", "DOS", "DU", "LA", "LE", "DI"}
    if word in lower:
        return word.lower()
    return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))


def _sector(code: str) -> str:
    """The dictionary's ministries (GOVBUS, GOVAGR, ...) are government; its defence ministers (GOVMIL) are
    coded MIL, as leaders.tsv codes them."""
    return "MIL" if "MIL" in code else code[:3]


def _country(prefix: str, sector: str) -> str | None:
    """The country of a code kept (a country of countries.tsv, a sector of SECTORS), else None."""
    prefix = RENAMED.get(prefix, prefix)
    return prefix if prefix in _tables.countries and _sector(sector) in SECTORS else None


def parse(text: str) -> list[dict]:
    """Entries of the dictionary: {"names": [...], "codes": [(prefix, sector, start, end)], "person": bool}."""
    entries, current = [], None
    for raw in text.splitlines():
        line, _, comment = raw.partition("#")
        if not line.strip() and not comment:
            continue
        if raw[:1] not in (" ", "\t", "+") and line.strip():
            head = line.split("[")[0]
            current = {"names": [head], "codes": [], "person": "CountryInfo" in comment}
            entries.append(current)
        elif current is None:
            continue
        elif line.startswith("+"):
            current["names"].append(line[1:].split("[")[0])
        for prefix, sector, start, end in CODE.findall(line):
            current["codes"].append((prefix, sector, start, end))
    return entries


def rows(entries: list[dict], tokenize) -> list[list[str]]:
    out = []
    for e in entries:
        if not e["person"]:
            continue
        # The coder matches these names by their plain split (name_tokens): a name the tokenizer splits
        # otherwise ("Jr.", "O'Neil") is left out rather than silently never matched.
        # A titled alias ("Prime Minister Ehud Barak") is left to the coder's title reading, which dates the
        # title by the article rather than by this table.
        names = [n for n in map(_name, e["names"]) if n and name_tokens(n) == tuple(t.text for t in tokenize(n))]
        names = list(dict.fromkeys(n for i, n in enumerate(names) if i == 0 or not TITLE_VOCABULARY & set(n.split())))
        if not names:
            continue
        terms = []
        for prefix, sector, start, end in e["codes"]:
            prefix = _country(prefix, sector)
            if not start or prefix is None:
                continue  # the undated default is the former-official code, which the tables derive
            if start[0] == ">":
                begin, finish = _date(start[1:]), None
            elif start[0] == "<":
                begin, finish = "1900-01-01", _date(start[1:])
            else:
                begin, finish = _date(start), _date(end) if end else None
            if begin is None or (finish is not None and finish <= begin):
                continue
            if finish is None:
                finish = max(OPEN_END, begin)
            terms.append((prefix, sector, begin, finish))
        if not terms:
            undated = [(_country(p, s), s) for p, s, start, _ in e["codes"] if not start and _country(p, s)]
            if not undated:
                continue
            terms = [(*undated[0], "1900-01-01", OPEN_END)]
        # Sorted in full, so that the table is the same on every run (a set's order is not).
        terms = sorted(set(terms), key=lambda t: (t[2], t[3], t[0], t[1]))
        for i, (prefix, sector, begin, finish) in enumerate(terms):
            aliases = "|".join(names[1:]) if i == 0 else ""
            out.append([names[0], aliases, prefix, _sector(sector), "office", begin, finish])
    return out


def main(argv: list[str]) -> None:
    source = Path(argv[1]) if len(argv) > 1 else SOURCE
    table = rows(parse(source.read_text(encoding="utf-8", errors="replace")), tacitus.nlp.load().tokenizer)
    with open(TARGET, "w", encoding="utf-8") as f:
        f.write("person\taliases\tiso3\tsector\trole\tstart\tend\n")
        for r in table:
            f.write("\t".join(r) + "\n")
    print(f"{TARGET}: {len(table)} terms of {len({r[0] for r in table})} people")


if __name__ == "__main__":
    main(sys.argv)
