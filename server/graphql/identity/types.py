"""GraphQL types of identity links: who is which customer, and which people are one human."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from graph.identity.linking import Resolution
from graph.model import identity as model
from server.graphql.core.context import Info

if TYPE_CHECKING:
    from server.graphql.people.types import Customer, Person

LazyPerson = Annotated["Person", strawberry.lazy("server.graphql.people.types")]
LazyCustomer = Annotated["Customer", strawberry.lazy("server.graphql.people.types")]

strawberry.enum(model.LinkKind, name="IdentityLinkKind", description="What a link joins.")
strawberry.enum(model.LinkStatus, name="IdentityLinkStatus", description="Where a link stands.")
strawberry.enum(model.EvidenceKind, description="The kind of signal behind a link.")
strawberry.enum(
    model.LinkOrder,
    name="IdentityLinkOrder",
    description="How identity links are listed: most confident first (the review list), or "
    "the latest decided first (the audit trail; undecided links last).",
)


@strawberry.type(description="One signal behind an identity link.")
class Evidence:
    kind: model.EvidenceKind = strawberry.field(description="What kind of signal.")
    detail: str = strawberry.field(description="What was found.")
    weight: float = strawberry.field(description="How much it alone makes the link likely.")


async def _person(info: Info, person_id: str) -> Person | None:
    from server.graphql.people.types import Person

    found = await info.context.people.people.load(person_id)
    return Person(id=strawberry.ID(found.id)) if found else None


@strawberry.type(
    description="A proposed or decided link between a person and a CRM customer, or "
    "between two people who are one human, with its evidence and audit trail."
)
class IdentityLink:
    id: strawberry.ID = strawberry.field(description="The link's id.")
    kind: model.LinkKind = strawberry.field(description="Person-customer or person-person.")
    status: model.LinkStatus = strawberry.field(description="Proposed, applied or rejected.")
    confidence: float = strawberry.field(description="The evidence combined, 0 to 1.")
    evidence: list[Evidence] = strawberry.field(description="What the link rests on.")
    proposed_at: datetime = strawberry.field(description="When it was first proposed.")
    decided_at: datetime | None = strawberry.field(description="When it was last decided.")
    decided_by: str | None = strawberry.field(
        description="Who decided: an API key, or `osmosi:resolver` above the threshold."
    )
    note: str | None = strawberry.field(description="The decision's note or reason.")
    person_id: strawberry.Private[str]
    target_id: strawberry.Private[str]

    @strawberry.field(description="The person (null once erased, or merged away).")
    async def person(self, info: Info) -> LazyPerson | None:
        return await _person(info, self.person_id)

    @strawberry.field(description="The customer, for a person-customer link.")
    async def customer(self, info: Info) -> LazyCustomer | None:
        from server.graphql.people.types import Customer

        if self.kind is not model.LinkKind.PERSON_CUSTOMER:
            return None
        found = await info.context.posts.customers.load(self.target_id)
        return Customer.from_model(found) if found else None

    @strawberry.field(
        description="The other person, for a person-person link (null once merged into "
        "`person`, until the merge is undone)."
    )
    async def other_person(self, info: Info) -> LazyPerson | None:
        if self.kind is not model.LinkKind.PERSON_PERSON:
            return None
        return await _person(info, self.target_id)

    @classmethod
    def from_model(cls, link: model.IdentityLink) -> IdentityLink:
        return cls(
            id=strawberry.ID(link.id),
            kind=link.kind,
            status=link.status,
            confidence=link.confidence,
            evidence=[
                Evidence(kind=e.kind, detail=e.detail, weight=e.weight) for e in link.evidence
            ],
            proposed_at=link.proposed_at,
            decided_at=link.decided_at,
            decided_by=link.decided_by,
            note=link.note,
            person_id=link.person_id,
            target_id=link.target_id,
        )


@strawberry.type(description="What an identity resolution run did.")
class ResolutionReport:
    proposed: int = strawberry.field(description="Links new to the list.")
    applied: int = strawberry.field(description="Links applied now, above their threshold.")
    waiting: int = strawberry.field(description="Links waiting for review.")

    @classmethod
    def from_model(cls, resolution: Resolution) -> ResolutionReport:
        return cls(
            proposed=resolution.proposed, applied=resolution.applied, waiting=resolution.waiting
        )
