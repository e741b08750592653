"""Sentiment: a rule-based lexicon scorer and the linear polarity models built on it.

The scorer follows VADER (Hutto & Gilbert, 2014): word valences, shifted by intensifiers and
emphasis (capitals, stretched letters, exclamation marks), flipped and damped by a negator
up to three words before, and with what follows a "but" weighing more. It scores any span,
so it serves both whole posts and the clause around each brand mention (aspects).

For languages with labelled data (English, Italian) a linear model over word n-grams and the
scorer's features decides the post-level label; elsewhere the scorer decides alone.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.model.nodes import Sentiment
from ingestion.enrichment.resources import DATA_DIR, LanguageRules, Lexicon, emoji_valence

# VADER's empirically derived constants.
BOOST = 0.293
SHOUT = 0.733
NEGATION_SCALAR = -0.74
EXCLAMATION = 0.292
_ALPHA = 15.0
# |compound| below this is neutral, as in VADER.
NEUTRAL_BAND = 0.05
# The least negative score of a price or quality complaint.
GRIEVANCE = 0.5
# Tokens that end a clause, and those that end a sentence.
CLAUSE_END = frozenset({".", "!", "?", ";", ",", ":", "…", "\n"})
SENTENCE_END = frozenset({".", "!", "?", ";", "…", "\n"})
# Posts with at most this many content words are judged by the lexicon scorer alone.
SHORT_POST_WORDS = 4

_URL = re.compile(r"^(https?://|www\.)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Word:
    """A token as the scorer sees it."""

    norm: str
    """Folded text (lower case, no accents)."""
    emphasis: bool = False
    """Shouted in capitals or with stretched letters."""
    text: str = ""
    """As written."""
    content: bool = False
    """Alphabetic and not a stop word: may be part of a keyphrase."""


@dataclass(frozen=True, slots=True)
class LexiconScore:
    """What the lexicon scorer found in a span of words."""

    positive: float = 0.0
    negative: float = 0.0
    """Sum of negative valences, as a positive number."""
    positive_hits: int = 0
    negative_hits: int = 0
    exclamations: int = 0
    questions: int = 0

    @property
    def compound(self) -> float:
        """Net valence squashed into -1…1, VADER's normalisation."""
        total = self.positive - self.negative
        if total:
            total += math.copysign(EXCLAMATION * min(self.exclamations, 4), total)
        return total / math.sqrt(total * total + _ALPHA)

    @property
    def has_evidence(self) -> bool:
        return bool(self.positive_hits or self.negative_hits)

    @property
    def label(self) -> Sentiment:
        return label_for(self.compound)


def label_for(score: float, band: float = NEUTRAL_BAND) -> Sentiment:
    """The label of a score in -1…1: neutral within ``band`` of zero.

    >>> label_for(0.3).value, label_for(0.3, band=0.5).value
    ('positive', 'neutral')
    """
    if score >= band:
        return Sentiment.POSITIVE
    if score <= -band:
        return Sentiment.NEGATIVE
    return Sentiment.NEUTRAL


def _shifted(words: Sequence[Word], index: int, value: float, rules: LanguageRules) -> float:
    """A lexicon word's valence ``value`` as its context shifts it."""
    # Intensifiers and negators reach back three words, but not across punctuation:
    # in "senza storie. Bravi!" the "senza" does not negate "bravi".
    start = max(index - 3, 0)
    for back in range(index - 1, start - 1, -1):
        if _is_boundary(words[back].norm):
            start = back + 1
            break
    shift = 0.0
    for distance, back in enumerate(range(index - 1, start - 1, -1)):
        previous = words[back].norm
        damping = (1.0, 0.95, 0.9)[distance]
        if previous in rules.boosters:
            shift += BOOST * damping
        elif previous in rules.dampeners:
            shift -= BOOST * damping
    if words[index].emphasis:
        shift += SHOUT
    value += math.copysign(shift, value) if abs(shift) < abs(value) or shift > 0 else -value
    if any(words[back].norm in rules.negators for back in range(start, index)):
        value *= NEGATION_SCALAR
    return value


def _is_boundary(norm: str) -> bool:
    """Punctuation that ends a clause ("!!" and "..." too; emoji and symbols do not)."""
    return bool(norm) and all(ch in CLAUSE_END for ch in norm)


