"""GraphQL types of posts."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graph.model import nodes as model
from graph.model.nodes import StoredPost
from server.graphql.core.context import Info
from server.graphql.people.types import Account

# The domain's enums, registered as GraphQL enums (strawberry marks the classes in place).
strawberry.enum(model.Sentiment, name="SentimentLabel", description="Polarity of an opinion.")
strawberry.enum(model.Intent, description="What a post wants, for routing.")
strawberry.enum(model.AspectTarget, description="The kind of thing an aspect opinion is about.")
strawberry.enum(model.ShareKind, description="How a post passes another on.")


@strawberry.type(description="A post's public metrics, where the platform gives them.")
class Metrics:
    likes: int | None = strawberry.field(description="Likes, favourites or upvotes.")
    shares: int | None = strawberry.field(description="Reposts, retweets or boosts.")
    replies: int | None = strawberry.field(description="Replies.")
    quotes: int | None = strawberry.field(description="Quotes.")
    views: int | None = strawberry.field(description="Views or impressions.")


@strawberry.type(description="The sentiment of a post as a whole.")
class Sentiment:
    label: model.Sentiment = strawberry.field(description="Positive, negative or neutral.")
    score: float = strawberry.field(description="From -1 (negative) to 1 (positive).")


@strawberry.type(description="The sentiment a post expresses toward a touchpoint or product.")
class Aspect:
    target: model.AspectTarget = strawberry.field(description="Touchpoint or product.")
    key: str = strawberry.field(description="Key of the touchpoint or product (brand lexicon).")
    label: model.Sentiment = strawberry.field(description="Positive, negative or neutral.")
    score: float = strawberry.field(description="From -1 (negative) to 1 (positive).")


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
    sentiment: Sentiment | None = strawberry.field(
        description="Overall sentiment, once the post has been analysed."
    )
    aspects: list[Aspect] = strawberry.field(
        description="Sentiment toward each touchpoint and product the post names."
    )
    intent: model.Intent | None = strawberry.field(
        description="Question, complaint, praise, purchase intent, idea or other."
    )
    topics: list[str] = strawberry.field(
        description="Keys of the post's hashtags and keyphrases (lower case, no accents)."
    )
    reply_to_id: strawberry.ID | None = strawberry.field(
        description="The post this one replies to (it may not have arrived yet)."
    )
    shares_id: strawberry.ID | None = strawberry.field(
        description="The post this one reposts or quotes (it may not have arrived yet)."
    )
    share_kind: model.ShareKind | None = strawberry.field(description="Repost or quote.")
    channel_id: strawberry.ID | None = strawberry.field(
        description="The channel it appeared in (`platform:venue`)."
    )
    mentions: list[str] = strawberry.field(description="Ids of the accounts it mentions.")
    metrics: Metrics = strawberry.field(description="Public metrics.")
    author_id: strawberry.Private[str]

    @strawberry.field(description="The account that wrote it.")
    async def author(self, info: Info) -> Account | None:
        found = await info.context.posts.accounts.load(self.author_id)
        return Account.from_model(found) if found else None

    @classmethod
    def from_stored(cls, post: StoredPost) -> Post:
        metrics = post.metrics
        return cls(
            reply_to_id=strawberry.ID(post.reply_to_uid) if post.reply_to_uid else None,
            shares_id=strawberry.ID(post.shares_uid) if post.shares_uid else None,
            share_kind=post.share_kind,
            channel_id=strawberry.ID(post.channel_uid) if post.channel_uid else None,
            mentions=list(post.mention_uids),
            metrics=Metrics(
                likes=metrics.get("likes"),
                shares=metrics.get("shares"),
                replies=metrics.get("replies"),
                quotes=metrics.get("quotes"),
                views=metrics.get("views"),
            ),
            author_id=post.author_uid,
            id=strawberry.ID(post.uid),
            platform=post.platform,
            external_id=post.external_id,
            text=post.text,
            created_at=post.created_at,
            language=post.language,
            url=post.url,
            reported_by=post.reported_by,
            sentiment=(
                Sentiment(label=post.sentiment, score=post.sentiment_score or 0.0)
                if post.sentiment
                else None
            ),
            aspects=[
                Aspect(target=a.target, key=a.key, label=a.sentiment, score=a.score)
                for a in post.aspects
            ],
            intent=post.intent,
            topics=list(post.topic_keys),
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


@strawberry.type(description="A conversation: the topmost stored post and every reply below it.")
class Thread:
    root_id: strawberry.ID = strawberry.field(description="The post the conversation starts at.")
    posts: list[Post] = strawberry.field(
        description="Every post of the conversation, oldest first (the root among them); "
        "build the tree from `replyToId`."
    )
    truncated: bool = strawberry.field(
        description="Whether the conversation is longer than the posts returned."
    )
