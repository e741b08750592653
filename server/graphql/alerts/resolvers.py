"""Alerts: the list, the live subscription, and a scan on demand."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from datetime import datetime, timedelta
from functools import partial

import strawberry
from starlette.concurrency import run_in_threadpool

from graph.alerts.service import scan_alerts
from server.graphql.alerts.types import Alert
from server.graphql.core.calls import call_domain
from server.graphql.core.context import Info
from server.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from server.graphql.core.permissions import MANAGER

LOOK_BACK = timedelta(seconds=30)
"""Alerts are polled from a little before the last one seen: one raised by a slower writer
with an earlier time still arrives (each alert is sent once)."""
BATCH = 100


@strawberry.type
class AlertsQuery:
    @strawberry.field(description="Alerts, newest first.")
    async def alerts(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[Alert]:
        size, offset = page_size(first), decode_cursor(after)
        found = await run_in_threadpool(info.context.store.alerts, size + 1, offset)
        return connection([Alert.from_model(alert) for alert in found], size, offset)


@strawberry.type
class AlertsMutation:
    @strawberry.mutation(
        description="Look for sentiment spikes on touchpoints and new channels gaining "
        "volume now (the beat does it periodically); returns the new alerts. Needs the "
        "manager role.",
        permission_classes=MANAGER,
    )
    async def scan_alerts(self, info: Info) -> list[Alert]:
        ctx = info.context
        run = partial(scan_alerts, ctx.store, ctx.now, ctx.settings.webhook_urls)
        return [Alert.from_model(alert) for alert in await call_domain(run)]


@strawberry.type
class AlertsSubscription:
    @strawberry.subscription(
        description="Alerts as they are raised (from `since`, default now), each once."
    )
    async def alerts(
        self, info: Info, since: datetime | None = None
    ) -> AsyncGenerator[Alert, None]:
        store, poll = info.context.store, info.context.settings.alert_poll_seconds
        cursor = since or info.context.now
        sent: dict[str, datetime] = {}
        while True:
            found = await run_in_threadpool(store.alerts_since, cursor - LOOK_BACK, BATCH)
            for alert in found:
                if alert.id not in sent:
                    sent[alert.id] = alert.raised_at
                    yield Alert.from_model(alert)
            if found:
                cursor = max(cursor, found[-1].raised_at)
            # Only alerts inside the look-back window can come again.
            sent = {key: at for key, at in sent.items() if at >= cursor - LOOK_BACK}
            if len(found) < BATCH:
                await asyncio.sleep(poll)
