"""The events layer: for each sentence, triggers with their source, target, modality and reporter."""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from tacitus.actors.resolve import BODIES, MEANS, RECEIVING_VERBS, WEAPONS, of_country
from tacitus.attribution import reported_by
from tacitus.events.modality import declined, is_condition, modality
from tacitus.events.ontology import TriggerEntry, TriggerLexicon
from tacitus.events.roles import (DOCUMENT_NOUNS, FIGHTING_VERBS, MentionIndex, Roles, is_content_clause, is_purpose,
                                  is_reporting, means_author, means_heads, means_of, noun_roles, subject_of,
                                  verb_roles)
from tacitus.events.triggers import find_triggers
from tacitus.nlp import opens_sentence
from tacitus.records import Actor


@dataclass
class Candidate:
    sentence_index: int
    sentence: Span
    trigger: Token
    entry: TriggerEntry
    source: list  # Actors
    target: list
    modality: str
    reported_by: list  # Actors
    confidence: float
    cameo: str = ""  # the code given; the rule's unless the learned classifier changes it

    def __post_init__(self):
        self.cameo = self.cameo or self.entry.cameo


def _actors(mentions: list) -> list:
    out = []
    for m in mentions:
        for actor in m.actors:
            if all(actor.code != a.code or actor.name != a.name for a in out):
                out.append(actor)
    return out


AIMED_AT = "at"
CRITICISM_ROOT = "11"
# Prepositions of a lexicon row that name when the act happened ("arrest during protest", "kill after ceasefire").
SCENE_PREPS = {"during", "after", "amid", "before", "since", "until", "despite"}


def _particle(verb: Token, word: str) -> bool:
    """Whether the lexicon's `word` is the verb's particle ("lash out"), not a preposition naming a party."""
    return any(c.dep_ == "prt" and c.lower_ == word for c in verb.children)


# Events that parties named together do with each other: "Israel and Lebanon reached a consensus",
# "Egypt and France launched joint exercises", "Chad and Togo upgraded their ties" (praise and support are not
# mutual: "the US and Britain supported the Kurds").
MUTUAL_ROOTS = {"03", "04", "06"}
MUTUAL_CODES = {"057"}
MUTUAL_OBJECTS = {"tie", "relation", "relationship"}
# Drills held by the forces of two countries together are military cooperation between them ("US and South
# Korean troops held military exercises"), not a show of force.
SHOW_OF_FORCE, JOINT_DRILLS = "150", "062"
# People who strike by stopping work, not with weapons.
WORKING_SECTORS = {"LAB", "EDU", "HLH", "JUD", "BUS", "AGR", "MED", "CVL", "OPP"}
LABOUR_STRIKE = "143"


def _sides(roles: Roles, entry: TriggerEntry) -> tuple[list, list]:
    source, target = _actors(roles.source), _actors(roles.target)
    # Named together, not a "they" standing for two ("they encourage you" is nothing mutual); drills held together
    # are joint however named ("French and Egyptian warships launched war games").
    mutual = roles.reciprocal or (entry.cameo == JOINT_DRILLS and len(source) >= 2) or (len(roles.source) >= 2 and (
        entry.cameo[:2] in MUTUAL_ROOTS or entry.cameo in MUTUAL_CODES or entry.object in MUTUAL_OBJECTS))
    # "the pair met": one mention, two actors; "Israel and the Palestinians failed to reach agreement on
    # Palestinian offices": what is the parties' own is what they agree on, not a third party.
    own = {a.country for a in source if a.country}
    if mutual and len(source) >= 2 and all(a.country in own for a in target):
        source, target = source[:1], source[1:]
    # "Guterres urged both sides": a group that takes in the source does not make it its own target.
    acting = {(a.code, a.name) for a in source}
    return source, [a for a in target if (a.code, a.name) not in acting]


# Sectors that act inside their own country: a bare agent noun with no country of its own takes the
# other side's ("Egyptian police dispersed demonstrators"); a named group keeps its code.
DOMESTIC_SECTORS = {"OPP", "CVL", "REB", "INS", "UAF", "LAB", "EDU", "REL", "MED", "BUS", "REF", "CRM", "JUD",
                    "LEG", "COP", "PTY", "HLH", "AGR", "SPY", "ELI", "NGO", "MOD", "RAD", "IND", "DEV", "HRI"}
STATE_SECTORS = {"GOV", "MIL"}
ARMED_GROUPS = {"REB", "INS", "UAF"}
PROTEST_ROOT = "14"
YIELD_ROOT = "08"
RESIGNATION = "0831"
INSURGENT_SECTORS = {"REB", "INS", "UAF", "OPP"}
CONSULT_ROOT = "04"
ADMITTING = "086"  # receiving peacekeepers, inspectors, observers
# Cooperation, support and aid: what a state gives an unnamed group says nothing of the group's country.
FOREIGN_HELP_ROOTS = {"05", "06", "07"}
# Events whose unnamed target is, by coding convention, the country they happen in: visits, aid, threats,
# cuts in relations, force posture, coercion and violence ("Israel strengthened its forces in Lebanon").
PLACE_TARGET_ROOTS = {"07", "13", "15", "16", "17", "18", "19", "20"}
# A visit, a mediation or an inquiry is to the place; a meeting or talks held there are not with it
# ("negotiators met in Geneva"; "dispatched inspectors to a plant in Iran" investigates Iran).
PLACE_TARGET_CODES = {"042", "045", "090"}
# Talks and agreements are held in a venue, which does not place their parties ("talks between the regime and
# the opposition in Vienna" are not Austrian).
VENUE_ROOTS = {"03", "04"}
# Refuge is sought from the country it is sought in ("Kurds sought asylum in Germany").
PLACE_TARGET_OBJECTS = {"asylum", "refuge", "sanctuary"}
# Intents and concessions take the place only when the code says what is done there ("lifted the curfew in",
# "withdrew from"): after a bare "promised" or "conceded", a place is where it was said.
SPECIFIC_PLACE_TARGET_ROOTS = {"03", "08"}
# Coercion and violence at home are aimed at the country's own people ("declared a state of siege in Haiti"),
# and so are easing them ("lifted the curfew in Darfur").
DOMESTIC_TARGET_ROOTS = {"08", "17", "18", "19", "20"}
# Curbs on freedoms, bans, curfews, states of emergency and their easing are laid on one's own country,
# named or not ("the government announced it would impose martial law").
INWARD_CODES = {"081", "0811", "0812", "0813", "0814", "172", "1721", "1722", "1723", "1724", "173"}


