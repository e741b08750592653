"""GraphQL types of the relationship views: the influencer map and connection paths."""

from __future__ import annotations

import strawberry

from server.graphql.people.types import Factor, Person


@strawberry.type(description="A person drawn on the influencer map.")
class MapNode:
    person: Person = strawberry.field(description="The person.")
    score: float = strawberry.field(description="Their influence (1 = average).")
    community_id: strawberry.ID | None = strawberry.field(
        description="Their community in the last ranking."
    )
    factors: list[Factor] = strawberry.field(description="What the score is made of.")


@strawberry.type(description="A tie between two people on the map (undirected).")
class MapEdge:
    source: strawberry.ID = strawberry.field(description="One person's id.")
    target: strawberry.ID = strawberry.field(description="The other's.")
    weight: float = strawberry.field(
        description="Interactions both ways, weighted by kind and decayed (as the rankings)."
    )
    interactions: int = strawberry.field(description="How many interactions.")


@strawberry.type(
    description="A subgraph to draw: the most influential people and the strongest ties "
    "among them (each person keeps at most 5 edges, its strongest)."
)
class InfluencerMap:
    nodes: list[MapNode] = strawberry.field(description="Most influential first.")
    edges: list[MapEdge] = strawberry.field(description="Strongest first.")
    truncated: bool = strawberry.field(description="Whether weaker edges were left out.")


@strawberry.type(description="One step of a connection path.")
class PathStep:
    person: Person = strawberry.field(description="The person reached.")
    weight: float = strawberry.field(description="Strength of the tie from the previous one.")


@strawberry.type(description="The warmest short path of interactions between two people.")
class ConnectionPath:
    hops: int = strawberry.field(description="Steps from one end to the other.")
    start: Person = strawberry.field(description="Where the path starts.")
    steps: list[PathStep] = strawberry.field(description="The people after the start, in order.")
