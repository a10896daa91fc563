"""The Coder: runs the stages in order over articles — parse, actors, events, when, records."""
from __future__ import annotations

import collections
import copy
import datetime as dt
import itertools
import re
from concurrent.futures import ProcessPoolExecutor
from functools import cached_property
from typing import Iterable, Iterator

from tacitus import nlp as nlp_loader
from tacitus import when
from tacitus.actors.resolve import ActorResolver
from tacitus.events.extract import (AGREE_ROOT, THREAT_ROOT, Candidate, agreement_not_reached, agreement_reached,
                                    charged, extract_events, intent_code, people_seized, recorded_code,
                                    to_its_own_country)
from tacitus.events.modality import declined
from tacitus.events.proposals import propose
from tacitus.events.roles import undergone
from tacitus.events.ontology import load_ontology, load_triggers
from tacitus.reading import read_text
from tacitus.reading.boilerplate import captions
from tacitus.reading.dateline import parse_dateline
from tacitus.records import Article, Event, Sentence, Trigger, Warning, event_id
from tacitus.skim import Skim, skim
from tacitus.where import PlaceResolver

# Years considered when a story gives a day and month but no year and no actor narrows it.
YEARS_WITHOUT_ACTORS = range(1990, dt.date.today().year + 1)
# spaCy refuses texts over 1,000,000 characters and its parser needs memory in proportion to the text
# parsed at once (about 0.4 GB per 100,000 characters): longer texts are parsed in pieces and joined.
PARSE_CHARS = 100_000
# Characters of the articles parsed together in one process: batching gains little beyond this much.
BATCH_CHARS = 40_000
_NOT_LINE_BREAK = re.compile(r"[^\n\r]")
# Articles read ahead per worker process when coding in several, handed out this many at a time.
WINDOW_PER_WORKER = 32
WORKER_CHUNK = 4
# CAMEO's REJECT: refusing is an act, so an event recoded as one is no longer "not done".
REFUSAL_ROOT = "12"
# What the model may read as a refusal when it is not negated: demands, disapproval, threats ("dismissed an appeal").
VERBAL_CONFLICT_ROOTS = {"10", "11", "13"}
# Verbs that say a meeting took place, whatever it was about (unlike "arrived", "summoned" or "hosted").
MEETING_VERBS = {"meet", "visit", "travel", "discuss", "talk"}
# Verbs of promising, whose object or clause is what is promised.
PROMISES = {"pledge", "promise", "vow", "offer", "commit", "swear"}


def blank(text: str, spans) -> str:
    """The text with excluded parts (captions, credits) turned to spaces: offsets stay those of the article."""
    out, at = [], 0
    for start, end in sorted(spans):
        start = max(start, at)
        out += [text[at:start], _NOT_LINE_BREAK.sub(" ", text[start:end])]
        at = max(at, end)
    return "".join(out) + text[at:]


