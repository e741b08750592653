"""The test stores: which backends the tests run on, reaching the test Neo4j, and skipping
(locally) or failing (in CI) when a real service is missing. The fixtures that open them are
in tests/conftest.py."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from graph.neo4j import Neo4jGraphStore
from graph.store.contract import GraphStore, StoreUnavailable

BACKENDS = ("embedded", "neo4j")
ROUTING = "neo4j-routing"
"""The test Neo4j through the routing driver (``neo4j://``), as a cluster is reached: the
contract suite runs on it too (tests/contract/conftest.py)."""


def missing_service(reason: str) -> None:
    """Skip locally, fail in CI: a CI run must exercise every real service."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI requires this service: {reason}", pytrace=False)
    pytest.skip(reason)


def neo4j_params() -> dict[str, str]:
    return {
        "uri": os.environ.get("OSMOSI_TEST_NEO4J_URI", ""),
        "user": os.environ.get("OSMOSI_TEST_NEO4J_USER", "neo4j"),
        "password": os.environ.get("OSMOSI_TEST_NEO4J_PASSWORD", "osmosi-test"),
        "database": os.environ.get("OSMOSI_TEST_NEO4J_DATABASE", "neo4j"),
    }


def routing_uri(uri: str) -> str:
    """``uri`` with the routing scheme: ``bolt://h:p`` becomes ``neo4j://h:p`` (``+s`` and
    ``+ssc`` kept); no URI stays none, so its tests skip as the others do."""
    if not uri:
        return uri
    scheme, _, rest = uri.partition("://")
    return f"{scheme.replace('bolt', 'neo4j')}://{rest}"


def open_neo4j(params: dict[str, str]) -> Neo4jGraphStore:
    if not params["uri"]:
        missing_service("OSMOSI_TEST_NEO4J_URI is not set (run the README's test command)")
    store = Neo4jGraphStore(params["uri"], params["user"], params["password"], params["database"])
    try:
        store.ping()
        store.ensure_schema()
    except StoreUnavailable as error:
        store.close()
        missing_service(f"Neo4j at {params['uri']} is unavailable: {error}")
    return store


def neo4j_env() -> dict[str, str]:
    """The settings that point an ``osmosi`` process at the test server."""
    params = neo4j_params()
    return {
        "OSMOSI_NEO4J_URI": params["uri"],
        "OSMOSI_NEO4J_USER": params["user"],
        "OSMOSI_NEO4J_PASSWORD": params["password"],
        "OSMOSI_NEO4J_DATABASE": params["database"],
    }


@dataclass
class Neo4jContents:
    """Which shared world the test Neo4j holds (`tests.api.conftest.read_world`): the name
    of the test module that built it, or None once a test has cleared the database."""

    world: str | None = None


def backend_store(request: pytest.FixtureRequest) -> GraphStore:
    """The store of the backend ``request.param`` names, marked for the service it needs."""
    if request.param != "embedded":
        request.applymarker(pytest.mark.neo4j)
    name = request.param.replace("-", "_")
    return request.getfixturevalue(f"{name}_store")  # type: ignore[no-any-return]