def _localise(side: list, other: list, where: str | None = None, state: bool = False) -> list:
    """Unnamed groups of one country (police, protesters, militants) take the country of the place the event
    is stated to happen in ("a US drone killed militants in Kurram"), else that of the other side."""
    countries = {a.country for a in other if a.country}
    country = where or (countries.pop() if len(countries) == 1 else None)  # "Russian and Syrian forces": unclear
    if country is None:
        return side
    # A state named by its country acts abroad as often as at home: the armed groups it deals with are not
    # thereby its own ("the rebels negotiated with Russia", "Turkey is waging an offensive against the militia").
    abroad = where is None and all(a.code == a.country for a in other)
    # A government or army acting on a country's own opposition, civilians, police... is that country's, and so
    # is one that `state` says the other side acts on ("Chileans protested against the government").
    sectors = DOMESTIC_SECTORS | STATE_SECTORS if state or any(
        a.sector in DOMESTIC_SECTORS for a in other if a.country) else DOMESTIC_SECTORS
    return [of_country(a, country)
            if not a.country and a.sector in sectors and a.code == a.sector
            and not (abroad and a.sector in ARMED_GROUPS) else a for a in side]


def _implied_target(entry: TriggerEntry, trigger: Token, source: list, place, mood: str) -> list:
    """A target the sentence implies without naming a party: a protest is aimed at the government of the
    place it is held in, else at the protesters' own; a visit, strike or deployment with a place is aimed at
    the place's country, force used at home at the country itself, armed groups or the opposition yielding
    (`mood` asserted: a yield only promised or refused implies nothing) at their own government, and an
    official resigning, or promising to, at the country."""
    country = next((a.country for a in source if a.country), None)
    # A government's own protest ("Ankara has long protested at the alliance") is against someone the sentence
    # must name.
    state = all(a.sector in STATE_SECTORS for a in source)
    if entry.cameo.startswith(PROTEST_ROOT) and (country or place is not None) and not state:
        # Protesters abroad protest to the government where they are ("ethnic Albanians demonstrated in Serbia").
        country = place[0] if place is not None else country
        return [_unnamed(country, "GOV")]
    root = entry.cameo[:2]
    if place is None and country and entry.cameo in INWARD_CODES:
        return [_unnamed(country)]
    # A visit is to a foreign place: one by someone of no known country or body may be a trip at home.
    takes_place = root in PLACE_TARGET_ROOTS or (entry.cameo[:3] in PLACE_TARGET_CODES and any(map(_known, source))) \
        or entry.object in PLACE_TARGET_OBJECTS or (root in SPECIFIC_PLACE_TARGET_ROOTS and (
            entry.cameo != root + "0" or (place is not None and not _said_at(trigger, place[2]))))
    # Foreigners fighting in a country ("British volunteers fighting in Syria", "France will fight on in Syria")
    # fight someone there, not the country.
    fighting_abroad = trigger.lemma_.lower() in FIGHTING_VERBS and place is not None and place[0] != country
    if place is not None and takes_place and not fighting_abroad and (
            place[0] != country or root in DOMESTIC_TARGET_ROOTS):
        iso3, text, span = place
        return [_unnamed(iso3, text=text, span=span)]
    if root == YIELD_ROOT and mood == "asserted" and country and any(a.sector in INSURGENT_SECTORS for a in source):
        return [_unnamed(country, "GOV")]  # "Ugandan rebels surrendered": to their government
    if entry.cameo == RESIGNATION and (mood in ("asserted", "future") or refusal_verb(trigger)) and country:
        return [_unnamed(country)]  # "the Georgian president resigned", "agreed to resign", "refused to resign"
    return []


def _token_at(sentence: Span, span) -> Token | None:
    """The token of the sentence that a character span (a place's) starts at."""
    return next((t for t in sentence if t.idx == span[0]), None)


def _said_at(trigger: Token, span) -> bool:
    """Whether a place hangs on the trigger itself or its subject ("agreed in Geneva to ...": where it was said),
    not on what it is about ("agreed to postpone the demonstration in Baku")."""
    token = _token_at(trigger.sent, span)
    while token is not None and token.head.i != token.i and token.head.i != trigger.i:
        token = token.head
    return token is None or token.head.i != trigger.i or token.dep_ in ("nsubj", "nsubjpass") or (
        token.dep_ == "prep" and token.lower_ not in CONTENT_PREPS)


# Prepositions after a verb of agreeing or yielding that say what it is about ("agreed to an extension of the
# mandate in Lebanon", "agreed on a ceasefire in Idlib").
CONTENT_PREPS = {"to", "on", "upon", "over", "about"}


