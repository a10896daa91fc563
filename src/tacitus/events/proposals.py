"""Dyads the trigger rules missed, proposed to the learned classifier: in a sentence with no coded
event, the active verb's subject against each other actor its verb governs; kept only when the model is
confident, and then against the surest target and those named together with it."""
from __future__ import annotations

from spacy.tokens import Doc

from tacitus.attribution import reported_by
from tacitus.events.extract import (DESCRIBING_VERBS, Candidate, _actors, _known, _migration,
                                    to_its_own_country)
from tacitus.events.modality import CONDITION_MARKS, is_condition, modality
from tacitus.events.ontology import TriggerEntry
from tacitus.events.roles import COMITATIVE, MentionIndex, is_reporting

# Higher than the bar for recoding a rule's candidate: here the model alone says an event happened. Higher
# still when the verb is none the lexicon knows ("is", "has", "represented"): in news most such are no event.
PROPOSE_AT = 0.8
PROPOSE_UNKNOWN_VERB_AT = 0.9
MAX_TARGETS = 3
# Passives whose subject does what they lead to ("is set to vote", "was forced to withdraw"), unlike "is known to"
# or "is expected to".
LEADING_PASSIVES = {"set", "poise", "schedule", "force", "compel", "oblige"}
# "Syria is a dangerous place", "France has troops in Iraq", "Iran poses a threat": states, not events.
STATE_VERBS = {"be", "have"} | DESCRIBING_VERBS
# Verbs whose subject undergoes what another did: that other is the source.
UNDERGOING_VERBS = {"die", "perish", "suffer", "succumb", "starve"}


def propose(doc: Doc, mentions: list, coded: list[Candidate], classifier, lexicon) -> list[Candidate]:
    index = MentionIndex(mentions)
    event_verbs = lexicon.lemmas("VERB")
    done = {c.sentence.start for c in coded}
    pending: list[tuple] = []
    for number, sentence in enumerate(s for s in doc.sents if s.text.strip()):
        if sentence.start in done:
            continue
        here = [m for m in mentions if sentence.start <= m.start < sentence.end
                and any(_known(a) for a in m.actors)]
        # The subject of an active verb: that of a passive undergoes it ("Britain has been accused"), unless it does
        # what the passive leads to ("is set to vote", "was forced to withdraw").
        sources = [m for m in here if _acting_subject(doc[m.start:m.end].root)
                   and not is_reporting(doc[m.start:m.end].root.head)]
        if not sources or len(here) < 2:
            continue
        source = sources[0]
        codes = {a.code for a in source.actors}
        # Who acts together with the source ("the US and France mediated", and a later "it") is no target.
        partners = {t.i for t in doc[source.start:source.end].root.conjuncts}
        codes |= {a.code for m in here if doc[m.start:m.end].root.i in partners for a in m.actors}
        # The event is the source's verb: an actor outside what that verb governs is in another clause,
        # most often the one reporting the sentence ("..., the Washington Post reported"), not a target.
        verb = doc[source.start:source.end].root.head
        if is_condition(verb) or verb.lemma_.lower() in STATE_VERBS:
            continue
        undergoes = verb.lemma_.lower() in UNDERGOING_VERBS
        # Nor is one set beside the subject ("2,000 US soldiers have died, as many Afghan soldiers").
        subject = doc[source.start:source.end].root
        targets = [m for m in here if m is not source and not codes & {a.code for a in m.actors}
                   and _governed(doc[m.start:m.end].root, verb, venues=not undergoes)
                   and not _beside(doc[m.start:m.end].root, subject)
                   and not _says(doc, m.end)]
        dyads = set()  # one proposal per target actor: "the US Secretary of State, Mike Pompeo" is one
        for target in targets:
            dyad = frozenset(a.code for a in target.actors)
            if dyad not in dyads and len(dyads) < MAX_TARGETS:
                dyads.add(dyad)
                # "a prisoner died under torture in Israeli custody": the subject suffered what the other did
                pending.append((number, sentence, verb, *((target, source) if undergoes else (source, target))))
    if not pending:
        return []
    items = [(s.text, (m.start_char - s.start_char, m.end_char - s.start_char),
              (t.start_char - s.start_char, t.end_char - s.start_char)) for _, s, _, m, t in pending]
    # One event per verb, with its surest target ("calling on the US to lift its embargo against Cuba" is aimed at
    # the US), and those named together with it ("talked with King Salman, Netanyahu and Trump"), one per country.
    accepted: dict[int, list[tuple[Candidate, object]]] = {}
    for (number, sentence, trigger, source, target), p in zip(pending, classifier.predict(items)):
        bar = PROPOSE_AT if trigger.lemma_.lower() in event_verbs else PROPOSE_UNKNOWN_VERB_AT
        source_actors, target_actors = _actors([source]), _actors([target])
        if p.plover is None or p.confidence < bar or p.cameo is None or \
                to_its_own_country(p.cameo, source_actors, target_actors) \
                or _migration(trigger, source_actors, p.cameo):
            continue
        entry = TriggerEntry(trigger.lemma_.lower(), "VERB", None, None, p.cameo, "proposed by the classifier")
        candidate = Candidate(number, sentence, trigger, entry, source_actors, target_actors,
                              modality(trigger), _actors(reported_by(trigger, sentence, index)),
                              round(p.confidence * 0.9, 2))
        accepted.setdefault(trigger.i, []).append((candidate, doc[target.start:target.end].root))
    out = []
    for found in accepted.values():
        _, root = max(found, key=lambda pair: pair[0].confidence)
        together = {root.i} | {t.i for t in root.conjuncts}
        countries: set = set()
        for candidate, head in sorted(found, key=lambda pair: -pair[0].confidence):
            country = frozenset(a.country or a.code for a in candidate.target)
            if head.i in together and country not in countries:
                countries.add(country)
                out.append(candidate)
    return out


