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

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.model.rankings import AdvocacyClass, BrandOpinions, Opinions

if TYPE_CHECKING:  # numpy only when ranking: the classes alone do not need it
    import numpy as np
    import numpy.typing as npt

    from graph.ranking.indexed import Floats
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


def percentile_ranks(values: Floats, of: Floats) -> Floats:
    """Each of ``of``'s share of ``values`` strictly lower than it, 0 to 1 (ties share a rank).

    >>> import numpy as np
    >>> percentile_ranks(np.array([1.0, 3.0, 3.0, 5.0]), np.array([1.0, 3.0, 5.0])).tolist()
    [0.0, 0.25, 0.75]
    """
    import numpy as np

    ordered = np.sort(values)
    ranks: Floats = np.searchsorted(ordered, of, side="left") / max(len(ordered), 1)
    return ranks


def effective_votes(total: Floats, squares: Floats) -> Floats:
    """How many equal votes sets of decayed votes are worth: Kish's effective sample size
    ``(sum w)^2 / sum w^2`` of each (none where there are none).

    Decay makes older posts count for less in where a person stands, but ten posts are
    still ten posts' worth of evidence: summing the weights alone would also shrink the
    evidence, so that ten posts from last season read like three. Votes of equal weight are
    worth their number, whatever that weight.

    >>> import numpy as np
    >>> total = np.array([10 * 0.25, 1.0 + 0.5 + 0.25, 3.0, 0.0])
    >>> squares = np.array([10 * 0.25**2, 1.0 + 0.25 + 0.0625, 3.0, 0.0])
    >>> effective_votes(total, squares).round(2).tolist()
    [10.0, 2.33, 3.0, 0.0]
    """
    import numpy as np

    worth: Floats = np.divide(total * total, squares, out=np.zeros_like(total), where=squares > 0)
    return worth


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


@dataclass(frozen=True, slots=True)
class Stances:
    """Where many people stand: each field of `Stance` as an array, a person per entry."""

    lean: Floats
    negative: Floats
    positive: Floats
    evidence: Floats
    votes: Floats

    def __getitem__(self, index: int) -> Stance:
        return Stance(
            float(self.lean[index]),
            float(self.negative[index]),
            float(self.positive[index]),
            int(self.evidence[index]),
            float(self.votes[index]),
        )

    @property
    def between(self) -> Floats:
        """The posterior probability of neither side."""
        import numpy as np

        between: Floats = np.maximum(0.0, 1.0 - self.negative - self.positive)
        return between


def stance(said: BrandOpinions | None, prior: float = PRIOR_VOTES) -> Stance:
    """The posterior stance from a person's votes about the brand.

    >>> angry_twice = stance(BrandOpinions(2, 0.0, 2.0, 0.0))
    >>> round(angry_twice.lean, 2), round(angry_twice.negative, 2)
    (-0.33, 0.66)
    >>> angry_often = stance(BrandOpinions(12, 1.0, 11.0, 0.0))
    >>> round(angry_often.lean, 2), angry_often.negative > CONFIDENT
    (-0.62, True)
    """
    return stances([said or BrandOpinions(0, 0.0, 0.0, 0.0)], prior)[0]


def stances(said: Sequence[BrandOpinions], prior: float = PRIOR_VOTES) -> Stances:
    """`stance` for many people at once, in ``said``'s order.

    Each gets a Beta posterior: the prior's votes plus what their polar votes are worth
    (`effective_votes`); votes all older than `STALE` are worth nothing.
    """
    import numpy as np

    from graph.ranking.posterior import beta_cdfs  # compiled: numba on demand

    def column(values: Iterable[float | None]) -> Floats:
        return np.fromiter((np.nan if v is None else v for v in values), float, len(said))

    positive = column(s.positive for s in said)
    polar = positive + column(s.negative for s in said)
    # Undecayed votes (no squares) are worth their number: squares equal to the votes.
    squares = column(s.polar_squares for s in said)
    squares = np.where(np.isnan(squares), polar, squares)
    worth = effective_votes(polar, squares)
    worth[squares < STALE * polar] = 0.0  # all said long ago: nothing known of them now
    share = np.divide(positive, polar, out=np.full_like(polar, 0.5), where=worth > 0.0)
    a, b = prior + worth * share, prior + worth * (1.0 - share)
    return Stances(
        lean=(a - b) / (a + b),
        negative=beta_cdfs((1.0 - BAND) / 2.0, a, b),
        positive=1.0 - beta_cdfs((1.0 + BAND) / 2.0, a, b),
        evidence=column(s.posts for s in said),
        votes=polar + column(s.neutral for s in said),
    )


