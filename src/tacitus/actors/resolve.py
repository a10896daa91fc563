"""Find actor mentions in a parsed article and resolve each to a CAMEO-style code valid on the article's date.

One PhraseMatcher pass finds every known name, title, agent noun, pronoun and group noun ("atoms");
the rest is linear work over those atoms and the proper names the tagger marks: titles and owners are
glued to the name or agent noun they modify, then pronouns and group nouns take their antecedents in
text order.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from tacitus.actors.tables import ActorTables, Term, load_tables, name_tokens
from tacitus.nlp import opens_sentence
from tacitus.places import OF_PLACE
from tacitus.records import Actor
from tacitus.when import MONTHS, WEEKDAYS

# Kinds of phrase in the matcher, and which wins when one phrase is several things.
MIN_MISSPELT = 7  # shorter names are too near other words ("Iran", "Iraq"; "Oman", "Omar")
# The Arabic article as transliterations spell it: "Omar El Bashir" is Omar al-Bashir.
ARTICLES = {"al", "el"}
PRIORITY = ("person", "organisation", "metonym", "country", "capital", "demonym", "agent")

# A country's part named by its direction is still the country ("South Lebanon", "Northern Iraq").
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
              "northeast", "northwest", "southeast", "southwest", "upper", "lower"}
# Agent nouns for weapons that act for their army ("Israeli jets struck"), but not as a noun's modifier.
PLATFORMS = {"warplane", "warplanes", "fighter jet", "fighter jets", "jet", "jets", "drone", "drones", "helicopter",
             "helicopters", "gunship", "gunships", "warship", "warships", "tank", "tanks", "submarine",
             "submarines", "frigate", "frigates"}
# The state's people a leader may be said to have ("the Trump administration", "Assad's forces").
PERSONAL_SECTORS = {"GOV", "MIL", "COP", "SPY"}
# Peoples and faith communities are coded as civilians, as PLOVER's agents code ETHNIC_GROUP.
PEOPLE_SECTOR = "CVL"
# Kinds of name whose words keep their capitals in running text ("Russia Today" the outlet, "Russia today").
CASED_KINDS = {"organisation", "metonym", "person"}
# The possessive ending, with a straight or a curly apostrophe.
POSSESSIVE = ("'s", "’s")
# Words that may sit inside a title between an owner and a name ("former U.S. Secretary-General", "Mr.").
TITLE_WORDS = {
    "former", "ex", "ex-", "acting", "interim", "deputy", "vice", "first", "top", "chief", "senior", "then",
    "outgoing", "incoming", "new", "late", "ousted", "exiled", "deposed", "caretaker", "transitional",
    "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sir", "dame", "gen.", "general", "lt.", "col.", "maj.",
    "adm.", "sheikh", "shaikh", "prince", "princess", "emperor", "field", "marshal", "-", "–", *POSSESSIVE,
    "crown", "grand", "supreme", "de", "facto", "self", "proclaimed", "elect", "designate", "apparent",
}
FORMER = {"former", "ex", "ex-", "late", "ousted", "exiled", "deposed"}
# A generic head noun takes its sector from the agent noun before it ("rebel leader" -> REB, "police officials" -> COP).
GENERIC = {"official", "leader", "leadership", "spokesman", "spokeswoman", "spokesperson", "aide", "adviser",
           "advisor", "delegation", "source", "representative", "chief", "head", "commander", "negotiator",
           "commissioner"}
# Agent nouns of those posted abroad, whose country may stand between their sender and them ("the UN Syria envoy").
POSTED = {"envoy", "ambassador", "emissary", "representative", "consul", "delegate", "delegation", "mission",
          "embassy"}
# Prepositions after which a country or capital names a place, not an actor ("in Moscow", "across Syria").
PLACE_PREPS = {"in", "at", "inside", "within", "throughout", "across", "near", "around", "outside", "into",
               "from", "to", "toward", "towards", "through", "via", "over", "beyond", "between"}
# Prepositions after which a capital still stands for its government ("pressure on Moscow", "talks with Kyiv").
ACTOR_PREPS = {"by", "with", "against", "on", "for", "of"}
# Verbs whose subject gets what another gives ("received aid from Japan"): the giver is a party, not a place.
RECEIVING_VERBS = {"receive", "obtain", "get", "acquire"}
# Verbs whose "from" names who is asked ("demanded an apology from Russia", "sought help from Iran").
ASKING_VERBS = {"demand", "request", "seek", "ask", "want", "expect", "require", "solicit", "beg", "await"}
# Nouns of what one party puts to another, whose "from" names its author ("rejected an offer from Kabul").
PUT_TO_NOUNS = {"demand", "request", "offer", "proposal", "invitation", "call", "appeal", "plea", "ultimatum",
                "overture", "warning", "threat", "pressure", "message", "letter", "bid", "initiative", "plan"}
MOTION_VERBS = {"visit", "leave", "reach", "enter", "tour", "return", "fly", "travel", "flee", "evacuate"}
# "US-backed fighters", "Iran-sponsored militias": the country is the backer, not the fighters' own.
BACKING = {"backed", "sponsored", "supported", "funded", "financed", "armed", "trained", "allied", "aligned"}
PRONOUNS = {"he": "person", "him": "person", "she": "person", "her": "person", "they": "plural", "them": "plural",
            "it": "thing"}
# What "it" can stand for: a state or an organisation, never a person.
THING_KINDS = ("country", "capital", "metonym", "organisation")
# Agent nouns for a body rather than a person, which "it" can stand for ("the military said it would").
BODIES = {"government", "administration", "military", "army", "navy", "ministry", "regime", "parliament", "court",
          "police", "party", "council", "committee", "cabinet", "junta", "authority", "coalition", "alliance",
          "movement", "agency", "commission", "legislature", "senate", "congress", "assembly", "newspaper",
          "broadcaster", "opposition", "militia", "presidency", "embassy", "mission"}
# Nouns for bodies the tables may not know, that "it" can continue ("The group said it had captured ...").
GROUP_WORDS = {"group", "department", "organisation", "organization", "force", "faction", "family", "network"}
POSSESSIVE_PRONOUNS = {"its", "their", "his", "her"}
PARTY_PREPS = {"to", "toward", "towards", "between"}
# Weapons and attacks: a country before them owns them even where it is done ("killed in a Pakistani airstrike"),
# and they may name or hide their author ("airstrikes by Russian jets", "a roadside bomb killed").
WEAPONS = {"missile", "rocket", "shell", "mortar", "bullet", "grenade", "shot", "barrage", "bomb", "gas", "teargas"}
MEANS = WEAPONS | {"device", "explosive", "explosion", "blast", "mine", "landmine", "ied", "bombing", "attack",
                   "strike", "airstrike", "shelling", "raid", "fire", "gunfire", "ambush", "bombardment", "drone",
                   "tank", "artillery", "warplane", "gunship"}
ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "iobj", "agent", "conj", "appos", "obj"}
GROUP_PERSONS = ("presidents", "leaders", "men", "women", "ministers", "foreign ministers", "prime ministers",
                 "heads of state", "chancellors", "premiers", "diplomats", "envoys")
GROUP_ACTORS = ("sides", "countries", "nations", "governments", "states", "parties", "allies", "neighbours",
                "neighbors", "rivals", "capitals", "powers", "delegations", "militaries", "armies")


@dataclass
class Mention:
    start: int
    end: int  # token indices, end exclusive
    start_char: int
    end_char: int
    text: str
    actors: list[Actor]
    kind: str  # country|demonym|capital|metonym|organisation|person|titled|agent|pronoun|group


@dataclass
class _Atom:
    start: int
    end: int
    kind: str
    payload: object  # iso3 | Organisation | Metonym | [person names] | sector | pronoun | group want
    used: bool = False
    plural: bool = False


@dataclass
class _Entry:
    kind: str
    payload: object
    exact: str | None = None  # short upper-case acronyms ("US", "WHO", "AP") must match case exactly
    plural: bool = False
    capitals: tuple = ()  # for names of several words, which words are capitalised: "Russia today" is not RT


def _plural(noun: str) -> str:
    words = noun.split()
    w = words[-1]
    if w.endswith("man"):
        w = w[:-3] + "men"
    elif w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        w = w[:-1] + "ies"
    elif w.endswith(("s", "sh", "ch", "x")):
        w = w + "es"
    else:
        w = w + "s"
    return " ".join(words[:-1] + [w])


def _modifier(token) -> bool:
    """Whether a word modifies a noun, itself or as a conjunct of a modifier ("Indian and Pakistani troops")."""
    return token.dep_ in ("amod", "compound", "nmod") or (
        token.dep_ == "conj" and token.head.dep_ in ("amod", "compound"))


def _demonym_plural(d: str) -> str | None:
    if d.endswith(("ese", "sh", "ch", "s")):
        return None  # "the Chinese", "the French", "the Swiss" have no -s plural
    return _plural(d)


def _norm_date(date: str | None) -> str | None:
    if not date:
        return None
    date = date[:10]
    return {4: date + "-07-01", 7: date + "-15"}.get(len(date), date)


def _exact(alias: str) -> str | None:
    letters = alias.replace(".", "")
    return alias if letters.isalpha() and letters.isupper() and len(letters) <= 5 else None


class ActorResolver:
    """Built once per process: `resolver(doc, date)` gives the article's actor mentions."""

    def __init__(self, tables: ActorTables | None = None, nlp=None):
        from spacy.matcher import PhraseMatcher

        if nlp is None:
            import tacitus.nlp
            nlp = tacitus.nlp.load()
        self.nlp = nlp
        self.tables = tables or load_tables()
        self.entries: dict[tuple[str, ...], list[_Entry]] = {}
        phrases: dict[str, set[str]] = {}

        def add(phrase: str, entry: _Entry) -> None:
            phrases.setdefault(entry.kind, set()).add(phrase)
            self._pending.append((phrase, entry))

        self._pending: list[tuple[str, _Entry]] = []
        t = self.tables
        for c in t.countries.values():
            for name in (c.name, *c.aliases):
                add(name, _Entry("country", c.iso3, _exact(name)))
            for d in c.demonyms:
                add(d, _Entry("demonym", c.iso3))
                p = _demonym_plural(d)
                if p:
                    add(p, _Entry("demonym", c.iso3, plural=True))
            for cap in c.capitals:
                add(cap, _Entry("capital", c.iso3))
        for m in t.metonyms:
            add(m.phrase, _Entry("metonym", m, _exact(m.phrase)))
        for o in t.organisations:
            for name in (o.name, *o.aliases):
                add(name, _Entry("organisation", o, _exact(name)))
        # The many office holders of officials.tsv are looked up by their first word, which spares tokenizing
        # and matching tens of thousands of phrases; the kept leaders go through the phrase matcher.
        self._officials: dict[str, list[tuple[tuple[str, ...], tuple[bool, ...], _Entry]]] = {}
        for person, aliases in t.aliases.items():
            for name in (person, *aliases):
                if person in t.officials:
                    words = name_tokens(name)
                    lower = name_tokens(name.lower())
                    self._officials.setdefault(lower[0], []).append(
                        (lower, tuple(w != w_ for w, w_ in zip(words, lower)), _Entry("person", person)))
                else:
                    add(name, _Entry("person", person, _exact(name)))
        for noun, sector in t.agents.items():
            add(noun, _Entry("agent", sector))
            add(_plural(noun), _Entry("agent", sector, plural=True))
        # A people or faith community is civilians of a country; without one it is no actor: Kurds live
        # in four countries, and "the Kurds" of a story are not those of whoever deals with them.
        self.peoples = set()
        for noun in t.peoples:
            for form, plural in ((noun, False), (_plural(noun), True)):
                add(form, _Entry("agent", PEOPLE_SECTOR, plural=plural))
                self.peoples.add(form)
        for p in PRONOUNS:
            add(p, _Entry("pronoun", p))
        for head in GROUP_PERSONS + GROUP_ACTORS:
            want = "person" if head in GROUP_PERSONS else "any"
            for pre in ("the two", "both", "both the", "the 2"):
                add(f"{pre} {head}", _Entry("group", want))
        for g in ("the pair", "the duo", "the two"):  # people first, other actors when no two people precede
            add(g, _Entry("group", "person-first"))

        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        docs = dict(zip((p for p, _ in self._pending), nlp.tokenizer.pipe(p for p, _ in self._pending)))
        for phrase, entry in self._pending:
            key = tuple(tok.lower_ for tok in docs[phrase])
            if entry.kind in CASED_KINDS and len(key) > 1:
                entry.capitals = tuple(tok.text[:1].isupper() for tok in docs[phrase])
            self.entries.setdefault(key, []).append(entry)
        for kind, names in phrases.items():
            self.matcher.add(kind, [docs[p] for p in names])
        del self._pending
        # One letter dropped or doubled in a long country name ("Ethopia", "Afganistan", "Phillippines"): the
        # country, when no other name is spelt so.
        misspelt: dict[str, set[str]] = {}
        for c in t.countries.values():
            for name in (c.name, *c.aliases):
                if " " not in name and len(name) >= MIN_MISSPELT and name.isalpha():
                    low = name.lower()
                    for k in range(len(low)):
                        for variant in (low[:k] + low[k + 1:], low[:k + 1] + low[k] + low[k + 1:]):
                            misspelt.setdefault(variant, set()).add(c.iso3)
        known = {key[0] for key in self.entries if len(key) == 1}
        self._misspelt = {v: min(iso3s) for v, iso3s in misspelt.items() if v not in known and len(iso3s) == 1}
        self._terms: dict[str, list[Term]] = {}
        for term in t.terms:
            self._terms.setdefault(term.person, []).append(term)
        self._title_vocab = TITLE_WORDS | {w for noun in t.agents for w in noun.split()}

    # ---------------------------------------------------------------- matching

    def names_an_actor(self, text: str) -> bool:
        """Whether a phrase holds a name or agent noun of the tables: cheap (tokenizer and matcher only)."""
        return any(a.kind not in ("pronoun", "group") for a in self.atoms(self.nlp.make_doc(text)))

    def atoms(self, doc) -> list[_Atom]:
        """Every name, title, agent noun, pronoun and group noun of the tables in `doc`, in text order;
        needs tokens only, so it runs on unparsed text too (see tacitus.skim)."""
        from spacy.util import filter_spans

        valid = {}  # a phrase whose case does not fit ("who", "Russia today") leaves room for a shorter one
        for _, s, e in self.matcher(doc):
            span = doc[s:e]
            entries = self.entries.get(tuple(tok.lower_ for tok in span), [])
            text = span.text
            has_upper = any(ch.isupper() for ch in text)
            ok = [e for e in entries if (e.exact is None or e.exact == text)
                  and (has_upper or e.kind in ("agent", "pronoun", "group"))
                  and all(tok.text[:1].isupper() or not cap for tok, cap in zip(span, e.capitals))]
            if ok:
                valid[(span.start, span.end)] = (span, ok)
        misspelt = []
        for i, tok in enumerate(doc):
            if not tok.text[:1].isupper():
                continue
            lower = tok.lower_
            for words, capitals, entry in self._officials.get(lower, ()):
                end = _official_end(doc, i, words, capitals)
                if end is not None:
                    valid.setdefault((i, end), (doc[i:end], []))[1].append(entry)
            if len(lower) >= MIN_MISSPELT and lower in self._misspelt:
                misspelt.append((i, self._misspelt[lower]))
        for i, iso3 in misspelt:
            if not any(s <= i < e for s, e in valid):
                valid[(i, i + 1)] = (doc[i:i + 1], [_Entry("country", iso3)])
        atoms = []
        for span in filter_spans([span for span, _ in valid.values()]):
            ok = valid[(span.start, span.end)][1]
            kind = min((e.kind for e in ok), key=lambda k: PRIORITY.index(k) if k in PRIORITY else 99)
            stance = doc[span.start - 2].lower_ if span.start >= 2 and doc[span.start - 1].text == "-" else None
            backing = doc[span.end + 1].lower_ if span.end + 1 < len(doc) and doc[span.end].text == "-" else None
            if stance in ("anti", "non") or (stance == "pro" and kind in ("country", "demonym")) or (
                    backing in BACKING and kind in ("country", "demonym", "capital", "organisation")):
                continue  # "anti-American protesters", "pro-Russian separatists", "US-backed fighters" are not its
            chosen = [e for e in ok if e.kind == kind]
            if kind == "person":
                payload = list(dict.fromkeys(e.payload for e in chosen))
            else:
                payload = chosen[0].payload
            atoms.append(_Atom(span.start, span.end, kind, payload, plural=chosen[0].plural))
        return sorted(atoms, key=lambda a: a.start)

    # ---------------------------------------------------------------- codes

    def _actor(self, code: str | None, name: str | None, country: str | None = None,
               sector: str | None = None) -> Actor:
        if code and country is None and sector is None:
            if code[:3] in self.tables.countries:
                country, sector = code[:3], code[3:] or None
            elif code in self.tables.org_codes:
                org = self.tables.org_codes[code]
                country, sector = org.country, org.sector
            elif code[3:] and code[:3] in ("IGO", "NGO", "IMG"):
                sector = code[:3]
        return Actor(text="", span=None, code=code, country=country, sector=sector, name=name)

    def _term_code(self, term: Term) -> str:
        return term.iso3 + (term.sector or "") if term.iso3 in self.tables.countries else term.iso3

    def _person(self, names: list[str], date: str | None, country: str | None, former: bool) -> Actor:
        """The person's code on `date`: the office held then, else country + ELI (CAMEO's 'elite')."""
        d = _norm_date(date)
        best = None
        for name in names:
            terms = self._terms[name]
            valid = [t for t in terms if d is None or (t.start <= d and (t.end is None or d < t.end))]
            score = (bool(valid) and not former, any(t.iso3 == country for t in terms))
            if best is None or score > best[0]:
                best = (score, name, terms, valid)
        _, name, terms, valid = best
        if valid and not former:
            if country:
                valid = [t for t in valid if t.iso3 == country] or valid
            term = max(valid, key=lambda t: t.start)
            return self._actor(self._term_code(term), name)
        # Out of office on that date: the most recent earlier office (else the first) gives the country.
        past = [t for t in terms if d is None or t.start <= d] or terms
        countries = [t for t in past if t.iso3 in self.tables.countries] or past
        base = max(countries, key=lambda t: t.start)
        iso3 = country if country in self.tables.countries else base.iso3
        return self._actor(iso3 + "ELI", name, iso3 if iso3 in self.tables.countries else None, "ELI")

    def _owner_actor(self, atom: _Atom, sector: str | None) -> Actor:
        if atom.kind in ("country", "demonym", "capital"):
            return self._actor(atom.payload + (sector or ""), self.tables.countries[atom.payload].name)
        if atom.kind == "organisation":
            o = atom.payload
            return self._actor(o.code, o.name, o.country, o.sector)
        m = atom.payload  # metonym
        return self._actor(m.code, m.name)

    # ---------------------------------------------------------------- the pass

    def __call__(self, doc, date: str | None = None, sentence_of=None) -> list[Mention]:
        """`sentence_of(char)`: the number of the article's sentence holding a character (antecedents are
        looked for at most three sentences back); by default the doc's own sentences are counted."""
        if sentence_of is None:
            starts = [s.start_char for s in doc.sents]
            sentence_of = lambda char: bisect.bisect_right(starts, char) - 1  # noqa: E731
        atoms = self.atoms(doc)
        # "ethnic Albanian guerrillas": a people, not the state named after them; who they are comes from the
        # noun and from where they are ("operating in Macedonia").
        atoms = [a for a in atoms if not (a.kind == "demonym" and _ethnic(doc, a) and a.end < len(doc)
                                          and doc[a.end].pos_ in ("NOUN", "PROPN"))]
        for k, a in enumerate(atoms):
            # "Bosnian Serbs", "ethnic Albanians": a people named after another country are civilians of the
            # country before them, or of where they live ("in south Serbia", else the event's place).
            if a.kind == "demonym" and (_ethnic(doc, a) or a.plural and (
                    (k and atoms[k - 1].end == a.start and atoms[k - 1].kind in ("country", "demonym"))
                    or _people_of_another_land(doc, a, atoms[k + 1] if k + 1 < len(atoms) else None))):
                atoms[k] = _Atom(a.start, a.end, "agent", PEOPLE_SECTOR, plural=True)
        by_end = {a.end: a for a in atoms}
        covered = {i for a in atoms if a.kind != "agent" for i in range(a.start, a.end)}
        names = proper_names(doc)
        name_at = {i: e for e in names for i in range(e.start, e.end)}
        mentions: list[Mention] = []
        taken: set[int] = set()  # tokens inside a mention already made: no second mention overlaps one
        plurals: set[int] = set()  # ids of mentions of several people or a plural noun ("troops"), for "they"

        def emit(start: int, end: int, kind: str, actors: list[Actor], plural: bool = False) -> Mention:
            span = doc[start:end]
            for a in actors:
                a.text, a.span = span.text, (span.start_char, span.end_char)
            m = Mention(start, end, span.start_char, span.end_char, span.text, actors, kind)
            taken.update(range(start, end))
            if plural:
                plurals.add(id(m))
            mentions.append(m)
            return m

        def title_before(start: int, sent_start: int, known: bool = True):
            """Walk left over a title ("former Iranian Foreign Minister", "U.N. Secretary-General")."""
            j, owner, agents, former = start, None, [], False
            portfolio = False
            while j > sent_start:
                a = by_end.get(j)
                if a is not None and not a.used:
                    # A plural agent noun is no unknown name's title ("told its UK counterparts Jones was killed").
                    if a.kind == "agent" and owner is None and (known or not a.plural):
                        agents.insert(0, a)
                        j = a.start
                        continue
                    if a.kind in ("country", "demonym", "organisation") and owner is None:
                        owner = a
                        j = a.start
                        continue
                    if a.kind == "metonym" and a.payload.code and owner is None:
                        owner = a
                        j = a.start
                        continue
                    if owner is not None and owner.kind in ("country", "capital") and a.kind in (
                            "country", "demonym", "organisation") and agents and _posted(doc, agents[-1]):
                        owner.used = True  # "the US Syria envoy James Jeffrey": the US's envoy, posted to Syria
                        owner, j = a, a.start
                    break
                tok = doc[j - 1]
                if owner is not None and tok.lower_ in POSSESSIVE:
                    # "Russia's UK ambassador": the possessor owns the title, the other country is its post.
                    possessor = by_end.get(j - 1)
                    if possessor is not None and not possessor.used and possessor.kind in ("country", "organisation"):
                        owner.used = True
                        owner, j = possessor, possessor.start
                    break
                if tok.lower_ in TITLE_WORDS and not tok.is_space:
                    former |= tok.lower_ in FORMER
                    j -= 1
                    continue
                if agents and owner is None and tok.pos_ == "ADJ" and tok.text.islower():
                    j -= 1  # "Nigerian junior foreign minister": the owner may stand before an adjective
                    continue
                if agents and owner is None and not portfolio and tok.dep_ == "compound" and tok.text.istitle():
                    portfolio = True  # "Canadian Trade Secretary": one capitalised word naming the office
                    j -= 1
                    continue
                break
            return j, owner, agents, former

        def run_sector(agents: list[_Atom]) -> str | None:
            if not agents:
                return None
            head = agents[-1]
            if len(agents) > 1 and doc[head.end - 1].lemma_.lower() in GENERIC:
                return agents[-2].payload
            return head.payload

        # 1. persons: table names and other proper names, with any title before them.
        surnames: dict[str, tuple[list[Actor], str]] = {}
        candidates = []
        for a in atoms:
            if a.kind != "person":
                continue
            name = name_at.get(a.start)
            others = [] if name is None else [t for t in name if (t.i < a.start or t.i >= a.end) and t.i not in covered]
            own = {w.lower() for person in a.payload for spelling in (person, *self.tables.aliases.get(person, ()))
                   for w in name_tokens(spelling)}  # "President Xi Jinping"
            if own & ARTICLES:
                own |= ARTICLES
            if any(t.lower_ not in self._title_vocab and t.lower_ not in own for t in others):
                # "Jeb Bush" is not George W. Bush, "Boris Yeltsin" not "Boris" ("President Xi Jinping" is Xi):
                # the whole name is one the tables do not know.
                covered.difference_update(range(a.start, a.end))
                a.used = True
            else:
                # "Omar El Bashir": the person's own words before the one listed are part of the name.
                while name is not None and a.start > name.start and doc[a.start - 1].lower_ in own \
                        and a.start - 1 not in covered:
                    a.start -= 1
                    covered.add(a.start)
                candidates.append(a)
        for name in names:
            s = name.start
            for i in range(name.start, name.end + 1):  # the parts of the name no table phrase covers
                if i < name.end and i not in covered:
                    continue
                while s < i - 1 and doc[s].lower_ in self._title_vocab:
                    s += 1  # the name may begin with the title itself ("Foreign Minister Ali Bagheri")
                if s < i and doc[s].lower_ not in self._title_vocab:
                    candidates.append(_Atom(s, i, "pername", None))
                s = i + 1
        for atom in sorted(candidates, key=lambda a: a.start):
            j, owner, agents, former = title_before(atom.start, doc[atom.start].sent.start, atom.kind == "person")
            country = owner.payload if owner is not None and owner.kind in ("country", "demonym") else None
            sector = run_sector(agents)
            if atom.kind == "person":
                actor = self._person(atom.payload, date, country, former)
                kind = "person"
                serving = owner is not None and owner.kind == "organisation" and owner.payload.code != actor.code
                if agents and sector and not former and (actor.sector == "ELI" or serving):
                    # Out of office by the tables, in office by the text ("EU commissioner Neven Mimica"), or in
                    # another office ("U.N. mediator Diego Cordovez"): the tables may be older than the article.
                    name = actor.name
                    if owner is not None and owner.kind in ("organisation", "metonym"):
                        actor = self._owner_actor(owner, None)
                    else:
                        actor = self._actor((country or actor.country) + sector, None)
                    actor.name = name
                surnames.setdefault(doc[atom.end - 1].lower_, ([actor], kind))  # "... Moody Awori. Awori said"
            else:
                last = doc[atom.end - 1].lower_
                known = surnames.get(last) or surnames.get(doc[atom.start:atom.end].text.lower())
                if agents and sector:
                    if owner is not None and owner.kind in ("organisation", "metonym"):
                        actor = self._owner_actor(owner, None)
                    elif country:
                        actor = self._actor(country + ("ELI" if former else sector), None)
                    else:
                        actor = self._actor("ELI" if former else sector, None, None, "ELI" if former else sector)
                    actor.name = doc[atom.start:atom.end].text
                    kind = "titled"
                elif known:
                    actor = Actor("", None, known[0][0].code, known[0][0].country, known[0][0].sector,
                                  known[0][0].name)
                    kind = known[1]
                else:
                    continue  # a name with no title and not in the tables is not an actor
                if kind == "titled" and agents:
                    toks = doc[atom.start:atom.end]
                    surnames[toks[-1].lower_] = ([actor], kind)
                    surnames[toks.text.lower()] = ([actor], kind)
            for a in agents:
                a.used = True
            if owner is not None:
                owner.used = True
            atom.used = True
            emit(j, atom.end, kind, [actor])

        # 2. agent nouns, glued into runs ("government forces") with an owner before them.
        person_ending = {m.end: m for m in mentions if m.actors and m.actors[0].country}
        i, n = 0, len(atoms)
        while i < n:
            a = atoms[i]
            if a.kind != "agent" or a.used:
                i += 1
                continue
            run = [a]
            while i + 1 < n and atoms[i + 1].kind == "agent" and not atoms[i + 1].used \
                    and atoms[i + 1].start == run[-1].end:
                i += 1
                run.append(atoms[i])
            i += 1
            head = doc[run[-1].end - 1]
            if head.pos_ not in ("NOUN", "PROPN"):
                continue  # "military operation", "humanitarian aid"
            if head.dep_ == "compound" and all(doc[r.start:r.end].text.lower() in PLATFORMS for r in run):
                continue  # "a drone strike", "tank shells"
            if any(t in taken for t in range(run[0].start, run[-1].end)):
                continue  # the title inside a name already made ("Defence Secretary Tom King")
            sector = run_sector(run)
            start, owner = run[0].start, None
            # Over up to three modifiers to the owner: "Israel's high court", "Syrian ruling party",
            # "Israeli intelligence officials", "Taiwan's Vice Foreign Minister", "the UN war crimes court".
            k = start
            while k > 0 and start - k < 3 and by_end.get(k) is None and (
                    doc[k - 1].pos_ == "ADJ" or doc[k - 1].dep_ == "amod" or doc[k - 1].lower_ in TITLE_WORDS
                    or (doc[k - 1].dep_ == "compound" and k <= doc[k - 1].head.i < run[-1].end)):
                k -= 1
            j = k - 1 if k > 0 and doc[k - 1].lower_ in POSSESSIVE else k
            cand = by_end.get(j)
            co_owners = []
            if cand is not None and not cand.used and cand.kind in ("country", "demonym", "organisation",
                                                                    "capital", "metonym"):
                if cand.kind != "metonym" or cand.payload.code:
                    owner, start = cand, cand.start
                    # "Indian and Pakistani troops", "US and Russian negotiators": one agent of each.
                    while start > 1 and doc[start - 1].lower_ in ("and", ",") and (
                            other := by_end.get(start - 1)) is not None and not other.used \
                            and other.kind in ("country", "demonym") and cand.kind in ("country", "demonym") \
                            and _modifier(doc[other.end - 1]):
                        co_owners.insert(0, other)
                        start = other.start
            # "the UN Syria envoy", "Russia's UK ambassador": who sends the envoy owns it; the country after is
            # the post.
            if owner is not None and owner.kind in ("country", "capital") and _posted(doc, run[-1]):
                k = owner.start - 1 if owner.start and doc[owner.start - 1].lower_ in POSSESSIVE else owner.start
                sender = by_end.get(k)
                if sender is not None and not sender.used and sender.kind in ("country", "demonym", "organisation"):
                    owner.used = True
                    owner, start = sender, sender.start
            # A leader's people: "the Trump administration", "Assad's forces", "Trump's national security
            # adviser", "the military government of President Prosper Avril".
            leader = person_ending.get(j) if owner is None and sector in PERSONAL_SECTORS else None
            owner_after = owner is None and leader is None
            owned = any(c.dep_ == "poss" for c in head.children)  # "its forces in Lebanon" are not Lebanon's
            if owner_after and not owned:
                # An owner after the phrase: "soldiers from Gondor", "the ambassador of Chad", also after a word
                # that follows the agent noun ("opposition groups in Zimbabwe").
                nouns = (head, head.head) if head.dep_ == "compound" and head.head.i == run[-1].end else (head,)
                after = [c.i + 1 for noun in nouns for p in noun.children
                         if p.dep_ == "prep" and p.lower_ in ("in", "from", "of", "throughout", "across")
                         for c in p.children if c.dep_ == "pobj"]
                owner = next((by_end.get(i) for i in after), None)
                if owner is not None and (owner.used or owner.kind not in ("country", "capital")):
                    owner = None
                if owner is None and sector in PERSONAL_SECTORS:
                    leader = next((person_ending[i] for i in after if i in person_ending), None)
            for r in run:
                r.used = True
            if owner is None and leader is None and doc[run[-1].start:run[-1].end].text.lower() in self.peoples:
                continue
            if leader is not None:
                actor = self._actor(leader.actors[0].country + sector, None)
            elif owner is not None:
                owner.used = not owner_after  # a country after "in" stays a place as well
                actor = self._owner_actor(owner, sector)
            else:
                actor = self._actor(sector, None, None, sector)
                if start and doc[start - 1].lower_ in FOREIGN_WORDS:
                    start -= 1  # "foreign fighters": the word that keeps them of no country is theirs
            if co_owners:
                for other in co_owners:
                    other.used = True
                emit(start, run[-1].end, "agent", [self._owner_actor(o, sector) for o in co_owners] + [actor],
                     plural=True)
                continue
            emit(start, run[-1].end, "agent", [actor], plural=head.tag_ in ("NNS", "NNPS") or run[-1].plural)

        # 3. names standing alone: countries, demonyms used as nouns, capitals as subjects, organisations.
        for a in atoms:
            if a.used or a.kind in ("agent", "pronoun", "group", "person"):
                continue
            span = doc[a.start:a.end]
            root = span.root
            name = name_at.get(a.start)
            if a.kind in ("country", "capital") and name is not None and any(
                    t.i not in covered and t.pos_ == "PROPN" and t.lower_ not in self._title_vocab
                    and t.lower_ not in DIRECTIONS for t in name):
                continue  # "Jordan Henderson", "George Washington", "the Washington Post" ("South Lebanon" stays)
            place = root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS and not _giver(root) and not _aimed_at(root)
            if a.kind == "country":
                # "aid to Ukraine", "talks between Iran and Iraq": after these a country is a party, not a place.
                if place and root.head.lower_ not in PARTY_PREPS:
                    continue
                if root.dep_ == "poss" and _placed(root.head) and (
                        root.head.pos_ == "PROPN" or root.head.lemma_.lower() in OF_PLACE):
                    continue  # "in Egypt's Sinai Peninsula", "in Syria's north": the country's part is a place
                emit(a.start, a.end, "country", [self._owner_actor(a, None)])
            elif a.kind == "capital":
                if span.text.isupper() and len(span.text) > 3 and span.start == span.sent.start:
                    continue  # "NAIROBI, Kenya Kenya's opposition ...": a dateline whose dash was lost
                first = root
                while first.dep_ in ("conj", "appos") and first.head.i != first.i:
                    first = first.head  # "Ankara and Tehran": the role is the first conjunct's
                moved = first.dep_ == "dobj" and first.head.lemma_ in MOTION_VERBS  # "visited Moscow" is a place
                # "arrived in Harare's main stadium": what the city owns there is a place too.
                moved |= first.dep_ == "poss" and _placed(first.head)
                ok = (first.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "dative") and not moved) or (
                    first.dep_ == "pobj" and (first.head.lower_ in ACTOR_PREPS or _giver(first))
                    and not _named_as_place(first))
                if ok:
                    emit(a.start, a.end, "capital", [self._owner_actor(a, "GOV")])
            elif a.kind == "demonym":
                hyphen = a.end < len(doc) and doc[a.end].text == "-"  # "Iranian-backed"
                # "admittance to Ghanaians": after "to" or "between" a people is a party, as a country is.
                if root.pos_ in ("NOUN", "PROPN") and root.dep_ not in ("amod", "compound") \
                        and not (place and root.head.lower_ not in PARTY_PREPS) and not hyphen:
                    emit(a.start, a.end, "demonym", [self._owner_actor(a, None)], plural=a.plural)
                elif root.dep_ in ("amod", "compound") and not hyphen and root.head.i >= a.end \
                        and not any(k in taken for k in range(a.start, root.head.i + 1)) \
                        and not any(c.dep_ == "poss" for c in root.head.children) \
                        and all(doc[k].head.i == root.head.i and doc[k].dep_ in ("amod", "compound")
                                for k in range(a.end, root.head.i)) \
                        and root.head.pos_ == "NOUN" and root.head.dep_ in ARG_DEPS and not _placed(root.head):
                    # "shelled Iraqi towns", "rejected a Senegalese peace plan": the country stands for
                    # what it owns ("his Syrian policy" is someone else's).
                    emit(a.start, root.head.i + 1, "demonym", [self._owner_actor(a, None)])
                elif root.dep_ in ("amod", "compound") and not hyphen and root.head.pos_ == "PROPN" \
                        and root.head.i >= a.end and name_at.get(root.head.i) is not None \
                        and name_at[root.head.i].start <= a.end and not _named_as_place(root.head) \
                        and not any(k in taken or k in covered for k in range(a.end, name_at[root.head.i].end)):
                    # "the Nigerian Union of Teachers": a body the tables lack, named after its country.
                    emit(a.start, name_at[root.head.i].end, "demonym", [self._owner_actor(a, None)])
            elif a.kind == "organisation":
                emit(a.start, a.end, "organisation", [self._owner_actor(a, None)],
                     plural=a.payload.sector in ("REB", "UAF"))
            elif a.kind == "metonym" and a.payload.code:
                # "Kenya's Supreme Court", "the Kenyan Senate": another country's institution of that sector.
                owner = by_end.get(a.start) or (
                    by_end.get(a.start - 1) if a.start and doc[a.start - 1].tag_ == "POS" else None)
                code = a.payload.code
                if owner is not None and owner.kind in ("country", "demonym") and len(code) == 6 \
                        and code[:3] in self.tables.countries and owner.payload != code[:3]:
                    emit(a.start, a.end, "metonym", [self._owner_actor(owner, code[3:])])
                else:
                    emit(a.start, a.end, "metonym", [self._owner_actor(a, None)])

        # 4. a title named by the person after it: "the foreign secretary, Jeremy Hunt, said"; an organisation's
        # office, or an office the tables do not know yet, after a person: "Kenzo Oshima, the United Nations
        # relief coordinator, said".
        at = {i: m for m in mentions for i in range(m.start, m.end)}
        for m in mentions:
            appos = next((at.get(c.i) for c in doc[m.end - 1].children if c.dep_ == "appos"), None)
            if m.kind == "agent" and not m.actors[0].country:
                if appos is not None and appos.kind in ("person", "titled") and appos.actors[0].country:
                    m.actors = [replace(appos.actors[0], text=m.text, span=(m.start_char, m.end_char))]
                elif (owner := _possessor(doc[m.end - 1], at)) is not None:  # "Israel said its forces ..."
                    m.actors = [of_country(m.actors[0], owner.actors[0].country)]
            elif m.kind == "person" and appos is not None and appos.kind == "agent" and (
                    (appos.actors[0].code or "")[:3] in ("IGO", "NGO")
                    or (m.actors[0].sector == "ELI" and appos.actors[0].country == m.actors[0].country)):
                m.actors = [replace(appos.actors[0], text=m.text, span=(m.start_char, m.end_char),
                                    name=m.actors[0].name)]
            elif m.kind == "titled" and not m.actors[0].country:  # "King Hassan of Morocco"
                of = next((c for c in doc[m.end - 1].children if c.dep_ == "prep" and c.lower_ == "of"), None)
                country = next((at.get(g.i) for g in (of.children if of is not None else ()) if g.dep_ == "pobj"), None)
                if country is not None and country.kind == "country":
                    m.actors = [of_country(m.actors[0], country.actors[0].country)]

        # 5. pronouns and group nouns, in text order, from the mentions before them.
        mentions.sort(key=lambda m: m.start)
        refs = [a for a in atoms if a.kind in ("pronoun", "group")]
        if refs:
            mentions = self._resolve_refs(doc, mentions, refs, plurals, sentence_of)
        return mentions

    def _resolve_refs(self, doc, mentions, refs, plurals, sentence_of) -> list[Mention]:
        out: list[Mention] = []
        history: list[Mention] = []
        k = 0
        for ref in refs:
            while k < len(mentions) and mentions[k].start < ref.start:
                history.append(mentions[k])
                out.append(mentions[k])
                k += 1
            tok = doc[ref.start]
            # Look back at most three sentences: older antecedents are more often wrong than right.
            oldest, recent = sentence_of(tok.idx) - 3, []
            for m in reversed(history):  # history is in text order
                if sentence_of(m.start_char) < oldest:
                    break
                recent.append(m)
            recent.reverse()
            actors = None
            if ref.kind == "pronoun":
                if tok.dep_ not in ARG_DEPS or _expletive(tok):
                    continue
                # "Egypt imposed a boycott on the nation, accusing it": an object is not its own clause's subject.
                bound = _clause_subjects(tok)
                recent = [m for m in recent if doc[m.start:m.end].root.i not in bound]
                if PRONOUNS[ref.payload] == "thing":
                    # A body stands for "it" in its own sentence only ("the military said it would").
                    here = sentence_of(tok.idx)
                    # So does a body named by a demonym and a name ("the Nigerian Union of Teachers ... it").
                    things = [m for m in recent if len(m.actors) == 1 and (m.kind in THING_KINDS or (
                        m.kind == "agent" and doc[m.end - 1].lower_ in BODIES and sentence_of(m.start_char) == here)
                        or (m.kind == "demonym" and id(m) not in plurals and m.end - m.start > 1
                            and all(t.text[:1].isupper() for t in doc[m.start:m.end])
                            and sentence_of(m.start_char) == here))]
                    if things and not (_subject(tok) and _thing_subject_before(doc, tok, mentions)):
                        # A subject "it" continues the subject: "Chile backed Bolivia, though it had demanded".
                        actors = (_latest_subject(doc, things, sentence_of) if _subject(tok) else things[-1]).actors
                elif PRONOUNS[ref.payload] == "person":
                    people = [m for m in recent if m.kind in ("person", "titled")
                              or (m.kind == "pronoun" and PRONOUNS.get(m.text.lower()) == "person")]
                    if people:
                        # "Xi told Biden ... He accused Washington": Xi.
                        actors = _latest_subject(doc, people, sentence_of).actors
                elif recent:
                    actors = (self._plural_antecedent(doc, recent, plurals) or self._coordinated_subjects(doc, recent)
                              or self._last_two(recent, "any"))
            else:
                after = doc[ref.end] if ref.end < len(doc) else None
                if doc[ref.start:ref.end].text.lower() == "the two" and after is not None \
                        and after.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
                    continue  # "the two weeks"
                if ref.payload == "person-first":
                    actors = self._last_two(recent, "person") or self._last_two(recent, "any")
                else:
                    actors = self._last_two(recent, ref.payload)
            if not actors:
                continue
            span = doc[ref.start:ref.end]
            copies = [Actor(span.text, (span.start_char, span.end_char), a.code, a.country, a.sector, a.name)
                      for a in actors]
            m = Mention(ref.start, ref.end, span.start_char, span.end_char, span.text, copies,
                        "pronoun" if ref.kind == "pronoun" else "group")
            history.append(m)
            out.append(m)
        out.extend(mentions[k:])
        return out

    @staticmethod
    def _plural_antecedent(doc, recent: list[Mention], plurals: set[int]) -> list[Actor] | None:
        """The latest plural mention ("the pair", "Russian troops"), with its partner if coordinated
        ("Russian troops and Ukrainian forces"); None if the last sentence with a mention has none."""
        sent = doc[recent[-1].start].sent.start
        for idx in range(len(recent) - 1, -1, -1):
            m = recent[idx]
            if m.start < sent:
                return None
            if id(m) in plurals or len(m.actors) > 1:
                root = doc[m.start:m.end].root
                if root.dep_ == "conj" and idx > 0:
                    prev = recent[idx - 1]
                    if prev.start <= root.head.i < prev.end:
                        return prev.actors + m.actors
                return m.actors
        return None

    @staticmethod
    def _coordinated_subjects(doc, recent: list[Mention]) -> list[Actor] | None:
        """The latest "A and B" subject ("Trump and Putin spoke ..."): what a later "they" most often means."""
        for idx in range(len(recent) - 1, 0, -1):
            m, prev = recent[idx], recent[idx - 1]
            root = doc[m.start:m.end].root
            if root.dep_ == "conj" and prev.start <= root.head.i < prev.end and \
                    doc[prev.start:prev.end].root.dep_ in ("nsubj", "nsubjpass"):
                return prev.actors + m.actors
        return None

    @staticmethod
    def _last_two(recent: list[Mention], want: str) -> list[Actor] | None:
        found: list[Actor] = []
        seen = set()
        for m in reversed(recent):
            if want == "person" and m.kind not in ("person", "titled", "pronoun", "group"):
                continue
            for a in reversed(m.actors):
                key = (a.code, a.name)
                # "the French president, Emmanuel Macron": a title without a name is the named one of its code
                if m.kind == "agent" and any(f.code == a.code for f in found):
                    continue
                if key not in seen and a.code:
                    seen.add(key)
                    found.append(a)
            if len(found) >= 2:
                return list(reversed(found[:2]))
        return None

    # ---------------------------------------------------------------- helpers

    def resolve_text(self, text: str, date: str | None = None) -> list[Actor]:
        """Actors named in a free-standing phrase ("Iranian Foreign Minister Mohammad Javad Zarif")."""
        return [a for m in self(self.nlp(text), date) if m.kind not in ("pronoun", "group") for a in m.actors]

    def person_terms(self, mentions: list[Mention]) -> list[list[tuple[str, str | None]]]:
        """For each distinct person of the tables among the mentions, their terms as (start, end) intervals."""
        out, seen = [], set()
        for m in mentions:
            if m.kind != "person":
                continue
            for a in m.actors:
                if a.name in self.tables.aliases and a.name not in seen:
                    seen.add(a.name)
                    out.append([(t.start, t.end) for t in self._terms[a.name]])
        return out


