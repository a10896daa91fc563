"""The English pipeline as loaded: the token rules give what spaCy's attribute ruler gives."""
import pytest
import spacy

import tacitus.nlp

pytestmark = pytest.mark.slow

TEXTS = [
    "U.S. President Joe Biden spoke by phone with Chinese President Xi Jinping on Tuesday, the White House said.",
    "I gotta go. Let's see: you ain't gonna win. There is a cat, and there's\tnone.  But it said I did have it.",
    "\n\n  Do it!  They don't know what he'd done; we're sure it's his, and she has had enough of them.",
    "The rebels, who had been shelling Idlib since March, were driven out by government forces on Nov. 11.",
]


def test_token_rules_give_the_attribute_rulers_tokens():
    ours = tacitus.nlp.load()
    assert "attribute_ruler" not in ours.pipe_names and "ner" not in ours.pipe_names
    stock = spacy.load(tacitus.nlp.pipeline_name(), exclude=["ner"])
    for a, b in zip(stock.pipe(TEXTS), ours.pipe(TEXTS)):
        assert [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in a] == \
               [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in b]


def test_verbs_in_silent_e_keep_it_in_their_lemma():
    nlp = tacitus.nlp.load()
    doc = nlp("Students staged rallies, the rebels waged war, and the court fined the firm. They hopped on a bus.")
    lemmas = {t.text: t.lemma_ for t in doc if t.pos_ == "VERB"}
    assert lemmas["staged"] == "stage" and lemmas["waged"] == "wage" and lemmas["fined"] == "fine"
    assert lemmas["hopped"] == "hop"