# The classes in the order of the codes `classes` gives.
CLASSES = (
    AdvocacyClass.AT_RISK_INFLUENCER,
    AdvocacyClass.DETRACTOR,
    AdvocacyClass.ADVOCATE,
    AdvocacyClass.POTENTIAL_ADVOCATE,
    AdvocacyClass.NEUTRAL,
    AdvocacyClass.UNKNOWN,
)


def classes(
    found: Stances, engagement: Floats, influence: Floats, member: npt.NDArray[np.bool_]
) -> tuple[npt.NDArray[np.intp], Floats]:
    """Each person's class (an index into `CLASSES`) and its confidence; ``member`` is
    customer or programme member. See `classify` for one person."""
    import numpy as np

    negative = found.negative >= CONFIDENT
    positive = ~negative & (found.positive >= CONFIDENT)
    undecided = ~negative & ~positive
    index = {klass: code for code, klass in enumerate(CLASSES)}
    codes = np.select(
        [
            negative & (influence >= VERY_INFLUENTIAL),
            negative,
            positive & (engagement >= ENGAGED) & member,
            positive & (engagement >= SOMEWHAT_ENGAGED) & (influence >= INFLUENTIAL),
            positive,  # positive, but quiet or unheard
            undecided & ((found.votes < MIN_VOTES) | (np.abs(found.lean) >= LEANING)),
        ],
        [index[klass] for klass in CLASSES],
        default=index[AdvocacyClass.NEUTRAL],
    )
    confidence = np.where(
        negative, found.negative, np.where(positive, found.positive, found.between)
    )
    return codes, confidence


def classify(
    found: Stance, engagement: float, influence: float, member: bool
) -> tuple[AdvocacyClass, float]:
    """The class for a stance and the other measures, and its confidence; ``member`` is
    customer or programme member.

    A side is called when its posterior probability reaches `CONFIDENT`; otherwise someone
    is ``neutral`` when their lean is within `LEANING` of 0 and rests on at least
    `MIN_VOTES` posts, and ``unknown`` when it is not.

    >>> sure = Stance(lean=-0.6, negative=0.97, positive=0.0, evidence=12, votes=11.5)
    >>> classify(sure, 0.8, 0.95, False)
    (<AdvocacyClass.AT_RISK_INFLUENCER: 'at_risk_influencer'>, 0.97)
    >>> classify(Stance(-0.3, 0.66, 0.05, 2, 1.9), 0.8, 0.2, False)[0]
    <AdvocacyClass.UNKNOWN: 'unknown'>
    """
    import numpy as np

    fields = (found.lean, found.negative, found.positive, found.evidence, found.votes)
    one = Stances(*(np.array([value], np.float64) for value in fields))
    codes, confidence = classes(
        one, np.array([engagement]), np.array([influence]), np.array([member])
    )
    return CLASSES[int(codes[0])], float(confidence[0])


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
    Computed for everyone at once, as arrays.

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
    import numpy as np

    from graph.model.factors import FactorTable

    people = [p for p in opinions if p not in excluded]
    people += [p for p in brand_opinions if p not in opinions and p not in excluded]
    n = len(people)
    nothing = BrandOpinions(0, 0.0, 0.0, 0.0)
    found = stances([brand_opinions.get(person, nothing) for person in people])
    said = [opinions.get(person) for person in people]
    engagement = 1.0 - np.exp(-np.fromiter((o.volume if o else 0.0 for o in said), float, n) / 3)
    score_of = {person: ranked.score for person, ranked in influence.items()}
    scores = np.fromiter(score_of.values(), float, len(score_of))
    reach = percentile_ranks(scores, np.array([score_of.get(p, -np.inf) for p in people]))
    customer = np.fromiter((person in customers for person in people), bool, n)
    member = customer | np.fromiter((person in programme for person in people), bool, n)
    advocacy_scores = np.round(
        found.lean * (0.5 + 0.5 * engagement) * (0.6 + 0.3 * reach + 0.1 * customer), 6
    )
    codes, confidence = classes(found, engagement, reach, member)
    columns = (
        found.lean.round(6),
        confidence.round(6),
        found.positive.round(6),
        found.negative.round(6),
        found.evidence,
        engagement.round(6),
        reach,
        customer.astype(float),
        np.fromiter((o.posts if o else 0 for o in said), float, n),
    )
    table = FactorTable(ADVOCACY_FACTORS, np.column_stack(columns) if n else [])
    return {
        person: Advocacy(score, CLASSES[code], table.row(row))
        for row, (person, score, code) in enumerate(
            zip(people, advocacy_scores.tolist(), codes.tolist(), strict=True)
        )
    }
