"""spaCy pipeline components of the enrichment, registered as factories.

`build_pipeline` assembles, on a blank spaCy language (tokenizer and stop words only: no
model to download), the components in order:

``osmosi_normaliser``
    folds every token into ``token.norm_`` and starts the doc's `Reading` (see `reading`)
    with the words for the scorers.
``osmosi_brand_matcher``
    a `PhraseMatcher` on ``NORM`` with every alias of the brand lexicon → ``mentions``.
``osmosi_sentiment``
    post-level polarity (``polarity``) and the sentiment toward each mention (``aspects``).
``osmosi_intent``
    ``intent``.
``osmosi_keyphrases``
    ``keyphrases``.

The components share one `Reading` per doc, kept in ``doc.user_data``, rather than an
extension attribute each: every ``doc._`` access builds an accessor object, which cost a
seventh of the analysis time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans
from spacy.vocab import Vocab

from graph.model.nodes import BRAND_KEY, Aspect, AspectTarget, Intent, Sentiment
from ingestion.enrichment.brand import DEFAULT_LEXICON, Target, load_lexicon
from ingestion.enrichment.intent import classify_intent, has_cue, has_grievance
from ingestion.enrichment.keyphrases import keyphrases, verb_like
from ingestion.enrichment.resources import (
    GENERIC,
    rules_for,
    sentiment_lexicon,
)
from ingestion.enrichment.sentiment import (
    CLAUSE_END,
    SENTENCE_END,
    Polarity,
    Word,
    as_grievance,
    flip_praise,
    label_for,
    polarity,
    score_words,
)
from ingestion.enrichment.text import fold, is_elongated

BRAND = "brand"

READING = "osmosi.reading"


def alias_forms(alias: str) -> list[str]:
    """An alias as written and, for several words, run together as in a hashtag.

    >>> alias_forms("Servizio clienti")
    ['Servizio clienti', 'Servizioclienti']
    """
    joined = re.sub(r"[\s_'\u2019-]+", "", alias)
    return [alias, joined] if joined != alias else [alias]


@dataclass(frozen=True, slots=True)
class Mention:
    """A brand, touchpoint or product named in a post, as a token span."""

    target: Target
    """The brand itself has kind `AspectTarget.BRAND`."""

    @property
    def is_brand(self) -> bool:
        return self.target.kind is AspectTarget.BRAND

    start: int
    end: int


@dataclass(slots=True)
class Reading:
    """What the components find in one doc, filled in pipeline order."""

    words: list[Word]
    """One per token, folded (see `Normaliser`)."""
    norms: list[str]
    """The words' folded text."""
    padded: str
    """The folded text, space-joined and space-padded, for cue phrases."""
    hashtags: set[int]
    """Indices of the words that follow a ``#``."""
    mentions: list[Mention] = field(default_factory=list)
    polarity: Polarity = field(default_factory=lambda: Polarity(Sentiment.NEUTRAL, 0.0))
    aspects: list[Aspect] = field(default_factory=list)
    intent: Intent = Intent.OTHER
    keyphrases: list[str] = field(default_factory=list)


def reading(doc: Doc) -> Reading:
    """The doc's `Reading` (set by the normaliser, the first component)."""
    found: Reading = doc.user_data[READING]
    return found


@Language.factory("osmosi_normaliser")
def make_normaliser(nlp: Language, name: str) -> Normaliser:
    return Normaliser(nlp.vocab)