def _posted(doc, agent) -> bool:
    return doc[agent.end - 1].lemma_.lower() in POSTED


def _official_end(doc, i: int, words: tuple[str, ...], capitals: tuple[bool, ...]) -> int | None:
    """Where an office-holder's name that starts at token i ends, or None. A hyphen may join or part
    the words ("Jean-Bertrand Aristide" for Jean Bertrand Aristide), and a long surname may have one
    letter more, less or other ("Bouteflicka"), as long as the rest is spelt as listed."""
    k = i
    for n, (w, cap) in enumerate(zip(words, capitals)):
        if k < len(doc) and doc[k].text == "-" and w != "-":
            k += 1
        if w == "-" and (k >= len(doc) or doc[k].text != "-"):
            continue
        if k >= len(doc) or (cap and not doc[k].text[:1].isupper()):
            return None
        got = doc[k].lower_
        if got != w and not (n == len(words) - 1 and n > 0 and len(w) >= MIN_MISSPELT and _one_slip(got, w)):
            return None
        k += 1
    return k


def _one_slip(a: str, b: str) -> bool:
    """Whether two words differ by one letter added, dropped or changed."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    k = next((j for j, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[k:] == long_[k + 1:]


def _expletive(pronoun) -> bool:
    """'It is legal to kill them', 'it was clear that ...': an "it" standing for the clause after it (which hangs
    on the copula; in "it is ready to send troops" the clause hangs on "ready", and "it" is an actor)."""
    verb = pronoun.head
    return pronoun.lower_ == "it" and pronoun.dep_ == "nsubj" and verb.lemma_ == "be" and \
        any(c.dep_ in ("acomp", "attr") for c in verb.children) and any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)


def _latest_subject(doc, mentions: list[Mention], sentence_of) -> Mention:
    """Of the latest sentence with any of the mentions, its last subject among them, else the last mention."""
    latest = sentence_of(mentions[-1].start_char)
    subjects = [m for m in mentions if sentence_of(m.start_char) == latest and _subject(doc[m.start:m.end].root)]
    return (subjects or mentions)[-1]


def _thing_subject_before(doc, pronoun, mentions: list[Mention]) -> bool:
    """Whether the subject a subject "it" continues (that of the clauses it depends on, else the main subject of
    the sentence before) is a thing that is no actor: "The operation was a sham, but it allowed Obama to ..." (not
    "The group said it had", "Its involvement grew when it sent troops")."""
    subject, tok = None, pronoun.head
    for _ in range(8):
        if tok.pos_ in ("NOUN", "PROPN", "PRON"):
            return False  # "a reminder to Iraq that it must": the clause says what the noun does
        before = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pronoun.i]
        if before or tok.head.i == tok.i:
            subject = before[-1] if before else None
            break
        tok = tok.head
    if subject is None and pronoun.sent.start > 0:
        previous = doc[pronoun.sent.start - 1].sent
        subject = next((c for c in previous.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.tag_ != "NN" or subject.lower_ in BODIES | GROUP_WORDS:
        return False
    covered = {i for m in mentions for i in range(m.start, m.end)}
    # "its focus", "a US announcement": the thing is its owner's.
    return not any(c.i in covered or c.lower_ in POSSESSIVE_PRONOUNS for c in [subject, *subject.children])


def _clause_subjects(pronoun) -> set[int]:
    """Token indices of the subjects (with their conjuncts) of the clause whose object `pronoun` is,
    following participle, infinitive and coordinated clauses up to the verb that has them."""
    if pronoun.dep_ not in ("dobj", "obj", "pobj", "dative", "iobj"):
        return set()
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            bound, todo = set(), subjects  # with their conjuncts and appositions ("Saudi Arabia, the UAE and Egypt")
            while todo:
                t = todo.pop()
                bound.add(t.i)
                todo.extend(c for c in t.children if c.dep_ in ("conj", "appos") and c.i not in bound)
            return bound
        if verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head.i == verb.i:
            break
        verb = verb.head
    return set()


# Words that say a group is not of the country it acts in or against ("foreign fighters", "an international aid
# agency").
FOREIGN_WORDS = {"foreign", "international", "overseas", "multinational"}


def of_country(actor: Actor, iso3: str) -> Actor:
    """The actor as its sector of country `iso3` ("forces" -> ISRMIL); one named foreign stays of none (not an
    office: "foreign minister")."""
    if (actor.text or "").split(" ", 1)[0].lower() in FOREIGN_WORDS and actor.sector != "GOV":
        return actor
    return replace(actor, code=iso3 + (actor.sector or ""), country=iso3)


def _possessor(noun, at: dict):
    """The country that "its" or "their" points to in "Israel said its forces had withdrawn": the subject of the
    clause that reports the one the noun is the subject of (elsewhere "its" too often means another party)."""
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in noun.children) \
            or noun.dep_ not in ("nsubj", "nsubjpass") or noun.head.dep_ != "ccomp":
        return None
    subject = next((c for c in noun.head.head.children if c.dep_ == "nsubj"), None)
    mention = at.get(subject.i) if subject is not None else None
    if mention is None or len(mention.actors) != 1 or not mention.actors[0].country:
        return None
    # "Bosnian Serbs said their forces", "Russian officials said their troops": any party of a country
    return mention if mention.kind != "pronoun" else None


def _subject(token) -> bool:
    """A subject, or one coordinated with it ("Trump and Putin spoke")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


