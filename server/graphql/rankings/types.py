"""GraphQL types of the rankings: ranked people, communities, the ambassador shortlist."""

from __future__ import annotations

from collections.abc import Mapping

import strawberry

from graph.model import nodes as model
from server.graphql.core.context import Info
from server.graphql.core.enums import AdvocacyClass
from server.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from server.graphql.people.types import Factor, Person, factors_of


@strawberry.type(description="A person's place in a ranking, with the factors behind it.")
class RankedPerson:
    person: Person = strawberry.field(description="The person ranked.")
    score: float = strawberry.field(description="The ranking score (influence: 1 = average).")
    factors: list[Factor] = strawberry.field(description="What the score is made of.")


@strawberry.type(description="A person's advocacy: score, class and the factors behind them.")
class Advocate:
    person: Person = strawberry.field(description="The person.")
    score: float = strawberry.field(description="From -1 (detractor) to 1 (advocate).")
    advocacy_class: AdvocacyClass = strawberry.field(
        name="class",
        description="Advocate, potential advocate, neutral, detractor, at-risk influencer, or "
        "unknown (too little said about the brand to tell).",
    )
    confidence: float = strawberry.field(
        description="Posterior probability, 0 to 1, that the person stands where the class "
        "says (negative, positive, or in between)."
    )
    evidence: int = strawberry.field(description="Posts about the brand the class rests on.")
    factors: list[Factor] = strawberry.field(description="What the score is made of.")

    @classmethod
    def of(
        cls, person: Person, score: float, klass: AdvocacyClass, factors: Mapping[str, float]
    ) -> Advocate:
        # Rankings stored before confidence was measured have neither factor.
        return cls(
            person=person,
            score=score,
            advocacy_class=klass,
            confidence=factors.get("confidence", 0.0),
            evidence=int(factors.get("evidence", 0)),
            factors=factors_of(factors),
        )


@strawberry.type(description="A community of the interaction graph, as the last ranking found it.")
class Community:
    id: strawberry.ID = strawberry.field(description="Stable across rankings.")
    size: int = strawberry.field(description="Members.")
    top_topics: list[str] = strawberry.field(description="Topics its members post most about.")
    main_channels: list[str] = strawberry.field(description="Channels its members post in most.")
    average_sentiment: float | None = strawberry.field(
        description="Mean sentiment of its members' posts, -1 to 1."
    )
    top_voice_ids: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="Its most influential members.")
    def top_voices(self) -> list[Person]:
        return [Person(id=strawberry.ID(p)) for p in self.top_voice_ids]

    @strawberry.field(description="Members, most influential first.")
    async def members(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[Person]:
        size, offset = page_size(first), decode_cursor(after)
        ids = await info.context.people.members.load((str(self.id), (size + 1, offset)))
        return connection([Person(id=strawberry.ID(p)) for p in ids], size, offset)

    @classmethod
    def from_model(cls, community: model.Community) -> Community:
        return cls(
            id=strawberry.ID(community.id),
            size=community.size,
            top_topics=list(community.top_topics),
            main_channels=list(community.main_channels),
            average_sentiment=community.average_sentiment,
            top_voice_ids=community.top_voices,
        )


@strawberry.type(description="The top-K by PageRank under the same constraints, for comparison.")
class ShortlistBaseline:
    members: list[Person] = strawberry.field(description="The top-K by PageRank.")
    expected_reach: float = strawberry.field(description="People they are expected to reach.")
    communities: list[str] = strawberry.field(description="Communities they cover.")


@strawberry.type(description="Ambassadors chosen together to reach the most people.")
class AmbassadorShortlist:
    members: list[RankedPerson] = strawberry.field(
        description="The ambassadors, in the order they were chosen."
    )
    expected_reach: float = strawberry.field(
        description="People expected to be reached (independent cascades, estimated)."
    )
    communities: list[str] = strawberry.field(description="Communities the ambassadors cover.")
    baseline: ShortlistBaseline = strawberry.field(
        description="The top-K by PageRank under the same constraints, for comparison."
    )
    picks: list[Advocate] = strawberry.field(
        description="Why each ambassador was chosen: their advocacy (never a detractor or "
        "unknown), in the order of `members`."
    )
    reach_gains: list[float] = strawberry.field(
        description="People each ambassador adds to the reach of those chosen before them."
    )
    shortfall: str | None = strawberry.field(
        description="Why there are fewer ambassadors than asked for, when there are."
    )
