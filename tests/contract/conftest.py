"""The contract suite runs on each backend, and on Neo4j once more through the routing
driver (``neo4j://``): every read in a read transaction, every write in a write one, as a
cluster routes them (reads to followers)."""

from __future__ import annotations

import pytest

from graph.store.contract import GraphStore
from tests.helpers.stores import BACKENDS, ROUTING, backend_store


@pytest.fixture(params=(*BACKENDS, ROUTING))
def store(request: pytest.FixtureRequest) -> GraphStore:
    """Each backend in turn, Neo4j also through its router."""
    return backend_store(request)
