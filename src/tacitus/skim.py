"""Skimming: which sentences of an article can hold an event, found before anything is parsed.

spaCy's sentence recogniser and the actor tables' phrase matcher together cost a few percent of a full
parse; the tagger, parser and lemmatizer then run only on the sentences kept. An
event needs a source and a target, so a sentence is kept when it mentions two actors (names, titles,
agent nouns, pronouns, group nouns), plus the lead (dateline, weekday and place of the story), and the
sentence before a kept one that holds a pronoun, so the pronoun finds its antecedent.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

# The first sentences are always parsed: the dateline may stand as a sentence of its own before the lead.
LEAD_SENTENCES = 2
REFERRING = ("pronoun", "group")


@dataclass
class Skim:
    sentences: list[tuple[int, int]]  # character spans of the article's non-empty sentences, in order
    kept: list[bool]

    def __post_init__(self):
        self._starts = [start for start, _ in self.sentences]

    def skipped(self) -> list[tuple[int, int]]:
        return [span for span, keep in zip(self.sentences, self.kept) if not keep]

    def index_of(self, char: int) -> int:
        """The number of the sentence holding character `char` among all the article's sentences."""
        return max(bisect.bisect_right(self._starts, char) - 1, 0)


def skim(parts: list, nlp, resolver) -> Skim:
    """The sentences of the text whose tokenized pieces are `parts` (unparsed docs short enough for
    spaCy), and which to parse. The sentence recogniser's marks are left on `parts`."""
    text = "".join(doc.text for doc in parts)
    senter = nlp.get_pipe("senter")
    sentences: list[tuple[int, int]] = []
    counts: list[int] = []
    referring: list[bool] = []
    offset = 0
    for doc in parts:
        doc = senter(doc)
        for tok in doc[:-1]:  # the recogniser runs on across blank lines; a paragraph always ends a sentence
            if tok.is_space and tok.text.count("\n") >= 2:
                doc[tok.i + 1].is_sent_start = True
            elif tok.text == "-" and tok.i and not doc[tok.i - 1].whitespace_ and not tok.whitespace_:
                tok.is_sent_start = doc[tok.i + 1].is_sent_start = False  # "Anti-American" is one word
        atoms, k = resolver.atoms(doc), 0  # in text order
        for sent in doc.sents:
            here = []
            while k < len(atoms) and atoms[k].start < sent.end:
                here.append(atoms[k])
                k += 1
            if not sent.text.strip():
                continue
            sentences.append((offset + sent.start_char, offset + sent.end_char))
            counts.append(len(here))
            referring.append(any(a.kind in REFERRING for a in here))
        offset += len(doc.text)
    kept = [i < LEAD_SENTENCES or n >= 2 for i, n in enumerate(counts)]
    for i in range(1, len(kept)):
        if kept[i] and referring[i] and counts[i - 1]:
            kept[i - 1] = True
    for i in range(1, len(kept)):  # a piece that opens in lower case ("[in Idlib]".) ends the sentence before
        if kept[i - 1] and _continues(text[sentences[i][0]:sentences[i][1]]):
            kept[i] = True
    return Skim(sentences, kept)


def _continues(sentence: str) -> bool:
    first = next((ch for ch in sentence if ch.isalpha()), "")
    return first.islower()
