"""Helpers to talk to the ASGI app over HTTP in tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import httpx

from graph.access import Role, create_key
from graph.store import GraphStore
from osmosi.settings import Settings
from server.app import create_app


@asynccontextmanager
async def api_client(
    store: GraphStore | None = None,
    settings: Settings | None = None,
    role: Role | None = Role.ADMIN,
) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client on the app, with its lifespan run (startup and shutdown), carrying
    a new key of ``role`` (none with ``role=None``)."""
    app = create_app(settings or Settings(), store=store)
    async with app.router.lifespan_context(app):
        headers = {}
        if role is not None:
            _, secret = create_key(app.state.store, role, f"test {role.value}", datetime.now(UTC))
            headers["Authorization"] = f"Bearer {secret}"
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://osmosi", headers=headers
        ) as client:
            yield client


async def graphql(client: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body
