"""Channels, their volume and growth."""

from __future__ import annotations

from datetime import datetime, timedelta

import strawberry
from starlette.concurrency import run_in_threadpool

from graph.insights.service import Bucket, channels_report
from graph.model.insights import VolumeDimension
from server.graphql.channels.types import Channel
from server.graphql.core.context import Info
from server.graphql.core.limits import UserError
from server.graphql.topics.resolvers import trends_by
from server.graphql.topics.types import Trend

MAX_PERIOD_DAYS = 366


@strawberry.type
class ChannelsQuery:
    @strawberry.field(
        description="Every channel, busiest first, with its volume and its growth over the "
        "latest `periodDays` (UTC days, today included) against the period before."
    )
    async def channels(self, info: Info, period_days: int = 7) -> list[Channel]:
        if not 1 <= period_days <= MAX_PERIOD_DAYS:
            raise UserError(f"periodDays must be between 1 and {MAX_PERIOD_DAYS}")
        found = await run_in_threadpool(
            channels_report, info.context.store, info.context.now, timedelta(days=period_days)
        )
        return [Channel.from_model(activity) for activity in found]

    @strawberry.field(
        description="The `first` channels with most posts in `[since, until)`, each with its "
        "volume and sentiment per bucket (keys are channel ids, `platform:venue`)."
    )
    async def channel_trends(
        self,
        info: Info,
        first: int = 20,
        since: datetime | None = None,
        until: datetime | None = None,
        bucket: Bucket = Bucket.WEEK,
    ) -> list[Trend]:
        return await trends_by(info, VolumeDimension.CHANNEL, bucket, since, until, first)
