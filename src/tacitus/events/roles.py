"""Source and target of a trigger, read from the dependency structure."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from tacitus.actors.resolve import MEANS, PUT_TO_NOUNS
from tacitus.events.modality import conditional

# Prepositions whose object is the target of an action ("talks with X", "sanctions on X", "war against X").
TARGET_PREPS = {"with", "against", "to", "on", "toward", "towards", "into", "upon", "from", "over", "for", "between", "among"}
# Not "at": after most verbs it names a venue ("met at the APEC summit"); a lexicon row may still ask for it.
# Verbs of complaint, whose "to" names who hears it and "over" or "about" whom it is against.
COMPLAINT_VERBS = {"complain", "protest", "grumble"}
# Verbs whose direct object is a topic, not a party ("discussed Syria with Putin").
TOPIC_OBJECT_VERBS = {"discuss", "debate", "address", "raise", "review", "consider", "examine", "explore", "pursue", "mention"}
# Nouns of meeting and agreement are mutual like their verbs ("the pair held talks").
RECIPROCAL_NOUNS = {"talk", "meeting", "summit", "call", "negotiation", "agreement", "deal", "treaty", "accord",
                    "clash", "conversation", "discussion", "consultation", "pact", "truce", "ceasefire", "dialogue"}
# Light verbs whose object noun carries the event ("held talks", "launched strikes", "paid a visit").
LIGHT_VERBS = {"hold", "have", "make", "pay", "conduct", "carry", "launch", "stage", "impose", "announce", "begin",
               "start", "resume", "open", "sign", "reach", "strike", "seal", "host", "join", "attend", "order", "deliver",
               "organize", "organise", "mount", "call", "renew", "continue", "restart", "conclude", "complete",
               "finish", "speed", "accelerate", "intensify", "step", "escalate", "expand"}
# Verbs whose subject takes part in the event a noun after them names ("gathered for a rally", "took part in
# the talks", "participated in a strike"); verbs of travel do so with "for" or "to" ("returned to Geneva for
# talks", "flew to the summit").
PARTICIPATION_VERBS = {"join", "participate", "take", "gather", "converge", "assemble", "march", "turn"}
TRAVEL_VERBS = {"arrive", "return", "travel", "fly", "head", "come"}
# Verbs whose subject acts against the event noun it takes ("thwarted an attack", "repelled an assault").
FOILING_VERBS = {"thwart", "foil", "prevent", "forestall", "repel", "repulse"}
# Nouns of part, time or number that an event noun hangs on: "launched three days of war games", "began a new
# round of talks", "took part in a rally".
SPAN_NOUNS = {"part", "day", "week", "month", "hour", "round", "series", "wave", "spate", "string"}
# Modifiers of a noun that can name its owner ("Russian troops", "U.S. sanctions", "Moscow's decision").
OWNER_DEPS = {"compound", "amod", "poss", "nmod", "appos"}
SUBJECT_DEPS = {"nsubj", "csubj"}
# Verbs whose coordinated subject acts on itself: "Trump and Putin met" is a meeting between the two.
RECIPROCAL_VERBS = {"meet", "talk", "speak", "discuss", "agree", "negotiate", "sign", "cooperate", "confer", "consult",
                    "clash", "fight", "reconcile", "trade", "exchange", "chat", "phone", "call", "normalize",
                    "normalise", "ally", "partner", "collaborate", "compete", "spar", "hold", "resume", "conclude",
                    "battle"}

# Nouns of what is written or said whose participle clause says what its author does ("issued a statement
# condemning Peru", "sent a letter urging Chile to withdraw"): the author is the clause's subject.
DOCUMENT_NOUNS = {"statement", "letter", "declaration", "communique", "communiqué", "message", "note", "resolution",
                  "report", "motion", "bill", "decree", "memorandum", "petition", "appeal", "speech", "address",
                  "editorial", "article", "tweet", "post", "video", "cable", "document", "text", "release"}

# Nouns of intent or attempt whose infinitive says what their owner does or means to do ("Turkey's decision to
# invade", "launched a bid to oust the president"): the author is the infinitive's subject, in the noun's mood
# (tacitus.events.modality).
INTENT_NOUNS = {"effort", "attempt", "bid", "campaign", "drive", "push", "plan", "move", "decision", "pledge",
                "promise", "threat", "offer", "proposal", "intention", "readiness", "willingness", "determination",
                "refusal", "failure"}
# Verbs besides the light ones whose subject owns the intent it takes as object ("spearheaded a campaign to oust").
AUTHORING_VERBS = {"announce", "unveil", "lead", "spearhead", "pursue", "make", "take", "redouble", "mount", "push",
                   "press", "step", "back", "approve", "adopt", "reaffirm", "renew", "repeat", "reiterate"}
INTENT_HOLDING_VERBS = LIGHT_VERBS | AUTHORING_VERBS

REPORTING_VERBS = {"say", "tell", "report", "state", "announce", "add", "claim", "confirm", "write", "insist",
                   "allege", "note", "quote", "explain", "tweet", "post", "declare", "reiterate", "stress"}


def is_reporting(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in REPORTING_VERBS


def trailing_attribution(token: Token) -> bool:
    """", the state broadcaster reported" read by the parser as the object of the sentence's verb: a noun
    after a comma whose own clause is a reporting verb with nothing reported of its own."""
    start = token.left_edge.i
    return (token.dep_ in ("dobj", "obj") and start > 0 and token.doc[start - 1].text == ","
            and any(c.dep_ in ("acl", "relcl") and is_reporting(c)
                    and not any(g.dep_ in ("dobj", "obj", "ccomp") for g in c.children) for c in token.children))


@dataclass
class Roles:
    source: list = field(default_factory=list)  # Mentions
    target: list = field(default_factory=list)
    direct: bool = True  # both sides found through direct dependents rather than a wider search
    reciprocal: bool = False  # "A and B met": one side split into source and target


class MentionIndex:
    """Which actor mention, if any, covers each token of the document."""

    def __init__(self, mentions):
        self.by_token: dict[int, object] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m

    def at(self, token: Token):
        return self.by_token.get(token.i)

    def owner(self, noun: Token):
        """The mention that modifies a noun as its owner ("Moscow's decision"), also through a compound
        ("US Predator attacks"), or None."""
        for child in noun.children:
            if child.dep_ in OWNER_DEPS:
                mention = self.at(child) or (child.dep_ == "compound" and next(
                    (self.at(g) for g in child.children if g.dep_ in OWNER_DEPS and self.at(g)), None))
                if mention:
                    return mention
        return None

    def of_phrase(self, head: Token | None) -> list:
        """The actors a noun phrase names: the head's mention, its conjuncts, or its owner."""
        if head is None:
            return []
        found = []
        for tok in [head, *head.conjuncts]:
            # "Assad's backer, Russia": an apposition names the noun itself, its owner only what it belongs to.
            named = next((m for c in tok.children if c.dep_ == "appos" and (m := self.at(c)) is not None), None)
            mention = self.at(tok) or named or self.owner(tok)
            if mention is not None and tok.lemma_.lower() in MEMBER_NOUNS and not any(
                    a.country for a in mention.actors) and any(p.dep_ == "prep" and p.lemma_ == "of" for p in tok.children):
                mention = None  # "leaders of the opposition coalition": the opposition's, not some government's
            if mention is None:  # "the leaders of Russia and China", "a camp for Congolese refugees"
                for prep in tok.children:
                    if prep.dep_ == "prep" and (prep.lemma_ == "of" or (
                            prep.lemma_ == "for" and tok.lemma_.lower() in SHELTERS)):
                        inner = self.of_phrase(next((c for c in prep.children if c.dep_ == "pobj"), None))
                        found.extend(m for m in inner if m not in found)
                continue
            if mention not in found:
                found.append(mention)
        return found


