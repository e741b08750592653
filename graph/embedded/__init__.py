"""Embedded backend: the graph in a durable SQLite database in the data directory."""

from graph.embedded.store import EmbeddedGraphStore

__all__ = ["EmbeddedGraphStore"]
