"""Language rules, sentiment lexicons and emoji valences, loaded once per process.

Sources (licences in ``data/LICENSES.md``): the English lexicon and the emoji names are
VADER's, read from the ``vaderSentiment`` package; the Italian and Romanian lexicons and the
language rules are this project's own files in ``data/``.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ingestion.enrichment.text import fold, variants

DATA_DIR = Path(__file__).parent / "data"
INTENTS = ("complaint", "praise", "purchase", "idea")
# Languages without rules of their own still get emoji sentiment and brand matching.
GENERIC = "xx"


@dataclass(frozen=True, slots=True)
class LanguageRules:
    """The words that steer scoring and intent in one language (all folded)."""

    negators: frozenset[str]
    boosters: frozenset[str]
    dampeners: frozenset[str]
    contrast: frozenset[str]
    question: tuple[str, ...]
    sarcasm: tuple[str, ...]
    grievance: tuple[str, ...]
    """Price and quality complaints: negative, and a complaint, whatever their words."""
    intent_cues: Mapping[str, tuple[str, ...]]


_WORD_LISTS = ("negators", "boosters", "dampeners", "contrast")


def _single_words(lang: str, key: str, words: list[str]) -> frozenset[str]:
    folded = frozenset(fold(word) for word in words)
    if any(" " in word for word in folded):
        raise ValueError(f"languages.toml [{lang}] {key}: single words only")
    return folded


@functools.cache
def language_rules() -> Mapping[str, LanguageRules]:
    """Rules per language code, from ``data/languages.toml``."""
    with (DATA_DIR / "languages.toml").open("rb") as file:
        raw = tomllib.load(file)
    rules = {}
    for lang, table in raw.items():
        intent = table.get("intent", {})
        unknown = set(intent) - set(INTENTS)
        if unknown:
            raise ValueError(f"languages.toml [{lang}.intent]: unknown intents {sorted(unknown)}")
        words = {key: _single_words(lang, key, table[key]) for key in _WORD_LISTS}
        rules[lang] = LanguageRules(
            **words,
            question=tuple(fold(w) for w in table["question"]),
            sarcasm=tuple(fold(w) for w in table.get("sarcasm", ())),
            grievance=tuple(fold(w) for w in table.get("grievance", ())),
            intent_cues={name: tuple(fold(c) for c in intent.get(name, ())) for name in INTENTS},
        )
    rules[GENERIC] = LanguageRules(
        frozenset(), frozenset(), frozenset(), frozenset(), (), (), (), dict.fromkeys(INTENTS, ())
    )
    return rules


def rules_key(lang: str) -> str:
    """The language whose rules apply: ``lang`` itself, or the generic rules."""
    return lang if lang in language_rules() else GENERIC


def rules_for(lang: str) -> LanguageRules:
    return language_rules()[rules_key(lang)]


class Lexicon:
    """Word valences on VADER's -4…+4 scale, with ``prefix*`` entries for inflections.

    >>> lexicon = Lexicon({"ottimo": 3.0}, {"pessim": -3.2})
    >>> lexicon.valence("pessima"), lexicon.valence("ottimoo"), lexicon.valence("caffe")
    (-3.2, 3.0, 0.0)
    """

    def __init__(self, words: Mapping[str, float], prefixes: Mapping[str, float]) -> None:
        self._words = dict(words)
        self._prefixes = dict(prefixes)
        self._longest_prefix = max(map(len, self._prefixes), default=0)

    @property
    def words(self) -> Mapping[str, float]:
        return self._words

    @property
    def prefixes(self) -> Mapping[str, float]:
        return self._prefixes

    @functools.lru_cache(maxsize=131_072)  # noqa: B019 - lexicons live as long as the process
    def valence(self, word: str) -> float:
        """Valence of a folded word, 0.0 when the lexicon does not know it."""
        for candidate in variants(word):
            value = self._words.get(candidate)
            if value is not None:
                return value
            for end in range(min(len(candidate), self._longest_prefix), 2, -1):
                value = self._prefixes.get(candidate[:end])
                if value is not None:
                    return value
        return 0.0


def read_lexicon(path: Path) -> Lexicon:
    """Read a ``term<TAB>valence`` file; duplicate or malformed lines are errors."""
    words: dict[str, float] = {}
    prefixes: dict[str, float] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            term, value = line.split("\t")
            valence = float(value)
        except ValueError as error:
            raise ValueError(f"{path.name}:{number}: expected term<TAB>valence") from error
        target = prefixes if term.endswith("*") else words
        key = fold(term.rstrip("*"))
        if key in target or not -4.0 <= valence <= 4.0:
            raise ValueError(f"{path.name}:{number}: duplicate term or valence out of range")
        target[key] = valence
    return Lexicon(words, prefixes)


def _vader_words() -> dict[str, float]:
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    words = {}
    for line in text.splitlines():
        term, valence, *_ = line.split("\t")
        words[fold(term)] = float(valence)
    return words


@functools.cache
def sentiment_lexicon(lang: str) -> Lexicon:
    """The sentiment lexicon of a language (empty for languages without one); English is
    VADER's, with this project's supplement taking precedence."""
    path = DATA_DIR / "sentiment" / f"{lang}.tsv"
    own = read_lexicon(path) if path.exists() else Lexicon({}, {})
    if lang == "en":
        return Lexicon({**_vader_words(), **own.words}, own.prefixes)
    return own


# Emoji whose VADER names carry no lexicon word, or mislead ("face with tears of joy" is
# mostly laughter, but "loudly crying face" is sadness).
_EMOJI_OVERRIDES = {
    "❤": 3.0,
    "♥": 3.0,
    "💕": 3.0,
    "💖": 3.0,
    "💗": 3.0,
    "💙": 2.6,
    "💚": 2.6,
    "💛": 2.6,
    "💜": 2.6,
    "🖤": 1.0,
    "🧡": 2.6,
    "😍": 3.2,
    "🥰": 3.2,
    "😘": 2.6,
    "👍": 2.2,
    "👏": 2.4,
    "🙌": 2.4,
    "💪": 2.0,
    "🔥": 1.6,
    "✨": 1.4,
    "🎉": 2.6,
    "🥳": 2.8,
    "😂": 1.4,
    "🤣": 1.6,
    "😊": 2.6,
    "😁": 2.4,
    "😀": 2.2,
    "😃": 2.2,
    "😄": 2.4,
    "🙂": 1.4,
    "😉": 1.4,
    "😎": 2.0,
    "🤩": 3.0,
    "💯": 2.2,
    "🙏": 1.4,
    "☕": 0.6,
    "😢": -2.4,
    "😭": -2.2,
    "😞": -2.4,
    "😔": -2.0,
    "😟": -2.0,
    "😠": -2.8,
    "😡": -3.2,
    "🤬": -3.4,
    "👎": -2.4,
    "💩": -2.8,
    "🤮": -3.2,
    "🤢": -2.6,
    "😤": -2.2,
    "😒": -2.0,
    "🙄": -1.8,
    "😩": -2.4,
    "😫": -2.4,
    "😱": -1.6,
    "😨": -2.2,
    "😰": -2.2,
    "💔": -2.8,
    "😑": -1.0,
    "😐": -0.6,
    "🤦": -2.0,
    "😕": -1.4,
    "☹": -2.4,
    "🙁": -1.8,
    "😪": -1.4,
    "🥺": -0.8,
}


@functools.cache
def emoji_valences() -> Mapping[str, float]:
    """Valence of emoji: overrides first, else the English lexicon over VADER's emoji names."""
    english = sentiment_lexicon("en")
    table = resources.files("vaderSentiment").joinpath("emoji_utf8_lexicon.txt")
    valences: dict[str, float] = {}
    for line in table.read_text("utf-8").splitlines():
        emoji, _, name = line.partition("\t")
        total = sum(english.valence(word) for word in fold(name).split())
        if total:
            valences[emoji] = max(-4.0, min(4.0, total))
    valences.update(_EMOJI_OVERRIDES)
    return valences


@functools.lru_cache(maxsize=65_536)
def emoji_valence(token: str) -> tuple[float, int]:
    """Summed valence and count of the valenced emoji in a token (variation selectors ignored)."""
    table = emoji_valences()
    total, count = 0.0, 0
    for char in token:
        value = table.get(char)
        if value is not None:
            total += value
            count += 1
    return total, count
