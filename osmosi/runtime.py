"""Wiring: which store and which job runner the settings call for."""

from __future__ import annotations

from graph.embedded import EmbeddedGraphStore
from graph.neo4j import Neo4jGraphStore
from graph.store import GraphStore
from osmosi.settings import Settings


def open_store(settings: Settings) -> GraphStore:
    """Open the configured store and make sure its schema exists."""
    store: GraphStore
    if settings.neo4j_uri:
        store = Neo4jGraphStore(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password.get_secret_value(),
            settings.neo4j_database,
        )
    else:
        store = EmbeddedGraphStore(settings.data_dir)
    try:
        store.ping()  # fail fast: writes would be retried for half a minute first
        store.ensure_schema()
    except BaseException:
        store.close()
        raise
    return store
