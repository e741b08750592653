"""Queries of the rankings."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Annotated

import strawberry
from starlette.concurrency import run_in_threadpool

from graph.insights.service import Bucket
from graph.model.insights import VolumeDimension
from graph.model.rankings import AdvocacyClass
from graph.rankings import views
from ingestion.jobs.broker import BrokerUnavailable
from server.graphql.core.context import Info
from server.graphql.core.cost import RECOMPUTED_COST, field_cost
from server.graphql.core.limits import UserError, page_limit
from server.graphql.core.pagination import page_size
from server.graphql.core.permissions import MANAGER
from server.graphql.people.types import Person, factors_of, person_of
from server.graphql.rankings.types import (
    Advocate,
    AmbassadorShortlist,
    Community,
    RankedPerson,
    ShortlistBaseline,
)
from server.graphql.topics.resolvers import trends_by
from server.graphql.topics.types import Trend


def _ranked(info: Info, entry: views.Entry) -> RankedPerson:
    return RankedPerson(
        person=person_of(info, entry),
        score=entry.score,
        factors=factors_of(entry.factors),
    )


@strawberry.type
class RankingsQuery:
    @strawberry.field(
        description="People by influence. Without topic, platform or time window, the last "
        "`osmosi rank`; with any of them, influence recomputed on that part of the graph. "
        f"Cost: 1, or {RECOMPUTED_COST} recomputed."
    )
    async def influencers(
        self,
        info: Info,
        first: int = 20,
        offset: int = 0,
        topic: str | None = None,
        community_id: strawberry.ID | None = None,
        platform: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[RankedPerson]:
        size = page_size(first)
        if offset < 0:
            raise UserError("offset must not be negative")
        where = views.GraphFilter(topic, platform, since, until)
        community = str(community_id) if community_id is not None else None
        store = info.context.store
        if where.changes_graph:
            run = partial(
                views.filtered_influencers, store, datetime.now(UTC), size, offset, where, community
            )
            found = await info.context.views.run(run, "influencers")
        else:
            found = await run_in_threadpool(
                views.stored_influencers, store, size, offset, community
            )
        return [_ranked(info, entry) for entry in found]

    @strawberry.field(description="Communities of the last ranking, largest first.")
    async def communities(self, info: Info, first: int = 20, offset: int = 0) -> list[Community]:
        size = page_size(first)
        found = await run_in_threadpool(info.context.store.list_communities, size, max(offset, 0))
        return [Community.from_model(c) for c in found]

    @strawberry.field(description="A community of the last ranking by id; null if there is none.")
    async def community(self, info: Info, id: strawberry.ID) -> Community | None:
        found = await info.context.people.communities.load(str(id))
        return Community.from_model(found) if found else None

    @strawberry.field(
        description="Each community's volume and mean sentiment per bucket in "
        "`[since, until)`, busiest first (keys are community ids; posts count toward the "
        "community their author is in now): which communities shifted in tone."
    )
    async def community_trends(
        self,
        info: Info,
        first: int = 20,
        since: datetime | None = None,
        until: datetime | None = None,
        bucket: Bucket = Bucket.WEEK,
    ) -> list[Trend]:
        return await trends_by(info, VolumeDimension.COMMUNITY, bucket, since, until, first)

    @strawberry.field(description="People by advocacy score, optionally of one class.")
    async def advocates(
        self,
        info: Info,
        first: int = 20,
        offset: int = 0,
        advocacy_class: Annotated[
            AdvocacyClass | None, strawberry.argument(name="class", description="Only this class.")
        ] = None,
    ) -> list[Advocate]:
        size = page_size(first)
        klass = advocacy_class.value if advocacy_class else None
        found = await run_in_threadpool(
            views.advocates, info.context.store, size, max(offset, 0), klass
        )
        return [
            Advocate.of(
                person_of(info, entry),
                entry.score,
                AdvocacyClass(label) if label else AdvocacyClass.UNKNOWN,
                entry.factors,
            )
            for entry, label in found
        ]

    @strawberry.field(
        description="Ambassadors chosen together to maximise expected reach (never "
        "detractors), with the top-K by PageRank for comparison. Computed on request. "
        f"Cost: {field_cost('Query', 'ambassadorShortlist')}."
    )
    async def ambassador_shortlist(
        self,
        info: Info,
        size: int = 10,
        customers_only: bool = False,
        max_per_community: int | None = None,
    ) -> AmbassadorShortlist:
        size = page_size(size, page_limit("Query", "ambassadorShortlist"))
        if max_per_community is not None and max_per_community < 1:
            raise UserError("maxPerCommunity must be at least 1")
        run = partial(
            views.ambassador_shortlist,
            info.context.store,
            datetime.now(UTC),
            size,
            customers_only,
            max_per_community,
        )
        view = await info.context.views.run(run, "ambassadorShortlist")
        result = view.shortlist
        return AmbassadorShortlist(
            members=[
                RankedPerson(person=Person(id=strawberry.ID(p)), score=float(rank), factors=[])
                for rank, p in enumerate(result.members, 1)
            ],
            expected_reach=result.expected_reach,
            communities=list(result.communities),
            baseline=ShortlistBaseline(
                members=[Person(id=strawberry.ID(p)) for p in result.baseline],
                expected_reach=result.baseline_reach,
                communities=list(result.baseline_communities),
            ),
            picks=[
                Advocate.of(Person(id=strawberry.ID(p)), a.score, a.klass, a.factors)
                for p, a in view.advocacy.items()
            ],
            reach_gains=list(result.gains),
            shortfall=result.shortfall,
        )


@strawberry.type(description="A recomputation of the rankings, started in the background.")
class RankRun:
    id: strawberry.ID = strawberry.field(description="The run's id (a Celery task id with Redis).")


@strawberry.type
class RankingsMutation:
    @strawberry.mutation(
        description="Recompute influence, communities, advocacy and the shortlist now, in the "
        "background (on the Celery workers with Redis). Needs the manager role.",
        permission_classes=MANAGER,
    )
    async def recompute_rankings(self, info: Info) -> RankRun:
        try:
            run_id = await run_in_threadpool(info.context.runner.rank)
        except BrokerUnavailable as error:
            raise UserError(f"The rankings cannot be recomputed now: {error}") from None
        return RankRun(id=strawberry.ID(run_id))
