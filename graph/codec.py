"""Frozen domain records to JSON and back, for the stores' record columns and properties.

The records of the correlate-and-act domain (identity links, conversations, alerts,
deliveries) are kept whole as JSON next to the few fields each store filters on. One codec,
driven by the dataclasses' own type hints, keeps both stores' copies of a record the same.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import types
import typing
from collections.abc import Hashable
from datetime import datetime, timedelta
from typing import Any, TypeVar, cast

from graph.model import utc

T = TypeVar("T")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, tuple | list | frozenset | set):
        items = [_plain(item) for item in value]
        return sorted(items) if isinstance(value, frozenset | set) else items
    return value


def sortable_time(value: datetime) -> str:
    """A time as ISO 8601 text in UTC with microseconds: such texts sort as the times do."""
    return utc(value).isoformat(timespec="microseconds")


def dumps(record: Any) -> str:
    """A record as compact JSON (sets sorted, so equal records give equal text)."""
    return json.dumps(_plain(record), ensure_ascii=False, separators=(",", ":"))


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(hint: Any, value: Any) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        if value is None:
            return None
        return _build(next(arg for arg in args if arg is not type(None)), value)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], item) for item in value)
        return tuple(_build(arg, item) for arg, item in zip(args, value, strict=True))
    if origin is frozenset:
        return frozenset(_build(args[0], item) for item in value)
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return loads_into(hint, value)
        if issubclass(hint, enum.Enum):
            return hint(value)
        if hint is datetime:
            return datetime.fromisoformat(value)
        if hint is timedelta:
            return timedelta(seconds=value)
        if hint is float:
            return float(value)
    return value


def loads_into(cls: type[T], data: str | dict[str, Any]) -> T:
    """The record of type ``cls`` that `dumps` wrote (fields it lacks take their defaults).

    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Step:
    ...     name: str
    ...     took: timedelta
    >>> loads_into(Step, dumps(Step("triage", timedelta(hours=2))))
    Step(name='triage', took=datetime.timedelta(seconds=7200))
    """
    values = json.loads(data) if isinstance(data, str) else data
    hints = _hints(cast(Hashable, cls))
    fields = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: _build(hints[k], v) for k, v in values.items() if k in fields})
