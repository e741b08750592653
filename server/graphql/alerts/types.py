"""GraphQL types of alerts and their webhook deliveries."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from graph.model import alerts as model
from server.graphql.core.context import Info

if TYPE_CHECKING:
    from server.graphql.people.types import Person
    from server.graphql.posts.types import Post

LazyPost = Annotated["Post", strawberry.lazy("server.graphql.posts.types")]
LazyPerson = Annotated["Person", strawberry.lazy("server.graphql.people.types")]

PERSON_KINDS = frozenset({model.AlertKind.NEGATIVE_INFLUENCER, model.AlertKind.AT_RISK_INFLUENCER})
"""Alerts whose subject is a person's id."""

strawberry.enum(model.AlertKind, description="What an alert is about.")
strawberry.enum(model.DeliveryState, description="Where a webhook delivery stands.")


@strawberry.type(description="A figure behind an alert.")
class AlertFigure:
    name: str = strawberry.field(description="What it measures.")
    value: float = strawberry.field(description="Its value.")


@strawberry.type(description="One attempt at a webhook delivery.")
class DeliveryAttempt:
    at: datetime = strawberry.field(description="When (UTC).")
    status_code: int | None = strawberry.field(description="The receiver's HTTP status.")
    error: str | None = strawberry.field(description="Why it failed, if it did.")


@strawberry.type(description="An alert's delivery to one webhook URL.")
class WebhookDelivery:
    id: strawberry.ID = strawberry.field(description="Sent as `Osmosi-Delivery`.")
    url: str = strawberry.field(description="The receiver.")
    state: model.DeliveryState = strawberry.field(description="Pending, delivered or failed.")
    next_attempt_at: datetime = strawberry.field(description="When it is tried next.")
    attempts: list[DeliveryAttempt] = strawberry.field(description="Every attempt made.")

    @classmethod
    def from_model(cls, delivery: model.Delivery) -> WebhookDelivery:
        return cls(
            id=strawberry.ID(delivery.id),
            url=delivery.url,
            state=delivery.state,
            next_attempt_at=delivery.next_attempt_at,
            attempts=[
                DeliveryAttempt(at=a.at, status_code=a.status_code, error=a.error)
                for a in delivery.attempts
            ],
        )


@strawberry.type(
    description="Something to act on now: a negative post by an influential person, a "
    "sentiment spike on a touchpoint, or a new channel gaining volume."
)
class Alert:
    id: strawberry.ID = strawberry.field(description="The alert's id.")
    kind: model.AlertKind = strawberry.field(description="What it is about.")
    raised_at: datetime = strawberry.field(description="When it was raised (UTC).")
    subject: str = strawberry.field(
        description="A person's id, a touchpoint's key or a channel's id, by kind."
    )
    summary: str = strawberry.field(description="One line for people.")
    figures: list[AlertFigure] = strawberry.field(description="The figures behind it.")
    post_uid: strawberry.Private[str | None]

    @strawberry.field(description="Its webhook deliveries, with every attempt.")
    async def deliveries(self, info: Info) -> list[WebhookDelivery]:
        found = await info.context.alerts.deliveries.load(str(self.id))
        return [WebhookDelivery.from_model(delivery) for delivery in found]

    @strawberry.field(description="The post, for an alert about one.")
    async def post(self, info: Info) -> LazyPost | None:
        from server.graphql.posts.types import Post

        if self.post_uid is None:
            return None
        stored = await info.context.posts.posts.load(self.post_uid)
        return Post.from_stored(stored) if stored else None

    @strawberry.field(description="The person, for an alert about one (null once they are erased).")
    async def person(self, info: Info) -> LazyPerson | None:
        from server.graphql.people.types import Person

        if self.kind not in PERSON_KINDS:
            return None
        found = await info.context.people.people.load(self.subject)
        return Person(id=strawberry.ID(found.id)) if found else None

    @classmethod
    def from_model(cls, alert: model.Alert) -> Alert:
        return cls(
            id=strawberry.ID(alert.id),
            kind=alert.kind,
            raised_at=alert.raised_at,
            subject=alert.subject,
            summary=alert.summary,
            figures=[AlertFigure(name=name, value=value) for name, value in alert.figures],
            post_uid=alert.post_uid,
        )