# Lower-case particles inside a name ("Bashar al-Assad", "Ursula von der Leyen", "Osama bin Laden").
NAME_PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "von", "van", "der", "den", "de", "da", "di", "du", "la",
                  "le", "-"}
# Proper nouns that are never a person's name ("the Syrian army Sunday").
NOT_NAMES = {*WEEKDAYS, *MONTHS, "jan.", "feb.", "mar.", "apr.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec."}


def _ethnic(doc, atom) -> bool:
    return atom.start > 0 and doc[atom.start - 1].lower_ == "ethnic"


def _people_of_another_land(doc, people, after) -> bool:
    """ "The Albanians of southern Serbia": a people of another country's land ("Americans in Iraq" may be
    passing through)."""
    k = people.end
    if k < len(doc) and doc[k].lower_ == "of" and after is not None and after.kind == "country" \
            and after.payload != people.payload:
        between = doc[k + 1:after.start]
        return all(t.pos_ in ("DET", "ADJ") or t.lower_ in ("northern", "southern", "eastern", "western")
                   for t in between)
    return False


def _giver(noun) -> bool:
    """ "received aid from Japan", "demanded an apology from Russia", "an offer from Kabul": after "from" on a
    verb of receiving or asking (or on its object), or on an offer or a demand, a country gives or is asked."""
    prep = noun.head
    if prep.lower_ != "from":
        return False
    verb = prep.head if prep.head.dep_ not in ("dobj", "obj") else prep.head.head
    return verb.lemma_.lower() in RECEIVING_VERBS | ASKING_VERBS or prep.head.lemma_.lower() in PUT_TO_NOUNS