# Nouns that are their group's: "leaders of the opposition", "members of the Association of African Jurists".
MEMBER_NOUNS = {"leader", "member", "head", "chief"}
# Places that stand for the people they are for ("attacked a camp for Congolese refugees").
SHELTERS = {"camp", "shelter", "school", "hospital", "clinic", "home", "centre", "center", "orphanage", "settlement"}


def is_purpose(verb: Token) -> bool:
    """An infinitive clause of purpose or content: "threatened on Monday to close", "opened fire to disperse"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def is_content_clause(verb: Token) -> bool:
    """A clause saying what its head verb is about: "threatened to impose", "opened fire to disperse"."""
    return verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and is_purpose(verb))


# Prepositions whose gerund is done by the subject of the verb they hang on ("retaliated by expelling the
# ambassador", "after shelling the town, troops attacked"); not "of", "for" or "from", whose gerund is often
# the object's ("accused Peru of attacking", "thanked Chile for sending", "stopped Iran from building").
SUBJECT_GERUND_PREPS = {"by", "to", "after", "before", "while", "in", "through", "since", "upon", "on"}


RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


def _antecedent(token: Token, verb: Token) -> Token:
    """The noun a relative pronoun stands for ("the rebels who attacked": the rebels), else the token. Not in
    the simple present, which describes what one is ("Hamas, which advocates Israel's destruction")."""
    described = verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return verb.head if verb.dep_ == "relcl" and token.lower_ in RELATIVE_PRONOUNS and not described else token


def subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            # "The Red Cross operating in Iraq said": the parser may make the participle the subject and the
            # noun its own; a true clause for subject ("Attacking Iran would be a mistake") has none.
            if child.pos_ == "VERB" and child.tag_ in ("VBG", "VBN"):
                return next((c for c in child.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), child)
            return _antecedent(child, verb)
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.dep_ == "xcomp":  # "persuaded Iran to talk": the object controls; "agreed to talk": the subject does
        obj = next((c for c in head.children if c.dep_ in ("dobj", "obj")), None)
        return obj if obj is not None else subject_of(head)
    if verb.dep_ == "acomp":  # "France is about to restore ties", "ready to talk"
        return subject_of(head)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":  # "rebels attacking the city were repelled"
        return head
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return subject_of(head)
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or is_purpose(verb)):  # "opened fire, killing one person"
        return subject_of(head)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.lower_ in SUBJECT_GERUND_PREPS \
            and head.head.pos_ in ("VERB", "AUX"):
        return subject_of(head.head)  # "responded by bombing", "resorted to throwing stones"
    return None


def _passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


# Participles after which "by" names who did or holds the thing ("crimes committed by", "areas held by"), not
# someone who acted on it ("hospitals targeted by", "a conference boycotted by").
AUTHOR_PARTICIPLES = {"commit", "carry", "perpetrate", "launch", "conduct", "stage", "mount", "wage", "make", "issue",
                      "propose", "put", "sign", "adopt", "pass", "approve", "impose", "introduce", "announce", "order",
                      "declare", "enact", "draft", "organise", "organize", "fire", "build", "deploy", "send", "plant",
                      "hold", "control", "occupy", "run", "own", "seize", "capture", "lead", "back", "support",
                      "operate", "command"}


def _by_phrase(heads, preps=("by",)) -> Token | None:
    return next((g for h in heads for p in h.children if p.dep_ in ("prep", "agent") and p.lower_ in preps
                 for g in p.children if g.dep_ == "pobj"), None)


def _author(noun: Token | None, index: MentionIndex, exclude: list) -> list:
    """Who did what a noun names, after "by" on it or on its participle, "from" on an offer or a demand:
    "crimes (committed) by Croat forces", "a demand from the US"."""
    if noun is None:
        return []
    heads = [noun] + [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
                      and c.lemma_.lower() in AUTHOR_PARTICIPLES]
    preps = ("by", "from") if noun.lemma_.lower() in PUT_TO_NOUNS else ("by",)
    return [m for m in index.of_phrase(_by_phrase(heads, preps)) if m not in exclude]


def _misplaced_author(verb: Token, index: MentionIndex, exclude: list) -> list:
    """ "condemned the attack on Israel by Hamas": the parser may hang the object's "by" on an active verb;
    only a name right after it is taken ("taken hostage by", a participle, is a passive the parser missed)."""
    participle = verb.tag_ == "VBN" or (verb.lower_.endswith("en") and not verb.lemma_.lower().endswith("en"))
    by = None if participle else _by_phrase([verb])
    mention = index.at(by) if by is not None else None
    return [mention] if mention is not None and mention not in exclude else []


# Verbs of fighting, whose "for" names the side fought for ("left Britain to fight for Isis"), not the enemy.
FIGHTING_VERBS = {"fight", "battle", "struggle", "die"}


def _prep_targets(token: Token, index: MentionIndex, exclude: list, preps: set[str] = TARGET_PREPS) -> list:
    if token.lemma_.lower() in FIGHTING_VERBS:
        preps = preps - {"for"}
        # "fought with US forces against Isis": with an enemy named, "with" names an ally
        if any(t.dep_ == "prep" and t.lower_ == "against" for t in token.subtree):
            preps = preps - {"with"}
    # "kidnapped up to 16 Russian advisers": the parser may hang the phrase on the particle
    for child in [*token.children, *(g for c in token.children if c.dep_ == "prt" for g in c.children)]:
        if child.dep_ in ("prep", "dative") and child.lemma_.lower() in preps:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            # "an investigation into crimes by Croat forces against Serb civilians": the crimes' author
            found = [m for m in index.of_phrase(pobj) if m not in exclude] or _author(pobj, index, exclude)
            if found:
                return found
        elif child.dep_ == "dative":
            found = [m for m in index.of_phrase(child) if m not in exclude]
            if found:
                return found
    return []


def _deeper_targets(token: Token, prep: str, index: MentionIndex, exclude: list) -> list:
    """The party one phrase deeper, on what `token`'s `prep` phrase names: "called for sanctions against
    Nigeria", "the resumption of ties with Togo"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == prep:
            for pobj in child.children:
                found = _prep_targets(pobj, index, exclude) if pobj.dep_ == "pobj" else []
                if found:
                    return found
    return []


