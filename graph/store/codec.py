"""Frozen domain records to JSON and back, for the stores' record columns and properties.

The records of the correlate-and-act domain (identity links, conversations, alerts,
deliveries) and identity snapshots are kept whole as JSON next to the few fields each store
filters on. One codec, pydantic's serialiser driven by the dataclasses' own type hints,
keeps both stores' copies of a record the same (and is fast: a few microseconds a record).
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any, TypeVar, cast

from pydantic import TypeAdapter

from graph.model.keys import utc

T = TypeVar("T")


@functools.cache
def _adapter(cls: Any) -> TypeAdapter[Any]:
    return TypeAdapter(cls)


def sortable_time(value: datetime) -> str:
    """A time as ISO 8601 text in UTC with microseconds: such texts sort as the times do."""
    return utc(value).isoformat(timespec="microseconds")


def dumps(record: Any) -> str:
    """A record as compact JSON."""
    return _adapter(cast(Any, type(record))).dump_json(record).decode()


def plain(record: Any) -> Any:
    """A record as JSON values (dicts, lists, strings, numbers; times as ISO 8601).

    >>> from graph.model.people import Erasure
    >>> plain(Erasure("p1", 1, 2))
    {'person_id': 'p1', 'accounts': 1, 'posts': 2, 'redacted': 0}
    """
    return _adapter(cast(Any, type(record))).dump_python(record, mode="json")


def loads_into(cls: type[T], data: str) -> T:
    """The record of type ``cls`` that `dumps` wrote (fields it lacks take their defaults).

    >>> from graph.model.alerts import Alert, AlertKind
    >>> alert = Alert("a1", AlertKind.CHANNEL_SURGE, datetime(2026, 3, 1), "x:c", "surge")
    >>> dumps(alert)[:46]
    '{"id":"a1","kind":"channel_surge","raised_at":'
    >>> loads_into(Alert, dumps(alert)) == alert
    True
    """
    record: T = _adapter(cast(Any, cls)).validate_json(data)
    return record
