"""The event's own date, read from its sentence and resolved against the publication date.

Dates are ISO strings. A date of week precision is the Monday of that week; of month precision the
first of the month; of year precision the first of January.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass
from typing import Iterable, Optional

from tacitus.records import DateBasis, Precision, Span

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH_FULL = "(?:" + "|".join(m.title() for m in MONTHS) + ")"
# Capitalised only, so the verbs "may" and "march" are not months; "Sept." and "Nov." as wire copy prints them.
MONTH_NAME = (rf"(?:{_MONTH_FULL}"
              r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?![a-z])\.?)(?![a-z])")
_MONTH_KEYS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_NUMBER = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "the": 1}

# (kind, pattern); _resolve gives each kind its meaning. Where matches overlap the earliest, then longest, wins.
_PATTERNS = [(kind, re.compile(p, flags)) for kind, p, flags in [
    ("ymd", rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", 0),
    ("mdy", rf"\b(?P<mon>{MONTH_NAME})\s*(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})", 0),
    ("dmy", rf"\b(?P<d>{_DAY})(?:\s+of)?\s+(?P<mon>{MONTH_NAME}),?\s+(?P<y>{_YEAR})", 0),
    ("my", rf"\b(?P<mon>{MONTH_NAME}),?\s+(?P<y>{_YEAR})", 0),
    ("md", rf"\b(?P<mon>{MONTH_NAME})\s*(?P<d>{_DAY})", 0),
    ("dm", rf"\b(?P<d>{_DAY})(?:\s+of)?\s+(?P<mon>{MONTH_NAME})", 0),
    ("y", rf"\b(?i:in|during)\s+(?:(?i:early|late|mid-?)\s*)?(?P<y>{_YEAR})", 0),
    # "in May" but not "in May's government".
    ("m", rf"\b(?P<rel>(?i:in|last|next|this|early|late|mid-?))\s*(?P<mon>{_MONTH_FULL})\b(?!['’]s|\.?,?\s*\d)", 0),
    ("wd", rf"\b(?:(?P<rel>last|next|this|past)\s+)?(?P<wd>{WEEKDAY})\b", re.I),
    ("day", r"\b(?P<w>the day before yesterday|today|tonight|yesterday|tomorrow|last night"
            r"|this (?:morning|afternoon|evening))\b", re.I),
    ("period", r"\b(?P<rel>last|this|next|past|earlier this|later this)\s+(?P<unit>week|month|year)\b", re.I),
    ("ago", rf"\b(?P<n>{_NUMBER})\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I),
    ("anchor", rf"\b(?:(?P<n>{_NUMBER}|the)\s+(?P<unit>day|week)s?\s+(?P<dir>after|before|later|earlier)"
               r"|the\s+(?P<dir2>next|following|previous|same)\s+day"
               r"|(?:later|earlier)\s+that\s+day|that\s+(?:day|night)|hours\s+later)\b", re.I),
]]
_BY_KIND = dict(_PATTERNS)
_EXPLICIT = {"ymd", "mdy", "dmy", "my", "md", "dm"}
# "the morning of Feb. 12" dates an event; "the accords of Feb. 12" dates the accords.
_TIME_NOUNS = {"morning", "afternoon", "evening", "night", "day", "days", "week", "weeks", "weekend", "month",
               "months", "year", "end", "beginning", "start", "middle", "summer", "spring", "autumn", "fall",
               "winter", "half", "part", "eve", "hours", "date", "first", "last", "early", "late", "as"}
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”—–]|\s--?\s|\b(?:as|where|after|before|when|while|but|because|although|"
                           r"though|since|until|which|who|whom|whose)\b", re.I)
# "Nov. 21 (UPI) --": a dateline left at the head of the sentence dates the story, not the event.
_DATELINE_END = re.compile(r",?\s*(?:\([^()]{1,30}\)|/[^/]{1,30}/)?\s*(?:--|—|–|-)\s")
# "The call came a day after Putin hosted ...": the event restated before "after" is the anchor itself.
_RESTATED = re.compile(r"^\S*\s+(?:came|comes|happened|occurred|took place|was held)\s*$", re.I)


@dataclass
class EventDate:
    date: Optional[str]  # ISO; see the module note for week, month and year precision
    text: Optional[str]  # the expression as written
    span: Optional[Span]  # of the expression, in the sentence
    precision: Optional[Precision]
    basis: DateBasis


def resolve_date(sentence: str, trigger_start: int, publication: dt.date | None, *, future: bool = False,
                 anchor: dt.date | None = None) -> EventDate:
    """The date of the event whose trigger starts at `trigger_start` in `sentence`.

    The date expression closest to the trigger wins, one in the trigger's clause first. Expressions
    without a year count back from `publication` (forward when `future`); "a day after", "two days
    later" count from `anchor`, the date of the story's last event dated before this one.
    """
    publication, anchor = _as_date(publication), _as_date(anchor)
    trigger_start = max(0, min(trigger_start, len(sentence)))
    found = _expressions(sentence, trigger_start)
    for m, kind in found:
        try:
            resolved = _resolve(kind, m, sentence, trigger_start, publication, future, anchor)
        except (ValueError, OverflowError):  # a day that does not exist, or past the calendar's end
            resolved = None
        if resolved:
            date, precision, basis = resolved
            return EventDate(date.isoformat(), m.group(0), m.span(), precision, basis)
    if found:  # an expression that needs a reference date nobody gave
        m = found[0][0]
        return EventDate(None, m.group(0), m.span(), None, "unknown")
    if publication:
        return EventDate(publication.isoformat(), None, None, "day", "publication")
    return EventDate(None, None, None, None, "unknown")


def infer_year(month: int, day: int, weekday: int | None, candidate_years: Iterable[int]) -> int | None:
    """The latest candidate year in which month/day falls on `weekday` (0 = Monday; None: any)."""
    best = None
    for year in candidate_years:
        try:
            date = dt.date(year, month, day)
        except (ValueError, TypeError, OverflowError):
            continue
        if (weekday is None or date.weekday() == weekday) and (best is None or year > best):
            best = year
    return best


def weekday_in(text: str) -> int | None:
    """The first weekday named in `text` (0 = Monday), or None."""
    m = re.search(rf"\b{WEEKDAY}\b", text, re.I)
    return WEEKDAYS.index(m.group(0).lower()) if m else None


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation as MONTH_NAME matches it."""
    return _MONTH_KEYS.index(name[:3].lower()) + 1


