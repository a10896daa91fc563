"""Event triggers: verbs and event nouns of a sentence that the lexicon maps to a CAMEO code."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from tacitus.events.ontology import TriggerEntry, TriggerLexicon
from tacitus.when import MONTHS, WEEKDAYS

# Dependents that carry a verb's particle or preposition ("meet with", "crack down", "call for").
PREP_DEPS = {"prt", "prep", "agent", "dative"}
# Particles the parser may attach as adverbs ("stepped down", "called off").
PARTICLES = {"down", "off", "up", "out", "back", "away"}
# Dependents whose lemma may complete a trigger ("pay a visit", "impose sanctions", "phone call").
OBJECT_DEPS = {"dobj", "obj", "attr", "oprd", "nsubjpass"}
NOUN_MODIFIER_DEPS = {"compound", "amod"}
# Object nouns whose "of" phrase says what they are ("a state of emergency", "a team of inspectors", "700 tons of
# food", "a shipment of arms").
KIND_OF = {"state", "declaration", "mission", "team", "contingent", "group", "ton", "tonne", "kilogram", "kg",
           "worth", "shipment", "consignment", "convoy", "package", "batch", "load"}
# Verbs that are events only without an object or clause: "protesters demonstrated", not "it demonstrates how
# reckless Russia is" (an object the lexicon names still counts: "demonstrated support").
INTRANSITIVE_SENSES = {"demonstrate"}
# "They call themselves the elite", "Rojava, as they call the region": calling by a name is no call.
NAMING_VERBS = {"call"}
NAMING_OBJECTS = {"itself", "themselves", "himself", "herself", "what"}  # "call themselves", "what they call"


def _naming(verb: Token) -> bool:
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    # "call Peru the enemy": the name, which the parser may hang on the object with no comma between
    named = any(a.dep_ == "appos" and not any(t.is_punct for t in verb.doc[o.i + 1:a.i])
                for o in objects for a in o.children)
    return named or any(c.dep_ == "oprd" or (c.dep_ == "mark" and c.lower_ == "as") for c in verb.children) \
        or any(o.lower_ in NAMING_OBJECTS for o in objects)


# Objects of a preposition that only date the event.
TIME_WORDS = {*WEEKDAYS, *MONTHS, "day", "days", "week", "weeks", "month", "months", "year", "years", "night",
              "morning", "evening", "afternoon", "weekend", "today", "tonight", "time", "occasion"}


# Prepositions whose object is the occasion, place or time of the event, not what it acts on.
SETTING_PREPS = {"in", "at", "during", "after", "before", "since", "until", "amid", "despite"}


@dataclass
class TriggerMatch:
    token: Token
    entry: TriggerEntry
    # The object noun that completed the match ("visit" in "hosted a visit"): not a trigger of its own.
    consumed: Token | None = None


def _dates(token: Token) -> bool:
    # "May" alone is more often Theresa May than the month: the month comes with its day ("on May 5").
    if token.lower_ == "may":
        return any(c.like_num for c in token.children)
    return token.lower_ in TIME_WORDS


def _preps_and_objects(token: Token) -> tuple[set[str], dict[str, Token], set[str]]:
    """The token's prepositions, its object words (with the token each completes), and which of those
    words only give the setting ("in its first assault")."""
    preps: set[str] = set()
    objects: dict[str, Token] = {}
    setting: set[str] = set()
    # "called for a force to be stationed", "pushing hard for Peru to": the parser makes "for" the mark of the
    # clause after it.
    at = token.i + 1
    while at < len(token.doc) and token.doc[at].dep_ == "advmod" and token.doc[at].head.i == token.i:
        at += 1
    after = token.doc[at] if at < len(token.doc) else None
    if after is not None and after.dep_ == "mark" and after.lower_ == "for" and after.head.head.i == token.i:
        preps.add("for")
    for child in token.children:
        dep = child.dep_
        if dep in PREP_DEPS or (dep == "advmod" and child.lower_ in PARTICLES):
            if any(g.dep_ == "pobj" and _dates(g) for g in child.children):
                continue  # "pressed the UK on Monday" is no "press on" (keep attacking)
            preps.add(child.lemma_.lower())
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    objects.setdefault(grandchild.lemma_.lower(), grandchild)
                    if child.lower_ in SETTING_PREPS:
                        setting.add(grandchild.lemma_.lower())
        elif dep in OBJECT_DEPS or (token.pos_ == "NOUN" and dep in NOUN_MODIFIER_DEPS):
            objects.setdefault(child.lemma_.lower(), child)
            for also in child.conjuncts:  # "providing photographs and other intelligence"
                objects.setdefault(also.lemma_.lower(), also)
            # "launch air strikes", "impose martial law", "lift a state of emergency": the object counts by its
            # head and by the word that says what kind it is.
            for grandchild in child.children:
                if grandchild.dep_ in ("compound", "amod"):
                    objects.setdefault(grandchild.lemma_.lower(), child)
                elif grandchild.dep_ == "prep" and grandchild.lower_ == "of" and child.lemma_.lower() in KIND_OF:
                    for kind in grandchild.children:
                        if kind.dep_ == "pobj":
                            objects.setdefault(kind.lemma_.lower(), child)
    return preps, objects, setting - {w for w, t in objects.items() if t.dep_ != "pobj"}


def find_triggers(sentence: Span, lexicon: TriggerLexicon) -> list[TriggerMatch]:
    """Every trigger in the sentence, most specific lexicon row per token, in text order."""
    verbs, nouns = lexicon.lemmas("VERB"), lexicon.lemmas("NOUN")
    matches: list[TriggerMatch] = []
    for token in sentence:
        pos = "VERB" if token.pos_ == "VERB" else "NOUN" if token.pos_ in ("NOUN", "PROPN") else None
        lemma = token.lemma_.lower()
        if pos is None or lemma not in (verbs if pos == "VERB" else nouns):
            continue
        preps, objects, setting = _preps_and_objects(token)
        entry = lexicon.lookup(lemma, pos, preps, set(objects), setting)
        if entry is not None and lemma in INTRANSITIVE_SENSES and not entry.object and any(
                c.dep_ in ("dobj", "obj", "ccomp") for c in token.children):
            continue
        if entry is not None and lemma in NAMING_VERBS and not entry.object and not entry.prep and _naming(token):
            continue
        if entry is not None:
            matches.append(TriggerMatch(token, entry, objects.get(entry.object) if entry.object else None))
    consumed = {m.consumed.i for m in matches if m.consumed is not None}
    return [m for m in matches if m.token.i not in consumed]
