"""The signed-in key, for clients that shape themselves to its role."""

from __future__ import annotations

import strawberry

from server.graphql.access.types import Viewer
from server.graphql.core.context import Info
from server.graphql.core.limits import UserError


@strawberry.type
class AccessQuery:
    @strawberry.field(description="The key this request is signed in with.")
    def viewer(self, info: Info) -> Viewer:
        caller = info.context.caller
        if caller is None:  # only a socket that skipped its handshake could get here
            raise UserError("missing or invalid API key")
        return Viewer.from_model(caller)
