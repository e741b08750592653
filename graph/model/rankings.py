"""What the rankings read and write as records: people's opinions and brand opinions as the
stores sum them, the brand's own accounts, everyone's activity, and the advocacy classes.

The rules that compute them are pure algorithms in `graph.ranking`; the stores fill and keep
these records (`graph.store.rankings`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from graph.model.nodes import Affiliation


@dataclass(frozen=True, slots=True)
class Opinions:
    """A person's analysed posts (those with a sentiment score), summed by the store.

    Each post also counts with the weight ``0.5 ** (age / half_life)``, the decay of the
    interactions, so that what someone said last month outweighs what they said last year.
    """

    posts: int
    sentiment_total: float
    """The sum of the posts' scores."""
    volume: float
    """The sum of the posts' decay weights."""
    decayed_sentiment_total: float
    """The sum of each post's score times its decay weight."""

    @property
    def mean_sentiment(self) -> float:
        return self.sentiment_total / self.posts if self.posts else 0.0

    @property
    def decayed_sentiment(self) -> float:
        """The decay-weighted mean score, -1 to 1."""
        return self.decayed_sentiment_total / self.volume if self.volume else 0.0


@dataclass(frozen=True, slots=True)
class BrandOpinions:
    """What a person said about the brand: their analysed posts with an aspect (the brand,
    its products or touchpoints), each one vote, weighted by the same decay as `Opinions`.
    A complaint votes against the brand and praise for it whatever the label; any other
    post votes its label if it names the brand, and is a neutral vote if it only names a
    product or touchpoint ("packaging waste from coffee pods" is about pods, not about
    the brand that sells them). (The post's label beats its aspects' on planted worlds: a
    clause says less than the whole post; and intent cues catch what the label misses.)"""

    posts: int
    positive: float
    """Decayed votes of positive aspects."""
    negative: float
    neutral: float
    polar_squares: float | None = None
    """The sum of the squared decay weights of the positive and negative votes, from which
    `graph.ranking.advocacy.stance` counts how many posts the votes are worth; ``None``
    when every vote weighs 1."""


@dataclass(frozen=True, slots=True)
class AffiliatedAccount:
    """An account marked as the brand's own or an employee's."""

    account_uid: str
    affiliation: Affiliation
    person_id: str | None = None
    """The person holding the account, once it has been seen."""


def person_affiliations(accounts: Iterable[AffiliatedAccount]) -> dict[str, Affiliation]:
    """Each person's tie to the brand from their marked accounts: owned wins over staff.

    >>> person_affiliations([AffiliatedAccount("x:a", Affiliation.STAFF, "p1"),
    ...                      AffiliatedAccount("x:b", Affiliation.OWNED, "p1"),
    ...                      AffiliatedAccount("x:c", Affiliation.OWNED)])
    {'p1': <Affiliation.OWNED: 'owned'>}
    """
    people: dict[str, Affiliation] = {}
    for account in accounts:
        if account.person_id is not None and people.get(account.person_id) is not Affiliation.OWNED:
            people[account.person_id] = account.affiliation
    return people


@dataclass(frozen=True, slots=True)
class PeopleActivity:
    """What the rankings need to know about people beyond their interactions."""

    followers: Mapping[str, int]
    """Person -> followers summed over their accounts (people with known counts)."""
    opinions: Mapping[str, Opinions]
    """Person -> their analysed posts, summed (people with such posts)."""
    topics: Mapping[str, Mapping[str, int]]
    """Person -> topic key -> how many of their posts carry it."""
    channels: Mapping[str, Mapping[str, int]]
    """Person -> channel uid -> how many of their posts appeared there."""
    customers: frozenset[str]
    """People linked to a CRM customer."""
    communities: Mapping[str, str]
    """Person -> community id, as the last ranking left them."""
    brand_opinions: Mapping[str, BrandOpinions] = field(default_factory=dict)
    """Person -> what they said about the brand (people with such posts)."""
    affiliations: Mapping[str, Affiliation] = field(default_factory=dict)
    """Person -> their tie to the brand (owned wins over staff), for the people marked."""


@dataclass(frozen=True, slots=True)
class ScoreSet:
    """One score of a ranking for every person it scored, as the ranking writes it back."""

    name: str
    scores: Mapping[str, float]
    """Person -> score; people absent lose the score (and its factors and class)."""
    factors: Mapping[str, Mapping[str, float]] | None = None
    """Person -> the factors behind their score, where known."""
    classes: Mapping[str, str] | None = None
    """Person -> their class under the same name (advocacy's, say), when the score has one."""


class AdvocacyClass(enum.StrEnum):
    ADVOCATE = "advocate"
    """Clearly positive, engaged, and already a customer or in the advocacy programme."""
    POTENTIAL_ADVOCATE = "potential_advocate"
    """Clearly positive, engaged and influential, not yet in the programme."""
    NEUTRAL = "neutral"
    """Enough said about the brand to know it is neither side, or positive but quiet."""
    DETRACTOR = "detractor"
    """Clearly negative about the brand."""
    AT_RISK_INFLUENCER = "at_risk_influencer"
    """A detractor among the most influential tenth."""
    UNKNOWN = "unknown"
    """Too little said about the brand to tell."""