NOMINAL_ENDINGS = ("ment", "tion", "sion")  # disengagement, intervention, decision


def _event_subject(verb: Token, entry: TriggerEntry, index: MentionIndex, lexicon: TriggerLexicon) -> bool:
    """Whether the verb's subject is an event, not a party, whose owner would otherwise be taken for the
    actor ("the Turkish attack led the YPG to plead", "US disengagement would provide Iran an opening"). An
    attack's owner does the force it does ("a Russian airstrike killed"); a deployment "of" troops is theirs."""
    subject = subject_of(verb)
    if subject is None or subject.pos_ != "NOUN" or subject.dep_ != "nsubj":
        return False
    mention = index.at(subject)
    if mention is not None and mention.kind not in ("demonym", "country"):
        return False  # "the opposition", "the Trump administration": parties
    lemma = subject.lemma_.lower()
    event = lemma in lexicon.lemmas("NOUN") or (lemma.endswith(NOMINAL_ENDINGS) and lemma not in BODIES)
    force = lemma in MEANS and entry.cameo[:2] in FORCE_ROOTS
    return event and not force and not any(c.dep_ == "prep" and c.lower_ == "of" for c in subject.children)


# Force whose author the sentence leaves unnamed ("a roadside bomb killed two soldiers near Samarra", "three
# civilians were killed in Baghdad") is coded, as the field's coders do, to the country it happens in.
FORCE_ROOTS = {"18", "19", "20"}
# Bans, arrests, charges, expulsions and investigations by no one named are the authorities' of the place ("a
# missionary was arrested in Lebanon", "proscribed in Turkey", "put under investigation in Italy").
STATE_ACTS = {"172", "173", "174", "090", "091", "092", "093", "094"}
# Whatever code the lexicon gives an arrest ("arrested a journalist" is 175) or a charge (115, like a lawsuit),
# no one but the authorities makes one.
ARREST_VERBS = {"arrest", "detain", "jail", "imprison", "charge", "indict", "prosecute"}
# The state's own people: their word on an arrest speaks for the state that made it, and people they seize are
# detained, not abducted.
OFFICIAL_SECTORS = {"GOV", "COP", "JUD", "MIL", "SPY"}


def _nameless_means(noun: Token) -> bool:
    """A weapon or attack with no name or nationality in its phrase ("a roadside bomb", not "Israeli shelling")."""
    # Its modifiers and "by" phrase, not the place it is put in ("a bombing near Samarra").
    named = [t for h in means_heads(noun) for c in h.children if c.i < h.i or c.lower_ == "by" for t in c.subtree]
    return not any(t.pos_ == "PROPN" or (t.is_title and not opens_sentence(t)) for t in named)


