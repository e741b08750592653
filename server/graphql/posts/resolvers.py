"""Queries and mutations on posts and conversations."""

from __future__ import annotations

import strawberry
from starlette.concurrency import run_in_threadpool

from ingestion.canonical.record import RecordError
from ingestion.reports import ConversationReport, report_conversation
from server.graphql.core.context import Info
from server.graphql.core.limits import UserError, page_limit
from server.graphql.core.pagination import page_size
from server.graphql.core.permissions import MANAGER
from server.graphql.posts.types import (
    Post,
    ReportConversationInput,
    ReportConversationPayload,
    Thread,
)


@strawberry.type
class PostsQuery:
    @strawberry.field(description="A post by its id (`platform:external id`), with its analysis.")
    async def post(self, info: Info, id: strawberry.ID) -> Post | None:
        stored = await info.context.posts.posts.load(str(id))
        return Post.from_stored(stored) if stored else None

    @strawberry.field(
        description="The conversation a post belongs to, from its topmost stored ancestor "
        "down, at most `first` posts (up to 1000)."
    )
    async def thread(self, info: Info, post_id: strawberry.ID, first: int = 500) -> Thread | None:
        size = page_size(first, page_limit("Query", "thread"))
        found = await run_in_threadpool(info.context.store.thread, str(post_id), size + 1)
        if found is None:
            return None
        return Thread(
            root_id=strawberry.ID(found.root_uid),
            posts=[Post.from_stored(post) for post in found.posts[:size]],
            truncated=len(found.posts) > size,
        )


@strawberry.type
class PostsMutation:
    @strawberry.mutation(
        description="Report a conversation seen elsewhere, so the team can follow it "
        "(employees are listening points). Needs the manager role.",
        permission_classes=MANAGER,
    )
    async def report_conversation(
        self, info: Info, input: ReportConversationInput
    ) -> ReportConversationPayload:
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
