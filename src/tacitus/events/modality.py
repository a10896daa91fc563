"""Modality of an event: asserted, negated, future, hypothetical or attempted."""
from __future__ import annotations

from spacy.tokens import Token

ATTEMPT_VERBS = {"try", "attempt", "seek", "strive"}
# "agreed to resign": not resigned yet.
FUTURE_VERBS = {"plan", "intend", "expect", "prepare", "aim", "vow", "pledge", "promise", "threaten", "hope", "want",
                "set", "agree", "offer"}
NEGATING_VERBS = {"refuse", "decline", "fail", "deny", "reject"}
HYPOTHETICAL_AUX = {"could", "might", "may", "should", "must"}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "would"}  # "would" in news is mostly reported future
FUTURE_WORDS = {"tomorrow", "next", "upcoming"}
# "is ready to send aid", "is due to meet": adjectives that put what follows them ahead.
FUTURE_ADJECTIVES = {"ready", "willing", "prepared", "about", "due", "set", "determined", "eager", "keen", "poised"}
HYPOTHETICAL_ADJECTIVES = {"likely", "unlikely", "able", "possible"}
NEGATING_ADJECTIVES = {"unwilling", "reluctant", "unable", "loath", "loth"}


# How far up a trigger's governors are read: far enough for "said it had agreed to try to ...", and a bound on
# the run-on sentences of hundreds of clauses joined by "and".
MAX_CLIMB = 8


# The mood an intent or attempt noun gives the infinitive after it ("a plan to withdraw", "a bid to oust").
NOUN_MOODS = {"plan": "future", "pledge": "future", "promise": "future", "threat": "future", "offer": "future",
              "proposal": "future", "intention": "future", "readiness": "future", "willingness": "future",
              "determination": "future", "decision": "future", "move": "future", "effort": "attempted",
              "attempt": "attempted", "bid": "attempted", "campaign": "attempted", "drive": "attempted",
              "push": "attempted", "refusal": "negated", "failure": "negated"}

# Verbs whose object is the event they do ("launched strikes", "joined the talks", "held a meeting").
DOING_VERBS = {"join", "launch", "carry", "conduct", "stage", "hold", "mount", "wage", "resume", "begin", "start",
               "undertake", "make", "pay", "continue", "escalate", "step"}
OBJECT_MOOD_VERBS = DOING_VERBS | FUTURE_VERBS
# Nouns whose clause is only thought possible ("fears that Chile may attack", "the risk that Peru retaliates").
SUPPOSITION_NOUNS = {"speculation", "rumour", "rumor", "fear", "possibility", "prospect", "risk", "likelihood",
                     "danger", "scenario", "hypothesis", "suggestion"}

# Prepositions whose gerund is the means of the verb they hang on, and shares its mood ("could retaliate by
# expelling", "has not resorted to bombing").
MEANS_PREPS = {"by", "through", "in", "to"}


def _governors(token: Token):
    """The trigger, then the words it is the complement or the means of ("tried to persuade", "plans to visit",
    "was not aware of any talks", "will respond by bombing", "would retaliate with an attack")."""
    yield token
    for _ in range(MAX_CLIMB):
        # A conjunct with a subject of its own is a clause of its own ("will not abandon them, but he has invested").
        # So is one with an auxiliary of its own ("do not consider them terrorists, and have supported them").
        own_clause = token.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") or (
            c.dep_ == "aux" and c.lower_ != "to") for c in token.children)
        # The event a verb of doing or intending has for object is done as the verb is ("will not join any
        # strikes", "planning attacks").
        done = token.dep_ in ("dobj", "obj") and token.pos_ == "NOUN" \
            and token.head.lemma_.lower() in OBJECT_MOOD_VERBS
        if token.head.i == token.i or own_clause or not (done or token.dep_ in ("xcomp", "ccomp", "conj", "acomp") or (
                token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in ("ADJ", "NOUN")) or (
                token.dep_ == "pcomp" and token.head.lower_ in MEANS_PREPS) or (
                token.dep_ == "pobj" and token.head.lower_ == "with" and token.head.head.pos_ == "VERB")):
            return
        token = token.head if token.dep_ not in ("pobj", "pcomp") else token.head.head
        yield token


def _none_of(token: Token) -> bool:
    """'no talks', 'held no talks': the determiner 'no' denies the event; so do 'no longer' on a verb and
    'neither ... nor' on its subjects."""
    def marked(child, deps: tuple, word: str) -> bool:
        return any(d.dep_ in deps and d.lower_ == word for d in child.children)
    return any(c.dep_ == "det" and c.lower_ == "no" for c in token.children) or any(
        (c.dep_ == "dobj" and marked(c, ("det",), "no"))
        or (c.dep_ in ("nsubj", "nsubjpass") and marked(c, ("preconj", "det"), "neither"))
        or (c.dep_ == "advmod" and c.lower_ == "longer" and marked(c, ("neg", "det", "advmod"), "no"))
        for c in token.children)


CONDITION_MARKS = {"if", "unless"}


