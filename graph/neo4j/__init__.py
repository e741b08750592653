"""Neo4j backend: the production store, spoken to over Bolt."""

from graph.neo4j.store import Neo4jGraphStore

__all__ = ["Neo4jGraphStore"]