def _object_targets(verb: Token, index: MentionIndex, exclude: list, prep: str | None) -> tuple[list, bool]:
    """Target of a verb: its lexicon preposition, its object, the party inside its object ("a visit from
    Assad"), else another preposition."""
    if verb.lemma_.lower() in COMPLAINT_VERBS:  # "complained to the UN over Israeli raids": the UN only hears it
        found = _prep_targets(verb, index, exclude, {"over", "about", "against"})
        if found:
            return found, True
    if prep:
        found = _prep_targets(verb, index, exclude, {prep})
        if found:
            return found, True
        found = _deeper_targets(verb, prep, index, exclude)  # "called for sanctions against Nigeria"
        if found:
            return found, True
        # "called for Peru to withdraw": the parser makes "for" the mark of a clause whose subject is asked
        clause = next((c for c in verb.children if c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ == prep for m in c.children)), None)
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause is not None else None
        found = [m for m in index.of_phrase(subject) if m not in exclude]
        if found:
            return found, True
    if verb.lemma_.lower() in TOPIC_OBJECT_VERBS:  # "discussed Syria with Putin": only "with" names a party
        found = _prep_targets(verb, index, exclude, {"with"})
        return found, bool(found)
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and not trailing_attribution(c)), None)
    if obj is not None:
        found = [m for m in index.of_phrase(obj) if m not in exclude and not _own_unnamed(obj, m, exclude)]
        if found:
            return found, True
        # "condemned attacks by Hamas on Israel": what is judged is its author's deed
        found = _author(obj, index, exclude) or _misplaced_author(verb, index, exclude) \
            or _prep_targets(obj, index, exclude)
        if found:
            return found, True
        found = _deeper_targets(obj, "of", index, exclude)  # "welcomed the resumption of ties with Togo"
        if found:
            return found, True
    found = _prep_targets(verb, index, exclude)
    if found:
        return found, True
    # "rejected an invitation to attend a meeting of Palestinian factions"
    for content in obj.children if obj is not None else ():
        if content.dep_ == "acl" and is_purpose(content):
            found, _ = _object_targets(content, index, exclude, None)
            if found:
                return found, True
    return _complement_targets(verb, index, exclude), False


