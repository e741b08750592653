"""Resolvers of the graph's overall figures."""

from __future__ import annotations

import strawberry
from starlette.concurrency import run_in_threadpool

from server.graphql.core.context import Info
from server.graphql.stats.types import Stats


@strawberry.type
class StatsQuery:
    @strawberry.field(description="Sizes of the conversation graph.")
    async def stats(self, info: Info) -> Stats:
        counts = await run_in_threadpool(info.context.store.counts)
        return Stats.from_counts(counts)
