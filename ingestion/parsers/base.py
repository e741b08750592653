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
from itertools import islice
from typing import IO, Any

from pydantic_core import from_json

from ingestion.canonical.record import MAX_RECORD_BYTES, RecordError
from ingestion.parsers.json_array import array_items


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

    def parts(self, stream: IO[bytes], size: int) -> Iterator[Iterable[Item]]:
        """A source as parts that can be read apart from one another, in order: reading
        each part in turn reads what `read` reads. A format whose sources can be split
        yields parts of about ``size`` records (JSON lines: ``size`` lines each), and those
        parts pickle, so other processes can read them. A source that cannot be split is
        yielded whole, as its one part: what this default does, and how a caller tells."""
        yield self.read(stream)


def decode(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace")


@dataclass(frozen=True, slots=True)
class JsonArray:
    """A source that is one JSON array: the stream, read up to its ``[`` (at byte
    ``offset``), and read on item by item."""

    stream: IO[bytes]
    offset: int


@dataclass(frozen=True, slots=True)
class JsonLines:
    """A source of JSON lines (or a part of one): its lines, the first numbered
    ``first_number``. A part can be read apart from the rest, in another process."""

    lines: Iterable[bytes]
    first_number: int = 1


JsonSource = JsonArray | JsonLines


def line_chunks(lines: Iterable[bytes], size: int) -> Iterator[JsonLines]:
    """The lines of a source in parts of ``size`` lines, numbered as the whole is."""
    iterator = iter(lines)
    number = 1
    while chunk := list(islice(iterator, size)):
        yield JsonLines(chunk, number)
        number += len(chunk)


MAX_JSON_DEPTH = 100
"""Deeper JSON is quarantined: no export nests a tenth as deep, and every later step
(validation, the quarantine, task messages) would have to survive it."""


def json_source(stream: IO[bytes]) -> JsonSource:
    """What kind of JSON source ``stream`` is, told by its first byte that is not blank
    (after a UTF-8 byte order mark)."""
    head = stream.read(1)
    offset = 1
    if head == b"\xef":
        bom = stream.read(2)
        head, offset = (stream.read(1), 4) if bom == b"\xbb\xbf" else (head + bom, 3)
    while head.isspace():
        head = stream.read(1)
        offset += 1
    if head == b"[":
        return JsonArray(stream, offset)
    return JsonLines(_lines(head + stream.readline(), stream) if head else ())


def parse_json(data: bytes) -> tuple[Any, str | None]:
    """A JSON value, or None and why it cannot be read: a record of bytes that are not
    UTF-8, or nested deeper than `MAX_JSON_DEPTH`, is quarantined like one that is not
    JSON, never a crash.

    Read by pydantic-core's reader (about half the standard library's time a record), and
    by the standard library where that one refuses: what is read, and why a record is
    refused, are the standard library's.

    >>> parse_json(b'{"a": 1}')
    ({'a': 1}, None)
    >>> parse_json(b'"caf' + bytes([0xE9]) + b'"')[1]
    'not UTF-8: byte 0xe9 at position 4'
    >>> parse_json(b"[" * 100_000 + b"]" * 100_000)[1]
    'malformed JSON: nested too deeply'
    >>> parse_json(b"[" * 101 + b"]" * 101)[1]
    'malformed JSON: nested too deeply'
    >>> parse_json(b"1" * 5000)[1]
    'malformed JSON: a number too long'
    >>> parse_json(rb'"\\ud800"')[1]
    'not UTF-8: half a surrogate pair'
    """
    try:
        value = from_json(data, allow_inf_nan=False)
    except ValueError:
        return _parse_json_strictly(data)
    return _checked(data, value)


def _parse_json_strictly(data: bytes) -> tuple[Any, str | None]:
    """`parse_json` by the standard library alone: it reads some of what the faster reader
    refuses (NaN, a byte order mark, escaped half surrogate pairs, deeper nesting) and says
    why it refuses the rest."""
    try:
        value = json.loads(data)
    except json.JSONDecodeError as error:
        return None, f"malformed JSON: {error.msg}"
    except UnicodeDecodeError as error:
        return None, f"not UTF-8: byte 0x{error.object[error.start]:02x} at position {error.start}"
    except ValueError:  # Python refuses integers of over 4,300 digits
        return None, "malformed JSON: a number too long"
    except RecursionError:
        return None, "malformed JSON: nested too deeply"
    return _checked(data, value)


def _checked(data: bytes, value: Any) -> tuple[Any, str | None]:
    if data.count(b"[") + data.count(b"{") > MAX_JSON_DEPTH and _deeper_than(value, MAX_JSON_DEPTH):
        return None, "malformed JSON: nested too deeply"
    # Half a UTF-16 pair (escaped, or its UTF-8 bytes, which json lets through) is no text:
    # no store could write it.
    surrogate = b"\\ud" in data or b"\\uD" in data or b"\xed" in data
    if surrogate and not encodable(value):
        return None, "not UTF-8: half a surrogate pair"
    return value, None


def encodable(value: Any) -> bool:
    """Whether ``value`` holds only text that UTF-8 can encode (no half surrogate pair)."""
    try:
        json.dumps(value, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        return False
    return True


def _deeper_than(value: Any, depth: int) -> bool:
    """Whether ``value`` nests more than ``depth`` containers deep (level by level: no
    recursion)."""
    level = [value]
    for _ in range(depth):
        level = [
            child
            for node in level
            if isinstance(node, dict | list)
            for child in (node.values() if isinstance(node, dict) else node)
        ]
        if not level:
            return False
    return any(isinstance(node, dict | list) for node in level)


def json_documents(source: JsonSource) -> Iterator[Item]:
    """Each JSON value of a source as a record; a line or array item that is not JSON is
    `Unreadable`, and so is the incomplete tail of an array cut short."""
    if isinstance(source, JsonArray):
        yield from _array_documents(source)
        return
    for number, line in enumerate(source.lines, start=source.first_number):
        if not line.strip():
            continue
        yield _document(f"line {number}", line, len(line))


def _document(position: str, raw: bytes, size: int) -> Item:
    if size > MAX_RECORD_BYTES:
        return Unreadable(position, decode(raw[:MAX_RECORD_BYTES]), "record over 1 MB")
    value, problem = parse_json(raw)
    if problem is None:
        return RawRecord(position, value)
    return Unreadable(position, decode(raw), problem)


def _array_documents(source: JsonArray) -> Iterator[Item]:
    for piece in array_items(source.stream, source.offset):
        position = f"item {piece.index}"
        if piece.after_end:
            where = f"after the array (byte {piece.offset})"
            yield Unreadable(where, decode(piece.raw[:MAX_RECORD_BYTES]), "text after the array")
        elif not piece.complete:
            reason = f"truncated array: the source ends inside item {piece.index}"
            if piece.size > MAX_RECORD_BYTES:
                reason += f" ({piece.size} bytes from byte {piece.offset}; first MB kept)"
            yield Unreadable(position, decode(piece.raw[:MAX_RECORD_BYTES]), reason)
        else:
            yield _document(position, piece.raw, piece.size)


def _lines(first: bytes, stream: IO[bytes]) -> Iterator[bytes]:
    yield first
    yield from stream


class JsonParser(Parser):
    """A format whose sources are one JSON array or JSON lines of documents."""

    def read(self, stream: IO[bytes]) -> Iterator[Item]:
        return self.records(json_source(stream))

    def parts(self, stream: IO[bytes], size: int) -> Iterator[Iterable[Item]]:
        """JSON lines split into parts of ``size`` lines; one JSON array cannot be split."""
        found = json_source(stream)
        if isinstance(found, JsonArray):
            yield self.records(found)
            return
        for lines in line_chunks(found.lines, size):
            yield LinesPart(self, lines)

    def records(self, source: JsonSource) -> Iterator[Item]:
        """The records of a source, or of a part of its lines."""
        for item in json_documents(source):
            if isinstance(item, Unreadable):
                yield item
                continue
            try:
                records = list(self.expand(item))
            except Exception as error:
                # A shape no rule foresaw: the document goes to the quarantine whole.
                reason = f"unreadable document ({type(error).__name__})"
                records = [Unreadable(item.position, json_text(item.payload), reason)]
            yield from records

    def expand(self, document: RawRecord) -> Iterator[Item]:
        """The records one JSON document holds: itself, unless the format nests them (a
        page of tweets, a response of comment threads)."""
        yield document


@dataclass(frozen=True, slots=True)
class LinesPart:
    """The records of a part of a JSON-lines source, read apart from the rest (it pickles,
    parser and lines, to be read in another process)."""

    parser: JsonParser
    lines: JsonLines

    def __iter__(self) -> Iterator[Item]:
        return self.parser.records(self.lines)


def json_text(value: Any) -> str:
    """A parsed value as JSON text again, for the quarantine (replayable, unlike a repr)."""
    return json.dumps(value, ensure_ascii=False, default=str)


def readable(items: Iterable[Item]) -> Iterator[Item]:
    """``items``, but a reader that fails on input it did not foresee ends them with an
    `Unreadable` saying so instead of sinking the ingest (what it read so far is kept).

    >>> def reader():
    ...     yield RawRecord("line 1", {})
    ...     raise KeyError("id")
    >>> [getattr(item, "reason", "read") for item in readable(reader())]
    ['read', 'unreadable from here (KeyError)']
    """
    iterator = iter(items)
    count = 0
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except Exception as error:
            reason = f"unreadable from here ({type(error).__name__})"
            yield Unreadable(f"after record {count}", "", reason)
            return
        count += 1
        yield item


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
