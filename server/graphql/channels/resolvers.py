"""Channels, their volume and growth."""

from __future__ import annotations

from datetime import timedelta

import strawberry
from starlette.concurrency import run_in_threadpool

from graph.insights import channels_report
from server.graphql.channels.types import Channel
from server.graphql.core.context import Info
from server.graphql.core.limits import UserError

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
