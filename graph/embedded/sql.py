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


# A column's value as JSON text. A float takes 20 significant digits, which Python's json reads
# back as the same float (SQLite's own JSON rendering keeps 15); infinities as Python's json
# writes them.
_JSON_VALUE = (
    "CASE typeof({c}) WHEN 'real' THEN CASE WHEN {c} > 1.7976931348623157e308 THEN 'Infinity'"
    " WHEN {c} < -1.7976931348623157e308 THEN '-Infinity' ELSE printf('%!.20g', {c}) END"
    " WHEN 'integer' THEN {c} WHEN 'null' THEN 'null' ELSE json_quote({c}) END"
)


def packed(sql: str, columns: int) -> str:
    """SQL that returns the rows of ``sql`` (``columns`` wide) as one JSON text, an array of
    arrays, read in one step (`SqliteBase._packed`). Text, integer, real and null values
    keep their type and value.

    >>> con = sqlite3.connect(":memory:")
    >>> text = con.execute(packed("SELECT 'café', 7, 0.1 + 0.2, NULL", 4)).fetchone()[0]
    >>> json.loads(text)
    [['café', 7, 0.30000000000000004, None]]
    >>> con.execute(packed("SELECT 1 WHERE 0", 1)).fetchone()[0]
    '[]'
    """
    names = [f"c{i}" for i in range(columns)]
    row = " || ',' || ".join(_JSON_VALUE.format(c=name) for name in names)
    return (
        f"WITH r({', '.join(names)}) AS ({sql}) "
        f"SELECT coalesce('[' || group_concat('[' || {row} || ']', ',') || ']', '[]') FROM r"
    )


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