def _authorless(verb: Token) -> bool:
    """A verb of force that names no author: a passive without agent or with a weapon for agent ("killed
    by a roadside bomb", "soldiers killed in Ukraine"), or a weapon or attack for subject ("a blast killed")."""
    if verb.pos_ != "VERB":
        return False
    kids = list(verb.children)
    means = means_of(verb)
    if any(c.dep_ == "auxpass" for c in kids) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        agents = [g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return all(g in means for g in agents) and all(_nameless_means(g) for g in means)
    subjects = [c for c in kids if c.dep_ == "nsubj"]
    return bool(subjects) and bool(means) and all(_nameless_means(g) for g in means)


def _implied_source(entry: TriggerEntry, trigger: Token, target: list, place, reporters: list) -> list:
    """The side of the place an act of force by no one named happens in or comes from ("rockets were fired at
    Israel from Gaza"), or the authorities of the place an arrest or ban is made in, or else of the country
    whose officials report it ("Taiwan prosecutors said a man was detained")."""
    state_act = entry.cameo[:3] in STATE_ACTS or trigger.lemma_.lower() in ARREST_VERBS
    if not (entry.cameo[:2] in FORCE_ROOTS or state_act) or not _authorless(trigger):
        return []
    if place is None:
        officials = {a.country for a in reporters if a.country and a.sector in OFFICIAL_SECTORS}
        return [_unnamed(officials.pop())] if state_act and len(officials) == 1 else []
    if _destination(trigger, place[2]):
        return []
    iso3, text, span = place
    return [_unnamed(iso3, text=text, span=span)]


DESTINATION_PREPS = {"to", "into", "toward", "towards"}


def _destination(trigger: Token, span) -> bool:
    """Whether a place is where someone was sent ("deported to Peru"), not where the act was done."""
    token = _token_at(trigger.sent, span)
    while token is not None and token.dep_ != "prep" and token.head.i != token.i:
        token = token.head
    return token is not None and token.dep_ == "prep" and token.lower_ in DESTINATION_PREPS


# A state's force and repression at home, and its yielding (resigning, easing a curfew, withdrawing), are aimed at
# its own country ("the regime used chemical weapons in Douma", "lifted the curfew in Darfur"); nothing else it
# does is ("the British government held a cabinet meeting to discuss the UK's response", "Assad criticised
# threats to strike Syria").
SELF_DIRECTED_ROOTS = {"08", "17", "18", "19", "20"}


# A state's promises and demands to its own government or forces, and its yielding through them, are matters at
# home ("Trump says US troops must leave Syria", "ordered the withdrawal of US troops", "warned that Turkish troops
# intended to advance").
HOME_ROOTS = {"03", "08", "10"}


def to_its_own_country(cameo: str, source: list, target: list) -> bool:
    """A state's own country as the target of what is neither force nor repression, unless it is the country's
    people ("reneged on his commitment to the Zambian people"); or its own state (HOME_ROOTS)."""
    countries = {a.country for a in source}
    state = cameo[:2] in HOME_ROOTS
    return cameo[:2] not in SELF_DIRECTED_ROOTS and len(countries) == 1 \
        and None not in countries and all(a.sector in STATE_SECTORS or a.code == a.country for a in source) \
        and all((a.code == a.country or (state and a.sector in STATE_SECTORS)) and a.country in countries
                and (a.text or "").split()[-1:] != ["people"] for a in target)


# People on the move ("refugees arrived in Canada", "4,000 Russian citizens travelled to Syria") make no visit.
MOVING_VERBS = {"travel", "arrive", "fly", "go", "come", "pour", "flee", "return", "head", "journey", "cross",
                "migrate", "move", "flock", "stream", "leave", "reach", "enter"}
PEOPLE_SECTORS = {"CVL", "REF"}


def _migration(trigger: Token, source: list, cameo: str) -> bool:
    """Whether a visit (or other act) is people on the move: a people named by its plural only makes no visit."""
    return trigger.lemma_.lower() in MOVING_VERBS and all(
        a.sector in PEOPLE_SECTORS or (cameo[:2] == CONSULT_ROOT and _a_people(a, trigger.doc)) for a in source)


def _a_people(actor, doc) -> bool:
    """A country's people named by their plural ("hundreds of Britons", "Americans"), not the country ("the
    Philippines") nor its envoys ("the Americans arrived for talks")."""
    words = (actor.text or "").split()
    if actor.sector is not None or len(words) != 1 or not words[0][:1].isupper() or not words[0].endswith("s") \
            or words[0] == (actor.name or "").split()[-1] or not actor.span:
        return False
    span = doc.char_span(*actor.span)
    return span is not None and (span.start == 0 or doc[span.start - 1].lower_ != "the")


def _unnamed(iso3: str, sector: str | None = None, text: str = "", span=None) -> Actor:
    """A country, or one of its sectors, that the sentence implies as a side without naming it."""
    return Actor(text=text, span=span, code=iso3 + (sector or ""), country=iso3, sector=sector, name=None)


def _known(actor) -> bool:
    return bool(actor.country) or bool(actor.code and actor.code.startswith("IGO"))


def _confidence(entry: TriggerEntry, roles: Roles, source: list, target: list) -> float:
    score = 0.45
    score += 0.15 if (entry.prep or entry.object) else 0.0
    score += 0.1 * sum(1 for side in (source, target) if any(_known(a) for a in side))
    score += 0.1 if roles.direct else -0.1
    score -= 0.05 if roles.reciprocal else 0.0
    return round(max(0.05, min(0.95, score)), 2)


# Links along which a trigger is only the content of another event ("agreed to pursue plans",
# "tried to persuade", "accused X of attacking", "agreed during the call"), not an event of its own.
CONTENT_DEPS = {"xcomp", "ccomp", "acl", "acomp", "pcomp", "pobj", "prep", "dobj", "advmod", "npadvmod"}


PROTEST_VERBS = {"protest", "demonstrate", "rally", "march", "chant", "riot", "strike"}


def _protesters_protesting(verb: Token) -> bool:
    """A participle of protest on the people doing it: "demonstrators protesting election results"."""
    return verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.lemma_.lower() in PROTEST_VERBS \
        and verb.head.pos_ in ("NOUN", "PROPN")


def _content_of(token: Token, triggers: set[int]) -> int | None:
    """The trigger whose content the token's act is ("threatened to cut off aid": cut off is the threat's), if
    any."""
    while token.head.i != token.i:
        dep = token.dep_
        if dep not in CONTENT_DEPS and dep != "conj" and not is_content_clause(token):
            return None
        if _protesters_protesting(token):
            return None  # "dispersed demonstrators protesting the results": what they do is their own act
        token = token.head
        # A conjunct shares its head's relation: "...to resolve the war and ensure stability".
        if dep != "conj" and token.i in triggers:
            return token.i  # a reporting verb among them is a demand: what it says must happen is its content
        if is_reporting(token):
            return None
    return None


# What is asked for, promised or threatened gives an appeal (02x), a demand (10x), an intent (03x) or a threat
# (13x) its CAMEO sub-code. Appeals, demands and intents share one order of kinds (1 material cooperation,
# 2 diplomatic, 3 aid, 4 reform, 5 yielding, 6 a meeting, 8 mediation), keyed here by the code of the act.
KIND_OF_ACT = {"06": "1", "061": "11", "062": "12", "063": "13", "064": "14", "05": "2",
               "07": "3", "071": "31", "072": "32", "073": "33", "074": "34",
               "083": "4", "0831": "41", "0832": "42", "0833": "43", "0834": "44",
               "08": "5", "081": "51", "082": "52", "084": "53", "085": "54", "086": "55", "087": "56",
               "04": "6", "045": "8", "046": "6"}
ASKING_ROOTS = {"020": "02", "100": "10"}
THREAT_OF_ACT = {"16": "131", "160": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135",
                 "166": "136", "14": "133", "17": "137", "172": "132", "1721": "1321", "1722": "1322",
                 "1723": "1323", "1724": "1324", "18": "1383", "19": "1384", "191": "1381", "192": "1382",
                 "20": "1385"}


def _by_longest_prefix(table: dict, code: str) -> str | None:
    return next((table[code[:n]] for n in (4, 3, 2) if code[:n] in table), None)


def asked_code(outer: str, act: str) -> str:
    """The code of an appeal, demand or threat (`outer`, as the lexicon gives it: 020, 100, 130) for the act it
    asks for or threatens (`act`): "urged Uganda to repatriate criminals" 0213, "threatened to cut off aid" 1311."""
    if outer == THREAT:
        return _by_longest_prefix(THREAT_OF_ACT, act) or outer
    kind = _by_longest_prefix(KIND_OF_ACT, act) if outer in ASKING_ROOTS else None
    return ASKING_ROOTS[outer] + kind if kind else outer


QUOTES = {'"', "“", "”"}


def _quoted(sentence: Span) -> list[tuple[int, int]]:
    """Token ranges between quotation marks."""
    marks = [t.i for t in sentence if t.text in QUOTES]
    return list(zip(marks[::2], marks[1::2]))


# Verbs that say what something is, not what it does: a threat one poses or is is no act of threatening (while
# "Sochi will be the sixth meeting between them" tells of meetings).
DESCRIBING_VERBS = {"pose", "represent", "constitute"}
COPULAS = {"be", "remain", "become"}
THREAT_ROOT = "13"


def _described(noun: Token, entry: TriggerEntry) -> bool:
    """Whether an event noun only describes its subject: the object of "pose" or "represent", or the threat a
    copula says its subject is ("is a threat to peace")."""
    head = noun.head.lemma_.lower()
    return (noun.dep_ in ("dobj", "obj") and head in DESCRIBING_VERBS) or (
        noun.dep_ == "attr" and head in COPULAS and entry.cameo.startswith(THREAT_ROOT))


def _quoted_content(trigger: Token, quotes: list[tuple[int, int]], source_mentions: list) -> bool:
    """A trigger inside a quotation whose actor stands outside it is what was said, not an event:
    'they agreed to pursue plans to "resolve the war, end the crisis, allow refugees to return"'."""
    for start, end in quotes:
        if start < trigger.i < end:
            return not any(start < m.start < end for m in source_mentions)
    return False


# CAMEO codes a cooperative act that is only announced ("will meet", "plans to send aid") as the intent to
# do it (03x, PLOVER AGREE): meet or negotiate, diplomatic and material cooperation, aid, yielding; and a
# coercive one as a threat (13x): sanctions (131), repression ("will extend the curfew", 137), force (138).
INTENT_OF_ROOT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035",
                  "16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}


# CAMEO codes an agreement not reached as a rejection ("failed to reach agreement", "did not agree"); a promise
# not made is no event of its own.
AGREE_ROOT, REJECTION = "03", "120"
AGREEMENT_WORDS = {"agree", "agreement", "deal", "accord", "consensus", "settlement", "compromise", "treaty"}


def _of_agreement(c: Candidate) -> bool:
    return c.cameo[:2] == AGREE_ROOT and (c.trigger.lemma_.lower() in AGREEMENT_WORDS
                                          or c.entry.object in AGREEMENT_WORDS)


def agreement_not_reached(c: Candidate) -> bool:
    return c.modality == "negated" and _of_agreement(c)


# People seized: by the state a detention (173), by anyone else an abduction (181), not the seizure of property
# (171) the lexicon gives "capture" and "seize" for what they take.
SEIZING_VERBS = {"capture", "seize", "snatch", "grab"}
DETENTION, ABDUCTION = "173", "181"


def _seizure_of_people(trigger: Token, source: list, target: list) -> str | None:
    """The code of a seizure whose patient is the target's people ("captured two journalists", "Cantlie was
    captured by Isis"), not what they hold ("captured positions held by Isis") nor a place ("captured Raqqa")."""
    if trigger.lemma_.lower() not in SEIZING_VERBS or trigger.pos_ != "VERB":
        return None
    patient = next((c for c in trigger.children if c.dep_ in ("dobj", "obj", "nsubjpass")), None)
    if patient is None and trigger.dep_ == "acl" and trigger.tag_ == "VBN":
        patient = trigger.head  # "the journalist captured by Islamic State"
    # The patient is the target's mention: people (a sector, or a common noun: "two British men"), not a place.
    if patient is None or not all((a.sector or patient.pos_ == "NOUN") and a.span
                                  and a.span[0] <= patient.idx < a.span[1] for a in target):
        return None
    state = all(a.sector in OFFICIAL_SECTORS or (a.country and a.code == a.country) for a in source)
    return DETENTION if state else ABDUCTION


def people_seized(c: Candidate) -> bool:
    """Whether the rules coded the candidate as people seized: the model reads such seizures as force."""
    return c.cameo != c.entry.cameo and c.trigger.lemma_.lower() in SEIZING_VERBS


# Charges, indictments and prosecutions are accusations (115), as the CAMEO manual's note to 173 has it; the model,
# trained on data that codes them as coercion, may not recode them.
CHARGING_VERBS = {"charge", "indict", "prosecute"}


def charged(c: Candidate) -> bool:
    return c.cameo[:2] == CRITICISM_ROOT and c.trigger.lemma_.lower() in CHARGING_VERBS


def agreement_reached(c: Candidate) -> bool:
    """"Russia and Turkey agree on a plan", "reached a consensus": PLOVER's AGREE, however cooperative the rest."""
    return c.modality != "negated" and _of_agreement(c)


# An act announced for unless another gives way is a threat, whatever the act ("will withdraw its peacekeepers
# from Chad unless the president arranges a ceasefire").
THREAT = "130"


def _ultimatum(trigger: Token, marks=("unless",)) -> bool:
    """Whether the trigger, or the verb whose complement it is, carries an "unless" clause (or one of `marks`)."""
    clauses = [trigger] + ([trigger.head] if is_content_clause(trigger) else [])
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
               for clause in clauses for c in clause.children)


