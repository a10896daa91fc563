"""Dyad re-coding: what did a given source do to a given target in one sentence?"""
from __future__ import annotations

from tacitus.events.extract import sentence_candidates
from tacitus.events.roles import MentionIndex
from tacitus.events.triggers import find_triggers


def _char_range(sentence: str, mention: str) -> tuple[int, int] | None:
    at = sentence.find(mention)
    if at < 0:
        at = sentence.lower().find(mention.lower())
    return None if at < 0 or not mention else (at, at + len(mention))


def _overlaps(actors: list, rng: tuple[int, int] | None) -> bool:
    return rng is not None and any(a.span and a.span[0] < rng[1] and rng[0] < a.span[1] for a in actors)


def classify_pair(coder, sentence: str, source: str, target: str) -> tuple[str | None, str | None, float]:
    src, tgt = _char_range(sentence, source), _char_range(sentence, target)
    if not (coder.resolver.names_an_actor(source) or coder.resolver.names_an_actor(target)):
        return None, None, 0.0  # "heavy rain" and "the capital": no political actor on either side
    if coder.classifier is not None and src and tgt:
        p = coder.classifier.predict([(sentence, src, tgt)])[0]
        return p.plover, p.cameo, round(p.confidence, 2)
    return _by_rules(coder, sentence, src, tgt)


def _by_rules(coder, sentence: str, src, tgt) -> tuple[str | None, str | None, float]:
    doc = coder.nlp(sentence)
    mentions = coder.resolver(doc, None)
    index = MentionIndex(mentions)
    best = None
    for sent in doc.sents:
        for c in sentence_candidates(0, sent, index, coder.lexicon):
            fit = _overlaps(c.source, src) + _overlaps(c.target, tgt)
            if fit and (best is None or (fit, c.confidence) > best[0]):
                best = ((fit, c.confidence), c)
    if best is not None:
        (fit, confidence), c = best
        event = coder.ontology.event_type(c.entry.cameo)
        return event.plover, event.cameo, round(confidence * (1.0 if fit == 2 else 0.7), 2)
    # No coded dyad: take the trigger that governs the target mention most closely.
    anchor = doc.char_span(*tgt, alignment_mode="expand") if tgt else None
    triggers = {m.token.i: m for s in doc.sents for m in find_triggers(s, coder.lexicon)
                if m.entry.cameo != "010"}
    if anchor is not None and triggers:
        for token in [anchor.root, *anchor.root.ancestors]:
            if token.i in triggers:
                event = coder.ontology.event_type(triggers[token.i].entry.cameo)
                return event.plover, event.cameo, 0.3
    return None, None, 0.0
