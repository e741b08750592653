"""Conversions between Python values and the embedded store's SQLite columns."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from graph.model import utc


def iso(value: datetime) -> str:
    """Timestamps are stored as ISO 8601 text in UTC, so that they sort as text."""
    return utc(value).isoformat(timespec="microseconds")


def parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def json_list(values: Iterable[str]) -> str:
    """A list parameter, read in SQL with ``json_each`` (one parameter, any length)."""
    return json.dumps(list(values))
