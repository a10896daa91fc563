"""Who reported an event: the speaker of a reporting verb it sits under, or an "according to" source."""
from __future__ import annotations

from spacy.tokens import Span, Token

from tacitus.events.roles import MentionIndex, is_reporting, subject_of, trailing_attribution


def reported_by(trigger: Token, sentence: Span, index: MentionIndex) -> list:
    """Mentions of whoever the sentence says reported the event (empty when the story says it itself):
    the speaker of a reporting verb the event hangs under, then a reporter the parser took for an object
    or an "according to" source."""
    found: list = []
    tok = trigger
    while tok.head.i != tok.i and not found:
        if tok.dep_ in ("ccomp", "parataxis", "conj", "advcl") and is_reporting(tok.head):
            found = index.of_phrase(subject_of(tok.head))
        tok = tok.head
    for token in sentence:
        if trailing_attribution(token):
            found += [m for m in index.of_phrase(token) if m not in found]
        if token.lower_ == "according" and token.i + 1 < sentence.end and token.nbor(1).lower_ == "to":
            pobj = next((c for c in token.nbor(1).children if c.dep_ == "pobj"), None)
            found += [m for m in index.of_phrase(pobj) if m not in found]
    return found