# Verbs whose object forces are the subject's own: "Israel sent ground troops into Lebanon", "France offered troops".
DEPLOY_VERBS = {"send", "deploy", "dispatch", "mobilize", "mobilise", "move", "withdraw", "pull", "station", "mass",
                "amass", "reinforce", "strengthen", "boost", "increase", "bolster", "redeploy", "contribute", "commit",
                "pledge", "offer", "provide", "lend"}
FORCE_SECTORS = {"MIL", "COP", "UAF"}


def _own_unnamed(obj: Token, mention, source: list) -> bool:
    """"Ghana pulled its troops out of Mali": troops of no named country but the subject's that the subject owns
    ("its" after a singular subject, "their" after a plural one, or any sent or deployed) are the actor's own,
    not the target."""
    own = {a.country for m in source for a in m.actors}
    if mention.kind != "agent" or any(a.country and a.country not in own for a in mention.actors):
        return False
    if obj.head.lemma_.lower() in DEPLOY_VERBS and all(a.sector in FORCE_SECTORS for a in mention.actors):
        return True
    # "pulled its troops out", "completed the withdrawal of its troops": the object's owner or the troops' own
    root = obj.doc[mention.start:mention.end].root
    owner = next((c.lower_ for t in (obj, root) for c in t.children if c.dep_ == "poss"), None)
    subject = subject_of(obj.head)
    if owner is None or subject is None:
        return False
    plural = subject.tag_ in ("NNS", "NNPS") or bool(subject.conjuncts)
    return owner == ("their" if plural else "its")


