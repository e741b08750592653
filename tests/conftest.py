"""Fixtures: the two store backends, and the real services some tests need.

Neo4j and Redis come from ``OSMOSI_TEST_NEO4J_URI`` and ``OSMOSI_TEST_REDIS_URL`` (the README's
test command starts both). Outside CI a missing service skips its tests with the reason; with
``CI=true`` it fails them, so a CI run can never pass without having tested both backends.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedGraphStore
from graph.neo4j import Neo4jGraphStore
from graph.store.contract import GraphStore
from tests.helpers.stores import (
    BACKENDS,
    Neo4jContents,
    backend_store,
    missing_service,
    neo4j_params,
    open_neo4j,
    routing_uri,
)


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jGraphStore]:
    store = open_neo4j(neo4j_params())
    yield store
    store.close()


@pytest.fixture(scope="session")
def neo4j_routing_server() -> Iterator[Neo4jGraphStore]:
    params = neo4j_params()
    store = open_neo4j({**params, "uri": routing_uri(params["uri"])})
    yield store
    store.close()


@pytest.fixture(scope="session")
def neo4j_contents() -> Neo4jContents:
    return Neo4jContents()


@pytest.fixture
def neo4j_store(neo4j_server: Neo4jGraphStore, neo4j_contents: Neo4jContents) -> Neo4jGraphStore:
    neo4j_server.clear()
    neo4j_contents.world = None
    return neo4j_server


@pytest.fixture
def neo4j_routing_store(
    neo4j_routing_server: Neo4jGraphStore, neo4j_contents: Neo4jContents
) -> Neo4jGraphStore:
    neo4j_routing_server.clear()
    neo4j_contents.world = None
    return neo4j_routing_server


@pytest.fixture
def embedded_store(tmp_path: Path) -> Iterator[EmbeddedGraphStore]:
    store = EmbeddedGraphStore(tmp_path / "data")
    store.ensure_schema()
    yield store
    store.close()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> GraphStore:
    """Each backend in turn."""
    return backend_store(request)


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get("OSMOSI_TEST_REDIS_URL", "")
    if not url:
        missing_service("OSMOSI_TEST_REDIS_URL is not set (run the README's test command)")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        missing_service(f"Redis at {url} is unavailable: {error}")
    return url
