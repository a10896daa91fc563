"""Who reported an event: the speaker of a reporting verb it sits under, or an "according to" source."""
from __future__ import annotations

from spacy.tokens import Span, Token

from tacitus.events.roles import MentionIndex, subject_of

REPORTING_VERBS = {"say", "tell", "report", "state", "announce", "add", "claim", "confirm", "write", "insist",
                   "allege", "note", "quote", "explain", "tweet", "post", "declare", "reiterate", "stress"}


def is_reporting(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in REPORTING_VERBS


def reported_by(trigger: Token, sentence: Span, index: MentionIndex) -> list:
    """Mentions of whoever the sentence says reported the event (empty when the story says it itself):
    the speaker of a reporting verb the event hangs under, then any "according to" source."""
    found: list = []
    tok = trigger
    while tok.head.i != tok.i and not found:
        if tok.dep_ in ("ccomp", "parataxis", "conj", "advcl") and is_reporting(tok.head):
            found = index.of_phrase(subject_of(tok.head))
        tok = tok.head
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end and token.nbor(1).lower_ == "to":
            pobj = next((c for c in token.nbor(1).children if c.dep_ == "pobj"), None)
            found += [m for m in index.of_phrase(pobj) if m not in found]
    return found
