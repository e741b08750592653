"""The HTTP surface: GraphQL, health probes, schema and operation limits."""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import build_client_schema, build_schema, get_introspection_query, print_schema
from graphql.utilities import lexicographic_sort_schema

from graph.store.contract import GraphStore
from osmosi.settings import Settings
from server.graphql.schema import schema_sdl
from tests.helpers.api import api_client, graphql
from tests.helpers.demo import load_small_demo

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema.graphql"


def test_stats_counts_the_graph(store: GraphStore) -> None:
    loaded = load_small_demo(store)
    expected = store.counts()

    async def scenario() -> dict[str, Any]:
        async with api_client(store) as client:
            return await graphql(
                client, "{ stats { people accounts posts topics channels communities } }"
            )

    body = asyncio.run(scenario())
    assert body == {"data": {"stats": asdict(expected)}}
    assert expected.posts == loaded.posts.stored > 0
    assert expected.communities == loaded.communities > 0


def test_committed_schema_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_sdl(), (
        "schema.graphql is stale: run `osmosi schema > schema.graphql`"
    )


def test_served_schema_matches_the_committed_file(embedded_store: GraphStore) -> None:
    async def scenario() -> dict[str, Any]:
        async with api_client(embedded_store) as client:
            return await graphql(
                client, get_introspection_query(descriptions=True, specified_by_url=True)
            )

    served = build_client_schema(asyncio.run(scenario())["data"])
    committed = build_schema(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert print_schema(lexicographic_sort_schema(served)) == print_schema(
        lexicographic_sort_schema(committed)
    )


def test_health_and_readiness(embedded_store: GraphStore) -> None:
    async def scenario() -> tuple[httpx.Response, httpx.Response]:
        async with api_client(embedded_store) as client:
            return (await client.get("/healthz")), (await client.get("/readyz"))

    health, ready = asyncio.run(scenario())
    assert health.status_code == 200
    assert health.json() == {"status": "ok"}
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "checks": {"store": "ok", "broker": "in-process"}}


def test_readiness_fails_when_the_store_is_gone(embedded_store: GraphStore) -> None:
    async def scenario() -> tuple[httpx.Response, httpx.Response]:
        async with api_client(embedded_store) as client:
            embedded_store.close()
            return await client.get("/readyz"), await client.get("/healthz")

    ready, health = asyncio.run(scenario())
    assert ready.status_code == 503
    assert ready.json()["checks"]["store"] == "unavailable"
    assert health.status_code == 200


def test_readiness_reports_an_unreachable_broker(embedded_store: GraphStore) -> None:
    settings = Settings(redis_url="redis://127.0.0.1:1/0")

    async def scenario() -> httpx.Response:
        async with api_client(embedded_store, settings) as client:
            return await client.get("/readyz")

    ready = asyncio.run(scenario())
    assert ready.status_code == 503
    assert ready.json()["checks"] == {"store": "ok", "broker": "unavailable"}


def test_readiness_checks_the_real_broker(embedded_store: GraphStore, redis_url: str) -> None:
    async def scenario() -> httpx.Response:
        async with api_client(embedded_store, Settings(redis_url=redis_url)) as client:
            return await client.get("/readyz")

    ready = asyncio.run(scenario())
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"store": "ok", "broker": "ok"}


@pytest.mark.parametrize(
    ("production", "status"), [(False, 200), (True, 404)], ids=["development", "production"]
)
def test_graphiql_only_outside_production(
    embedded_store: GraphStore, production: bool, status: int
) -> None:
    settings = Settings(environment="production" if production else "development")

    async def scenario() -> httpx.Response:
        async with api_client(embedded_store, settings) as client:
            return await client.get("/graphql", headers={"accept": "text/html"})

    response = asyncio.run(scenario())
    assert response.status_code == status
    if status == 200:
        assert "graphiql" in response.text.lower()


def test_internal_errors_are_masked(
    embedded_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise RuntimeError("disk /var/lib/osmosi/osmosi.db is closed")

    async def scenario() -> dict[str, Any]:
        async with api_client(embedded_store) as client:
            monkeypatch.setattr(embedded_store, "counts", broken)
            return await graphql(client, "{ stats { posts } }")

    body = asyncio.run(scenario())
    assert body["data"] is None
    assert body["errors"][0]["message"] == "Unexpected error."
    assert "osmosi.db" not in str(body)
    assert "closed" not in str(body)


def test_an_unavailable_store_refuses_requests_cleanly(embedded_store: GraphStore) -> None:
    async def scenario() -> httpx.Response:
        async with api_client(embedded_store) as client:
            embedded_store.close()
            return await client.post("/graphql", json={"query": "{ stats { posts } }"})

    response = asyncio.run(scenario())
    assert response.status_code == 503
    assert response.json() == {"detail": "the store is unavailable"}
