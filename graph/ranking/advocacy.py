"""Advocacy: who speaks well of the brand, who could be asked to, and who is turning against it.

A person's stance comes from their posts about the brand (those with an aspect: the brand,
a product or a touchpoint), each post one vote (a complaint negative and praise positive,
whatever the label; any other post its sentiment label if it names the brand, else a neutral
vote), decayed with age like interactions. The share ``p`` of positive votes among the polar
ones gets a Beta posterior from a Beta(2, 2) prior (`PRIOR_VOTES` imaginary votes each way),
so that two angry posts are not yet a detractor and ten are. Decay weighs recent posts above
old ones in the share, while the evidence is what the votes are worth as equal votes
(`effective_votes`), not their decayed sum; votes that are all older than `STALE` say nothing
of where someone stands now. Neutral posts (a question, a tag) say nothing of ``p``, so they
do not pull a stance toward the middle; they count as having spoken:

- ``lean``: the posterior mean of ``2p - 1``, -1 to 1 (shrunk toward 0 by thin evidence);
- ``confidence``: the posterior probability of the side the class stands on (``lean`` below
  ``-BAND``, above ``BAND``, or between);
- ``evidence``: how many posts about the brand it rests on;
- ``positive``, ``negative``: the posterior probabilities of each side.

A side is called when its posterior probability reaches `CONFIDENT`. Otherwise someone is
``neutral`` when their lean is within ``LEANING`` of 0 and rests on at least `MIN_VOTES`
(decayed) posts, and ``unknown`` when it is not: too little said, or leaning one way without
enough said to call it.

The score is ``lean * (0.5 + 0.5 * engagement) * (0.6 + 0.3 * influence + 0.1 * customer)``,
from -1 to 1, with ``engagement = 1 - exp(-v / 3)`` of the decayed volume ``v`` of all their
analysed posts and ``influence`` their influence percentile: it takes its sign from what they
say of the brand and its size from how much they say, how far it carries and whether they buy.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.model.rankings import AdvocacyClass, BrandOpinions, Opinions

if TYPE_CHECKING:  # influence imports numpy, which the classes alone do not need
    from graph.ranking.influence import Ranked

PRIOR_VOTES = 2.0
# The weight below which votes are too old to call a side on: four half-lives (a year at
# the default), measured as the weight-weighted mean weight of the polar votes.
STALE = 1.0 / 16.0
BAND = 0.2
CONFIDENT = 0.85
MIN_VOTES = 2.0
LEANING = 0.1
ENGAGED = 0.5
SOMEWHAT_ENGAGED = 0.3
INFLUENTIAL = 0.5
VERY_INFLUENTIAL = 0.9


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


def effective_votes(total: float, squares: float | None) -> float:
    """How many equal votes a set of decayed votes is worth: Kish's effective sample size
    ``(sum w)^2 / sum w^2``.

    Decay makes older posts count for less in where a person stands, but ten posts are
    still ten posts' worth of evidence: summing the weights alone would also shrink the
    evidence, so that ten posts from last season read like three. Votes of equal weight are
    worth their number, whatever that weight.

    >>> effective_votes(10 * 0.25, 10 * 0.25**2)
    10.0
    >>> round(effective_votes(1.0 + 0.5 + 0.25, 1.0 + 0.25 + 0.0625), 2)
    2.33
    >>> effective_votes(3.0, None)  # undecayed votes
    3.0
    """
    if squares is None:
        return total
    return total * total / squares if squares > 0.0 else 0.0


@dataclass(frozen=True, slots=True)
class Stance:
    """Where a person stands toward the brand, with how sure that is (see the module)."""

    lean: float
    negative: float
    """Posterior probability that ``lean < -BAND``."""
    positive: float
    """Posterior probability that ``lean > BAND``."""
    evidence: int
    """Posts about the brand."""
    votes: float
    """Their decayed posts about the brand, polar or neutral."""

    @property
    def between(self) -> float:
        return max(0.0, 1.0 - self.negative - self.positive)


def stance(said: BrandOpinions | None, prior: float = PRIOR_VOTES) -> Stance:
    """The posterior stance from a person's votes about the brand.

    >>> angry_twice = stance(BrandOpinions(2, 0.0, 2.0, 0.0))
    >>> round(angry_twice.lean, 2), round(angry_twice.negative, 2)
    (-0.33, 0.66)
    >>> angry_often = stance(BrandOpinions(12, 1.0, 11.0, 0.0))
    >>> round(angry_often.lean, 2), angry_often.negative > CONFIDENT
    (-0.62, True)
    """
    return stances({"": said or BrandOpinions(0, 0.0, 0.0, 0.0)}, prior)[""]


def stances(said: Mapping[str, BrandOpinions], prior: float = PRIOR_VOTES) -> dict[str, Stance]:
    """`stance` for everyone in ``said`` at once (the posteriors are computed together)."""
    import numpy as np

    from graph.ranking.posterior import beta_cdfs  # compiled: numpy and numba on demand

    people = list(said)
    a = np.empty(len(people))
    b = np.empty(len(people))
    for i, person in enumerate(people):
        a[i], b[i] = _posterior(said[person], prior)
    negative = beta_cdfs((1.0 - BAND) / 2.0, a, b).tolist()
    positive = (1.0 - beta_cdfs((1.0 + BAND) / 2.0, a, b)).tolist()
    lean = ((a - b) / (a + b)).tolist()
    return {
        person: Stance(
            lean=lean[i],
            negative=negative[i],
            positive=positive[i],
            evidence=said[person].posts,
            votes=said[person].positive + said[person].negative + said[person].neutral,
        )
        for i, person in enumerate(people)
    }


def _posterior(said: BrandOpinions, prior: float) -> tuple[float, float]:
    """The Beta posterior's parameters: the prior's votes plus what the votes are worth."""
    polar = said.positive + said.negative
    worth = effective_votes(polar, said.polar_squares)
    if said.polar_squares is not None and said.polar_squares < STALE * polar:
        worth = 0.0  # all said long ago: nothing is known of where they stand now
    share = said.positive / polar if worth else 0.5
    return prior + worth * share, prior + worth * (1.0 - share)


def classify(
    found: Stance, engagement: float, influence: float, member: bool
) -> tuple[AdvocacyClass, float]:
    """The class for a stance and the other measures, and its confidence; ``member`` is
    customer or programme member.

    >>> sure = Stance(lean=-0.6, negative=0.97, positive=0.0, evidence=12, votes=11.5)
    >>> classify(sure, 0.8, 0.95, False)
    (<AdvocacyClass.AT_RISK_INFLUENCER: 'at_risk_influencer'>, 0.97)
    >>> classify(Stance(-0.3, 0.66, 0.05, 2, 1.9), 0.8, 0.2, False)[0]
    <AdvocacyClass.UNKNOWN: 'unknown'>
    """
    if found.negative >= CONFIDENT:
        if influence >= VERY_INFLUENTIAL:
            return AdvocacyClass.AT_RISK_INFLUENCER, found.negative
        return AdvocacyClass.DETRACTOR, found.negative
    if found.positive >= CONFIDENT:
        if engagement >= ENGAGED and member:
            return AdvocacyClass.ADVOCATE, found.positive
        if engagement >= SOMEWHAT_ENGAGED and influence >= INFLUENTIAL:
            return AdvocacyClass.POTENTIAL_ADVOCATE, found.positive
        return AdvocacyClass.NEUTRAL, found.positive  # positive, but quiet or unheard
    if found.votes < MIN_VOTES or abs(found.lean) >= LEANING:
        return AdvocacyClass.UNKNOWN, found.between
    return AdvocacyClass.NEUTRAL, found.between


# The factors of each person's advocacy, in the order of their table's columns.
ADVOCACY_FACTORS = (
    "lean",
    "confidence",
    "positive",
    "negative",
    "evidence",
    "engagement",
    "influence",
    "customer",
    "posts",
)


@dataclass(frozen=True, slots=True)
class Advocacy:
    score: float
    klass: AdvocacyClass
    factors: Mapping[str, float]

    @property
    def confidence(self) -> float:
        return self.factors["confidence"]


def advocacy(
    opinions: Mapping[str, Opinions],
    brand_opinions: Mapping[str, BrandOpinions],
    influence: Mapping[str, Ranked],
    *,
    customers: Collection[str] = (),
    programme: Collection[str] = (),
    excluded: Collection[str] = (),
) -> dict[str, Advocacy]:
    """Advocacy of everyone who has posted something analysed, but the ``excluded`` (the
    brand's own accounts and its staff).

    ``opinions`` maps a person to all their analysed posts and ``brand_opinions`` to their
    votes about the brand, both summed with decay weights (`GraphStore.people_activity`).

    Examples
    --------
    >>> from graph.ranking.influence import Ranked
    >>> keen = Opinions(12, 7.2, 12.0, 7.2), BrandOpinions(10, 9.0, 0.0, 1.0)
    >>> cross = Opinions(2, -1.8, 2.0, -1.8), BrandOpinions(2, 0.0, 2.0, 0.0)
    >>> result = advocacy({"ada": keen[0], "bob": cross[0]},
    ...                   {"ada": keen[1], "bob": cross[1]},
    ...                   {"ada": Ranked(2.0), "bob": Ranked(0.5)}, customers={"ada"})
    >>> result["ada"].klass, result["bob"].klass
    (<AdvocacyClass.ADVOCATE: 'advocate'>, <AdvocacyClass.UNKNOWN: 'unknown'>)
    """
    from graph.ranking.factors import FactorTable  # numpy: only when ranking

    ranks = percentiles({person: ranked.score for person, ranked in influence.items()})
    nothing = BrandOpinions(0, 0.0, 0.0, 0.0)
    found_of = stances(
        {
            person: brand_opinions.get(person, nothing)
            for person in opinions.keys() | brand_opinions.keys()
            if person not in excluded
        }
    )
    table = FactorTable.empty(ADVOCACY_FACTORS, len(found_of))
    result = {}
    for row, (person, found) in enumerate(found_of.items()):
        said = opinions.get(person)
        engagement = 1.0 - math.exp(-(said.volume if said else 0.0) / 3.0)
        reach = ranks.get(person, 0.0)
        customer = person in customers
        score = found.lean * (0.5 + 0.5 * engagement) * (0.6 + 0.3 * reach + 0.1 * customer)
        klass, confidence = classify(found, engagement, reach, customer or person in programme)
        table.values[row] = (
            round(found.lean, 6),
            round(confidence, 6),
            round(found.positive, 6),
            round(found.negative, 6),
            float(found.evidence),
            round(engagement, 6),
            reach,
            float(customer),
            float(said.posts if said else 0),
        )
        result[person] = Advocacy(round(score, 6), klass, table.row(row))
    return result