# An act of cooperation or yielding refused ("refused to withdraw its troops", "declined to resign", "will not
# release them") is a rejection that happened, coded by what was refused.
REFUSING_VERBS = {"refuse", "decline"}
STATEMENT_ROOT = "01"  # "declined to comment" is a statement (011), whose refusal is the verb's own
REFUSAL_OF = {"03": "120", "04": "125", "05": "120", "06": "121", "061": "1211", "062": "1212", "063": "1213",
              "07": "122", "071": "1221", "072": "1222", "073": "1223", "074": "1224",
              "08": "124", "081": "1241", "082": "1242", "083": "1231", "084": "1243", "085": "1244",
              "086": "1245", "087": "1246"}


def refused(c: Candidate) -> bool:
    """Whether a negated act is one refused ("refused to deploy troops"; "will not release them", of cooperation
    or yielding: "will not attack" is no refusal), not one that merely did not happen ("did not condemn")."""
    if c.modality != "negated":
        return False
    return refusal_verb(c.trigger) is not None or (c.cameo[:2] in REFUSAL_OF and declined(c.trigger))


def refusal_verb(trigger: Token) -> Token | None:
    """The verb refusing the trigger's act ("refused" of "refused to withdraw"), or None."""
    head = trigger.head
    return head if trigger.dep_ == "xcomp" and head.lemma_.lower() in REFUSING_VERBS else None


