"""Keyphrases of short posts: runs of content words, favouring names and multi-word terms.

Posts are too short for corpus statistics (TF-IDF, YAKE's windows) to say much; what
carries a post's subject is its noun-like runs between stop words, punctuation and opinion
words ("la nuova *miscela espresso* è ottima" → "miscela espresso"). Without a tagger,
a run whose every word has a verb's ending ("tried contacting", "provato chiamare") is an
action, not a subject, and is left out (`VERB_ENDINGS`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

MIN_LENGTH = 3
MAX_WORDS = 3
# Endings of inflected verbs (past, participle, gerund, infinitive) that few nouns share.
VERB_ENDINGS: dict[str, tuple[str, ...]] = {
    "en": ("ed", "ing"),
    "it": ("are", "ere", "ire", "ato", "ito", "uto", "ando", "endo"),
}


def verb_like(lang: str) -> Callable[[str], bool]:
    """Whether a folded word has the ending of an inflected verb in ``lang``.

    >>> [verb_like("en")(w) for w in ("tried", "contacting", "support")]
    [True, True, False]
    """
    endings = VERB_ENDINGS.get(lang, ())
    return lambda norm: norm.endswith(endings) if endings else False


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    """The words as written."""
    norm: str
    """The folded words, the topic's key material."""
    capitalised: bool


def keyphrases(
    words: Sequence[tuple[str, str]],
    is_content: Callable[[int], bool],
    limit: int = 3,
    is_verb: Callable[[str], bool] | None = None,
) -> list[str]:
    """The best ``limit`` keyphrases among runs of content words.

    ``words`` are (text, folded) pairs; ``is_content(i)`` says whether word ``i`` may be
    part of a phrase (not a stop word, an opinion word, a number or punctuation);
    ``is_verb`` whether a folded word looks like an inflected verb.

    >>> words = [(w, w.lower()) for w in "la nuova miscela espresso è ottima".split()]
    >>> content = {1, 2, 3}
    >>> keyphrases(words, content.__contains__)
    ['nuova miscela espresso']
    >>> words = [(w, w.lower()) for w in "I tried contacting them about roasted beans".split()]
    >>> keyphrases(words, {1, 2, 5, 6}.__contains__, is_verb=verb_like("en"))
    ['roasted beans']
    """
    candidates: list[Candidate] = []
    run: list[int] = []
    for index in [*range(len(words)), -1]:
        if index >= 0 and is_content(index) and len(words[index][1]) >= MIN_LENGTH:
            run.append(index)
            continue
        if run:
            # Long runs keep their last words: in both Italian and English the head noun of
            # a phrase sits at one end, and the end carries the specific modifier.
            chosen = run[-MAX_WORDS:]
            if is_verb is not None and all(is_verb(words[i][1]) for i in chosen):
                run = []
                continue
            candidates.append(
                Candidate(
                    " ".join(words[i][0] for i in chosen),
                    " ".join(words[i][1] for i in chosen),
                    any(words[i][0][:1].isupper() for i in chosen if i > 0),
                )
            )
            run = []
    ranked = sorted(
        candidates,
        key=lambda c: (len(c.norm.split()) > 1 or c.capitalised, len(c.norm)),
        reverse=True,
    )
    phrases: dict[str, str] = {}
    for candidate in ranked:
        if len(phrases) == limit:
            break
        if len(candidate.norm.split()) == 1 and not candidate.capitalised:
            continue  # a lone common word says little about the subject
        phrases.setdefault(candidate.norm, candidate.text)
    return list(phrases.values())
