"""Advocacy: who speaks well of the brand, who could be asked to, and who is turning against it.

For each person, from their posts' sentiment (decayed with age, like interactions):

- ``sentiment``: the decay-weighted mean sentiment of their posts, -1 to 1;
- ``engagement``: ``1 - exp(-v / 3)`` of their decayed post volume ``v`` (three recent posts
  ≈ 0.63), 0 to 1;
- ``influence``: their influence percentile, 0 to 1;
- ``customer``: 1 if they are a known customer.

The score is ``sentiment * (0.5 + 0.5 * engagement) * (0.6 + 0.3 * influence + 0.1 *
customer)``, from -1 to 1: it takes its sign from what they say and its size from how much
they say it, how far it carries and whether they buy.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from graph.model import Opinions
from graph.ranking.influence import Ranked

POSITIVE = 0.3
LEANING_POSITIVE = 0.2
NEGATIVE = -0.2
ENGAGED = 0.5
SOMEWHAT_ENGAGED = 0.3
INFLUENTIAL = 0.5
VERY_INFLUENTIAL = 0.9


class AdvocacyClass(enum.StrEnum):
    ADVOCATE = "advocate"
    """Positive, engaged, and already a customer or in the advocacy programme."""
    POTENTIAL_ADVOCATE = "potential_advocate"
    """Positive, engaged and influential, not yet in the programme."""
    NEUTRAL = "neutral"
    DETRACTOR = "detractor"
    """Negative about the brand."""
    AT_RISK_INFLUENCER = "at_risk_influencer"
    """A detractor among the most influential tenth."""


def percentiles(values: Mapping[str, float]) -> dict[str, float]:
    """Each key's share of keys with a strictly lower value, 0 to 1 (ties share a rank).

    >>> percentiles({"a": 1.0, "b": 3.0, "c": 3.0, "d": 5.0})
    {'a': 0.0, 'b': 0.25, 'c': 0.25, 'd': 0.75}
    """
    ordered = sorted(values.values())
    n = len(ordered)
    lower: dict[float, int] = {}
    for index, value in enumerate(ordered):
        lower.setdefault(value, index)
    return {key: lower[value] / n for key, value in values.items()}


def classify(sentiment: float, engagement: float, influence: float, member: bool) -> AdvocacyClass:
    """The class for the four measures; ``member`` is customer or programme member.

    >>> classify(-0.5, 0.8, 0.95, False)
    <AdvocacyClass.AT_RISK_INFLUENCER: 'at_risk_influencer'>
    >>> classify(0.4, 0.6, 0.7, False)
    <AdvocacyClass.POTENTIAL_ADVOCATE: 'potential_advocate'>
    """
    if sentiment <= NEGATIVE:
        if influence >= VERY_INFLUENTIAL:
            return AdvocacyClass.AT_RISK_INFLUENCER
        return AdvocacyClass.DETRACTOR
    if sentiment >= POSITIVE and engagement >= ENGAGED and member:
        return AdvocacyClass.ADVOCATE
    if (
        sentiment >= LEANING_POSITIVE
        and engagement >= SOMEWHAT_ENGAGED
        and influence >= INFLUENTIAL
    ):
        return AdvocacyClass.POTENTIAL_ADVOCATE
    return AdvocacyClass.NEUTRAL


@dataclass(frozen=True, slots=True)
class Advocacy:
    score: float
    klass: AdvocacyClass
    factors: Mapping[str, float]


def advocacy(
    opinions: Mapping[str, Opinions],
    influence: Mapping[str, Ranked],
    *,
    customers: Collection[str] = (),
    programme: Collection[str] = (),
) -> dict[str, Advocacy]:
    """Advocacy of everyone who has posted an opinion.

    ``opinions`` maps a person to their analysed posts, summed with their decay weights
    (`GraphStore.people_activity`).

    Examples
    --------
    >>> keen, cross = Opinions(4, 3.2, 4.0, 3.2), Opinions(2, -1.8, 2.0, -1.8)
    >>> result = advocacy({"ada": keen, "bob": cross},
    ...                   {"ada": Ranked(2.0), "bob": Ranked(0.5)}, customers={"ada"})
    >>> result["ada"].klass, result["bob"].klass
    (<AdvocacyClass.ADVOCATE: 'advocate'>, <AdvocacyClass.DETRACTOR: 'detractor'>)
    """
    ranks = percentiles({person: ranked.score for person, ranked in influence.items()})
    result = {}
    for person, said in opinions.items():
        if not said.posts:
            continue
        sentiment = said.decayed_sentiment
        engagement = 1.0 - math.exp(-said.volume / 3.0)
        reach = ranks.get(person, 0.0)
        customer = person in customers
        score = sentiment * (0.5 + 0.5 * engagement) * (0.6 + 0.3 * reach + 0.1 * customer)
        result[person] = Advocacy(
            round(score, 6),
            classify(sentiment, engagement, reach, customer or person in programme),
            {
                "sentiment": round(sentiment, 6),
                "engagement": round(engagement, 6),
                "influence": reach,
                "customer": float(customer),
                "posts": float(said.posts),
            },
        )
    return result