def pieces(text: str, size: int = PARSE_CHARS) -> list[str]:
    """`text` cut into pieces of at most `size` characters, after a line break or else a space when one
    is in the second half of the piece; joined they give `text` back."""
    out = []
    while len(text) > size:
        cut = text.rfind("\n", size // 2, size)
        cut = cut if cut >= 0 else text.rfind(" ", size // 2, size)
        cut = cut + 1 if cut >= 0 else size
        out.append(text[:cut])
        text = text[cut:]
    return out + [text]


def _without(doc, offset: int, skipped: list[tuple[int, int]]):
    """A fresh unparsed copy of `doc` (a piece of the article starting at character `offset`) in which each
    run of tokens inside the `skipped` character spans is one token of whitespace, with a sentence
    starting at the run and after it; the text keeps its length and line breaks, so offsets stay."""
    from spacy.tokens import Doc
    text = doc.text
    words, spaces, starts = [], [], []
    spans = iter(sorted((s - offset, e - offset) for s, e in skipped if e > offset and s < offset + len(text)))
    span = next(spans, None)
    run = None  # (first character, last character's end, space after) of the skipped run being gathered

    def end_run() -> None:
        words.append(_NOT_LINE_BREAK.sub(" ", text[run[0]:run[1]]))
        spaces.append(run[2])
        starts.append(True)

    for tok in doc:
        while span is not None and span[1] <= tok.idx:
            span = next(spans, None)
        if span is not None and span[0] <= tok.idx:
            run = (tok.idx if run is None else run[0], tok.idx + len(tok.text), bool(tok.whitespace_))
            continue
        if run is not None:
            end_run()
            run = None
            starts.append(True)  # the first token after a run starts a sentence too
        else:
            starts.append(None)
        words.append(tok.text)
        spaces.append(bool(tok.whitespace_))
    if run is not None:
        end_run()
    if not words:
        return Doc(doc.vocab)
    starts[0] = True
    return Doc(doc.vocab, words=words, spaces=spaces, sent_starts=starts)


def _overruled(c: Candidate, cameo: str, confidence: float, other_roots: set[str]) -> tuple[str, float]:
    """The code and confidence of a rule candidate after the model's word (`cameo`, `confidence`), where the
    sentence's structure knows better than the model."""
    if cameo[:2] != c.cameo[:2] and cameo[:2] in other_roots:
        return c.cameo, round(c.confidence, 2)  # "backed Moscow ... had demanded Assad resign": it read the other verb
    # The model reads "will" and "would" as intent to cooperate; but force announced is a threat ("would attack
    # their launch sites"), and a supposition no intent at all ("a US pullout would leave ...").
    if cameo[:2] == AGREE_ROOT != c.cameo[:2] and (c.modality == "hypothetical" or (
            c.modality == "future" and intent_code(c.cameo, c.modality).startswith(THREAT_ROOT))):
        cameo = c.cameo
    # A promise the model reads as the act promised ("pledged $10 million in aid" as aid, "vowed to crush the
    # rebels" as force) is the intent to do it, or the threat.
    if c.cameo[:2] == AGREE_ROOT != cameo[:2] and c.trigger.lemma_.lower() in PROMISES:
        cameo = intent_code(cameo, "future")
    if cameo[:2] == REFUSAL_ROOT != c.cameo[:2] and (
            c.modality == "negated" or c.cameo[:2] not in VERBAL_CONFLICT_ROOTS):
        if c.modality == "negated" and (declined(c.trigger) or agreement_not_reached(c)):
            c.modality = "asserted"  # "would not provide support", "did not agree": the refusal it is
        else:
            # "held no talks": the model reads "no" as a refusal; and an act done ("would continue to attack",
            # "acknowledged") is no refusal, whatever else the sentence says. Words of disapproval or demand may be
            # one (VERBAL_CONFLICT_ROOTS).
            return c.cameo, round(c.confidence, 2)
    return cameo, round(confidence, 2)


class Coder:
    """Codes articles into events. Services are passed in or built once per process."""

    def __init__(self, nlp=None, resolver=None, ontology=None, lexicon=None, places=None, classifier="default",
                 parse_all: bool = False, threads: int | None = None):
        """`classifier`: a PairClassifier, None for the rules alone, or "default" for the shipped model
        when it is installed. `parse_all`: parse every sentence, not only those skimming keeps.
        `threads`: for the classifier's runtime (default: its own choice). Services not passed in are
        loaded on first use, so a process that only hands articles to workers loads none."""
        given = dict(nlp=nlp, resolver=resolver, ontology=ontology, lexicon=lexicon, places=places)
        self.__dict__.update({name: value for name, value in given.items() if value is not None})
        self._classifier = classifier
        self.parse_all = parse_all
        self.threads = threads
        self.extra_actors: tuple = ()  # a user's own actors, handed on to worker processes

    @cached_property
    def nlp(self):
        return nlp_loader.load()

    @cached_property
    def resolver(self) -> ActorResolver:
        if self.extra_actors:
            from tacitus.actors.tables import load_tables
            return ActorResolver(load_tables().extended(self.extra_actors), self.nlp)
        return ActorResolver(nlp=self.nlp)

    @cached_property
    def places(self) -> PlaceResolver:
        return PlaceResolver(nlp=self.nlp)

    @cached_property
    def ontology(self):
        return load_ontology()

    @cached_property
    def lexicon(self):
        return load_triggers()

    @cached_property
    def classifier(self):
        if self._classifier != "default":
            return self._classifier
        from tacitus.events import classifier as learned
        if not learned.available():
            return None
        return learned.PairClassifier(threads=self.threads) if self.threads else learned.PairClassifier.load()

    @property
    def learned(self) -> bool:
        """Whether the learned classifier takes part (known without loading it)."""
        if self._classifier != "default":
            return self._classifier is not None
        from tacitus.events import classifier as learned
        return learned.available()

    def with_actors(self, organisations) -> "Coder":
        """The same coder that also knows a user's own actors (see actors.tables.read_actor_file)."""
        coder = copy.copy(self)
        coder.__dict__ = {k: v for k, v in self.__dict__.items() if k != "resolver"}
        coder.extra_actors = self.extra_actors + tuple(organisations)
        return coder

    # -- public API ------------------------------------------------------------------------------
    def code_text(self, text: str, date: str | None = None, id: str = "text", **fields) -> tuple[Article, list[Event]]:
        article = read_text(text, id=id, date=date, **fields)
        return article, self.code_article(article)

    def code_article(self, article: Article, parsed: tuple | None = None) -> list[Event]:
        """The article's events; `parsed`: its (doc, skim) when already parsed."""
        try:
            if parsed is None:
                unparsed, skimmed = self.prepare(article)
                parsed = self.parse(unparsed), skimmed
            return self._code(article, *parsed)
        except Exception as exc:  # one bad article never stops a batch
            article.warnings.append(Warning("error", f"could not be coded: {type(exc).__name__}: {exc}"))
            return []

    def code_articles(self, articles: Iterable[Article], workers: int = 1,
                      batch_size: int = 32) -> Iterator[tuple[Article, list[Event]]]:
        """(Article, events) in input order; with workers > 1 the articles are coded in that many processes."""
        if workers > 1:
            settings = (self.extra_actors, self.learned, self.parse_all)
            with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=settings) as pool:
                # A bounded number of chunks in flight: the input is read as the work goes, and a new chunk
                # is handed out as each finishes, so no worker waits for a slow one at a window's end.
                articles, pending = iter(articles), collections.deque()
                while chunk := list(itertools.islice(articles, WORKER_CHUNK)):
                    pending.append(pool.submit(_code_in_worker, chunk))
                    if len(pending) * WORKER_CHUNK >= workers * WINDOW_PER_WORKER:
                        yield from pending.popleft().result()
                while pending:
                    yield from pending.popleft().result()
            return
        batch: list[Article] = []
        chars = 0  # parsed at once: memory grows with the characters of a batch, not its articles
        for article in articles:
            batch.append(article)
            chars += len(article.text)
            if len(batch) >= batch_size or chars >= BATCH_CHARS:
                yield from self._code_batch(batch)
                batch, chars = [], 0
        yield from self._code_batch(batch)

    def classify_pair(self, sentence: str, source: str, target: str) -> tuple[str | None, str | None, float]:
        """What did `source` do to `target` in `sentence`? (PLOVER, CAMEO, confidence); None when nothing is found."""
        return self.classify_pairs([(sentence, source, target)])[0]

    def classify_pairs(self, rows: list[tuple[str, str, str]]) -> list[tuple[str | None, str | None, float]]:
        from tacitus.events.pair import classify_pairs
        return classify_pairs(self, rows)

    def prepare(self, article: Article) -> tuple[list, Skim]:
        """The article made ready to parse, and its skim: unparsed docs of its text in pieces (one for most
        articles) with captions, credits, the dateline and, unless parse_all, the sentences skimming drops
        turned to spaces; a sentence starts where each dropped one began and ended, so none is parsed across
        them. The text is tokenized once: skimming and the parser see the same tokens.
        The dateline ("BEIJING, March 10 (Reuters) --") says where and when the story was filed: it names no
        actor, dates no event and is no part of the first sentence's grammar."""
        dateline = parse_dateline(article.text[:600], article.excluded)
        tokens = self.unparsed(blank(article.text, list(article.excluded) + ([dateline.span] if dateline else [])))
        skimmed = skim(tokens, self.nlp, self.resolver)
        skipped = [] if self.parse_all else skimmed.skipped()
        out, offset = [], 0
        for doc in tokens:
            out.append(_without(doc, offset, skipped))
            offset += len(doc.text)
        return out, skimmed

    def unparsed(self, text: str) -> list:
        """Tokenized pieces of `text` (see `pieces`)."""
        return [self.nlp.make_doc(piece) for piece in pieces(text, PARSE_CHARS)]

    def parse(self, unparsed: list):
        """One parsed doc of the pieces `unparsed` gave, with the text's character offsets."""
        docs = list(self.nlp.pipe(unparsed, batch_size=1))
        if len(docs) == 1:
            return docs[0]
        from spacy.tokens import Doc
        return Doc.from_docs(docs, ensure_whitespace=False)

    # -- stages ----------------------------------------------------------------------------------
    def _code_batch(self, batch: list[Article]):
        prepared = []
        for article in batch:
            try:
                prepared.append(self.prepare(article))
            except Exception:  # code_article tries again and records the reason
                prepared.append(None)
        whole = [p[0][0] for p in prepared if p is not None and len(p[0]) == 1]
        docs = self.nlp.pipe(whole, batch_size=len(batch) or 1)
        for article, p in zip(batch, prepared):  # long texts are parsed alone, piece by piece, by code_article
            parsed = (next(docs), p[1]) if p is not None and len(p[0]) == 1 else None
            yield article, self.code_article(article, parsed)

    def _code(self, article: Article, doc, skimmed: Skim) -> list[Event]:
        mentions = self.resolver(doc, article.date, skimmed.index_of)
        if article.date is None and self._infer_publication_date(article, doc, mentions):
            mentions = self.resolver(doc, article.date, skimmed.index_of)
        places = self.places.places(doc, mentions)
        mentions = self.places.qualify(doc, mentions, places)

        def place_of(trigger):
            p = self.places.stated_place(trigger, places)
            return (p.entry.country, p.text, p.span) if p is not None and p.entry.country else None

        dateline = parse_dateline(article.text[:600], article.excluded)
        where = self.places.named(dateline.place if dateline else None, places)
        candidates = self._classify(extract_events(doc, mentions, self.lexicon, place_of,
                                                   home=where.country if where is not None else None))
        if self.classifier is not None:
            candidates = sorted(candidates + propose(doc, mentions, candidates, self.classifier, self.lexicon),
                                key=lambda c: c.trigger.i)
        for c in candidates:  # numbered among all the article's sentences, parsed or not
            c.sentence_index = skimmed.index_of(c.sentence.start_char)
            c.cameo, c.modality = recorded_code(c)
        events = self._records(article, candidates, lambda c: self.places.locate(c, places, where))
        self._check_captions(article, events)
        return events

    def _classify(self, candidates: list[Candidate]) -> list[Candidate]:
        """The learned classifier's word on each rule candidate: keep, recode or drop (classifier.combine)."""
        if self.classifier is None or not candidates:
            return candidates
        from tacitus.events.classifier import combine
        # A pair read off one group mention ("the two presidents agreed") has no two spans to mark; and the model,
        # which reads "troops came under fire from Peru" as the troops' act, does not judge what is undergone.
        scored = [c for c in candidates if c.source[0].span and c.target[0].span
                  and c.source[0].span != c.target[0].span and not undergone(c.trigger)]
        items = [(c.sentence.text, _relative(c.source[0].span, c.sentence), _relative(c.target[0].span, c.sentence))
                 for c in scored]
        kept = [c for c in candidates if c not in scored]
        roots: dict[int, dict[int, str]] = {}  # sentence -> trigger -> the rules' root
        for c in candidates:
            roots.setdefault(c.sentence_index, {})[c.trigger.i] = c.cameo[:2]
        for c, prediction in zip(scored, self.classifier.predict(items)):
            # A gerund after a preposition ("said after meeting Rasmussen") is not what the model reads the
            # sentence as saying, nor is a verb of meeting, which the model reads by what was met about ("had met
            # Turkey's foreign minister to clarify": no refusal): it may drop the event but not recode it.
            firm = c.entry.curated_phrase or c.trigger.dep_ == "pcomp" or (
                c.entry.pos == "VERB" and c.entry.lemma in MEETING_VERBS) or agreement_reached(c) or people_seized(c) \
                or charged(c)
            cameo, confidence = combine(c.cameo, prediction, firm=firm)
            if cameo is not None:
                others = {root for i, root in roots[c.sentence_index].items() if i != c.trigger.i}
                c.cameo, c.confidence = _overruled(c, cameo, confidence, others)
                # Recoded to a matter at home ("warned that Turkish troops intended to advance" read as intent)
                if not to_its_own_country(c.cameo, c.source, c.target):
                    kept.append(c)
        return sorted(kept, key=lambda c: c.trigger.i)

    def _infer_publication_date(self, article: Article, doc, mentions) -> bool:
        """A dateline with day and month but no year: the year whose calendar and office-holders fit."""
        dateline = parse_dateline(article.text[:600])
        if dateline is None or not dateline.month or not dateline.day:
            return False
        terms = self.resolver.person_terms(mentions)

        def holders(year: int) -> int:  # how many of the office-holders mentioned held an office that day
            try:
                day = dt.date(year, dateline.month, dateline.day).isoformat()
            except ValueError:  # 29 February
                return -1
            return sum(any(start <= day and (end is None or day < end) for start, end in person)
                       for person in terms)

        fit = {y: holders(y) for y in YEARS_WITHOUT_ACTORS}
        years = [y for y, n in fit.items() if n == max(fit.values())]
        # The lead's weekday: the dateline may stand as a "sentence" of its own, so read two.
        lead = " ".join([s.text for s in doc.sents if s.text.strip()][:2])
        weekday = when.weekday_in(lead)
        year = when.infer_year(dateline.month, dateline.day, weekday, years)
        if year is None and weekday is not None:  # the lead's day may be the day before publication
            year = when.infer_year(dateline.month, dateline.day, (weekday + 1) % 7, years)
        if year is None:
            return False
        article.date = dt.date(year, dateline.month, dateline.day).isoformat()
        article.date_basis = "inferred"
        article.warnings.append(Warning(
            "date_inferred", f"publication year {year} inferred from the dateline's day, the weekday named in "
            "the lead and the terms of the office-holders mentioned"))
        return True

    def _records(self, article: Article, candidates: list[Candidate], locate=lambda c: None) -> list[Event]:
        publication = dt.date.fromisoformat(article.date) if article.date else None
        events: list[Event] = []
        # "a day after", "two days later" count from the last event dated in an earlier sentence.
        anchor: dt.date | None = None
        latest: tuple[int, dt.date] | None = None
        for c in candidates:
            if latest and latest[0] < c.sentence_index:
                anchor = latest[1]
            sentence_text = c.sentence.text.rstrip()  # skipped sentences leave trailing spaces
            resolved = when.resolve_date(sentence_text, c.trigger.idx - c.sentence.start_char, publication,
                                         future=c.modality == "future", anchor=anchor)
            span = (c.trigger.idx, c.trigger.idx + len(c.trigger.text))
            events.append(Event(
                id=event_id(article.id, span, c.cameo, c.source, c.target),
                article_id=article.id,
                sentence=Sentence(c.sentence_index, sentence_text),
                trigger=Trigger(c.trigger.text, span),
                event=self.ontology.event_type(c.cameo),
                source=c.source, target=c.target,
                date=resolved.date, date_text=resolved.text, date_precision=resolved.precision,
                date_basis=resolved.basis, modality=c.modality, reported_by=c.reported_by,
                location=locate(c), confidence=c.confidence))
            if resolved.date and resolved.precision == "day":
                latest = (c.sentence_index, dt.date.fromisoformat(resolved.date))
        return events

    def _check_captions(self, article: Article, events: list[Event]) -> None:
        """A caption that dates an event of the story differently from the body gets a warning naming both."""
        if not events:
            return
        publication = dt.date.fromisoformat(article.date) if article.date else None
        for start, end in captions(article):
            doc = self.parse(self.unparsed(article.text[start:end]))
            for c in self._classify(extract_events(doc, self.resolver(doc, article.date), self.lexicon)):
                caption_date = when.resolve_date(c.sentence.text, c.trigger.idx - c.sentence.start_char, publication)
                if caption_date.basis == "publication" or not caption_date.date:
                    continue
                dyad = _dyad(c.source, c.target)
                same = [e for e in events if _dyad(e.source, e.target) == dyad
                        and e.event.plover == self.ontology.event_type(c.cameo).plover]
                if same and all(e.date != caption_date.date for e in same):
                    body = same[0]
                    if any(w.kind == "date_conflict" for w in article.warnings):
                        break  # one warning per caption says it
                    article.warnings.append(Warning(
                        "date_conflict",
                        f'the caption dates "{c.trigger.text}" {caption_date.text!s} ({caption_date.date}) but the '
                        f'story dates it {body.date_text or "by publication"} ({body.date}); the story\'s date is kept',
                        (start + c.trigger.idx, start + c.trigger.idx + len(c.trigger.text))))


def _relative(span, sentence) -> tuple[int, int]:
    return span[0] - sentence.start_char, span[1] - sentence.start_char


def _dyad(source, target) -> frozenset:
    return frozenset({a.country or a.code for a in source} | {a.country or a.code for a in target})


_worker_coder: Coder | None = None


def _init_worker(extra_actors: tuple = (), learned: bool = True, parse_all: bool = False):
    global _worker_coder
    # One thread per worker: the workers are as many as the cores they share.
    coder = Coder(classifier="default" if learned else None, parse_all=parse_all, threads=1)
    _worker_coder = coder.with_actors(extra_actors) if extra_actors else coder


def _code_in_worker(articles: list[Article]) -> list[tuple[Article, list[Event]]]:
    return list(_worker_coder.code_articles(articles))
