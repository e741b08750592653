"""Conversions at the driver boundary: statements and Neo4j values."""

from __future__ import annotations

from datetime import datetime
from typing import Any, LiteralString, cast

import neo4j

from graph.model.keys import utc
from graph.model.nodes import Customer


def time_window(since: datetime | None, until: datetime | None) -> dict[str, datetime | None]:
    """The ``$since`` and ``$until`` parameters of a window (`cypher.WINDOW`), in UTC."""
    return {"since": utc(since) if since else None, "until": utc(until) if until else None}


def native_datetime(value: Any) -> datetime | None:
    """Neo4j temporal values to aware UTC datetimes."""
    if value is None:
        return None
    if isinstance(value, neo4j.time.DateTime):
        return utc(value.to_native())
    return utc(cast(datetime, value))


def cypher_text(text: str) -> LiteralString:
    # Statements are constants of graph.neo4j.cypher, never built from input.
    return text


def customer(record: neo4j.Record) -> Customer:
    data = record.data()
    return Customer(**{**data, "handles": tuple(data.get("handles") or ())})