def refusal_code(cameo: str) -> str:
    return REFUSAL_OF.get(cameo[:3]) or REFUSAL_OF.get(cameo[:2]) or REJECTION


def recorded_code(c: Candidate) -> tuple[str, str]:
    """The code and modality an event is recorded with: announced acts as intents or, under an "unless" (or, for
    hostile acts, an "if"), as threats; agreement not reached and cooperation refused as rejections that happened."""
    if agreement_not_reached(c):
        return REJECTION, "asserted"
    if refused(c):
        return refusal_code(c.cameo), "asserted"
    if c.modality == "future" and c.cameo[:2] in FORCE_ROOTS and _preparing(c.trigger):
        return FORCE_POSTURE, "asserted"
    code = intent_code(c.cameo, c.modality)
    if c.modality == "future" and code[:2] != THREAT[:2] and _ultimatum(c.trigger):
        return THREAT, c.modality
    # So is a hostile act one may or will do if another acts ("may halt mediation if cooperation founders"): the
    # threat that the intent of such an act is.
    if c.modality in ("future", "hypothetical") and _ultimatum(c.trigger, ("if",)) \
            and (threat := intent_code(c.cameo, "future")).startswith(THREAT_ROOT):
        return threat, "future"
    return code, c.modality


# Force being prepared ("the army prepared to resume shelling") is a show of force posture that happened (150),
# not a threat; one "is prepared to" use (an adjective) is a statement, a threat.
PREPARING_VERBS = {"prepare", "gear"}
FORCE_POSTURE = "150"


def _preparing(trigger: Token) -> bool:
    verb = trigger
    for _ in range(3):
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            return False
        verb = verb.head
        if verb.lemma_.lower() in PREPARING_VERBS and verb.pos_ == "VERB":
            return True
    return False


def intent_code(cameo: str, modality: str) -> str:
    """An act only announced as its intent or threat, with the finer sub-code where the act gives one."""
    if modality != "future" or cameo[:2] not in INTENT_OF_ROOT:
        return cameo
    finer = _by_longest_prefix(THREAT_OF_ACT, cameo) if INTENT_OF_ROOT[cameo[:2]].startswith(THREAT_ROOT) \
        else (AGREE_ROOT + kind if (kind := _by_longest_prefix(KIND_OF_ACT, cameo)) else None)
    return finer or INTENT_OF_ROOT[cameo[:2]]


# "The US said China must drop its barriers": CAMEO codes a speaker's "must" for another as a demand.
DEMAND = "100"
OBLIGATION = {"must"}


# "The US wants Turkey to withdraw": what one party wants another to do is a demand on the other, not the
# other's act or intent.
WISH_VERBS = {"want", "wish", "like", "prefer"}


# Verbs of saying whose clause in the subjunctive is a demand: "insisted that Peru withdraw its troops".
INSISTING_VERBS = {"insist", "urge", "recommend"}


def _obligation(verb: Token, index: MentionIndex) -> tuple[list, list] | None:
    """(speaker, addressee) when a verb of saying reports that another actor must do something ("said China
    must drop", "insisted that Peru withdraw")."""
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        auxiliaries = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
        if any(c.lower_ in OBLIGATION for c in auxiliaries) or (
                verb.lemma_.lower() in INSISTING_VERBS and clause.tag_ == "VB" and not auxiliaries):
            return _demand(verb, subject_of(clause), index)
    return None


# What is written or said to another: a clause on it that says the other must act makes a demand.
MESSAGE_NOUNS = DOCUMENT_NOUNS | {"reminder", "warning", "demand", "ultimatum", "call", "appeal", "notice"}


def _message(trigger: Token) -> Token | None:
    """The verb that sends or issues a message whose clause the trigger heads and says must happen ("issued a
    reminder to Iraq that it must cooperate": "issued"), or None."""
    noun = trigger.head
    if trigger.dep_ in ("acl", "ccomp") and noun.lemma_.lower() in MESSAGE_NOUNS and noun.dep_ in ("dobj", "obj") \
            and noun.head.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in trigger.children):
        return noun.head
    return None


def _wished(trigger: Token) -> tuple[Token, Token] | None:
    """(wish verb, the party wished to act) when the trigger is what one party wants another to do ("wants
    Turkey to withdraw", "would like the West to lift sanctions")."""
    wish = trigger.head
    if wish.i == trigger.i or wish.lemma_.lower() not in WISH_VERBS:
        return None
    if trigger.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        party = subject_of(trigger)
    elif trigger.dep_ == "xcomp":
        party = next((c for c in wish.children if c.dep_ in ("dobj", "obj")), None)
    else:
        return None
    return (wish, party) if party is not None else None