def parse_date(text: str) -> dt.date | None:
    """A date written on its own, as records give it: "2017-11-21", "2017-11-21T10:00:00Z", "Nov 21, 2017",
    "21 November 2017", "Tue, 21 Nov 2017 10:00:00 GMT", "21/11/2017" (only when day and month can't swap)."""
    text = text.strip()
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d| ?UTC| ?GMT)?)?", text)
    if not m:
        m = re.fullmatch(r"(\d{4})(\d\d)(\d\d)", text)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        if m:
            a, b, year = int(m[1]), int(m[2]), int(m[3])
            if a > 12 >= b:
                return dt.date(year, b, a)
            if b > 12 >= a:
                return dt.date(year, a, b)
            return None if a != b else dt.date(year, a, b)
        words = re.sub(rf"^(?:{WEEKDAY}|Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s*", "", text, flags=re.I)
        for kind in ("mdy", "dmy"):
            m = _BY_KIND[kind].match(words)
            if m and re.fullmatch(r"[\s,T]*(?:\d\d?:\d\d.*)?", words[m.end():]):
                return _explicit(m)
        parsed = email.utils.parsedate_tz(text)
        if parsed:
            return dt.date(*parsed[:3])
    except (ValueError, OverflowError):
        return None
    return None


# -- finding and resolving expressions ------------------------------------------------------------
def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return parse_date(value)
    return value


def _expressions(sentence: str, trigger_start: int) -> list[tuple[re.Match, str]]:
    """Date expressions of the sentence, best candidate first."""
    matches = sorted(((m, kind) for kind, p in _PATTERNS for m in p.finditer(sentence)),
                     key=lambda mk: (mk[0].start(), -(mk[0].end() - mk[0].start())))
    kept: list[tuple[re.Match, str]] = []
    taken = 0  # end of the last expression seen, kept or not: its parts are not expressions of their own
    for m, kind in matches:
        if m.start() < taken:
            continue
        taken = m.end()
        if kind in _EXPLICIT and (_names_a_thing(sentence, m, trigger_start) or _in_dateline(sentence, m)):
            continue
        kept.append((m, kind))

    def rank(mk):
        m = mk[0]
        if m.start() <= trigger_start < m.end():
            return (0, 0)
        between = sentence[m.end():trigger_start] if m.end() <= trigger_start else sentence[trigger_start:m.start()]
        distance = trigger_start - m.end() if m.end() <= trigger_start else m.start() - trigger_start
        return (1 if _CLAUSE_BREAK.search(between) else 0, distance)
    return sorted(kept, key=rank)


def _names_a_thing(sentence: str, m: re.Match, trigger_start: int) -> bool:
    """A date that belongs to a noun ("the accords of February 12, 2015") rather than to the event."""
    before = re.search(r"\b([A-Za-z]+)\s+of\s+$", sentence[:m.start()])
    return bool(before and before.group(1).lower() not in _TIME_NOUNS and not m.start() <= trigger_start < m.end())


def _in_dateline(sentence: str, m: re.Match) -> bool:
    """Only capitalised words before the date, a dash after it: "BEIRUT, Lebanon, Dec 5, 2018 (AFP) -"."""
    return bool(_DATELINE_END.match(sentence, m.end())) and not re.search(r"\b[a-z]", sentence[:m.start()])


