"""The FastAPI application factory."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from anyio import to_thread
from cross_web import HTTPException
from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection, Request
from starlette.responses import Response
from strawberry.exceptions import ConnectionRejectionError
from strawberry.fastapi import GraphQLRouter
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

import osmosi
from graph.model.access import Role, authenticate
from server import health, ingest
from server.auth import bearer_token, caller_of, unauthorized
from server.body_limit import BodySizeLimit
from server.graphql.core.budget import Budgets
from server.graphql.core.cache import ResultCache
from server.graphql.core.context import Context
from server.graphql.core.throttle import HeavyPool, TokenBuckets
from server.graphql.schema import build_schema
from server.webapp import mount_web_app, page

if TYPE_CHECKING:
    from osmosi.runtime import Runtime

log = logging.getLogger(__name__)


class KeyedGraphQLRouter(GraphQLRouter[Context, None]):
    """GraphQL over HTTP and WebSocket (graphql-transport-ws). A WebSocket without a key in
    its handshake must give one in its ``connection_init`` payload, as browsers cannot set
    headers: ``{"Authorization": "Bearer KEY"}``; without a valid one it is closed (4403)."""

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        accepted: UnsetType = UNSET  # acknowledge without a payload
        if context.caller is not None:
            return accepted
        params = context.connection_params if isinstance(context.connection_params, dict) else {}
        header = params.get("Authorization", params.get("authorization"))
        token = bearer_token(header if isinstance(header, str) else None)
        caller = await run_in_threadpool(authenticate, context.store, token) if token else None
        if caller is None:
            raise ConnectionRejectionError({"reason": "missing or invalid API key"})
        context.caller = caller
        return accepted

    def decode_json(self, data: str | bytes) -> object:
        """A request body as an operation: a JSON object, or a clear 400 (a bare string or a
        body nested thousands deep is the client's mistake, not the server's)."""
        try:
            decoded = json.loads(data)
        except RecursionError:
            raise HTTPException(400, "The request body is nested too deeply.") from None
        if not isinstance(decoded, dict):
            raise HTTPException(
                400, 'The request body must be a JSON object: {"query": "...", "variables": {}}.'
            )
        return decoded

    async def render_graphql_ide(self, request: Request) -> Response:  # type: ignore[override]
        """GraphiQL from the app's build, so that it works with no internet."""
        return page("graphiql.html", request)


def create_app(runtime: Runtime) -> FastAPI:
    """Build the API on ``runtime``, composed by the caller (`osmosi.runtime.Runtime`):
    the app starts it on startup and stops it on shutdown."""
    settings, clock = runtime.settings, runtime.clock

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Store calls run on worker threads; a few keep the store busy, more only contend
        # for the interpreter lock (measured in bench/api_latency.py).
        to_thread.current_default_thread_limiter().total_tokens = settings.store_threads
        await run_in_threadpool(runtime.start)
        app.state.store, app.state.broker = runtime.store, runtime.broker
        app.state.runner = runtime.runner
        log.info("store %s ready", runtime.store.backend)
        try:
            yield
        finally:
            views.close()
            await run_in_threadpool(runtime.stop)

    app = FastAPI(
        title="Osmosi",
        version=osmosi.__version__,
        lifespan=lifespan,
        docs_url=None if settings.production else "/docs",
        redoc_url=None,
        openapi_url=None if settings.production else "/openapi.json",
    )
    app.state.settings = settings

    results = (
        ResultCache(settings.ranking_cache_seconds) if settings.ranking_cache_seconds else None
    )

    routing, thresholds = runtime.routing, runtime.thresholds
    budgets = Budgets(
        {
            Role.VIEWER: settings.query_budget_viewer,
            Role.MANAGER: settings.query_budget_manager,
            Role.ADMIN: settings.query_budget_admin,
        },
        TokenBuckets(settings.rate_limit_per_minute) if settings.rate_limit_per_minute else None,
    )
    views = HeavyPool(settings.view_slots, settings.view_deadline_seconds)

    async def context(request: HTTPConnection) -> Context:
        caller = await caller_of(request)
        # No key, no data: an operation without a valid key is refused before parsing.
        # (GET only serves the GraphiQL page: queries are not accepted over GET. A
        # WebSocket may carry the key in its connection_init instead of its handshake:
        # `KeyedGraphQLRouter.on_ws_connect` checks it there.)
        serves_page = request.scope["type"] == "http" and request.scope["method"] == "GET"
        if caller is None and not serves_page and request.scope["type"] != "websocket":
            raise unauthorized()
        return Context(
            store=request.app.state.store,
            runner=request.app.state.runner,
            settings=settings,
            routing=routing,
            thresholds=thresholds,
            budgets=budgets,
            views=views,
            caller=caller,
            now=clock(),
            results=results,
        )

    graphql = KeyedGraphQLRouter(
        build_schema(settings.production),
        context_getter=context,
        graphql_ide=None if settings.production else "graphiql",
        allow_queries_via_get=False,
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
    )
    app.include_router(graphql, prefix="/graphql")
    app.include_router(health.router)
    app.include_router(ingest.router)
    mount_web_app(app)
    app.add_middleware(
        BodySizeLimit,
        max_bytes=settings.max_request_bytes,
        prefix_limits={"/ingest/": settings.max_ingest_bytes},
    )
    return app
