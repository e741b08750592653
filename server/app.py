"""The FastAPI application factory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from starlette.concurrency import run_in_threadpool
from strawberry.fastapi import GraphQLRouter

import osmosi
from graph.store import GraphStore
from ingestion.jobs.broker import RedisBroker
from osmosi.runtime import job_runner, open_store
from osmosi.settings import Settings
from server import health, ingest
from server.auth import caller_of, unauthorized
from server.body_limit import BodySizeLimit
from server.graphql.core.context import Context
from server.graphql.schema import build_schema

log = logging.getLogger(__name__)


def create_app(settings: Settings, store: GraphStore | None = None) -> FastAPI:
    """Build the API. With ``store`` given the app uses it and leaves it open at shutdown;
    otherwise it opens the configured store on startup and closes it on shutdown."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        app.state.store = (
            store if store is not None else await run_in_threadpool(open_store, settings)
        )
        app.state.broker = RedisBroker(settings.redis_url) if settings.redis_url else None
        app.state.runner = job_runner(settings, app.state.store)
        log.info("store %s ready", app.state.store.backend)
        try:
            yield
        finally:
            if app.state.broker is not None:
                app.state.broker.close()
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

    async def context(request: Request) -> Context:
        caller = await caller_of(request)
        # No key, no data: an operation without a valid key is refused before parsing.
        # (GET only serves the GraphiQL page: queries are not accepted over GET.)
        if caller is None and request.method != "GET":
            raise unauthorized()
        return Context(
            store=request.app.state.store,
            runner=request.app.state.runner,
            settings=settings,
            caller=caller,
        )

    graphql = GraphQLRouter[Context, None](
        build_schema(),
        context_getter=context,
        graphql_ide=None if settings.production else "graphiql",
        allow_queries_via_get=False,
    )
    app.include_router(graphql, prefix="/graphql")
    app.include_router(health.router)
    app.include_router(ingest.router)
    app.add_middleware(
        BodySizeLimit,
        max_bytes=settings.max_request_bytes,
        prefix_limits={"/ingest/": settings.max_ingest_bytes},
    )
    return app
