"""Domain services called from resolvers: on a worker thread (they do store I/O), with the
domain's refusals turned into errors the client sees."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

from graph.identity.service import IdentityError
from graph.model.responses import ResponseError
from graph.model.routing import RoutingError
from server.graphql.core.limits import UserError

T = TypeVar("T")


async def call_domain(run: Callable[[], T]) -> T:
    """``run()`` off the event loop; a domain's refusal (identity, response queue, routing
    table) reaches the client as its message."""
    try:
        return await run_in_threadpool(run)
    except (IdentityError, ResponseError, RoutingError) as error:
        raise UserError(str(error)) from None