def _demand(verb: Token, addressed: Token | None, index: MentionIndex) -> tuple[list, list] | None:
    """(the verb's subject, the addressed party) when both are actors and one is known."""
    speaker = _actors(index.of_phrase(subject_of(verb)))
    speaking = {(a.code, a.name) for a in speaker}
    addressee = [a for a in _actors(index.of_phrase(addressed)) if (a.code, a.name) not in speaking]
    addressee = _localise(addressee, speaker)  # "Chilean rebels insisted that the president step down"
    if speaker and addressee and any(_known(a) for a in speaker + addressee) \
            and not to_its_own_country(DEMAND, speaker, addressee):
        return speaker, addressee
    return None


def _given_from(verb: Token, roles: Roles) -> bool:
    """Whether the target was found after "from" on the verb or on its object ("received aid from Japan")."""
    heads = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    froms = [g for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ == "from"
             for g in p.subtree]
    spans = {t.i for t in froms}
    return bool(roles.target) and all(m.start in spans for m in roles.target)


def _nowhere(token: Token):
    return None


def sentence_candidates(index_no: int, sentence: Span, index: MentionIndex, lexicon: TriggerLexicon,
                        place_of=_nowhere, home: str | None = None) -> list[Candidate]:
    """Events of one sentence. `place_of(trigger)` gives (ISO3, text, span) of a place the trigger is
    stated to happen in, or None; `home` is the country of the story's dateline, if any."""
    candidates = []
    quotes = _quoted(sentence)
    matches = find_triggers(sentence, lexicon)
    # "prefers the US to restrain Iran": the wish verb's own reading gives way to the demand it makes.
    wishes = {m.token.i: _wished(m.token) for m in matches}
    wishers = {wish[0].i for wish in wishes.values() if wish is not None}
    # "refused to withdraw": the refusal is recorded by what was refused (recorded_code), not as the verb's own.
    refusers = {verb.i for m in matches
                if (verb := refusal_verb(m.token)) is not None and not m.entry.cameo.startswith(STATEMENT_ROOT)}
    for match in matches:
        token, entry = match.token, match.entry
        if token.i in wishers or (token.i in refusers and not entry.object):
            continue
        if is_condition(token):
            continue  # "would respond if the US struck Syria": what an event depends on has not happened
        if entry.pos == "NOUN" and not entry.object and _described(token, entry):
            continue  # "the fighters pose the biggest threat", "Iran is a threat": what one is, not what one did
        # A verb of saying with an object the lexicon knows acts: "declared a state of emergency", "declared war".
        speech = (is_reporting(token) and not entry.object) or entry.cameo == "010"
        wish = None if speech else wishes[token.i]
        message = None if speech or wish else _message(token)
        if speech or wish is not None or message is not None:
            # Speech is attribution, unless it says another must act; a wish for another's act is a demand, and
            # so is a message that another must act ("issued a reminder to Iraq that it must cooperate").
            verb, demand = (token, _obligation(token, index)) if speech else (wish[0], _demand(*wish, index)) \
                if wish else (message, _demand(message, subject_of(token), index))
            if demand is not None and all(c.trigger.i != verb.i for c in candidates):  # one demand per wish
                mood = modality(verb)
                candidates.append(Candidate(
                    sentence_index=index_no, sentence=sentence, trigger=verb,
                    entry=TriggerEntry(verb.lemma_.lower(), "VERB", None, None, DEMAND, "another must act"),
                    source=demand[0], target=demand[1],
                    modality="asserted" if wish and mood == "future" else mood,  # "would like X to": a wish now
                    reported_by=_actors(reported_by(verb, sentence, index)), confidence=0.6))
            continue
        # What is fired is fired at someone: "launched missiles at the government", "fired rockets into Israel";
        # and so is criticism ("lashed out at the government", "took a swipe at Peru").
        prep = entry.prep if entry.prep and not _particle(token, entry.prep) else None
        if entry.object in WEAPONS or (entry.cameo[:2] == CRITICISM_ROOT and not prep and any(
                c.dep_ == "prep" and c.lower_ == AIMED_AT for c in token.children)):
            prep = AIMED_AT
        if prep in SCENE_PREPS and entry.object:
            prep = None  # "arrested students during protests": the scene names no party
        roles = verb_roles(token, index, prep) if entry.pos == "VERB" else noun_roles(token, index, entry.prep)
        if entry.pos == "VERB" and _event_subject(token, entry, index, lexicon):
            roles.source = []  # "US disengagement would provide Iran the opportunity": no US act
        if entry.cameo == SHOW_OF_FORCE and len({a.country for a in _actors(roles.source)} - {None}) >= 2:
            entry = replace(entry, cameo=JOINT_DRILLS)
        if token.lemma_.lower() == "strike" and entry.pos == "NOUN" and entry.object is None and roles.source \
                and all(a.sector in WORKING_SECTORS for a in _actors(roles.source)):
            entry = replace(entry, cameo=LABOUR_STRIKE)  # "teachers began a strike": a strike from work
        if not roles.source and token.pos_ == "VERB" and entry.cameo[:2] in FORCE_ROOTS:
            roles.source = means_author(token, index)  # "killed in an Israeli strike"
        if not roles.source and entry.cameo.startswith(PROTEST_ROOT) and _protesters_protesting(token):
            roles.source = index.of_phrase(token.head)
        source, target = _sides(roles, entry)
        if token.lemma_.lower() in RECEIVING_VERBS and entry.cameo[:2] != CONSULT_ROOT \
                and not entry.cameo.startswith(ADMITTING) and _given_from(token, roles):
            # "Ukraine received missiles from the US": the US gave (not 04x: hosts; not 086: lets in)
            source, target = target, source
        if quotes and _quoted_content(token, quotes, roles.source):
            continue
        place = place_of(token)
        mood = modality(token)
        if place is not None and any(a.span and a.span[0] <= place[2][0] < a.span[1] for a in source + target):
            place = None  # "attacks on the UK", "aid from the US": a party after a place word is no place
        where = place[0] if place is not None and entry.cameo[:2] not in VENUE_ROOTS else None
        # "Turkey backs rebels": a state's help to an unnamed group is no sign the group is its own.
        state_helps = where is None and entry.cameo[:2] in FOREIGN_HELP_ROOTS and any(
            a.sector in STATE_SECTORS or (a.country and a.code == a.country) for a in source)
        if not state_helps:
            # The target is placed against the placed source and back: "a bomber killed soldiers in Pakistan".
            target = _localise(target, _localise(source, target, where), where,
                               state=entry.cameo.startswith(PROTEST_ROOT))
            source = _localise(source, target, where)
            if home:  # "ISLAMABAD: Police arrested three opposition activists": what is left is the dateline's
                target = _localise(target, _localise(source, target, home), home)
                source = _localise(source, target, home)
        reporters = None  # found only for a candidate that needs them
        if source and not target:
            target = _implied_target(entry, token, source, place, mood)
            source = _localise(source, target)  # "protesters demonstrated in Manchester" are British
        elif target and not source:
            reporters = _actors(reported_by(token, sentence, index))
            source = _implied_source(entry, token, target, place, reporters)
            target = _localise(target, source, state=True)  # "soldiers were killed in Kabul": Afghan soldiers
        if not source or not target:
            continue
        # One side may be a named actor of unknown country ("Amnesty International", "President Bouteflicka");
        # an agent noun nothing places ("troops", "activists") makes no event.
        if not (any(_known(a) or a.name for a in source) and any(_known(a) or a.name for a in target)) \
                or not any(_known(a) for a in source + target):
            continue
        if {a.code for a in source} == {a.code for a in target} and \
                {a.name for a in source} == {a.name for a in target}:
            continue
        if to_its_own_country(entry.cameo, source, target) or _migration(token, source, entry.cameo):
            continue
        if entry.cameo[:2] == CONSULT_ROOT and all(a.sector == "MED" or (a.code or "").endswith("MED") for a in target):
            continue  # speaking to a newspaper is a statement, not a consultation
        candidates.append(Candidate(
            sentence_index=index_no, sentence=sentence, trigger=token, entry=entry,
            source=source, target=target, modality=mood,
            reported_by=reporters if reporters is not None else _actors(reported_by(token, sentence, index)),
            confidence=_confidence(entry, roles, source, target),
            cameo=_seizure_of_people(token, source, target) or entry.cameo))
    candidates = _fold_protest_purposes(candidates, index)
    by_trigger = {c.trigger.i: c for c in candidates}
    coded = set(by_trigger)
    kept = []
    for c in candidates:
        head = _content_of(c.trigger, coded)
        if head is None:
            kept.append(c)
        elif c.modality != "negated":
            outer = by_trigger[head]
            outer.cameo = asked_code(outer.cameo, c.cameo)
    return kept


