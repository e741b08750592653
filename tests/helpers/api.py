"""Helpers to talk to the ASGI app over HTTP in tests, and the operations they send."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import UTC, datetime
from typing import Any

import httpx

from graph.model.access import Role, create_key
from graph.store.contract import GraphStore
from osmosi.runtime import Runtime
from osmosi.settings import Settings
from server.app import create_app


@asynccontextmanager
async def api_client(
    store: GraphStore | None = None,
    settings: Settings | None = None,
    role: Role | None = Role.ADMIN,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client on the app, with its lifespan run (startup and shutdown), carrying
    a new key of ``role`` (none with ``role=None``); ``clock`` is the app's."""
    app = create_app(Runtime(settings or Settings(), store, clock))
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


def ask(
    store: GraphStore, query: str, role: Role | None = Role.ADMIN, **variables: Any
) -> dict[str, Any]:
    """One GraphQL operation over HTTP against the app on ``store``, with a key of ``role``."""

    async def scenario() -> dict[str, Any]:
        async with api_client(store, role=role) as client:
            return await graphql(client, query, **variables)

    return asyncio.run(scenario())


@contextmanager
def counting_calls(store: GraphStore, names: tuple[str, ...]) -> Iterator[Counter[str]]:
    """Count calls of the store methods ``names`` while the block runs."""
    calls: Counter[str] = Counter()
    for name in names:
        original: Callable[..., Any] = getattr(store, name)

        def counted(*args: Any, _name: str = name, _original: Any = original, **kw: Any) -> Any:
            calls[_name] += 1
            return _original(*args, **kw)

        setattr(store, name, counted)
    try:
        yield calls
    finally:
        for name in names:
            delattr(store, name)


COUNTED = tuple(sorted(GraphStore.__abstractmethods__))
"""Every store operation, to count the calls an answer makes."""


def aliased(field: str, arguments: Callable[[int], str], selection: str) -> str:
    """The issue's operations: 30 aliases of one view, each with other arguments."""
    fields = (f"a{i}: {field}({arguments(i)}) {{ {selection} }}" for i in range(30))
    return "{ " + " ".join(fields) + " }"


ISSUE = {
    "shortlists": aliased(
        "ambassadorShortlist", lambda i: f"size: {50 - i}, maxPerCommunity: 1", "expectedReach"
    ),
    "influencers by topic": aliased("influencers", lambda i: f'topic: "t{i}"', "score"),
    "maps by topic": aliased("influencerMap", lambda i: f'topic: "t{i}"', "truncated"),
}
"""The costly operations issue 17 named: each asks for one view computed on request 30
times over."""


async def wait_for_job(client: httpx.AsyncClient, job_id: str) -> dict[str, Any]:
    """The pushed job, once done or failed."""
    deadline = time.monotonic() + 120
    while True:
        response = await client.get(f"/ingest/jobs/{job_id}")
        assert response.status_code == 200
        job: dict[str, Any] = response.json()
        if job["status"] in ("done", "failed"):
            return job
        assert time.monotonic() < deadline, "job did not finish"
        await asyncio.sleep(0.05)