# Prepositions of place and occasion: what they name is where or when the verb happens, not whom it is aimed at.
VENUES = {"in", "at", "during", "inside", "outside", "around", "within", "throughout"}
# What is done in spite or in the midst of, wherever the parser hangs it ("agreed to an extension of the mandate
# despite Israel's wish", "amid tensions with Russia"), is no target either.
CIRCUMSTANCES = {"despite", "amid", "amidst", "notwithstanding"}


def _acting_subject(token) -> bool:
    return token.dep_ == "nsubj" or (token.dep_ == "nsubjpass" and token.head.lemma_.lower() in LEADING_PASSIVES
                                     and any(c.dep_ == "xcomp" for c in token.head.children))


def _compound_preposition(below: list) -> bool:
    """Whether a place or time preposition's object and the preposition under it make a preposition of three
    words ("in response to an attack by Syrian forces", "in favour of the regime"), not a venue ("during a
    press conference in Irbil"): `below` is the object, then the next step down the path."""
    return len(below) == 2 and below[1].dep_ == "prep" and not any(c.dep_ == "det" for c in below[0].children)


def _says(doc, end: int) -> bool:
    """Whether a verb of saying follows a mention, past a bracketed short form: the reporter of ", the World
    Food Program (WFP) said", however the parser hangs it."""
    i = end
    if i < len(doc) and doc[i].text == "(":
        while i < len(doc) and doc[i].text != ")" and i - end < 6:
            i += 1
        i += 1
    return i < len(doc) and is_reporting(doc[i])


def _beside(token, subject) -> bool:
    return token.dep_ == "appos" and token.head.i == subject.i


def _governed(token, verb, venues: bool = True) -> bool:
    """Whether `token` is `verb` or depends on it, not as the subject of a clause of circumstance, a relative or
    coordinated clause or a report ("Britain mobilized reservists while UN inspectors said ...": the inspectors
    are no target).
    A condition's subject is governed: the event is aimed at it ("threatened to stop talks if the US goes ahead").
    Without `venues`, where the verb happens counts too ("died in Turkish custody")."""
    path = [token, *token.ancestors]
    for n, head in enumerate(path):
        if head.i == verb.i:
            return True
        # "fought alongside Syrian rebels": on its side; "despite Israel's wish": in spite of it
        if head.dep_ == "prep" and (head.lower_ in COMITATIVE or head.lower_ in CIRCUMSTANCES):
            return False
        # Where or when the verb itself happens ("spoke at a rally in Lima, the capital of Peru").
        if venues and head.dep_ == "prep" and head.lower_ in VENUES and head.head.i == verb.i \
                and not _compound_preposition(path[max(n - 2, 0):n][::-1]):
            return False
        if head.i == token.i or not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            continue
        marks = {c.lower_ for c in head.children if c.dep_ == "mark"}
        # A clause joined on with its own subject is another event ("Kenyans queued to vote and the president of
        # Sierra Leone called for help").
        if head.dep_ in ("relcl", "conj") or is_reporting(head) or (
                head.dep_ == "advcl" and marks and not marks & CONDITION_MARKS):
            return False
    return False
