"""The dateline that opens a wire story: "Nov. 21 (UPI) --", "MOSCOW, March 3 (Reuters) -", "WASHINGTON (AP) —",
"Raipur, India -", "ISLAMABAD:"."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from tacitus.reading.boilerplate import find_excluded
from tacitus.records import Span
from tacitus.when import MONTH_NAME, WEEKDAY, month_number

_MONTH = MONTH_NAME.replace("(?![a-z])", "(?![a-zA-Z])")
_DATE = (rf"(?:(?i:{WEEKDAY}),?\s+)?"
         rf"(?:(?P<mon>(?i:{_MONTH}))\s*(?P<d>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<mon2>(?i:{_MONTH})))"
         r"(?:,?\s+(?P<y>(?:19|20)\d\d))?")
_DATELINE = re.compile(rf"""
    (?:(?P<place>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+)*                # MOSCOW, NEW YORK, ST. PETERSBURG
                |(?=[A-Z][a-z]+,[ ][A-Z])[A-Z][a-z]+)                        # Raipur (with its region)
       (?P<region>(?:,[ ](?!(?i:{_MONTH}))[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*)*)*)  # , Lebanon / , Saudi Arabia
       (?:,[ ]|[ ]?(?=\S)))?
    (?:(?P<date>{_DATE})[ ]?)?
    (?:\((?P<o1>[A-Za-z][^()\n]{{0,30}})\)[ ]?|/(?P<o2>[A-Za-z][^/\n]{{0,30}})/[ ]?)?
    [ ]*(?P<dash>--|—|–|-|:)(?=\s|[A-Z"“])
""", re.X)
# Capitals before a colon that open a story but name no place.
HEADINGS = {"BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "OPINION", "EDITORIAL", "COMMENT", "WATCH",
            "LIVE", "VIDEO", "PHOTOS", "CORRECTION", "FACTBOX", "EXPLAINER", "NOTE", "Q&A"}
_WINDOW = 300  # a dateline opens the body: look no further than this past the captions


@dataclass
class Dateline:
    text: str  # as printed, with its dash
    span: Span
    place: Optional[str]
    outlet: Optional[str]
    month: Optional[int]
    day: Optional[int]
    year: Optional[int]


def parse_dateline(text: str, excluded: Iterable[Span] | None = None) -> Dateline | None:
    """The dateline at the start of the body (after any caption), or None.

    `excluded` are the spans to skip (captions, credits); found with `find_excluded` when not given.
    """
    spans = sorted(tuple(s) for s in (excluded if excluded is not None else (s for s, _ in find_excluded(text))))
    body = _skip_space(text, 0)
    for start, end in spans:  # the body starts after the captions and credits that open the text
        if start <= body < end:
            body = _skip_space(text, end)
    starts = {body} | {body + m.end() for m in re.finditer(r"\n\s*", text[body:body + _WINDOW])}
    starts |= {_skip_space(text, end) for _, end in spans if body <= end <= body + _WINDOW}
    for pos in sorted(starts):
        if pos <= body + _WINDOW and not any(s <= pos < e for s, e in spans):
            found = _at(text, pos)
            if found:
                return found
    return None


def _skip_space(text: str, pos: int) -> int:
    return pos + len(text[pos:pos + _WINDOW]) - len(text[pos:pos + _WINDOW].lstrip())


def _at(text: str, pos: int) -> Dateline | None:
    m = _DATELINE.match(text, pos)
    if not m or not (m["place"] or m["date"]):
        return None
    outlet = m["o1"] or m["o2"]
    place, bare = m["place"], not m["date"] and not outlet
    # "NATO - the alliance ..." is no dateline, "Raipur, India - " is; a colon follows a place in capitals alone.
    if bare and m["dash"] == "-" and not m["region"]:
        return None
    if m["dash"] == ":" and not (place and place.isupper() and bare and not m["region"] and place not in HEADINGS):
        return None
    if place and not place.isupper() and not (bare and m["region"]):
        return None
    month = m["mon"] or m["mon2"]
    day = m["d"] or m["d2"]
    if day and not 1 <= int(day) <= 31:
        return None
    return Dateline(text=m.group(0).strip(), span=(m.start(), m.start() + len(m.group(0).rstrip())),
                    place=m["place"], outlet=outlet.strip() if outlet else None,
                    month=month_number(month) if month else None, day=int(day) if day else None,
                    year=int(m["y"]) if m["y"] else None)