STATE_NAMES = {"country", "capital", "metonym", "pronoun"}


def _speaks_for(source: list, mentions: list) -> bool:
    """Whether the mentions only name the source's own state ("the US", "Washington", "it"), of which it speaks."""
    own = {a.country for m in source for a in m.actors if a.country}
    actors = [a for m in mentions for a in m.actors]
    return bool(actors) and all(m.kind in STATE_NAMES for m in mentions) and all(
        a.country in own and (a.code == a.country or a.sector == "GOV") for a in actors)


AGREEING_VERBS = {"agree", "concur"}


def _complement_targets(verb: Token, index: MentionIndex, exclude: list) -> list:
    """The party inside what a verb of demand, threat or promise is about: "demanded that Israel ease",
    "threatened to shell Iraqi towns", "agreed to provide aid to Poland"."""
    for child in verb.children:
        if child.dep_ == "ccomp" and verb.lemma_.lower() in AGREEING_VERBS:
            continue  # "agreed that the regime had a pattern of dangerous behaviour": a view shared, not with the regime
        # "demanded that control of the ministry be taken away" (a passive's subject too); "threatened to strike
        # unless Israel rescinded the annexation": the condition is put to its subject.
        if child.dep_ == "ccomp" or (child.dep_ == "advcl" and conditional(child)):
            subject = next((c for c in child.children if c.dep_ in SUBJECT_DEPS or c.dep_ == "nsubjpass"), None)
            if subject is None and child.dep_ == "ccomp":  # "demanded the president resign" misread as a noun
                subject = next((c for c in child.children if c.dep_ == "compound"), None)
            found = [m for m in index.of_phrase(subject) if m not in exclude]
            if found and _speaks_for(exclude, found):  # "Trump warned that the US would strike Syria": Syria
                found, _ = _object_targets(child, index, exclude + found, None)
            if found:
                return found
        if is_content_clause(child) and child.pos_ in ("VERB", "AUX"):  # "opened fire to disperse X"
            found, _ = _object_targets(child, index, exclude, None)
            if found:
                return found
    return []


def _split_reciprocal(roles: Roles, mutual: bool) -> Roles:
    """'A and B met' or 'the pair met': the first actor is the source, the others the target."""
    if not mutual:
        return roles
    # "Saudi Arabia and Iran agreed to restore ties, in a deal mediated by China": a party found only
    # deep inside what was agreed does not outweigh the two named together.
    if (not roles.target or not roles.direct) and len(roles.source) >= 2:
        return Roles(roles.source[:1], roles.source[1:], roles.direct, reciprocal=True)
    if not roles.target and len(roles.source) == 1 and len(roles.source[0].actors) >= 2:
        return Roles(roles.source, [], roles.direct, reciprocal=True)
    return roles


# Participles that say how the subject stands towards another: "is opposed to", "is committed to".
STATIVE_PARTICIPLES = {"oppose", "commit", "ally", "dedicate", "devote"}


def means_of(verb: Token) -> list[Token]:
    """The weapons or attacks a verb of force is done with: its subject, its passive agent, or what it was done
    "in" or "by" ("killed in an airstrike"); "a series of airstrikes" is the airstrikes."""
    found = []
    for child in verb.children:
        if child.dep_ == "nsubj":
            nouns = [child]
        elif child.dep_ in ("agent", "prep") and child.lower_ in ("by", "in"):
            nouns = [g for g in child.children if g.dep_ == "pobj"]
        else:
            continue
        for noun in nouns:
            inner = next((g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                          for g in p.children if g.dep_ == "pobj"), None)
            noun = inner if noun.lemma_.lower() not in MEANS and inner is not None else noun
            if noun.lemma_.lower() in MEANS:
                found.append(noun)
    return found


def means_heads(noun: Token) -> list[Token]:
    """The weapon and, for "a series of airstrikes by Russian jets", the head its modifiers may hang on."""
    return [noun, noun.head.head] if noun.head.lower_ == "of" else [noun]


