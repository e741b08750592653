"""Helpers to talk to the ASGI app over HTTP in tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from graph.store import GraphStore
from osmosi.settings import Settings
from server.app import create_app


@asynccontextmanager
async def api_client(
    store: GraphStore | None = None, settings: Settings | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client on the app, with its lifespan run (startup and shutdown)."""
    app = create_app(settings or Settings(), store=store)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://osmosi") as client:
            yield client


async def graphql(client: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body
