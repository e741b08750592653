"""The stores a benchmark runs against, emptied first."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from graph.embedded import EmbeddedGraphStore
from graph.neo4j import Neo4jGraphStore
from graph.store.contract import GraphStore


def neo4j_store() -> Neo4jGraphStore:
    """The test Neo4j (``OSMOSI_TEST_NEO4J_URI``) as it is."""
    uri = os.environ.get("OSMOSI_TEST_NEO4J_URI")
    if not uri:
        sys.exit("set OSMOSI_TEST_NEO4J_URI (or run `make bench`) to benchmark Neo4j")
    store = Neo4jGraphStore(
        uri,
        os.environ.get("OSMOSI_TEST_NEO4J_USER", "neo4j"),
        os.environ.get("OSMOSI_TEST_NEO4J_PASSWORD", "osmosi-test"),
    )
    store.ensure_schema()
    return store


def open_backend(name: str, workdir: Path) -> GraphStore:
    """An empty store: embedded in ``workdir``, or the test Neo4j (its database is wiped)."""
    store: GraphStore
    if name == "embedded":
        store = EmbeddedGraphStore(workdir / "embedded")
        store.ensure_schema()
    else:
        store = neo4j_store()
    store.clear()
    return store