def means_author(verb: Token, index: MentionIndex) -> list:
    """Who the weapon or attack belongs to: "an Israeli strike", "airstrikes by Russian jets", "a bombing
    claimed by Islamic State"."""
    for noun in means_of(verb):
        owner = index.owner(noun)
        if owner is not None:
            return [owner]
        heads = means_heads(noun)
        heads += [c for h in heads for c in h.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        found = index.of_phrase(_by_phrase(heads))
        if found:
            return found
    return []


def verb_roles(verb: Token, index: MentionIndex, prep: str | None = None) -> Roles:
    # "Australians arrested in Bali were paraded": a past participle after its noun is a passive on that noun.
    reduced = verb.dep_ == "acl" and verb.tag_ == "VBN"
    if verb.lemma_.lower() in STATIVE_PARTICIPLES and _passive_agent(verb) is None and not reduced:
        # "Israel is opposed to French mediation": a state of the subject, aimed at the "to" phrase.
        subject = next((c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        source = index.of_phrase(subject)
        target = _prep_targets(verb, index, source, {"to", "with"})
        if source and target:
            return Roles(source, target)
    # "help refugees evicted from the church": a participle with a subject and no auxiliary, after a verb, is a
    # passive too (a main verb tagged so is most often a mistagged past tense).
    # So is one with no object followed by what its subject was doing ("Britons killed fighting Isis").
    kids = list(verb.children)
    doing = verb.tag_ in ("VBN", "VBD") and not any(c.dep_ in ("dobj", "obj") for c in kids) and any(
        c.i == verb.i + 1 and c.dep_ in ("xcomp", "advcl") and c.tag_ == "VBG" for c in kids)
    bare = (doing or (verb.tag_ == "VBN" and verb.dep_ in ("ccomp", "xcomp", "oprd"))) and not any(
        c.dep_ in ("aux", "auxpass") for c in kids)
    if reduced or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
            bare and any(c.dep_ == "nsubj" for c in verb.children)):
        patient = verb.head if reduced else next((_antecedent(c, verb) for c in verb.children
                                                  if c.dep_ in ("nsubjpass", "nsubj")), None)
        source = index.of_phrase(_passive_agent(verb))
        # "a mortar bomb was fired at Israel": what undergoes it is no party, the row's preposition names one
        target = index.of_phrase(patient) or (_prep_targets(verb, index, source, {prep}) if prep else [])
        return Roles(source, [m for m in target if m not in source])
    subject = subject_of(verb)
    source = index.of_phrase(subject) or _author_of_noun(verb, index)
    target, direct = _object_targets(verb, index, source, prep)
    return _split_reciprocal(Roles(source, target, direct),
                             verb.lemma_.lower() in RECIPROCAL_VERBS and not _side_by_side(verb, subject))


def _author_of_noun(verb: Token, index: MentionIndex) -> list:
    """Who wrote the statement a participle clause hangs on, or means what an infinitive after an intent says:
    the noun's owner ("Chile's statement condemning", "Turkey's decision to invade"), or the subject of the verb
    that issues it ("Chile issued a statement condemning", "in a letter urging", "launched a bid to oust")."""
    noun = verb.head
    if not (verb.dep_ == "acl" and ((verb.tag_ == "VBG" and noun.lemma_.lower() in DOCUMENT_NOUNS) or (
            is_purpose(verb) and noun.lemma_.lower() in INTENT_NOUNS))):
        return []
    owner = index.owner(noun)
    if owner is not None:
        return [owner]
    governor = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else noun.head
    # Whose the intent is: who launches or pursues it, not who hinders it ("complicate efforts to suppress").
    authored = noun.lemma_.lower() in DOCUMENT_NOUNS or governor.lemma_.lower() in INTENT_HOLDING_VERBS
    if noun.dep_ in ("dobj", "obj", "pobj") and governor.pos_ in ("VERB", "AUX") and authored:
        return index.of_phrase(subject_of(governor))
    return []


# "fought alongside the SDF": a party on the subject's side, no opponent.
COMITATIVE = {"alongside"}


def _side_by_side(verb: Token, subject: Token | None) -> bool:
    """Whether the parties named with the subject act on its side: "US troops, as well as special forces from the UK,
    fought alongside the SDF" (a reciprocal verb's "A and B fought" is each other)."""
    partners = subject is not None and any(c.dep_ == "cc" and c.lower_ == "as" for c in subject.children)
    return partners or any(c.dep_ == "prep" and c.lower_ in COMITATIVE for c in verb.children)


NOT_UNDERGONE = RECIPROCAL_NOUNS | {"threat"}


def undergone(noun: Token) -> bool:
    """An event noun the subject undergoes, a passive: "troops came under fire from Peruvian forces", "the
    embassy was under attack by protesters"; not what is done by agreement ("sold under a deal with"), nor a
    state of danger ("the town is under threat from Peru")."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.head.pos_ in ("VERB", "AUX") \
        and noun.lemma_.lower() not in NOT_UNDERGONE


DASHES = {"-", "\u2013", "\u2014"}


def _hyphened_pair(noun: Token, index: MentionIndex) -> tuple | None:
    """The two parties a noun's modifier joins with a dash ("US-Russia talks"), or None."""
    for second in noun.children:
        if second.dep_ != "compound" or (b := index.at(second)) is None:
            continue
        for first in second.children:
            a = index.at(first)
            if first.dep_ == "compound" and a is not None and a is not b and first.i < second.i \
                    and any(t.text in DASHES for t in noun.doc[first.i + 1:second.i]):
                return a, b
    return None


def noun_roles(noun: Token, index: MentionIndex, prep: str | None = None) -> Roles:
    """An event noun: its owner or the subject of the verb it hangs on is the source; its preposition the target."""
    between = next((c for c in noun.children if c.dep_ == "prep" and c.lemma_.lower() in ("between", "among")), None)
    if between is not None:
        parties = index.of_phrase(next((c for c in between.children if c.dep_ == "pobj"), None))
        if len(parties) >= 2:
            return Roles(parties[:1], parties[1:], True, reciprocal=True)
        if len(parties) == 1 and len(parties[0].actors) >= 2:  # "between US and Turkish forces": one mention
            return Roles(parties, [], True, reciprocal=True)
    pair = _hyphened_pair(noun, index)
    if pair is not None:  # "US-Russia talks", "India-Pakistan clashes"
        return Roles([pair[0]], [pair[1]], True, reciprocal=True)
    if undergone(noun):
        holder = noun.head.head
        victim = subject_of(holder) or next((c for c in holder.children if c.dep_ == "nsubjpass"), None)
        return Roles(_prep_targets(noun, index, [], {"from", "by"}), index.of_phrase(victim))
    owner = index.owner(noun)
    # "a threat from Turkey", "an offer from Kabul": the author of what is put to another is the source
    source = [owner] if owner else _author(noun, index, []) if noun.lemma_.lower() in PUT_TO_NOUNS else []
    direct = True
    target = (prep and _prep_targets(noun, index, source, {prep})) or _prep_targets(noun, index, source)
    if source and not target:
        # With its owner the agent, "of" names the object: "Turkey's detention of a US citizen" (not so the
        # owner's own: "Trump's withdrawal of US troops" is withdrawing them, not acting on them).
        own = {a.country for m in source for a in m.actors}
        target = [m for m in _prep_targets(noun, index, source, {"of"})
                  if not own & {a.country for a in m.actors}]
    if not source:
        governor = noun.head
        if noun.dep_ == "pobj" and governor.dep_ == "prep":  # "during a phone call with X"
            governor = governor.head
        carrier = noun  # what the verb takes: the noun, or the span or part of it ("took part in a rally")
        if governor.lemma_.lower() in SPAN_NOUNS and governor.dep_ in ("dobj", "obj"):
            carrier, governor = governor, governor.head
        light = (governor.lemma_.lower() in LIGHT_VERBS and carrier.dep_ in ("dobj", "obj")) or \
            governor.lemma_.lower() in PARTICIPATION_VERBS or (
                governor.lemma_.lower() in TRAVEL_VERBS and noun.head.lower_ in ("for", "to"))
        # Without a party of its own, "the call" only refers back to an event told before; and who thwarts an
        # attack is not its author.
        if governor.pos_ in ("VERB", "AUX") and governor.lemma_.lower() not in FOILING_VERBS and (
                light or (target and noun.dep_ in ("dobj", "obj", "pobj"))):
            # "it is engaged in a battle with X": a participle's subject is its passive one
            subject = subject_of(governor) or next((c for c in governor.children if c.dep_ == "nsubjpass"), None)
            source = index.of_phrase(subject)
            target = [m for m in target if m not in source]
            direct = light
    if source and not target:  # "Italy announced a suspension of air links with Serbia"
        target = _deeper_targets(noun, "of", index, source)
    return _split_reciprocal(Roles(source, target, direct), noun.lemma_.lower() in RECIPROCAL_NOUNS)