def _protested_act(protest: Token) -> Token | None:
    """The word a "protest" gives the purpose of ("started a hunger strike to protest X", "went on strike in
    protest at X", "a hunger strike in protest against X"), or None."""
    if protest.lemma_.lower() != "protest":
        return None
    if protest.pos_ == "VERB" and protest.dep_ == "advcl" and is_purpose(protest):
        return protest.head
    if protest.dep_ == "pobj" and protest.head.lower_ == "in":
        return protest.head.head
    return None


def _fold_protest_purposes(candidates: list[Candidate], index: MentionIndex) -> list[Candidate]:
    """A protest act and what it protests are one event: the act (a hunger strike, a march) takes the target
    the protest names when it had only the one the sentence implies."""
    dropped = set()
    for act in candidates:
        if not act.cameo.startswith(PROTEST_ROOT):
            continue
        heads = {act.trigger.i} | ({act.trigger.head.i} if act.trigger.dep_ in ("dobj", "obj") else set())
        for protest in act.sentence:
            verb = _protested_act(protest)
            if verb is None or verb.i not in heads:
                continue
            dropped |= {id(c) for c in candidates if c.trigger.i == protest.i}
            if all(not x.text for x in act.target):
                # "in protest of X's refusal": "of" names what is protested
                roles = verb_roles(protest, index) if protest.pos_ == "VERB" else noun_roles(protest, index, "of")
                source = {x.code for x in act.source}
                named = [x for x in _actors(roles.target) if x.code not in source]
                act.target = _localise(named, act.source, state=True) if named else act.target
    return [c for c in candidates if id(c) not in dropped]


def extract_events(doc: Doc, mentions: list, lexicon: TriggerLexicon, place_of=_nowhere,
                   home: str | None = None) -> list[Candidate]:
    index = MentionIndex(mentions)
    out: list[Candidate] = []
    sentences = (s for s in doc.sents if s.text.strip())  # blanked captions leave empty "sentences"
    for i, sentence in enumerate(sentences):
        out.extend(sentence_candidates(i, sentence, index, lexicon, place_of, home))
    return out
