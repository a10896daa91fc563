"""Where: place mentions of an article resolved against the gazetteer, and each event's location.

A place mention is a gazetteer name in the text that is not an actor mention ("in Moscow" is a
place, "Moscow said" an actor) and that the words around it, or its being a proper noun, make a
place. Homonyms are decided by what the article is about (its actors' countries, the other places it
names, the province named next to a town), then by the size and fame of the place.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace

from tacitus.actors.resolve import POSSESSIVE, Mention, of_country, proper_names
from tacitus.events.extract import DOMESTIC_SECTORS
from tacitus.events.roles import is_content_clause, means_of
from tacitus.places import OF_PLACE, Entry, Gazetteer, key
from tacitus.places import load as load_gazetteer
from tacitus.records import Actor

# Prepositions that put an event at a place, best first ("in Sochi" before "to Moscow").
WHERE_PREPS = ("in", "at", "near", "outside", "inside", "across", "over", "throughout", "around", "within",
               "on", "into", "to", "toward", "towards", "through", "from", "off", "along", "beyond")
# Verbs of force whose object is the place hit or taken: "jets bombed Aleppo", "troops seized Arica".
ASSAILING_VERBS = {"attack", "bomb", "bombard", "shell", "strike", "hit", "raid", "storm", "pound", "target", "capture",
                   "seize", "retake", "recapture", "overrun", "besiege", "invade", "occupy", "blockade", "encircle"}
# Nouns for those who live in a place: "the residents of Idlib" are where Idlib is.
RESIDENTS = {"resident", "inhabitant", "population", "civilian", "villager", "townspeople"}
OF_PLACE_OR_RESIDENTS = OF_PLACE | RESIDENTS
# Verbs whose object is a place the subject goes to or through ("fighters reaching Syria", "visited Iraq").
MOTION_VERBS = {"reach", "enter", "leave", "visit", "flee", "cross", "tour", "return"}
# After a possessive country the place itself is meant ("Syria's north-east"), not its government.
POSSESSED_PLACE = OF_PLACE | {"north-east", "northeast", "north-west", "northwest", "south-east", "southeast",
                              "south-west", "southwest", "coast", "coastline", "territory", "soil", "borders",
                              "frontier", "interior", "airspace", "desert", "provinces", "cities", "towns",
                              "villages", "mountains", "skies", "side", "part", "parts", "heartland", "regions",
                              "valley", "peninsula", "highlands", "delta", "basin", "strip", "plain", "plains", "hills",
                              "county", "oblast", "prefecture"}
ADM1_WORDS = {"province", "governorate", "region", "state", "county", "oblast", "prefecture"}
CITY_WORDS = {"city", "town", "village", "suburb", "port", "camp"}
AREA_WORDS = {"district", "suburbs", "area", "enclave", "countryside", "region", "pocket", "valley", "desert"}
ARTICLES = {"al", "el"}  # "al-Bab", "el-Arish": a lower-case article may open a name
# How specific a feature is, for "the most specific place tied to the event".
SPECIFIC = {"site": 4, "city": 4, "capital": 4, "adm1": 3, "country": 2, "region": 1, "continent": 0}
MAX_WORDS = 6
# Words that are also one-word place names somewhere ("South" is a region of Cameroon), never taken alone.
GENERIC_WORDS = {"north", "south", "east", "west", "central", "centre", "center", "northern", "southern", "eastern",
                 "western", "middle", "upper", "lower", "new", "old", "great", "grand", "little", "saint", "st",
                 "mount", "lake", "river", "capital", "city", "union", "republic", "independence", "liberty",
                 "unity", "victory", "hope", "mercy", "progress", "reform", "march", "may", "june", "july", "most",
                 "of", "by", "man", "police", "president", "best", "mobile", "summit", "conference", "forum",
                 "council", "congress", "parliament", "house", "court", "assembly", "security", "defence", "defense",
                 "university", "college", "school", "hospital", "airport", "embassy", "prison", "camp"}


@dataclass
class Place:
    text: str
    span: tuple[int, int]  # characters [start, end) in the article
    start: int  # tokens [start, end) in the doc
    end: int
    entry: Entry


def _importance(e: Entry) -> float:
    """Size and fame in one figure (log10 units): population, then how many names the world gives it."""
    if e.feature == "country":
        return math.log10(max(e.population, 1000)) + 1.5
    if e.feature in ("site", "region", "continent"):
        return {"site": 6.5, "region": 7.0, "continent": 8.0}[e.feature]
    bonus = {"capital": 0.7, "adm1": 0.5}.get(e.feature, 0.0)
    return math.log10(max(e.population, 1000)) + math.log10(1 + e.alternates) + bonus


def _feature(e: Entry) -> str:
    return "city" if e.feature == "capital" else e.feature


# Words for people that are actors only with a place they come from ("a man from China").
PEOPLE_NOUNS = {"man", "woman", "person", "people", "national", "native", "boy", "girl"}
# Verbs of harm and of the state's hand: the people they hit in a stated place are its civilians ("killed eight
# people in Aleppo", "two men were arrested in Cairo"). Harm needs a doer named; arrests are the state's.
HARMING_VERBS = {"kill", "wound", "injure", "massacre", "slaughter", "murder", "slay", "maim", "shoot", "execute",
                 "behead", "torture", "beat", "abduct", "kidnap"}
STATE_HAND_VERBS = {"arrest", "detain", "jail", "imprison", "charge", "indict", "sentence", "convict", "deport"}
VICTIM_VERBS = HARMING_VERBS | STATE_HAND_VERBS
VICTIM_NOUNS = PEOPLE_NOUNS - {"national", "native"} | {"child", "passenger", "pilgrim", "worshipper", "bystander"}
# Verbs of people leaving a place: "refugees fleeing Syria" are from it, refugees living somewhere need not be.
LEAVING_VERBS = {"flee", "escape", "leave"}


def _civilians(span, country: str) -> Mention:
    """A mention of the words of `span` as civilians of the country."""
    return Mention(span.start, span.end, span.start_char, span.end_char, span.text,
                   [Actor(span.text, (span.start_char, span.end_char), country + "CVL", country, "CVL", None)],
                   "agent")


def _phrase_place(noun, at_root: dict) -> Place | None:
    """The place of a phrase on `noun` or on the participle or clause after it: "rebels in Chechnya", "refugees
    from Liberia", "civilians living in Idlib", "refugees fleeing the war in Liberia"."""
    refugees = noun.lemma_.lower() == "refugee"
    # "met rebel leaders in Geneva": after its verb, the parser may hang the verb's place on the noun
    within = noun.dep_ in ("nsubj", "nsubjpass")
    for head in [noun, *(c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB")]:
        leaving = head.lemma_.lower() in LEAVING_VERBS
        for child in head.children:
            prep = child.lower_ if child.dep_ == "prep" else None
            if prep == "from" or (prep in ("in", "inside") and (within or head is not noun)
                                  and (leaving or not refugees)):
                found = next((at_root[c.i] for c in child.children if c.dep_ == "pobj" and c.i in at_root), None)
                if found is not None:
                    return found
            if leaving and child.dep_ in ("dobj", "obj") and child.i in at_root:
                return at_root[child.i]
    return None


def _from_party(noun, party_countries: dict) -> str | None:
    """The country of the party a noun's "from" names: "doctors from two American aid groups"."""
    return next((party_countries[c.i] for p in noun.children if p.dep_ == "prep" and p.lower_ == "from"
                 for c in p.children if c.dep_ == "pobj" and c.i in party_countries), None)


def _with_country(actors: list, country: str, sectors: set[str] | None = None, **changes) -> list:
    """Actors of no country made `country`'s (only those of `sectors`, when given)."""
    return [replace(of_country(a, country), **changes)
            if a.code == a.sector and (sectors is None or a.sector in sectors) else a for a in actors]


class PlaceResolver:
    """Built once per process; `places(doc, mentions)` then `locate(candidate, places, dateline)` per article."""

    def __init__(self, nlp=None, gazetteer: Gazetteer | None = None):
        self.nlp = nlp  # kept for symmetry with the other stages: spans come from the doc already parsed
        self.gazetteer = gazetteer or load_gazetteer()

    # ---------------------------------------------------------------- finding mentions

    def _spans(self, doc, blocked: set[int], naming: dict) -> list[tuple[int, int, list[Entry]]]:
        """(start, end, candidates) of every place name in the doc, longest match first, no overlaps. `naming`:
        the starts of agents a place name before them may qualify."""
        g = self.gazetteer
        taken = set(blocked)
        found = []
        # Capitalised n-grams the gazetteer knows, longest first.
        i, n = 0, len(doc)
        while i < n:
            tok = doc[i]
            opens = (tok.text[:1].isupper() or (tok.lower_ in ARTICLES and i + 1 < n and doc[i + 1].text == "-"))
            if i in taken or not opens or key(tok.text) not in g.first_words or \
                    (tok.lower_ in GENERIC_WORDS and not (i + 1 < n and key(doc[i:i + 2].text) in g.names)):
                i += 1
                continue
            for j in range(min(n, i + MAX_WORDS), i + (tok.lower_ in GENERIC_WORDS), -1):
                if any(k in taken for k in range(i, j)) or not doc[j - 1].text[:1].isalpha():
                    continue
                entries = g.lookup(doc[i:j].text)
                if entries and (self._plausible(doc, i, j, entries) or self._names_agent(doc, i, j, naming, entries)):
                    found.append((i, j, entries))
                    taken.update(range(i, j))
                    i = j - 1
                    break
            i += 1
        return sorted(found)

    @staticmethod
    def _names_agent(doc, start: int, end: int, naming: dict, entries: list[Entry]) -> bool:
        """A place name qualifying the agent after it: "Idlib rebels", "Tigray forces" (the tagger may call the
        name an adjective: then only a place big enough to be meant)."""
        last = doc[end - 1]
        if start > 0 and doc[start - 1].text == "-":  # an "anti-Syria journalist" is not Syrian
            return False
        return end in naming and last.head.i >= end and (last.pos_ == "PROPN" or any(
            e.feature in ("country", "adm1", "capital", "site") or e.population >= 100_000 for e in entries))

    def _plausible(self, doc, start: int, end: int, entries: list[Entry]) -> bool:
        """Whether a gazetteer name is a place here: the words around make it one, or it is a proper noun
        of a place big enough to be meant."""
        span = doc[start:end]
        if end - start == 1 and span.text in self._surnames(doc):
            return False  # "Hall" of "Oliver Hall", named again alone
        if self._locative(doc, start, end):
            return True
        if start == span.sent.start or not all(t.pos_ == "PROPN" or t.is_punct or t.lower_ in ARTICLES
                                                for t in span):
            return False
        return any(e.feature in ("country", "adm1", "capital", "site", "region", "continent")
                   or e.population >= 100_000 for e in entries)

    def _surnames(self, doc) -> set[str]:
        """Later words of names of two words or more that hold no country, province or capital
        ("Hall" of "Oliver Hall", not "Syria" of "Northern Syria")."""
        if doc.user_data.get("_tacitus_surnames") is None:
            doc.user_data["_tacitus_surnames"] = {t.text for name in proper_names(doc) if len(name) > 1
                                                 and not any(self._major_place(t.text) for t in name)
                                                 for t in name[1:]}
        return doc.user_data["_tacitus_surnames"]

    def _major_place(self, word: str) -> bool:
        return any(e.feature in ("country", "adm1", "capital") for e in self.gazetteer.lookup(word))

    def _place_word(self, tok) -> bool:
        """A proper noun the gazetteer knows: a place named beside another ("Astana, Kazakhstan")."""
        return tok.pos_ == "PROPN" and key(tok.text) in self.gazetteer.names

    def _locative(self, doc, start: int, end: int) -> bool:
        """'in X', 'near the town of X', 'X province', 'X and Idlib' after a place preposition."""
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and nxt.lower_ in ADM1_WORDS | CITY_WORDS | AREA_WORDS:
            return True
        if _assailed(doc[start:end].root):
            return True
        if nxt is not None and nxt.text == "," and any(t.lower_ in CITY_WORDS for t in doc[end + 1:end + 5]):
            return True  # "Abu Kamal, a strategic town"
        j = start - 1
        while j >= 0 and (doc[j].pos_ in ("DET", "ADJ") or doc[j].lower_ in ("-", "rebel", "regime")):
            j -= 1  # "in the rebel-held north-western town of"
        if j < 0:
            return False
        prev = doc[j]
        if prev.lower_ == "of":
            return j > 0 and (doc[j - 1].lower_ in OF_PLACE or doc[j - 1].lemma_ in RESIDENTS)
        return prev.lower_ in WHERE_PREPS or \
            (prev.lower_ in ("and", ",", "or") and j > 0 and self._place_word(doc[j - 1]))

    def _blocked(self, doc, mentions) -> set[int]:
        """Tokens of actor mentions, except a country owning a place ("Syria's north-east")."""
        blocked = set()
        actor_tokens = {i for m in mentions if m.kind not in ("pronoun", "group") for i in range(m.start, m.end)}
        for m in mentions:
            if m.kind in ("pronoun", "group"):
                continue
            if m.kind not in ("country", "capital", "metonym"):
                blocked.update(range(m.start, m.end))
                continue
            after = m.end + 1
            while after < len(doc) and after - m.end <= 4 and doc[after].pos_ in ("ADJ", "ADV", "PROPN"):
                after += 1  # "Syria's eastern desert", "Pakistan's Swat valley", "Syria's far eastern Deir ez-Zor"
            if m.end < len(doc) and doc[m.end].lower_ in POSSESSIVE and after < len(doc) \
                    and doc[after].lower_ in POSSESSED_PLACE:
                continue
            if m.start >= 2 and doc[m.start - 1].text == "," and self._place_word(doc[m.start - 2]) \
                    and m.start - 2 not in actor_tokens:
                continue  # "Astana, Kazakhstan"
            before = m.start - 1
            if before >= 1 and doc[before].lower_ in ("and", "or", ",") and self._place_word(doc[before - 1]) \
                    and before - 1 not in actor_tokens:
                continue  # "in Iraq and Syria": a place named beside a place
            if before >= 0 and doc[before].lower_ in ("neighbouring", "neighboring"):
                continue
            root = doc[m.start:m.end].root
            while root.dep_ == "conj" and root.head.i != root.i:
                root = root.head
            head = root.head
            if root.dep_ == "pobj" and (head.lower_ in WHERE_PREPS
                                        or (head.lower_ in ("of", "with") and head.head.lemma_ in OF_PLACE)
                                        or (head.lower_ == "for" and head.head.lemma_ in MOTION_VERBS | {"head"})):
                continue  # "talks in Downing Street", "a suburb of Damascus", "left for Syria"
            if root.dep_ == "dobj" and head.lemma_ in MOTION_VERBS:
                continue
            blocked.update(range(m.start, m.end))
        return blocked

    # ---------------------------------------------------------------- choosing among homonyms

    def places(self, doc, mentions) -> list[Place]:
        """Every place mention of the doc, each resolved to one gazetteer entry."""
        naming = self._unplaced_agents(mentions)
        spans = self._spans(doc, self._blocked(doc, mentions), naming)
        actors = Counter(a.country for m in mentions for a in m.actors if a.country)
        named = Counter(entries[0].country for _, _, entries in spans
                        if entries[0].country and len({e.country for e in entries}) == 1)
        province_words = {key(doc[s:e].text) for s, e, _ in spans
                          if e < len(doc) and doc[e].lower_ in ADM1_WORDS}
        first = [self._choose(doc, s, e, entries, actors, named, set(), province_words) for s, e, entries in spans]
        # Second pass: provinces and towns chosen in the first tell which of two same-named towns is meant.
        adm1s = {p.id for p in first if p.feature == "adm1"} | {p.parent for p in first if p.parent}
        named = Counter(p.country for p in first if p.country)
        out = []
        for (s, e, entries), p in zip(spans, first):
            if len(entries) > 1:  # the other places only: a first guess must not vote for itself
                others = named - Counter([p.country])
                p = self._choose(doc, s, e, entries, actors, others, adm1s - {p.id, p.parent}, province_words)
            span = doc[s:e]
            if self._stray(doc, s, e, p, actors, named) and not self._names_agent(doc, s, e, naming, [p]):
                continue
            out.append(Place(span.text, (span.start_char, span.end_char), s, e, p))
        return out

    @staticmethod
    def _unplaced_agents(mentions) -> dict:
        """Agent mentions of no country ("rebels", "forces"), by their first token."""
        return {m.start: m for m in mentions if m.kind == "agent" and not any(a.country for a in m.actors)}

    def qualify(self, doc, mentions: list, places: list[Place]) -> list:
        """Agents of no country a place qualifies are of the place's country: a name before them ("Idlib rebels",
        "Tigray forces": the mention then spans both), or, for the country's own people (not its state), a place
        phrase on them ("rebels in Chechnya", "refugees fleeing the war in Liberia"), or a party they are from
        ("doctors from two American aid groups"); and people from a place or killed in one are its civilians."""
        naming = self._unplaced_agents(mentions)
        at_root = {doc[p.start:p.end].root.i: p for p in places if p.entry.country}
        party_countries = {doc[m.start:m.end].root.i: m.actors[0].country for m in mentions
                           if len({a.country for a in m.actors}) == 1 and m.actors[0].country}
        ending_at = {p.end: p for p in at_root.values()}
        by_start = {}
        for m in naming.values():
            p = ending_at.get(m.start)
            if p is not None and self._names_agent(doc, p.start, p.end, naming, [p.entry]):
                text, span = doc[p.start:m.end].text, (p.span[0], m.end_char)
                by_start[m.start] = replace(m, start=p.start, start_char=p.span[0], text=text,
                                            actors=_with_country(m.actors, p.entry.country, text=text, span=span))
            elif (p := _phrase_place(doc[m.start:m.end].root, at_root)) is not None:
                by_start[m.start] = replace(m, actors=_with_country(m.actors, p.entry.country, DOMESTIC_SECTORS))
            elif (country := _from_party(doc[m.start:m.end].root, party_countries)) is not None:
                by_start[m.start] = replace(m, actors=_with_country(m.actors, country))
        found = self._people_from(doc, mentions, at_root)
        found += self._victims(doc, mentions + found, places)
        return sorted([by_start.get(m.start, m) for m in mentions] + found, key=lambda m: m.start)

    def _victims(self, doc, mentions: list, places: list[Place]) -> list:
        """"Killed eight people in Aleppo", "four children were killed in shelling in Gaza", "two men were arrested
        in Cairo": the people a verb of harm or arrest hits in a stated place are the place's civilians. (With no
        place they stay no actor: the victims of an attack need not be of the attackers' country.)"""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        out = []
        for t in doc:
            if t.lemma_.lower() not in VICTIM_NOUNS or t.pos_ != "NOUN" or t.i in taken:
                continue
            verb, lemma = t.head, t.head.lemma_.lower()
            if verb.pos_ != "VERB" or lemma not in VICTIM_VERBS:
                continue
            # Killed by someone or something: a toll ("500,000 people have been killed in Syria") is no act.
            if t.dep_ not in ("dobj", "obj") and not (t.dep_ == "nsubjpass" and (
                    lemma in STATE_HAND_VERBS or means_of(verb) or any(c.dep_ == "agent" for c in verb.children))):
                continue
            # The place may hang on the clause the verb goes with: "shelled Aleppo, killing eight people",
            # "were killed in shelling in Gaza".
            clauses = [verb] + ([verb.head] if verb.dep_ in ("advcl", "conj") else []) + \
                [c for c in verb.children if c.dep_ == "advcl"]
            place = next(filter(None, (self.stated_place(v, places) for v in clauses)), None)
            if place is None or not place.entry.country:
                continue
            patients = [t] + [c for c in t.children if c.dep_ == "conj" and c.lemma_.lower() in VICTIM_NOUNS]
            out += [_civilians(doc[p.i:p.i + 1], place.entry.country) for p in patients if p.i not in taken]
        return out

    @staticmethod
    def _people_from(doc, mentions: list, at_root: dict) -> list:
        """"A man from China", "two women from Idlib": civilians of the place's country. (Alone, such words are
        no actor: "a man" may be anyone.)"""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        out = []
        for t in doc:
            if t.lemma_.lower() not in PEOPLE_NOUNS or t.pos_ != "NOUN" or t.i in taken:
                continue
            prep = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "from"), None)
            place = prep is not None and next((at_root[c.i] for c in prep.children if c.dep_ == "pobj"
                                               and c.i in at_root), None)
            if place:
                out.append(_civilians(doc[t.i:place.end], place.entry.country))
        return out

    def _stray(self, doc, start, end, entry: Entry, actors: Counter, named: Counter) -> bool:
        """A town or province in a country the article has nothing else to do with, that no place phrase
        calls a place: more often a word or a name ("Obama", "Brookings", "Whitehall")."""
        if entry.feature in ("country", "capital", "site", "region", "continent"):
            return False
        if entry.country in actors or named[entry.country] > (1 if entry.country else 0):
            return False
        # A place phrase saves a town by its own name, not by an alternate one ("in Susa" is not Sousse).
        return key(doc[start:end].text) not in entry.primary or not self._locative(doc, start, end)

    def _choose(self, doc, start, end, entries, actors: Counter, named: Counter, adm1s: set[str],
                province_words: set[str]) -> Entry:
        text_key = key(doc[start:end].text)
        # "Paris, Texas", "Alexandria, Virginia", "Tripoli, Lebanon": the qualifier decides.
        if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ != doc[start].lower_:
            qualifier = []
            for j in range(min(len(doc), end + 4), end + 1, -1):
                qualifier = [q for q in self.gazetteer.lookup(doc[end + 1:j].text) if q.feature in ("adm1", "country")]
                if qualifier:
                    break
            within = [e for e in entries if any(e.parent == q.id or (q.feature == "country" and e.country == q.country
                                                                      and e.feature != "country") for q in qualifier)]
            if within:
                entries = within
        nxt = doc[end].lower_ if end < len(doc) else ""
        prev = doc[start - 2].lower_ if start >= 2 and doc[start - 1].lower_ == "of" else ""
        want = None
        if nxt in ADM1_WORDS or prev in ADM1_WORDS:
            want = "adm1"
        elif nxt in CITY_WORDS or prev in CITY_WORDS:
            want = "city"
        total = sum(actors.values()) + sum(named.values()) or 1

        # An alternate name loses to a place whose own name it is ("Victoria" is an old name of Hong Kong).
        own_name = any(text_key in e.primary for e in entries)

        def score(e: Entry) -> float:
            s = _importance(e) - (1.5 if own_name and text_key not in e.primary else 0.0)
            # The article's countries move the choice up to about a factor 50 in size and fame: enough
            # for Tripoli in Lebanon in a Lebanese story, not for Geneva, Illinois in an American one.
            if e.country in actors or e.country in named:
                s += 1.0 + (actors[e.country] + named[e.country]) / total * 0.75
            if any(n in actors or n in named for n in self.gazetteer.countries.get(e.country, e).neighbours):
                s += 0.3
            if e.parent and e.parent in adm1s:
                s += 3.0
            return s

        best = max(entries, key=score)
        if want and _feature(best) != want:  # "Idlib province", "Washington state": the same country's other one
            best = max((e for e in entries if e.country == best.country and _feature(e) == want), key=score,
                       default=best)
        # A province and its seat share a name (Idlib, Aleppo, Homs): the town, unless the text calls it
        # a province here or elsewhere in the article.
        twin = [e for e in entries if e.country == best.country and e is not best
                and {best.feature, e.feature} in ({"adm1", "city"}, {"adm1", "capital"})]
        if twin and want is None:
            province = text_key in province_words
            best = next((e for e in [best, *twin] if (e.feature == "adm1") == province), best)
        return best

    def named(self, text: str | None, places: list[Place] = ()) -> Entry | None:
        """The entry for a free-standing name (a dateline's "MOSCOW"), the article's places deciding homonyms."""
        entries = self.gazetteer.lookup(text) if text else []
        if not entries:
            return None
        countries = Counter(p.entry.country for p in places if p.entry.country)
        own_name = any(key(text) in e.primary for e in entries)
        # Datelines name towns: a town outranks the province of the same name; and a place's own name outranks
        # another's old one ("ISLAMABAD" is also Chattogram's).
        return max(entries, key=lambda e: _importance(e) + (1.0 if e.country in countries else 0.0)
                   + (1.0 if e.feature in ("city", "capital") else 0.0)
                   - (1.5 if own_name and key(text) not in e.primary else 0.0))

    # ---------------------------------------------------------------- the event's place

    def locate(self, candidate_or_trigger, places: list[Place], dateline_place=None) -> dict | None:
        """The event's location: stated in a place phrase on the trigger, else inferred from its sentence,
        else the dateline's for a lead sentence. `dateline_place` is a Place or an Entry (or None)."""
        trigger = getattr(candidate_or_trigger, "trigger", candidate_or_trigger)
        sent = trigger.sent
        here = [p for p in places if sent.start <= p.start < sent.end]
        stated = []
        for p in here:
            rank = self._attached(trigger, p)
            if rank is not None:
                stated.append((rank, -SPECIFIC.get(p.entry.feature, 0), abs(p.start - trigger.i), p))
        out = None
        if stated:
            out = _location(min(stated, key=lambda t: t[:3])[3], "stated")
        elif here:
            p = max(here, key=lambda p: (SPECIFIC.get(p.entry.feature, 0), -abs(p.start - trigger.i)))
            out = _location(p, "inferred")
        elif dateline_place is not None and sent.start == _lead_start(trigger.doc):
            out = _location(dateline_place, "dateline")
        if out is not None and hasattr(candidate_or_trigger, "source"):
            for side in ("source", "target"):
                found = self.actor_place(getattr(candidate_or_trigger, side), here)
                out[f"{side}_place"] = _entry_dict(found) if found else None
        return out

    def stated_place(self, trigger, places: list[Place]) -> Place | None:
        """The place a phrase on the trigger puts the event in ("strikes in Idlib"), if any."""
        sent = trigger.sent
        stated = [(rank, abs(p.start - trigger.i), p) for p in places if sent.start <= p.start < sent.end
                  for rank in [self._attached(trigger, p)] if rank is not None]
        return min(stated, key=lambda t: t[:2])[2] if stated else None

    @staticmethod
    def _attached(trigger, place: Place) -> int | None:
        """Rank of the preposition linking the place to the trigger (0 best), None when not linked.
        The path from the place up to the trigger may pass nouns and prepositions but no other verb."""
        tok = trigger.doc[place.start:place.end].root
        prep = None
        for _ in range(12):
            if tok.i == trigger.i:
                return WHERE_PREPS.index(prep) if prep in WHERE_PREPS else None
            if prep is None and tok.head.i == trigger.i and _assailed(tok):
                return len(WHERE_PREPS)  # "bombed Aleppo": the place hit
            if prep is None and tok.lemma_ in RESIDENTS and tok.head.i == trigger.i:
                return WHERE_PREPS.index("in")  # "shelled the residents of Arica": where they live
            # "near the town of Samarra", "outside of Basra", "an attack on the residents of Idlib": the
            # preposition that counts is the outer one.
            if tok.dep_ == "prep" and prep is None and not (tok.lower_ == "of" and (
                    tok.head.lemma_ in OF_PLACE_OR_RESIDENTS or tok.head.lower_ in WHERE_PREPS)):
                prep = tok.lower_
            # What the trigger's verb is about may name it: "threatened to impose a curfew in Algiers".
            if tok.head.i != tok.i and tok.head.i == trigger.head.i and trigger.dep_ in ("dobj", "obj") \
                    and tok.dep_ == "prep" and trigger.pos_ == "NOUN":
                # The verb that carries an event noun carries its place: "conducted exercises in Alaska".
                return WHERE_PREPS.index(tok.lower_) if tok.lower_ in WHERE_PREPS else None
            if tok.head.i == tok.i or (tok.head.i != trigger.i and tok.head.pos_ in ("VERB", "AUX")
                                       and not (tok.head.head.i == trigger.i and is_content_clause(tok.head))):
                return None
            tok = tok.head
        return None

    def actor_place(self, actors, here: list[Place]) -> Entry | None:
        """The place most tied to a side, as GDELT's actor geography: a place of its country named in the
        sentence, else the place the actor's own name is (a capital, "the Kremlin"), else its capital."""
        for a in actors:
            if not a.country:
                continue
            local = [p.entry for p in here if p.entry.country == a.country and p.entry.feature != "country"]
            if local:
                return max(local, key=lambda e: SPECIFIC.get(e.feature, 0))
            own = [e for e in self.gazetteer.lookup(a.text or "") if e.country == a.country
                   and e.feature in ("capital", "site")]
            if own:
                return own[0]
            return self._capital(a.country) or self.gazetteer.countries.get(a.country)
        return None

    def _capital(self, iso3: str) -> Entry | None:
        caps = getattr(self, "_caps", None)
        if caps is None:
            caps = self._caps = {e.country: e for e in self.gazetteer.entries if e.feature == "capital"}
        return caps.get(iso3)


def _lead_start(doc) -> int:
    return next((s.start for s in doc.sents if s.text.strip()), 0)


def _entry_dict(e: Entry) -> dict:
    return {"id": e.id, "name": e.name, "country": e.country, "feature": e.feature, "lat": e.lat, "lon": e.lon}


def _location(place, basis: str) -> dict:
    entry = place.entry if isinstance(place, Place) else place
    d = _entry_dict(entry)
    d.update(text=place.text if isinstance(place, Place) else None,
             span=list(place.span) if isinstance(place, Place) else None, basis=basis)
    return d


def _assailed(token) -> bool:
    """Whether a place word is what a verb of force hits or takes ("bombed Aleppo"; the parser may read a name
    right after the verb as an adverb)."""
    return (token.dep_ in ("dobj", "obj") or (token.dep_ == "npadvmod" and token.i == token.head.i + 1)) \
        and token.head.lemma_.lower() in ASSAILING_VERBS
