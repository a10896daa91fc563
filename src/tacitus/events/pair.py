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


def classify_pairs(coder, rows: list[tuple[str, str, str]]) -> list[tuple[str | None, str | None, float]]:
    """(PLOVER, CAMEO, confidence) for each (sentence, source text, target text), the model's in batches."""
    out: list = [None] * len(rows)
    batch: list[tuple[int, tuple]] = []
    for i, (sentence, source, target) in enumerate(rows):
        src, tgt = _char_range(sentence, source), _char_range(sentence, target)
        if not (coder.resolver.names_an_actor(source) or coder.resolver.names_an_actor(target)):
            out[i] = (None, None, 0.0)  # "heavy rain" and "the capital": no political actor on either side
        elif coder.classifier is not None and src and tgt:
            batch.append((i, (sentence, src, tgt)))
        else:
            out[i] = _by_rules(coder, sentence, src, tgt)
    if batch:
        for (i, _), p in zip(batch, coder.classifier.predict([item for _, item in batch])):
            out[i] = (p.plover, p.cameo, round(p.confidence, 2))
    return out


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