def _explicit(m: re.Match) -> dt.date:
    g = m.groupdict()
    month = int(g["m"]) if g.get("m") else month_number(g["mon"])
    return dt.date(int(g["y"]), month, int(re.match(r"\d+", g["d"]).group(0)) if g.get("d") else 1)


def _resolve(kind, m, sentence, trigger_start, pub, future, anchor):
    """(date, precision, basis) for one expression, or None when it needs a reference date that is missing."""
    g = m.groupdict()
    if kind in ("ymd", "mdy", "dmy"):
        return _explicit(m), "day", "stated"
    if kind == "my":
        return _explicit(m), "month", "stated"
    if kind == "y":
        return dt.date(int(g["y"]), 1, 1), "year", "stated"
    if kind == "anchor":
        return _from_anchor(m, sentence, trigger_start, anchor)
    if pub is None:
        return None
    if kind in ("md", "dm"):
        month, day = month_number(g["mon"]), int(re.match(r"\d+", g["d"]).group(0))
        dt.date(2000, month, day)  # raises for a day no year has
        step = 1 if future else -1
        for year in range(pub.year, pub.year + 9 * step, step):  # Feb. 29 may need several years
            try:
                date = dt.date(year, month, day)
            except ValueError:
                continue
            if (date >= pub) if future else (date <= pub):
                return date, "day", "relative"
        return None
    if kind == "m":
        rel, month = g["rel"].lower(), month_number(g["mon"])
        date = dt.date(pub.year, month, 1)
        start = pub.replace(day=1)
        ahead = rel == "next" or (future and rel != "last")
        if ahead and (date < start or (rel == "next" and date == start)):
            date = date.replace(year=pub.year + 1)
        elif not ahead and (date > start or (rel == "last" and date == start)):
            date = date.replace(year=pub.year - 1)
        return date, "month", "relative"
    if kind == "wd":
        weekday, rel = WEEKDAYS.index(g["wd"].lower()), (g["rel"] or "").lower()
        if rel == "next" or (future and rel not in ("last", "past")):
            return pub + dt.timedelta(days=(weekday - pub.weekday() - 1) % 7 + 1), "day", "relative"
        back = (pub.weekday() - weekday) % 7
        if back == 0 and rel in ("last", "past"):  # "last Tuesday" said on a Tuesday is a week ago
            back = 7
        return pub - dt.timedelta(days=back), "day", "relative"
    if kind == "day":
        w = g["w"].lower()
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2}.get(w, 0)
        return pub + dt.timedelta(days=offset), "day", "relative"
    if kind == "period":
        rel = g["rel"].lower()
        unit = g["unit"].lower()
        return _shift(pub, unit, {"last": -1, "past": -1, "next": 1}.get(rel, 0)), unit, "relative"
    if kind == "ago":
        n, unit = _count(g["n"]), g["unit"].lower()
        if unit == "day":
            return pub - dt.timedelta(days=n), "day", "relative"
        return _shift(pub, unit, -n), unit, "relative"
    return None


def _from_anchor(m, sentence, trigger_start, anchor):
    if anchor is None:
        return None
    g = m.groupdict()
    if g.get("dir2"):
        days, unit = {"next": 1, "following": 1, "previous": -1, "same": 0}[g["dir2"].lower()], "day"
    elif not g.get("dir"):  # "later that day", "that night", "hours later"
        days, unit = 0, "day"
    else:
        n, unit, direction = _count(g["n"]), g["unit"].lower(), g["dir"].lower()
        sign = 1 if direction in ("after", "later") else -1
        # "a day after X" dates the event before it from X, and X (after it) from that event, backwards.
        followed = direction in ("after", "before") and re.match(r"\s*[\w\"“]", sentence[m.end():]) \
            and not re.match(r"\s*that\b", sentence[m.end():], re.I)
        if followed and trigger_start >= m.end():
            sign = -sign
        elif followed and _RESTATED.match(sentence[trigger_start:m.start()]):
            sign = 0
        days = sign * n * (7 if unit == "week" else 1)
    date = anchor + dt.timedelta(days=days)
    if unit == "week":
        return date - dt.timedelta(days=date.weekday()), "week", "inferred"
    return date, "day", "inferred"


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _shift(date: dt.date, unit: str, n: int) -> dt.date:
    """The start (Monday, first of month, 1 January) of the week, month or year `n` units from `date`'s."""
    if unit == "week":
        return date - dt.timedelta(days=date.weekday()) + dt.timedelta(weeks=n)
    if unit == "month":
        months = date.year * 12 + date.month - 1 + n
        return dt.date(months // 12, months % 12 + 1, 1)
    return dt.date(date.year + n, 1, 1)
