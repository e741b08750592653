"""GraphQL types of the response queue, its metrics and the impact table."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Annotated

import strawberry

from graph.model import responses, routing
from graph.model.nodes import Intent, Sentiment
from graph.model.routing import BusinessFunction, Priority
from graph.responses.metrics import MetricGroup, ResponseFigures
from server.graphql.core.context import Info
from server.graphql.core.enums import ChannelKind

if TYPE_CHECKING:
    from server.graphql.people.types import Person
    from server.graphql.posts.types import Post

LazyPerson = Annotated["Person", strawberry.lazy("server.graphql.people.types")]
LazyPost = Annotated["Post", strawberry.lazy("server.graphql.posts.types")]

strawberry.enum(BusinessFunction, description="The business function that owns an answer.")
strawberry.enum(Priority, description="How urgent a conversation is.")
strawberry.enum(responses.ConversationStatus, description="Where a conversation stands.")
strawberry.enum(MetricGroup, description="What first-response figures are grouped by.")


def _seconds(value: timedelta | None) -> float | None:
    return value.total_seconds() if value is not None else None


@strawberry.type(
    description="A conversation that needs a human answer: who owns it, by when, and how "
    "it was answered. Osmosi never answers itself."
)
class Conversation:
    id: strawberry.ID = strawberry.field(description="The conversation's id (its post's id).")
    function: BusinessFunction = strawberry.field(description="Who owns the answer.")
    rule: str = strawberry.field(description="The impact table's rule that routed it.")
    priority: Priority = strawberry.field(description="How urgent it is.")
    reviewers: list[str] = strawberry.field(description="Who reviews the answer.")
    intent: Intent | None = strawberry.field(description="What the post wants.")
    channel: str | None = strawberry.field(description="The channel's id (`platform:venue`).")
    received_at: datetime = strawberry.field(description="When the post was made (UTC).")
    due_at: datetime = strawberry.field(description="When the first response is due.")
    routed_at: datetime = strawberry.field(description="When Osmosi routed it.")
    status: responses.ConversationStatus = strawberry.field(description="Open, answered...")
    owner: str | None = strawberry.field(description="Who it is assigned to.")
    overdue: bool = strawberry.field(description="Open and past its due time.")
    answered_at: datetime | None = strawberry.field(description="When it was answered.")
    answered_by: str | None = strawberry.field(description="Who answered.")
    answer: str | None = strawberry.field(description="The answer's text or link.")
    dismissed_reason: str | None = strawberry.field(description="Why it was dismissed.")
    closed_by: str | None = strawberry.field(
        description="The API key that marked it answered or dismissed."
    )
    first_response_seconds: float | None = strawberry.field(
        description="From the post to the answer, in seconds."
    )
    within_target: bool | None = strawberry.field(description="Answered by its due time.")
    post_uid: strawberry.Private[str]
    author_id: strawberry.Private[str | None]

    @strawberry.field(description="The post to answer.")
    async def post(self, info: Info) -> LazyPost | None:
        from server.graphql.posts.types import Post

        stored = await info.context.posts.posts.load(self.post_uid)
        return Post.from_stored(stored) if stored else None

    @strawberry.field(description="Who wrote it.")
    async def author(self, info: Info) -> LazyPerson | None:
        from server.graphql.people.types import Person

        if self.author_id is None:
            return None
        found = await info.context.people.people.load(self.author_id)
        return Person(id=strawberry.ID(found.id)) if found else None

    @classmethod
    def from_model(cls, conversation: responses.Conversation, now: datetime) -> Conversation:
        return cls(
            id=strawberry.ID(conversation.id),
            function=conversation.function,
            rule=conversation.rule,
            priority=conversation.priority,
            reviewers=list(conversation.reviewers),
            intent=conversation.intent,
            channel=conversation.channel_uid,
            received_at=conversation.received_at,
            due_at=conversation.due_at,
            routed_at=conversation.routed_at,
            status=conversation.status,
            owner=conversation.owner,
            overdue=conversation.overdue(now),
            answered_at=conversation.answered_at,
            answered_by=conversation.answered_by,
            answer=conversation.answer,
            dismissed_reason=conversation.dismissed_reason,
            closed_by=conversation.closed_by,
            first_response_seconds=_seconds(conversation.first_response),
            within_target=conversation.within_target,
            post_uid=conversation.post_uid,
            author_id=conversation.author_id,
        )


@strawberry.type(description="First-response figures of one group of conversations.")
class ResponseMetrics:
    function: BusinessFunction | None = strawberry.field(description="When grouped by it.")
    channel: str | None = strawberry.field(description="When grouped by it.")
    week: date | None = strawberry.field(description="Monday of the ISO week, when grouped.")
    conversations: int = strawberry.field(description="Conversations in the group.")
    answered: int = strawberry.field(description="Of which answered.")
    dismissed: int = strawberry.field(description="Of which dismissed.")
    open: int = strawberry.field(description="Of which still open.")
    overdue: int = strawberry.field(description="Of which open past their due time.")
    median_first_response_seconds: float | None = strawberry.field(
        description="Median time to the first response (answered ones), in seconds."
    )
    p90_first_response_seconds: float | None = strawberry.field(
        description="90th percentile (nearest rank), in seconds."
    )
    within_target: float | None = strawberry.field(
        description="Share of answered ones answered by their due time, 0 to 1."
    )

    @classmethod
    def from_model(cls, figures: ResponseFigures) -> ResponseMetrics:
        return cls(
            function=figures.function,
            channel=figures.channel,
            week=figures.week,
            conversations=figures.conversations,
            answered=figures.answered,
            dismissed=figures.dismissed,
            open=figures.open,
            overdue=figures.overdue,
            median_first_response_seconds=_seconds(figures.median_first_response),
            p90_first_response_seconds=_seconds(figures.p90_first_response),
            within_target=figures.within_target,
        )


@strawberry.type(description="The conditions of a rule; every one given must hold.")
class RuleConditions:
    intents: list[Intent] = strawberry.field(description="Any of these intents.")
    sentiments: list[Sentiment] = strawberry.field(description="Any of these sentiments.")
    touchpoints: list[str] = strawberry.field(description="An opinion on any of these.")
    topics: list[str] = strawberry.field(description="Any of these topic keys.")
    platforms: list[str] = strawberry.field(description="Any of these platforms.")
    channel_kinds: list[ChannelKind] = strawberry.field(description="Any of these kinds.")
    min_influence: float | None = strawberry.field(
        description="The author's influence percentile, at least (0 to 1)."
    )
    advocacy_classes: list[str] = strawberry.field(description="Any of these author classes.")
    customer: bool | None = strawberry.field(description="The author is (not) a customer.")
    min_lifetime_value: float | None = strawberry.field(
        description="The author's customer lifetime value, at least."
    )


@strawberry.type(description="A rule of the impact table.")
class RoutingRule:
    name: str = strawberry.field(description="Unique name.")
    function: BusinessFunction = strawberry.field(description="Who owns the answer.")
    first_response_hours: float = strawberry.field(description="The first-response target.")
    priority: Priority = strawberry.field(description="How urgent.")
    reviewers: list[str] = strawberry.field(description="Who reviews the answer.")
    when: RuleConditions = strawberry.field(description="When the rule applies.")

    @classmethod
    def from_model(cls, rule: routing.Rule) -> RoutingRule:
        when = rule.when
        return cls(
            name=rule.name,
            function=rule.function,
            first_response_hours=rule.first_response.total_seconds() / 3600,
            priority=rule.priority,
            reviewers=list(rule.reviewers),
            when=RuleConditions(
                intents=sorted(when.intents),
                sentiments=sorted(when.sentiments),
                touchpoints=sorted(when.touchpoints),
                topics=sorted(when.topics),
                platforms=sorted(when.platforms),
                channel_kinds=sorted(when.channel_kinds),
                min_influence=when.min_influence,
                advocacy_classes=sorted(when.advocacy_classes),
                customer=when.customer,
                min_lifetime_value=when.min_lifetime_value,
            ),
        )


@strawberry.input(description="The conditions of a rule; leave out what does not matter.")
class RuleConditionsInput:
    intents: list[Intent] | None = None
    sentiments: list[Sentiment] | None = None
    touchpoints: list[str] | None = None
    topics: list[str] | None = None
    platforms: list[str] | None = None
    channel_kinds: list[ChannelKind] | None = None
    min_influence: float | None = None
    advocacy_classes: list[str] | None = None
    customer: bool | None = None
    min_lifetime_value: float | None = None

    def to_data(self) -> dict[str, object]:
        """The TOML form's ``when`` table (`graph.model.routing.parse_table` checks it)."""
        lists = {
            "intent": self.intents,
            "sentiment": self.sentiments,
            "touchpoint": self.touchpoints,
            "topic": self.topics,
            "platform": self.platforms,
            "channel_kind": self.channel_kinds,
            "advocacy_class": self.advocacy_classes,
        }
        data: dict[str, object] = {k: [str(v) for v in vs] for k, vs in lists.items() if vs}
        for key in ("min_influence", "customer", "min_lifetime_value"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@strawberry.input(description="A rule of the impact table, in order of precedence.")
class RoutingRuleInput:
    name: str
    function: BusinessFunction
    first_response_hours: float
    priority: Priority = Priority.NORMAL
    reviewers: list[str] = strawberry.field(default_factory=list)
    when: RuleConditionsInput | None = None

    def to_data(self) -> dict[str, object]:
        return {
            "name": self.name,
            "function": self.function.value,
            "first_response_hours": self.first_response_hours,
            "priority": self.priority.value,
            "reviewers": list(self.reviewers),
            "when": self.when.to_data() if self.when else {},
        }
