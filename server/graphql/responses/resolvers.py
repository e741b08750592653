"""The response queue, its first-response metrics and the impact table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial

import strawberry
from starlette.concurrency import run_in_threadpool

from graph.model import responses
from graph.model.responses import ConversationStatus
from graph.model.routing import BusinessFunction, RoutingTable, parse_table
from graph.responses import acting
from graph.responses import metrics as response_metrics
from graph.responses.metrics import MetricGroup
from graph.store.correlate import ConversationFilter
from server.graphql.core.calls import call_domain
from server.graphql.core.context import Info
from server.graphql.core.limits import UserError
from server.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from server.graphql.core.permissions import ADMIN, MANAGER
from server.graphql.responses.types import (
    Conversation,
    ResponseMetrics,
    RoutingRule,
    RoutingRuleInput,
)

MAX_WAIT_HOURS = 24 * 365


def _page(
    info: Info, found: Sequence[responses.Conversation], size: int, offset: int
) -> Connection[Conversation]:
    now = info.context.now
    return connection([Conversation.from_model(c, now) for c in found], size, offset)


def _current_table(info: Info) -> RoutingTable:
    return acting.current_table(info.context.store, info.context.routing)


@strawberry.type
class ResponsesQuery:
    @strawberry.field(
        description="The response queue, most urgent first (priority, then due time): "
        "filter by business function, owner, status (default open) and `overdue`."
    )
    async def response_queue(
        self,
        info: Info,
        function: BusinessFunction | None = None,
        owner: str | None = None,
        status: ConversationStatus | None = ConversationStatus.OPEN,
        overdue: bool = False,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[Conversation]:
        size, offset = page_size(first), decode_cursor(after)
        if overdue and status not in (None, ConversationStatus.OPEN):
            raise UserError("only open conversations can be overdue")
        where = ConversationFilter(
            function=function,
            owner=owner,
            status=ConversationStatus.OPEN if overdue else status,
            due_before=info.context.now if overdue else None,
        )
        found = await run_in_threadpool(info.context.store.conversations, where, size + 1, offset)
        return _page(info, found, size, offset)

    @strawberry.field(description="A conversation of the queue by id (its post's id).")
    async def conversation(self, info: Info, id: strawberry.ID) -> Conversation | None:
        found = await run_in_threadpool(info.context.store.get_conversations, [str(id)])
        conversation = found.get(str(id))
        return Conversation.from_model(conversation, info.context.now) if conversation else None

    @strawberry.field(
        description="Questions still unanswered after `olderThanHours` (the cemetery of "
        "unanswered questions), most urgent first."
    )
    async def unanswered_questions(
        self, info: Info, older_than_hours: float = 24.0, first: int = 20, after: str | None = None
    ) -> Connection[Conversation]:
        size, offset = page_size(first), decode_cursor(after)
        if not 0 <= older_than_hours <= MAX_WAIT_HOURS:
            raise UserError(f"olderThanHours must be between 0 and {MAX_WAIT_HOURS}")
        run = partial(
            response_metrics.unanswered,
            info.context.store,
            timedelta(hours=older_than_hours),
            info.context.now,
            size + 1,
            offset,
        )
        return _page(info, await run_in_threadpool(run), size, offset)

    @strawberry.field(
        description="First-response time (median, 90th percentile) and share within target "
        "of conversations about posts made in [since, until), grouped by business function, "
        "channel and/or ISO week."
    )
    async def response_metrics(
        self,
        info: Info,
        group_by: list[MetricGroup] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[ResponseMetrics]:
        groups = tuple(dict.fromkeys(group_by or [MetricGroup.FUNCTION]))
        now = info.context.now

        def compute() -> list[response_metrics.ResponseFigures]:
            found = response_metrics.conversations_between(info.context.store, since, until)
            return response_metrics.figures(found, groups, now)

        return [ResponseMetrics.from_model(f) for f in await call_domain(compute)]

    @strawberry.field(description="The impact table in force, rules in order of precedence.")
    async def routing_rules(self, info: Info) -> list[RoutingRule]:
        table = await call_domain(partial(_current_table, info))
        return [RoutingRule.from_model(rule) for rule in table.rules]


@strawberry.type
class ResponsesMutation:
    @strawberry.mutation(
        description="Assign an open conversation to someone. Needs the manager role.",
        permission_classes=MANAGER,
    )
    async def assign_conversation(self, info: Info, id: strawberry.ID, owner: str) -> Conversation:
        run = partial(acting.assign, info.context.store, str(id), owner)
        return Conversation.from_model(await call_domain(run), info.context.now)

    @strawberry.mutation(
        description="Mark an open conversation answered: the answer's text or link, who "
        "answered (default: the key's name), and when the answer went out (default: now). "
        "Needs the manager role.",
        permission_classes=MANAGER,
    )
    async def answer_conversation(
        self,
        info: Info,
        id: strawberry.ID,
        answer: str,
        answered_by: str | None = None,
        answered_at: datetime | None = None,
    ) -> Conversation:
        ctx = info.context
        who = answered_by if answered_by is not None else ctx.caller_name
        run = partial(
            acting.answer, ctx.store, str(id), answer, who, answered_at, ctx.now, ctx.actor
        )
        return Conversation.from_model(await call_domain(run), ctx.now)

    @strawberry.mutation(
        description="Dismiss an open conversation (no answer needed), with the reason. "
        "Needs the manager role.",
        permission_classes=MANAGER,
    )
    async def dismiss_conversation(
        self, info: Info, id: strawberry.ID, reason: str
    ) -> Conversation:
        ctx = info.context
        run = partial(acting.dismiss, ctx.store, str(id), reason, ctx.actor)
        return Conversation.from_model(await call_domain(run), ctx.now)

    @strawberry.mutation(
        description="Replace the impact table (rules in order of precedence); it routes "
        "every post ingested from now on. Needs the admin role.",
        permission_classes=ADMIN,
    )
    async def set_routing_rules(
        self, info: Info, rules: list[RoutingRuleInput]
    ) -> list[RoutingRule]:
        ctx = info.context

        def save() -> RoutingTable:
            table = parse_table({"rule": [rule.to_data() for rule in rules]})
            acting.save_table(ctx.store, table, ctx.actor, ctx.now)
            return table

        table = await call_domain(save)
        return [RoutingRule.from_model(rule) for rule in table.rules]
