"""The influencer map and connection paths."""

from __future__ import annotations

from datetime import datetime
from functools import partial

import strawberry
from starlette.concurrency import run_in_threadpool

from graph.network import service as network
from graph.rankings.views import GraphFilter
from server.graphql.core.context import Info
from server.graphql.core.cost import RECOMPUTED_COST, field_cost
from server.graphql.core.limits import UserError, page_limit
from server.graphql.core.pagination import page_size
from server.graphql.network.types import ConnectionPath, InfluencerMap, MapEdge, MapNode, PathStep
from server.graphql.people.types import Person, factors_of, person_of


@strawberry.type
class NetworkQuery:
    @strawberry.field(
        description="A subgraph for visualisation: the `first` most influential people (at "
        "most 500; with a topic, platform or window, influence recomputed there) and the "
        "strongest ties among them, at most 5 per person. "
        f"Cost: 1, or {RECOMPUTED_COST} recomputed."
    )
    async def influencer_map(
        self,
        info: Info,
        first: int = 100,
        topic: str | None = None,
        community_id: strawberry.ID | None = None,
        platform: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> InfluencerMap:
        size = page_size(first, page_limit("Query", "influencerMap"))
        where = GraphFilter(topic=topic, platform=platform, since=since, until=until)
        run = partial(
            network.influencer_map,
            info.context.store,
            info.context.now,
            size,
            where,
            str(community_id) if community_id is not None else None,
        )
        found = await (
            info.context.views.run(run, "influencerMap")
            if where.changes_graph
            else run_in_threadpool(run)
        )
        nodes = [person_of(info, node) for node in found.nodes]
        people = await info.context.people.people.load_many([n.person_id for n in found.nodes])
        return InfluencerMap(
            nodes=[
                MapNode(
                    person=node_person,
                    score=node.score,
                    community_id=strawberry.ID(p.community_id) if p and p.community_id else None,
                    factors=factors_of(node.factors),
                )
                for node, node_person, p in zip(found.nodes, nodes, people, strict=True)
            ],
            edges=[
                MapEdge(
                    source=strawberry.ID(edge.source),
                    target=strawberry.ID(edge.target),
                    weight=edge.weight,
                    interactions=edge.interactions,
                )
                for edge in found.edges
            ],
            truncated=found.truncated,
        )

    @strawberry.field(
        description="The shortest path of interactions between two people (at most "
        "`maxHops`, up to 6), the warmest among the shortest; null if there is none. "
        f"Computed on request. Cost: {field_cost('Query', 'connectionPath')}."
    )
    async def connection_path(
        self,
        info: Info,
        from_person: strawberry.ID,
        to_person: strawberry.ID,
        max_hops: int = 3,
    ) -> ConnectionPath | None:
        if not 1 <= max_hops <= network.MAX_PATH_HOPS:
            raise UserError(f"maxHops must be between 1 and {network.MAX_PATH_HOPS}")
        run = partial(
            network.connection_path,
            info.context.store,
            str(from_person),
            str(to_person),
            max_hops,
            info.context.now,
        )
        path = await info.context.views.run(run, "connectionPath")
        if path is None:
            return None
        return ConnectionPath(
            hops=path.hops,
            start=Person(id=strawberry.ID(path.people[0])),
            steps=[
                PathStep(person=Person(id=strawberry.ID(person)), weight=weight)
                for person, weight in zip(path.people[1:], path.weights, strict=True)
            ],
        )
