"""GraphQL types of posts."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graph.model import StoredPost


@strawberry.type(description="A post, reply, repost or quote on a platform.")
class Post:
    id: strawberry.ID = strawberry.field(description="Osmosi's id: `platform:external id`.")
    platform: str = strawberry.field(description="Platform the post was made on.")
    external_id: str = strawberry.field(description="The platform's own id of the post.")
    text: str = strawberry.field(description="Plain text of the post.")
    created_at: datetime = strawberry.field(description="When it was posted (UTC).")
    language: str | None = strawberry.field(description="ISO 639 language code, if known.")
    url: str | None = strawberry.field(description="Link to the post on its platform.")
    reported_by: str | None = strawberry.field(
        description="The team member who reported this conversation, if it came from a report."
    )

    @classmethod
    def from_stored(cls, post: StoredPost) -> Post:
        return cls(
            id=strawberry.ID(post.uid),
            platform=post.platform,
            external_id=post.external_id,
            text=post.text,
            created_at=post.created_at,
            language=post.language,
            url=post.url,
            reported_by=post.reported_by,
        )


@strawberry.input(description="A conversation an employee saw and wants the team to follow.")
class ReportConversationInput:
    platform: str = strawberry.field(description="Where it happened, e.g. `instagram`, `forum`.")
    text: str = strawberry.field(description="What was said.")
    author_handle: str = strawberry.field(description="Who said it: their handle there.")
    reported_by: str = strawberry.field(description="Who reports it (a team member).")
    url: str | None = strawberry.field(default=None, description="Link to the conversation.")
    external_id: str | None = strawberry.field(
        default=None, description="The platform's id of the post, if known."
    )
    author_name: str | None = strawberry.field(default=None, description="Author's name.")
    created_at: datetime | None = strawberry.field(
        default=None, description="When it was said; now if omitted."
    )


@strawberry.type(description="The outcome of a conversation report.")
class ReportConversationPayload:
    post: Post = strawberry.field(description="The stored post.")
    created: bool = strawberry.field(
        description="False when the conversation had already been stored."
    )
