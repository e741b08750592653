"""What every parser provides: a reader that splits a source into raw records, and a parse
step that turns one raw record into canonical post data.

Readers never raise on bad input: an unreadable piece of a file becomes an `Unreadable` with
its raw text and a reason, so nothing is lost. ``RawRecord`` is JSON-serialisable, so records
can travel in Celery messages and sit in the quarantine.
"""

from __future__ import annotations

import abc
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any

from ingestion.record import MAX_RECORD_BYTES, RecordError


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as read: where it was, its payload, and context the parser needs."""

    position: str
    payload: Any
    context: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A piece of the source that could not even be read as a record."""

    position: str
    raw: str
    reason: str


Item = RawRecord | Unreadable


class Parser(abc.ABC):
    """A format: how to read its files and parse its records."""

    name: str
    platform: str

    @abc.abstractmethod
    def read(self, stream: IO[bytes]) -> Iterator[Item]:
        """Split a source into raw records, in order."""

    @abc.abstractmethod
    def parse(self, record: RawRecord) -> dict[str, Any]:
        """Canonical post data (validated afterwards); raise `RecordError` to reject."""


def decode(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace")


@dataclass(frozen=True, slots=True)
class JsonArray:
    """A source that is one JSON array: its whole text."""

    text: bytes


@dataclass(frozen=True, slots=True)
class JsonLines:
    """A source of JSON lines (or a part of one): its lines, the first numbered
    ``first_number``. A part can be read apart from the rest, in another process."""

    lines: Iterable[bytes]
    first_number: int = 1


JsonSource = JsonArray | JsonLines


def json_source(stream: IO[bytes]) -> JsonSource:
    """What kind of JSON source ``stream`` is, told by its first byte that is not blank."""
    head = stream.read(1)
    while head and head.isspace():
        head = stream.read(1)
    if head == b"[":
        return JsonArray(head + stream.read())
    return JsonLines(_lines(head + stream.readline(), stream) if head else ())


def parse_json(data: bytes | str) -> tuple[Any, str | None]:
    """A JSON value, or None and why it cannot be read: a record of bytes that are not
    UTF-8, or nested thousands deep, is quarantined like one that is not JSON, never a crash.

    >>> parse_json(b'{"a": 1}')
    ({'a': 1}, None)
    >>> parse_json(b'"caf' + bytes([0xE9]) + b'"')[1]
    'not UTF-8: byte 0xe9 at position 4'
    >>> parse_json(b"[" * 100_000 + b"]" * 100_000)[1]
    'malformed JSON: nested too deeply'
    """
    try:
        return json.loads(data), None
    except json.JSONDecodeError as error:
        return None, f"malformed JSON: {error.msg}"
    except UnicodeDecodeError as error:
        return None, f"not UTF-8: byte 0x{error.object[error.start]:02x} at position {error.start}"
    except RecursionError:
        return None, "malformed JSON: nested too deeply"


def json_documents(source: JsonSource) -> Iterator[Item]:
    """Each JSON value of a source as a record; a line that is not JSON is `Unreadable`."""
    if isinstance(source, JsonArray):
        yield from _array_documents(source.text)
        return
    for number, line in enumerate(source.lines, start=source.first_number):
        if not line.strip():
            continue
        if len(line) > MAX_RECORD_BYTES:
            yield Unreadable(f"line {number}", decode(line[:MAX_RECORD_BYTES]), "record over 1 MB")
            continue
        value, problem = parse_json(line)
        if problem is None:
            yield RawRecord(f"line {number}", value)
        else:
            yield Unreadable(f"line {number}", decode(line), problem)


def _array_documents(data: bytes) -> Iterator[Item]:
    text = decode(data)
    values, problem = parse_json(text)
    if problem is not None:
        yield Unreadable("document", text[:MAX_RECORD_BYTES], problem)
        return
    for index, value in enumerate(values, start=1):
        position = f"item {index}"
        serialised = json.dumps(value, ensure_ascii=False)
        if len(serialised) > MAX_RECORD_BYTES:
            yield Unreadable(position, serialised[:MAX_RECORD_BYTES], "record over 1 MB")
        else:
            yield RawRecord(position, value)


def _lines(first: bytes, stream: IO[bytes]) -> Iterator[bytes]:
    yield first
    yield from stream


class JsonParser(Parser):
    """A format whose sources are one JSON array or JSON lines of documents."""

    def read(self, stream: IO[bytes]) -> Iterator[Item]:
        return self.records(json_source(stream))

    def records(self, source: JsonSource) -> Iterator[Item]:
        """The records of a source, or of a part of its lines."""
        for item in json_documents(source):
            if isinstance(item, Unreadable):
                yield item
            else:
                yield from self.expand(item)

    def expand(self, document: RawRecord) -> Iterator[Item]:
        """The records one JSON document holds: itself, unless the format nests them (a
        page of tweets, a response of comment threads)."""
        yield document


def require(mapping: Any, key: str, kind: type | tuple[type, ...] = str) -> Any:
    """``mapping[key]``, checked; a missing or mistyped field rejects the record."""
    if not isinstance(mapping, dict):
        raise RecordError(f"wrong type: expected an object, got {type(mapping).__name__}")
    if key not in mapping or mapping[key] is None:
        raise RecordError(f"missing {key}")
    value = mapping[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise RecordError(f"wrong type for {key}: {type(value).__name__}")
    return value


def parse_timestamp(value: Any, field_name: str) -> datetime:
    """ISO 8601 strings or Unix seconds, as aware UTC datetimes."""
    try:
        if isinstance(value, bool):
            raise TypeError
        if isinstance(value, int | float) or (isinstance(value, str) and value.isdigit()):
            return datetime.fromtimestamp(float(value), tz=UTC)
        if isinstance(value, str):
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        pass
    raise RecordError(f"bad date in {field_name}: {str(value)[:40]!r}")
