"""Queries and mutations on posts."""

from __future__ import annotations

import strawberry
from starlette.concurrency import run_in_threadpool

from ingestion.record import RecordError
from ingestion.reports import ConversationReport, report_conversation
from server.auth import Disabled, Unauthorized, check_ingest_key
from server.graphql.core.context import Info
from server.graphql.core.limits import UserError
from server.graphql.posts.types import Post, ReportConversationInput, ReportConversationPayload


@strawberry.type
class PostsQuery:
    @strawberry.field(description="A post by its id (`platform:external id`).")
    async def post(self, info: Info, id: strawberry.ID) -> Post | None:
        found = await run_in_threadpool(info.context.store.get_posts, [str(id)])
        stored = found.get(str(id))
        return Post.from_stored(stored) if stored else None


@strawberry.type
class PostsMutation:
    @strawberry.mutation(
        description="Report a conversation seen elsewhere, so the team can follow it. "
        "Needs the ingest API key as a Bearer token."
    )
    async def report_conversation(
        self, info: Info, input: ReportConversationInput
    ) -> ReportConversationPayload:
        try:
            check_ingest_key(info.context.settings.ingest_api_key, info.context.authorization)
        except (Disabled, Unauthorized) as error:
            raise UserError(str(error)) from None
        report = ConversationReport(
            platform=input.platform,
            text=input.text,
            author_handle=input.author_handle,
            reported_by=input.reported_by,
            url=input.url,
            external_id=input.external_id,
            author_name=input.author_name,
            created_at=input.created_at,
        )
        try:
            stored, created = await run_in_threadpool(
                report_conversation, info.context.runner.pipeline, report
            )
        except RecordError as error:
            raise UserError(error.reason) from None
        return ReportConversationPayload(post=Post.from_stored(stored), created=created)
