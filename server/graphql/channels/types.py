"""GraphQL types of channels."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graph.insights.service import ChannelActivity
from graph.model import nodes as model


@strawberry.type(description="A channel (a venue on a platform) and how busy it is.")
class Channel:
    id: strawberry.ID = strawberry.field(description="`platform:venue`.")
    platform: str = strawberry.field(description="The platform.")
    venue: str = strawberry.field(description="The subreddit, forum, page or instance.")
    kind: model.ChannelKind = strawberry.field(description="Appeal, vertical or peripheral.")
    first_seen_at: datetime | None = strawberry.field(
        description="When Osmosi first saw a post there."
    )
    posts: int = strawberry.field(description="Posts stored from it.")
    recent_posts: int = strawberry.field(description="Posts in the latest period.")
    previous_posts: int = strawberry.field(description="Posts in the period before it.")
    growth: float | None = strawberry.field(
        description="Relative change from the previous period to the latest (0.5 = +50%); "
        "null when the previous period had none."
    )

    @classmethod
    def from_model(cls, activity: ChannelActivity) -> Channel:
        channel = activity.channel
        return cls(
            id=strawberry.ID(channel.uid),
            platform=channel.platform,
            venue=channel.venue,
            kind=channel.kind,
            first_seen_at=channel.first_seen_at,
            posts=activity.posts,
            recent_posts=activity.recent,
            previous_posts=activity.previous,
            growth=activity.growth,
        )