# Verbs whose "at" names whom words are aimed at: "lashed out at Peru", "took a swipe at Moscow".
AIMING_VERBS = {"lash", "hit", "take", "snipe", "sneer", "scoff", "rail", "jab", "swipe", "point", "level", "hurl",
                "direct", "aim"}


def _aimed_at(noun) -> bool:
    prep = noun.head
    return prep.lower_ == "at" and prep.head.lemma_.lower() in AIMING_VERBS


def _placed(noun) -> bool:
    """A noun put where a place goes that is no weapon: "in Iraqi towns", "in Harare's stadium" (an owner before it
    owns a place; "killed in a Pakistani airstrike" names the strike's owner)."""
    return noun.dep_ == "pobj" and noun.head.lower_ in PLACE_PREPS - PARTY_PREPS and noun.lemma_.lower() not in MEANS


def _named_as_place(noun) -> bool:
    """ "in Iraqi Kurdistan", "the city of Algiers": a name put where a place goes (not "aid from Japan")."""
    prep = noun.head
    return noun.dep_ == "pobj" and not _giver(noun) and (
        prep.lower_ in PLACE_PREPS - PARTY_PREPS or (prep.lower_ == "of" and prep.head.lemma_ in OF_PLACE))


def proper_names(doc) -> list:
    """Runs of capitalised proper nouns inside one sentence, particles and hyphens included: the names
    a person can have. Whether one is a person is decided by a title before it or an earlier mention."""
    out, i, n = [], 0, len(doc)

    def opens(tok) -> bool:  # a capitalised noun inside a sentence is a name the tagger did not know ("Erdogăn")
        return (tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and not opens_sentence(tok))) \
            and tok.text[:1].isupper() and tok.lower_ not in NOT_NAMES

    while i < n:
        if not opens(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n and not doc[j].is_sent_start:
            if opens(doc[j]):
                j += 1
                continue
            # a particle or hyphen counts only with more name after it ("al-Assad", not "Assad -")
            k = j
            while k < n and doc[k].lower_ in NAME_PARTICLES and not doc[k].is_sent_start:
                k += 1
            if k > j and k < n and opens(doc[k]) and not doc[k].is_sent_start:
                j = k + 1
                continue
            break
        out.append(doc[i:j])
        i = j
    return out
