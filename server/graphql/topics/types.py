"""GraphQL types of trends: volume and sentiment over time."""

from __future__ import annotations

from datetime import date

import strawberry

from graph.insights import service as insights


@strawberry.type(description="Volume and sentiment in one bucket (a day or an ISO week).")
class TrendPoint:
    start: date = strawberry.field(description="First day of the bucket (UTC).")
    posts: int = strawberry.field(description="Posts (or opinions) in the bucket.")
    scored: int = strawberry.field(description="Those with a sentiment score.")
    sentiment: float | None = strawberry.field(
        description="Mean sentiment of the scored ones, -1 to 1; null without any."
    )


@strawberry.type(description="Volume and sentiment of one key over time.")
class Trend:
    key: str = strawberry.field(description="The topic, touchpoint, channel or community key.")
    posts: int = strawberry.field(description="Posts (or opinions) in the whole period.")
    sentiment: float | None = strawberry.field(
        description="Mean sentiment over the whole period, -1 to 1."
    )
    points: list[TrendPoint] = strawberry.field(
        description="Bucket by bucket, oldest first; buckets without posts are left out."
    )

    @classmethod
    def from_model(cls, trend: insights.Trend) -> Trend:
        return cls(
            key=trend.key,
            posts=trend.posts,
            sentiment=trend.sentiment,
            points=[
                TrendPoint(start=p.start, posts=p.posts, scored=p.scored, sentiment=p.sentiment)
                for p in trend.points
            ],
        )
