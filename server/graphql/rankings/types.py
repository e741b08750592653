"""GraphQL types of the rankings: ranked people, communities, the ambassador shortlist."""

from __future__ import annotations

from collections.abc import Mapping

import strawberry

from graph import model
from graph.ranking.advocacy import AdvocacyClass
from server.graphql.core.context import Info
from server.graphql.core.pagination import decode_cursor, encode_cursor, page_size
from server.graphql.people.types import Person

strawberry.enum(AdvocacyClass, description="Where a person stands toward the brand.")


@strawberry.type(description="One factor behind a score, and its value.")
class Factor:
    name: str
    value: float


def factors_of(values: Mapping[str, float]) -> list[Factor]:
    return [Factor(name=name, value=value) for name, value in values.items()]


@strawberry.type(description="A person's place in a ranking, with the factors behind it.")
class RankedPerson:
    person: Person
    score: float = strawberry.field(description="The ranking score (influence: 1 = average).")
    factors: list[Factor] = strawberry.field(description="What the score is made of.")


@strawberry.type(description="A person's advocacy: score, class and the factors behind them.")
class Advocate:
    person: Person
    score: float = strawberry.field(description="From -1 (detractor) to 1 (advocate).")
    advocacy_class: AdvocacyClass = strawberry.field(name="class")
    factors: list[Factor]


@strawberry.type
class PersonEdge:
    node: Person
    cursor: str


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type(description="A page of people.")
class PersonConnection:
    edges: list[PersonEdge]
    page_info: PageInfo


@strawberry.type(description="A community of the interaction graph, as the last ranking found it.")
class Community:
    id: strawberry.ID
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
    ) -> PersonConnection:
        size = page_size(first)
        offset = decode_cursor(after)
        ids = await info.context.loaders.members.load((str(self.id), size + 1, offset))
        edges = [
            PersonEdge(node=Person(id=strawberry.ID(p)), cursor=encode_cursor(offset + i + 1))
            for i, p in enumerate(ids[:size])
        ]
        return PersonConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(ids) > size,
                end_cursor=edges[-1].cursor if edges else None,
            ),
        )

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
    members: list[Person]
    expected_reach: float
    communities: list[str]


@strawberry.type(description="Ambassadors chosen together to reach the most people.")
class AmbassadorShortlist:
    members: list[RankedPerson] = strawberry.field(
        description="The ambassadors, in the order they were chosen."
    )
    expected_reach: float = strawberry.field(
        description="People expected to be reached (independent cascades, estimated)."
    )
    communities: list[str] = strawberry.field(description="Communities the ambassadors cover.")
    baseline: ShortlistBaseline