def score_words(words: Sequence[Word], rules: LanguageRules, lexicon: Lexicon) -> LexiconScore:
    """Score a span of words.

    Examples
    --------
    >>> from ingestion.enrichment.resources import language_rules, sentiment_lexicon
    >>> rules, lexicon = language_rules()["it"], sentiment_lexicon("it")
    >>> score = lambda text: score_words([Word(w) for w in text.split()], rules, lexicon)
    >>> score("il prodotto è ottimo").label, score("non è male").label
    (<Sentiment.POSITIVE: 'positive'>, <Sentiment.POSITIVE: 'positive'>)
    >>> score("bello ma carissimo e lento").label
    <Sentiment.NEGATIVE: 'negative'>
    >>> score("reso senza storie . bravi !").label  # a negator stops at the full stop
    <Sentiment.POSITIVE: 'positive'>
    """
    pivot = max((i for i, word in enumerate(words) if word.norm in rules.contrast), default=-1)
    positive = negative = 0.0
    positive_hits = negative_hits = exclamations = questions = 0
    for index, word in enumerate(words):
        norm = word.norm
        if norm == "!":
            exclamations += 1
            continue
        if norm == "?":
            questions += 1
            continue
        value = lexicon.valence(norm)
        # Emoji speak for themselves: intensifiers and negators before them do not apply.
        value = _shifted(words, index, value, rules) if value else emoji_valence(norm)[0]
        if not value:  # no sentiment word, or one a dampener cancelled
            continue
        if pivot >= 0:
            value *= 0.5 if index < pivot else 1.5
        if value > 0:
            positive += value
            positive_hits += 1
        else:
            negative -= value
            negative_hits += 1
    return LexiconScore(positive, negative, positive_hits, negative_hits, exclamations, questions)


@functools.lru_cache(maxsize=65_536)
def is_noise(norm: str) -> bool:
    """Punctuation and symbols that carry no sentiment (``!``, ``?`` and emoji do)."""
    return (
        not any(ch.isalnum() for ch in norm)
        and norm not in {"!", "?"}
        and not emoji_valence(norm)[1]
    )


def model_tokens(words: Sequence[Word], rules: LanguageRules) -> list[str]:
    """Tokens for the n-gram features: placeholders for handles, links and numbers, and
    ``not_`` marking up to three words after a negator (until punctuation or a "but")."""
    tokens: list[str] = []
    negated = 0
    for word in words:
        norm = word.norm
        if norm.startswith("@") and len(norm) > 1:
            norm = "@user"
        elif _URL.match(norm):
            norm = "http"
        elif norm.isdigit():
            norm = "0"
        elif is_noise(norm):
            negated = 0
            continue
        if norm in rules.contrast or norm in {"!", "?"}:
            negated = 0
        elif negated:
            norm = "not_" + norm
            negated -= 1
        if word.norm in rules.negators:
            negated = 3
        tokens.append(norm)
    return tokens


def ngram_features(tokens: Sequence[str]) -> list[str]:
    """Unigrams and bigrams.

    >>> ngram_features(["non", "not_male", "!"])
    ['non', 'not_male', '!', 'non not_male', 'not_male !']
    """
    return [*tokens, *(f"{a} {b}" for a, b in itertools.pairwise(tokens))]


def dense_features(score: LexiconScore) -> list[float]:
    """The scorer's findings as model inputs (all roughly within 0…1)."""
    return [
        score.compound,
        score.positive / 10.0,
        score.negative / 10.0,
        score.positive_hits / 3.0,
        score.negative_hits / 3.0,
        float(score.exclamations > 0),
        float(score.questions > 0),
    ]


@dataclass(frozen=True, slots=True)
class Polarity:
    """A post-level verdict: the label and a score in -1…1 (negative to positive)."""

    label: Sentiment
    score: float


