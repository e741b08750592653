"""Conversions between Python values and the embedded store's SQLite columns, and the SQL
functions its queries rely on."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from graph.model.keys import utc
from graph.model.nodes import Customer


def iso(value: datetime) -> str:
    """Timestamps are stored as ISO 8601 text in UTC, so that they sort as text."""
    return utc(value).isoformat(timespec="microseconds")


def parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def post_window(since: datetime | None, until: datetime | None) -> tuple[str, dict[str, Any]]:
    """SQL conditions keeping posts ``p`` made in ``[since, until)``, and their parameters."""
    conditions, params = [], {}
    if since is not None:
        conditions.append("AND p.created_at >= :since")
        params["since"] = iso(since)
    if until is not None:
        conditions.append("AND p.created_at < :until")
        params["until"] = iso(until)
    return " ".join(conditions), params


def decay_weight(column: str) -> str:
    """SQL for ``0.5 ** (age / half_life)`` of a timestamp column, age in days from ``:now``
    (parameters `decay_params`); a future timestamp weighs 1.

    >>> decay_weight("p.created_at")
    'pow(0.5, max(julianday(:now) - julianday(p.created_at), 0) / :half_life)'
    """
    return f"pow(0.5, max(julianday(:now) - julianday({column}), 0) / :half_life)"


def decay_params(now: datetime, half_life: timedelta) -> dict[str, Any]:
    return {"now": iso(now), "half_life": half_life / timedelta(days=1)}


def json_list(values: Iterable[str]) -> str:
    """A list parameter, read in SQL with ``json_each`` (one parameter, any length)."""
    return json.dumps(list(values))


def ensure_pow(con: sqlite3.Connection) -> None:
    """SQLite built without its math functions (``SQLITE_ENABLE_MATH_FUNCTIONS``) gets
    Python's ``pow`` under the same name."""
    try:
        con.execute("SELECT pow(2, 2)")
    except sqlite3.OperationalError:
        con.create_function("pow", 2, math.pow, deterministic=True)


def customer_from_row(row: tuple[Any, ...]) -> Customer:
    """A customer from its columns, the last being its handles (JSON)."""
    external_id, first_name, last_name, email, city, lifetime_value, handles = row
    return Customer(
        external_id,
        first_name,
        last_name,
        email,
        city,
        lifetime_value,
        tuple(json.loads(handles or "[]")),
    )