def conditional(clause: Token) -> bool:
    """Whether a clause is marked as a condition ("if the US struck Syria", "unless Peru lifts the tariffs")."""
    return any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in clause.children)


def _named_subject(trigger: Token) -> bool:
    """Whether the trigger is an event noun that is a clause's subject ("a US strike on Syria threatened ...")."""
    return trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "nsubjpass")


def is_condition(trigger: Token) -> bool:
    """Whether the trigger is in a clause that says on what another event depends ("would respond if the US
    struck Syria", "if a US strike on Syria threatened Russian personnel"): no event of its own."""
    return any(conditional(tok) for tok in _governors(trigger.head if _named_subject(trigger) else trigger))


def _supposed(noun: Token) -> bool:
    """An event noun only thought possible: "the risk of a clash", "a clash would be a distinct possibility",
    "a direct clash risks a wider war"."""
    if noun.pos_ != "NOUN":
        return False
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in ("of", "for") and head.head.lemma_.lower() in SUPPOSITION_NOUNS:
        return True
    return noun.dep_ == "nsubj" and (head.lemma_.lower() == "risk" or (head.lemma_ == "be" and any(
        c.dep_ == "attr" and c.lemma_.lower() in SUPPOSITION_NOUNS for c in head.children)))


def _noun_mood(trigger: Token) -> str | None:
    """The mood of an infinitive after an intent or attempt noun ("Turkey's decision to invade")."""
    if trigger.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return NOUN_MOODS.get(trigger.head.lemma_.lower())
    return None


# Verbs whose object did not happen ("averted a clash", "thwarted an attack").
PREVENTING_VERBS = {"avert", "avoid", "prevent", "forestall", "thwart", "foil"}
UNDOING_VERBS = PREVENTING_VERBS | NEGATING_VERBS


def modality(trigger: Token) -> str:
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "obj") and \
            trigger.head.lemma_.lower() in UNDOING_VERBS:
        return "negated"  # "to avert a military clash between US and Turkish forces"
    noun_mood = _noun_mood(trigger)
    if noun_mood is not None:
        return "negated" if noun_mood == "negated" or any(c.dep_ == "neg" for c in trigger.children) else noun_mood
    chain = list(_governors(trigger))
    # "has not decided whether it will allow refugees in", "asked whether Chile would attack": a question asked
    # or left open; what governs the question does not bear on it.
    question = next((k for k, tok in enumerate(chain) if any(
        c.dep_ == "mark" and c.lower_ == "whether" for c in tok.children)), None)
    if question is not None:
        chain = chain[:question + 1]
    # The verbs whose meaning bears on the trigger: not one it is coordinated with ("has been threatening the Kurds
    # and in 2018 invaded Afrin"), whose auxiliaries and negation it shares but not its sense. A bare infinitive or
    # a gerund coordinated with another form is the parser's slip for one coordinated with that verb's complement
    # ("wants to prevent ..., and reassert its role", "denied accusations of espionage and attempting to").
    governing = {tok.i for k, tok in enumerate(chain) if k > 0 and (
        chain[k - 1].dep_ != "conj" or (chain[k - 1].tag_ in ("VB", "VBG") and tok.tag_ != chain[k - 1].tag_))}
    for tok in chain:
        kids = list(tok.children)
        if any(c.dep_ == "neg" for c in kids) or _none_of(tok):
            return "negated"
        if tok.i in governing and tok.lemma_.lower() in NEGATING_VERBS | NEGATING_ADJECTIVES:
            return "negated"
    if question is not None:
        return "hypothetical"
    if is_condition(trigger) or _supposed(trigger):
        return "hypothetical"
    # "a US pullout would leave the region open": an event named as the subject of a supposition.
    if _named_subject(trigger) and any(
            c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX | {"would"} for c in trigger.head.children):
        return "hypothetical"
    for tok in chain:
        kids = list(tok.children)
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in kids):
            return "hypothetical"
        if tok.dep_ in ("acl", "relcl", "ccomp") and tok.head.lemma_.lower() in SUPPOSITION_NOUNS:
            return "hypothetical"
        if tok.i in governing and tok.lemma_.lower() in HYPOTHETICAL_ADJECTIVES:
            return "hypothetical"
    for tok in chain:
        if tok.i in governing and tok.lemma_.lower() in ATTEMPT_VERBS:
            return "attempted"
    for tok in chain:
        kids = list(tok.children)
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in kids):
            return "future"
        if tok.i in governing and tok.lemma_.lower() in FUTURE_VERBS | FUTURE_ADJECTIVES:
            return "future"
        if any(c.lower_ in FUTURE_WORDS for c in kids if c.dep_ in ("npadvmod", "advmod", "amod")):
            return "future"
    return "asserted"


def declined(trigger: Token) -> bool:
    """Whether a negated act is one declined ("will not send", "would not provide support", "won't") rather
    than one that did not happen ("did not condemn") or one negated only through its governor ("has not
    decided whether it will allow")."""
    children = list(trigger.children)
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "wo") for c in children) and any(
        c.dep_ == "neg" for c in children)
