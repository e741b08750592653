"""Identity links: the review list and audit trail, and the decisions on them."""

from __future__ import annotations

from functools import partial

import strawberry
from starlette.concurrency import run_in_threadpool

from graph.identity import linking
from graph.model.identity import LinkKind, LinkOrder, LinkStatus
from server.graphql.core.calls import call_domain
from server.graphql.core.context import Info
from server.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from server.graphql.core.permissions import MANAGER
from server.graphql.identity.types import IdentityLink, ResolutionReport


@strawberry.type
class IdentityQuery:
    @strawberry.field(
        description="Identity links for review and audit, most confident first (or, with "
        "`order: LATEST_DECISION`, the latest decided first): filter by kind and status "
        "(`PROPOSED` is the review list)."
    )
    async def identity_links(
        self,
        info: Info,
        kind: LinkKind | None = None,
        status: LinkStatus | None = None,
        first: int = 20,
        after: str | None = None,
        order: LinkOrder = LinkOrder.CONFIDENCE,
    ) -> Connection[IdentityLink]:
        size, offset = page_size(first), decode_cursor(after)
        found = await run_in_threadpool(
            info.context.store.identity_links, kind, status, size + 1, offset, order
        )
        return connection([IdentityLink.from_model(link) for link in found], size, offset)


@strawberry.type
class IdentityMutation:
    @strawberry.mutation(
        description="Apply a proposed link: link the person to the customer, or merge the "
        "two people. Needs the manager role.",
        permission_classes=MANAGER,
    )
    async def confirm_identity_link(
        self, info: Info, id: strawberry.ID, note: str | None = None
    ) -> IdentityLink:
        ctx = info.context
        run = partial(linking.confirm, ctx.store, str(id), ctx.actor, ctx.now, note)
        return IdentityLink.from_model(await call_domain(run))

    @strawberry.mutation(
        description="Refuse a proposed link, with the reason; it is not proposed again. "
        "Needs the manager role.",
        permission_classes=MANAGER,
    )
    async def reject_identity_link(
        self, info: Info, id: strawberry.ID, reason: str
    ) -> IdentityLink:
        ctx = info.context
        run = partial(linking.reject, ctx.store, str(id), ctx.actor, ctx.now, reason)
        return IdentityLink.from_model(await call_domain(run))

    @strawberry.mutation(
        description="Undo an applied link, with the reason: unlink the customer, or split "
        "the merged person off again exactly as they were. Needs the manager role.",
        permission_classes=MANAGER,
    )
    async def undo_identity_link(self, info: Info, id: strawberry.ID, reason: str) -> IdentityLink:
        ctx = info.context
        run = partial(linking.undo, ctx.store, str(id), ctx.actor, ctx.now, reason)
        return IdentityLink.from_model(await call_domain(run))

    @strawberry.mutation(
        description="Propose links from handles, emails, names and shared customers, and "
        "apply those above the configured thresholds. Needs the manager role.",
        permission_classes=MANAGER,
    )
    async def resolve_identities(self, info: Info) -> ResolutionReport:
        ctx = info.context
        run = partial(linking.resolve, ctx.store, ctx.now, ctx.thresholds)
        return ResolutionReport.from_model(await call_domain(run))
