"""Trends of topics and of brand touchpoints (and the helper other domains' trends use)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from starlette.concurrency import run_in_threadpool

from graph.insights.service import Bucket, volume_trends
from graph.model.insights import VolumeDimension
from server.graphql.core import enums as _enums  # noqa: F401  (registers TimeBucket)
from server.graphql.core.context import Info
from server.graphql.core.limits import UserError
from server.graphql.core.pagination import page_size
from server.graphql.topics.types import Trend


def _checked_window(since: datetime | None, until: datetime | None) -> None:
    if since is not None and until is not None and since >= until:
        raise UserError("since must be before until")


async def trends_by(
    info: Info,
    dimension: VolumeDimension,
    bucket: Bucket,
    since: datetime | None,
    until: datetime | None,
    first: int | None = None,
) -> list[Trend]:
    """The trends of every key of ``dimension`` in ``[since, until)``, most posts first
    (the ``first`` of them when given)."""
    size = page_size(first) if first is not None else None
    _checked_window(since, until)
    found = await run_in_threadpool(
        volume_trends, info.context.store, dimension, bucket, since, until
    )
    return [Trend.from_model(trend) for trend in found[:size]]


@strawberry.type
class TopicsQuery:
    @strawberry.field(
        description="The `first` topics with most posts in `[since, until)`, each with its "
        "volume and sentiment per bucket."
    )
    async def topics(
        self,
        info: Info,
        first: int = 20,
        since: datetime | None = None,
        until: datetime | None = None,
        bucket: Bucket = Bucket.WEEK,
    ) -> list[Trend]:
        return await trends_by(info, VolumeDimension.TOPIC, bucket, since, until, first)

    @strawberry.field(
        description="Every brand touchpoint talked about in `[since, until)`: the opinions "
        "toward it and their sentiment per bucket, most talked about first."
    )
    async def touchpoints(
        self,
        info: Info,
        since: datetime | None = None,
        until: datetime | None = None,
        bucket: Bucket = Bucket.WEEK,
    ) -> list[Trend]:
        return await trends_by(info, VolumeDimension.TOUCHPOINT, bucket, since, until)
