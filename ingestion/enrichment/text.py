"""Text normalisation shared by matching, scoring and the sentiment models.

Everything that compares words compares *folded* words: lower case, accents removed,
letters repeated three or more times cut to two ("bellooo" → "belloo"; lexicon look-ups
also try a single final letter and single vowels), curly apostrophes made straight.
"""

from __future__ import annotations

import functools
import re

from graph.model.keys import casefold_unaccented

_REPEATS = re.compile(r"(\w)\1{2,}")
_CAMEL = re.compile(
    r"(?:(?<=[a-zà-ÿ]{2})|(?<=[0-9]))(?=[A-ZÀ-Þ])"  # caffèAurora, 2024Tour
    r"|(?<=[A-ZÀ-Þ]{2})(?=[A-ZÀ-Þ][a-zà-ÿ])"  # NASAMission
)
_TRAILING_REPEAT = re.compile(r"(\w)\1+$")
# Doubled consonants are ordinary spelling ("latte", "rapper", "oddio"); doubled vowels
# inside a word are mostly stretching ("loove", "yaay").
_VOWEL_REPEAT = re.compile(r"([aeiouy])\1+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


@functools.lru_cache(maxsize=262_144)
def fold(word: str) -> str:
    """Fold a word or phrase for comparison.

    >>> fold("Perché")
    'perche'
    >>> fold("BELLOOOO")
    'belloo'
    >>> fold("Servizio  Clienti")
    'servizio clienti'
    """
    return _REPEATS.sub(r"\1\1", casefold_unaccented(word.translate(_APOSTROPHES)))


def variants(word: str) -> tuple[str, ...]:
    """Spellings to look a folded word up by: as written, with a stretched ending cut, and
    with doubled vowels single (social-media spelling such as "bellooo", "loove"). Doubled
    consonants stay ("latte" is not "late"), and nothing is cut to a single letter ("ll" of
    "I'll" is not "l").

    >>> variants("ottimoo")
    ('ottimoo', 'ottimo')
    >>> variants("latte"), variants("ll")
    (('latte',), ('ll',))
    >>> variants("loove")
    ('loove', 'love')
    """
    trimmed = _TRAILING_REPEAT.sub(r"\1", word)
    single = _VOWEL_REPEAT.sub(r"\1", trimmed)
    return tuple(v for v in dict.fromkeys((word, trimmed, single)) if len(v) > 1)


def is_elongated(word: str) -> bool:
    """Whether a word stretches a letter for emphasis ("siiii", "soooo").

    >>> is_elongated("siiii"), is_elongated("caffè")
    (True, False)
    """
    return _REPEATS.search(word) is not None


def split_camel_case(tag: str) -> str:
    """Split a camel-case hashtag into words, for display and for matching.

    >>> split_camel_case("ServizioClienti")
    'Servizio Clienti'
    >>> split_camel_case("iPhone15Pro")
    'iPhone15 Pro'
    >>> split_camel_case("NASAMission")
    'NASA Mission'
    >>> split_camel_case("caffè")
    'caffè'
    """
    return " ".join(part for part in _CAMEL.split(tag.replace("_", " ")) if part)
