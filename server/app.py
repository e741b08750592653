"""The FastAPI application factory."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

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
from graph.access import Role, authenticate
from graph.store import GraphStore
from ingestion.jobs.retention import PeriodicRetention
from ingestion.jobs.scans import PeriodicScan
from osmosi.logs import configure_logging
from osmosi.runtime import (
    broker,
    identity_thresholds,
    job_runner,
    open_store,
    rank_scheduler,
    routing_table,
)
from osmosi.settings import Settings
from server import health, ingest
from server.auth import bearer_token, caller_of, unauthorized
from server.body_limit import BodySizeLimit
from server.graphql.core.budget import Budgets
from server.graphql.core.cache import ResultCache
from server.graphql.core.context import Context
from server.graphql.core.throttle import HeavyPool, TokenBuckets
from server.graphql.schema import build_schema
from server.webapp import mount_web_app, page

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


def create_app(
    settings: Settings,
    store: GraphStore | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> FastAPI:
    """Build the API. With ``store`` given the app uses it and leaves it open at shutdown;
    otherwise it opens the configured store on startup and closes it on shutdown. ``clock``
    gives each request its "now" (due times, overdue lists, decay)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        # Store calls run on worker threads; a few keep the store busy, more only contend
        # for the interpreter lock (measured in bench/api_latency.py).
        to_thread.current_default_thread_limiter().total_tokens = settings.store_threads
        app.state.store = (
            store if store is not None else await run_in_threadpool(open_store, settings)
        )
        app.state.broker = broker(settings)
        app.state.runner = job_runner(settings, app.state.store)
        pipeline = app.state.runner.pipeline
        if pipeline.on_alerts is not None:
            pipeline.on_alerts()  # deliver what an earlier run left pending
        # Without Redis there is no beat: this process scans for alerts itself.
        scanning = None
        if not settings.redis_url and settings.alert_scan_minutes:
            every = timedelta(minutes=settings.alert_scan_minutes)
            scanning = PeriodicScan(pipeline, every, clock)
            scanning.start()
        retaining = None
        if not settings.redis_url and settings.retention_days:
            retaining = PeriodicRetention(app.state.store, settings.retention_days, clock)
            retaining.start()
        # Nor does it recompute the rankings: this process does, now and then and soon
        # after ingests through the API.
        ranking = rank_scheduler(settings, app.state.store, clock)
        if ranking is not None:
            pipeline.on_stored = ranking.ingested
            ranking.start()
        log.info("store %s ready", app.state.store.backend)
        try:
            yield
        finally:
            if scanning is not None:
                scanning.stop()
            if retaining is not None:
                await run_in_threadpool(retaining.stop)
            if ranking is not None:
                await run_in_threadpool(ranking.stop)
            if app.state.broker is not None:
                app.state.broker.close()
            views.close()
            if owned:
                await run_in_threadpool(app.state.store.close)

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

    routing, thresholds = routing_table(settings), identity_thresholds(settings)
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


def app_from_environment() -> FastAPI:
    """The app with settings read from the environment: for each of several worker
    processes (``osmosi serve --workers N``)."""
    settings = Settings()
    configure_logging(settings.log_level)
    return create_app(settings)
