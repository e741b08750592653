"""Intent of a post, for routing: complaint, purchase, idea, question, praise or other.

Cue phrases per language (``data/languages.toml``) combine with the post's sentiment. When
several apply, the order of `PRECEDENCE` decides: a complaint phrased as a question is
routed as a complaint, a question about buying as purchase intent.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from graph.model.nodes import Aspect, Intent, Sentiment
from ingestion.enrichment.resources import LanguageRules

PRECEDENCE = (Intent.COMPLAINT, Intent.PURCHASE, Intent.IDEA, Intent.QUESTION, Intent.PRAISE)


def has_cue(padded: str, cues: Sequence[str]) -> bool:
    """Whether any cue occurs as whole words in ``padded`` (folded words, space-padded).

    >>> has_cue(" non funziona piu ", ["non funziona"]), has_cue(" ideale ", ["idea"])
    (True, False)
    """
    return bool(cues) and _alternation(tuple(cues)).search(padded) is not None


@functools.lru_cache(maxsize=256)
def _alternation(cues: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a cue list: a single scan of the post instead of one per cue."""
    return re.compile(" (?:" + "|".join(map(re.escape, cues)) + ") ")


def has_grievance(norms: Sequence[str], rules: LanguageRules) -> bool:
    """Whether the folded tokens voice a price or quality complaint, not right after a
    negator ("non è troppo caro" is no complaint).

    >>> from ingestion.enrichment.resources import language_rules
    >>> rules = language_rules()["it"]
    >>> has_grievance("prezzo troppo alto , ' non ci siamo '".split(), rules)
    True
    >>> has_grievance("non e troppo caro".split(), rules)
    False
    """
    padded = f" {' '.join(norms)} "
    if not has_cue(padded, rules.grievance):  # most posts voice none
        return False
    for cue in rules.grievance:
        first, *rest = cue.split(" ")
        for index, norm in enumerate(norms):
            if norm != first or list(norms[index + 1 : index + 1 + len(rest)]) != rest:
                continue
            if not any(w in rules.negators for w in norms[max(0, index - 2) : index]):
                return True
    return False


def classify_intent(
    norms: Sequence[str],
    rules: LanguageRules,
    sentiment: Sentiment,
    aspects: Sequence[Aspect],
    mentions_brand: bool,
) -> Intent:
    """Decide the intent of a post from its folded tokens and its sentiment.

    >>> from ingestion.enrichment.resources import language_rules
    >>> rules = language_rules()["it"]
    >>> classify_intent("dove posso comprare la miscela ?".split(), rules,
    ...                 Sentiment.NEUTRAL, [], False)
    <Intent.PURCHASE: 'purchase'>
    """
    padded = f" {' '.join(norms)} "
    question = "?" in norms or any(padded.startswith(f" {cue} ") for cue in rules.question)
    cues = rules.intent_cues
    # A negative word on the brand or a touchpoint is a service complaint, on a product a
    # quality one.
    negative_target = any(a.sentiment is Sentiment.NEGATIVE for a in aspects)
    positive_target = any(a.sentiment is Sentiment.POSITIVE for a in aspects)
    found = {
        Intent.COMPLAINT: has_cue(padded, cues["complaint"])
        or has_grievance(norms, rules)
        or (sentiment is Sentiment.NEGATIVE and (negative_target or question)),
        Intent.PURCHASE: has_cue(padded, cues["purchase"]),
        Intent.IDEA: has_cue(padded, cues["idea"]),
        Intent.QUESTION: question,
        Intent.PRAISE: (has_cue(padded, cues["praise"]) and sentiment is not Sentiment.NEGATIVE)
        or (sentiment is Sentiment.POSITIVE and (positive_target or mentions_brand)),
    }
    return next((intent for intent in PRECEDENCE if found[intent]), Intent.OTHER)