class PolarityModel:
    """Multinomial logistic regression over TF-IDF n-grams and the scorer's features.

    Trained by `ingestion.enrichment.training` and stored as JSON in ``data/models``: the
    vocabulary with each n-gram's IDF and per-class weights, the dense weights, the bias.
    A three-class model labels a post with its most probable class. A two-class model (no
    neutral examples to learn from) labels it neutral when the lexicon found no sentiment
    word or emoji in it, or when its score P(positive) - P(negative) lies within
    ``neutral_band``, calibrated on validation data by `training`; it keeps its score.
    """

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.language = str(spec["language"])
        self.classes = tuple(Sentiment(c) for c in spec["classes"])
        self.dense_scale = float(spec["dense_scale"])
        self.bias = [float(b) for b in spec["bias"]]
        self.dense = [[float(w) for w in row] for row in spec["dense"]]
        self.vocabulary: dict[str, list[float]] = dict(spec["vocabulary"])
        self.neutral_band = float(spec.get("neutral_band", 0.0))

    @classmethod
    def load(cls, path: Path) -> PolarityModel:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def probabilities(self, features: Sequence[str], dense: Sequence[float]) -> list[float]:
        logits = list(self.bias)
        vocabulary, classes = self.vocabulary, range(len(logits))
        weights: list[tuple[float, list[float]]] = []
        norm = 0.0
        for feature, count in Counter(features).items():
            entry = vocabulary.get(feature)
            if entry is None:
                continue
            # sublinear TF times IDF
            value = entry[0] if count == 1 else (1.0 + math.log(count)) * entry[0]
            weights.append((value, entry))
            norm += value * value
        inverse = 1.0 / (math.sqrt(norm) or 1.0)
        for value, entry in weights:
            value *= inverse
            for k in classes:
                logits[k] += value * entry[k + 1]
        for x, row in zip(dense, self.dense, strict=True):
            x *= self.dense_scale
            for k in classes:
                logits[k] += x * row[k]
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        return [v / total for v in exps]

    def predict(self, tokens: Sequence[str], score: LexiconScore) -> Polarity:
        probs = dict(
            zip(
                self.classes,
                self.probabilities(ngram_features(tokens), dense_features(score)),
                strict=True,
            )
        )
        value = probs.get(Sentiment.POSITIVE, 0.0) - probs.get(Sentiment.NEGATIVE, 0.0)
        if Sentiment.NEUTRAL in probs:
            label = max(probs, key=probs.__getitem__)
        elif score.has_evidence:
            label = label_for(value, self.neutral_band)
        else:  # never saw neutral text: no sentiment word, no verdict
            label = Sentiment.NEUTRAL
        return Polarity(label, round(value, 4))


def flip_praise(verdict: Polarity) -> Polarity:
    """Sarcasm: praise on the surface, the opposite meant ("grazie tante", "yeah right").

    >>> flip_praise(Polarity(Sentiment.POSITIVE, 0.8))
    Polarity(label=<Sentiment.NEGATIVE: 'negative'>, score=-0.8)
    """
    if verdict.label is Sentiment.POSITIVE:
        return Polarity(Sentiment.NEGATIVE, -abs(verdict.score))
    return verdict


def as_grievance(verdict: Polarity) -> Polarity:
    """A price or quality complaint ("prezzo troppo alto") is negative, however neutral or
    kind its words: at least `GRIEVANCE` below zero.

    >>> as_grievance(Polarity(Sentiment.NEUTRAL, 0.02))
    Polarity(label=<Sentiment.NEGATIVE: 'negative'>, score=-0.5)
    """
    return Polarity(Sentiment.NEGATIVE, min(-abs(verdict.score), -GRIEVANCE))


@functools.cache
def polarity_model(lang: str) -> PolarityModel | None:
    """The trained model of a language, if one ships with Osmosi."""
    path = DATA_DIR / "models" / f"{lang}.json"
    return PolarityModel.load(path) if path.exists() else None


def polarity(
    words: Sequence[Word], lang: str, rules: LanguageRules, lexicon: Lexicon
) -> tuple[Polarity, LexiconScore]:
    """The post-level sentiment of ``words`` in language ``lang``."""
    score = score_words(words, rules, lexicon)
    model = polarity_model(lang)
    content = sum(1 for word in words if word.content)
    # Rules read negation and intensity exactly; n-grams need more words than a short post
    # has ("non è male" is mostly "non" to a model trained on tweets).
    if model is None or (score.has_evidence and content <= SHORT_POST_WORDS):
        return Polarity(score.label, round(score.compound, 4)), score
    return model.predict(model_tokens(words, rules), score), score