class Normaliser:
    """Folds words once per vocabulary entry: the folded form becomes the lexeme's norm
    (what the `PhraseMatcher` compares), and the `Word` for the scorers is cached."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        # orth -> (the word in a post with lower case, the word in an all-caps post, whether
        # the word has lower-case letters)
        self._entries: dict[int, tuple[Word, Word, bool]] = {}

    def _entry(self, orth: int) -> tuple[Word, Word, bool]:
        lexeme = self.vocab[orth]
        text = lexeme.orth_
        norm = fold(text)
        lexeme.norm_ = norm
        content = lexeme.is_alpha and not lexeme.is_stop
        stretched = lexeme.is_alpha and is_elongated(text.lower())
        shouted = lexeme.is_upper and len(text) > 1
        entry = (
            Word(norm, shouted or stretched, text, content),
            Word(norm, stretched, text, content),
            text != text.upper(),
        )
        self._entries[orth] = entry
        return entry

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array(["ORTH", "SPACY"]).tolist() if len(doc) else []
        entries = [self._entries.get(orth) or self._entry(orth) for orth, _ in rows]
        # An all-caps post shouts nothing in particular.
        variant = 0 if any(entry[2] for entry in entries) else 1
        words: list[Word] = [entry[variant] for entry in entries]  # type: ignore[misc]
        hashtags: set[int] = set()
        for index in range(1, len(rows)):
            if words[index - 1].text == "#" and not rows[index - 1][1]:
                hashtags.add(index)
        norms = [word.norm for word in words]
        doc.user_data[READING] = Reading(words, norms, f" {' '.join(norms)} ", hashtags)
        return doc


@Language.factory("osmosi_brand_matcher", default_config={"lexicon_path": ""})
def make_brand_matcher(nlp: Language, name: str, lexicon_path: str) -> BrandMatcher:
    return BrandMatcher(nlp, Path(lexicon_path) if lexicon_path else DEFAULT_LEXICON)


class BrandMatcher:
    def __init__(self, nlp: Language, lexicon_path: Path) -> None:
        lexicon = load_lexicon(lexicon_path)
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        brand = Target(AspectTarget.BRAND, BRAND_KEY, lexicon.name, lexicon.aliases)
        self.targets: dict[str, Target] = {BRAND: brand}
        normalise = Normaliser(nlp.vocab)
        groups: list[tuple[str, Target, tuple[str, ...]]] = [
            (BRAND, brand, lexicon.aliases),
            *((f"{t.kind.value}:{t.key}", t, t.aliases) for t in lexicon.targets),
        ]
        for match_id, target, aliases in groups:
            self.targets[match_id] = target
            forms = [form for alias in aliases for form in alias_forms(alias)]
            self.matcher.add(match_id, [normalise(nlp.make_doc(form)) for form in forms])

    def __call__(self, doc: Doc) -> Doc:
        spans = filter_spans(self.matcher(doc, as_spans=True))  # longest alias wins
        reading(doc).mentions = [
            Mention(self.targets[span.label_], span.start, span.end) for span in spans
        ]
        return doc


def opinion_words(doc: Doc) -> list[Word]:
    """The doc's words with brand, touchpoint and product names blanked: names are no
    opinion ("support" is positive in VADER's lexicon), the words around them are."""
    found = reading(doc)
    words = list(found.words)
    for mention in found.mentions:
        for index in range(mention.start, mention.end):
            words[index] = Word("")
    return words


@Language.factory("osmosi_sentiment")
def make_sentiment(nlp: Language, name: str) -> SentimentScorer:
    return SentimentScorer(nlp.lang or GENERIC)


class SentimentScorer:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.rules = rules_for(lang)
        self.lexicon = sentiment_lexicon(lang)

    def _clause(self, words: list[Word], start: int, end: int, ends: frozenset[str]) -> list[Word]:
        """The words around ``start:end`` up to the nearest boundary each side."""
        stops = ends | self.rules.contrast
        left, right = start, end
        while left > 0 and words[left - 1].norm not in stops:
            left -= 1
        while right < len(words) and words[right].norm not in stops:
            right += 1
        return words[left:right]

    def aspect(self, words: list[Word], mention: Mention, post: Polarity, uniform: bool) -> Aspect:
        """Sentiment toward one mention: its clause's, else its sentence's, else the post's
        when the post draws no contrast ("ma", "but") between the things it names."""
        target = mention.target
        for ends in (CLAUSE_END, SENTENCE_END):
            span = self._clause(words, mention.start, mention.end, ends)
            score = score_words(span, self.rules, self.lexicon)
            if score.has_evidence:
                compound = round(score.compound, 4)
                return Aspect(target.kind, target.key, label_for(compound), compound)
        if uniform:
            return Aspect(target.kind, target.key, post.label, post.score)
        return Aspect(target.kind, target.key, Sentiment.NEUTRAL, 0.0)

    def __call__(self, doc: Doc) -> Doc:
        found = reading(doc)
        words = opinion_words(doc)
        post, _ = polarity(words, self.lang, self.rules, self.lexicon)
        sarcastic = has_cue(found.padded, self.rules.sarcasm)
        if sarcastic:
            post = flip_praise(post)
        if has_grievance(found.norms, self.rules):
            post = as_grievance(post)
        found.polarity = post
        uniform = not any(word.norm in self.rules.contrast for word in words)
        aspects: dict[tuple[str, str], Aspect] = {}
        for mention in found.mentions:
            aspect = self.aspect(words, mention, post, uniform)
            if sarcastic and aspect.sentiment is Sentiment.POSITIVE:
                aspect = Aspect(aspect.target, aspect.key, Sentiment.NEGATIVE, -aspect.score)
            key = (aspect.target.value, aspect.key)
            known = aspects.get(key)
            # A target named twice keeps its strongest opinion.
            if known is None or abs(aspect.score) > abs(known.score):
                aspects[key] = aspect
        found.aspects = list(aspects.values())
        return doc


@Language.factory("osmosi_intent")
def make_intent(nlp: Language, name: str) -> IntentClassifier:
    return IntentClassifier(nlp.lang or GENERIC)


class IntentClassifier:
    def __init__(self, lang: str) -> None:
        self.rules = rules_for(lang)

    def __call__(self, doc: Doc) -> Doc:
        found = reading(doc)
        found.intent = classify_intent(
            found.norms,
            self.rules,
            found.polarity.label,
            found.aspects,
            any(m.is_brand for m in found.mentions),
        )
        return doc


@Language.factory("osmosi_keyphrases", default_config={"limit": 3})
def make_keyphrases(nlp: Language, name: str, limit: int) -> KeyphraseExtractor:
    return KeyphraseExtractor(nlp.lang or GENERIC, limit)


class KeyphraseExtractor:
    def __init__(self, lang: str, limit: int) -> None:
        rules = rules_for(lang)
        self.lexicon = sentiment_lexicon(lang)
        self.excluded = rules.negators | rules.boosters | rules.dampeners | rules.contrast
        self.limit = limit
        self.is_verb = verb_like(lang)

    def __call__(self, doc: Doc) -> Doc:
        found = reading(doc)
        words = found.words
        # Hashtags are topics already; names of the brand's things are aspects.
        taken = found.hashtags | {i for m in found.mentions for i in range(m.start, m.end)}

        def is_content(i: int) -> bool:
            word = words[i]
            return (
                word.content
                and i not in taken
                and word.norm not in self.excluded
                and not self.lexicon.valence(word.norm)
            )

        pairs = [(word.text, word.norm) for word in words]
        found.keyphrases = keyphrases(pairs, is_content, self.limit, self.is_verb)
        return doc


def build_pipeline(lang: str, lexicon_path: Path | None = None) -> Language:
    """A blank pipeline for ``lang`` (``xx`` when spaCy has no such language) with the
    Osmosi components."""
    try:
        nlp = spacy.blank(lang)
    except ImportError:
        nlp = spacy.blank(GENERIC)
    nlp.add_pipe("osmosi_normaliser")
    nlp.add_pipe(
        "osmosi_brand_matcher", config={"lexicon_path": str(lexicon_path or DEFAULT_LEXICON)}
    )
    nlp.add_pipe("osmosi_sentiment")
    nlp.add_pipe("osmosi_intent")
    nlp.add_pipe("osmosi_keyphrases")
    return nlp
