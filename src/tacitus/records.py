"""The one event schema: every output (CLI, store, exports, web) speaks these records."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Literal, Optional

DateBasis = Literal["given", "dateline", "inferred", "stated", "relative", "publication", "unknown"]
Precision = Literal["day", "week", "month", "year"]
Modality = Literal["asserted", "negated", "future", "hypothetical", "attempted"]

Span = tuple[int, int]  # character offsets [start, end) into Article.text


@dataclass
class Warning:
    kind: str
    message: str
    span: Optional[Span] = None


@dataclass
class Article:
    id: str
    text: str
    title: Optional[str] = None
    date: Optional[str] = None  # ISO publication date
    date_basis: Literal["given", "dateline", "inferred", "unknown"] = "unknown"
    outlet: Optional[str] = None
    url: Optional[str] = None
    warnings: list[Warning] = field(default_factory=list)
    dateline: Optional[str] = None  # the dateline as printed, e.g. "Nov. 21 (UPI) --"
    # Parts of the text kept out of coding (captions, credits, boilerplate), with their offsets.
    excluded: list[Span] = field(default_factory=list)

    def to_dict(self, with_text: bool = False) -> dict:
        d = asdict(self)
        d["warnings"] = [asdict(w) for w in self.warnings]
        if not with_text:
            d.pop("text")
        return d


@dataclass
class Actor:
    text: str
    span: Optional[Span]
    code: Optional[str]  # CAMEO-style: country + sector, e.g. USAGOV, RUSMIL, IGOUNO
    country: Optional[str]  # ISO 3166 alpha-3
    sector: Optional[str]  # GOV, MIL, REB, OPP, BUS, MED, IGO, ...
    name: Optional[str]  # canonical name: "Vladimir Putin", "Russia", "United Nations"


@dataclass
class EventType:
    plover: str
    mode: Optional[str]
    context: Optional[str]
    cameo: str
    quad_class: int  # as GDELT: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    goldstein: float
    intensity: Optional[float]


@dataclass
class Sentence:
    index: int
    text: str


@dataclass
class Trigger:
    text: str
    span: Span


@dataclass
class Event:
    id: str
    article_id: str
    sentence: Sentence
    trigger: Trigger
    event: EventType
    source: list[Actor]
    target: list[Actor]
    date: Optional[str]
    date_text: Optional[str]
    date_precision: Optional[Precision]
    date_basis: DateBasis
    modality: Modality
    reported_by: list[Actor] = field(default_factory=list)
    location: Optional[dict] = None
    confidence: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def event_id(article_id: str, trigger_span: Span, cameo: str, source: list[Actor], target: list[Actor]) -> str:
    """Stable id: the same article coded twice gives the same ids."""
    key = json.dumps([article_id, list(trigger_span), cameo,
                      [a.code for a in source], [a.code for a in target]])
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def json_schema() -> dict:
    """JSON Schema of the output object {"article": ..., "events": [...]}, generated from the records."""
    from pydantic import TypeAdapter

    @dataclass
    class CodedArticle:
        article: Article
        events: list[Event]

    schema = TypeAdapter(CodedArticle).json_schema()
    schema["$defs"]["Article"]["properties"].pop("text", None)
    schema["$defs"]["Article"]["required"] = [r for r in schema["$defs"]["Article"]["required"] if r != "text"]
    schema["title"] = "Tacitus coded article"
    return schema
