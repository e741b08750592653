"""A JSON array read one item at a time, in bounded memory.

Exports are often one JSON array of gigabytes, and often cut short. Parsing the whole
array at once needs it all in memory and loses every record to one bad byte. Here the
array is split at its top-level commas by a scan that only follows strings and brackets
(each item is then parsed alone): a malformed item is that item's problem, the next comma
starts the next item, and a truncated array keeps every complete item and yields the
incomplete tail with its bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from ingestion.canonical.record import MAX_RECORD_BYTES

CHUNK_BYTES = 1 << 20

_STRING = rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"'
_FLAT = rb'(?:[^"\[\]{}]++|' + _STRING + rb")*+"
_LEAF = rb"\{" + _FLAT + rb"\}|\[" + _FLAT + rb"\]"
_TWIG = rb'(?:[^"\[\]{}]++|' + _STRING + rb"|" + _LEAF + rb")*+"
_BRANCH = rb"\{" + _TWIG + rb"\}|\[" + _TWIG + rb"\]"
# Runs of an item's text that leave the nesting as it was: all but brackets (and, between
# items, commas), with whole strings and whole containers up to two deep (most are), so
# the loop below steps only over deeper brackets. Each stops before a bracket, a comma or
# a string that the chunk ends inside of. Possessive, so a failed try never backtracks.
_INSIDE = re.compile(rb'(?:[^"\[\]{}]++|' + _STRING + rb"|" + _BRANCH + rb")*+", re.DOTALL)
_BETWEEN = re.compile(rb'(?:[^"\[\]{},]++|' + _STRING + rb"|" + _BRANCH + rb")*+", re.DOTALL)
# The rest of a string up to its closing quote (or the chunk's end, or a backslash that
# ends the chunk: its escaped character is in the next one).
_STRING_REST = re.compile(rb'[^"\\]*(?:\\.[^"\\]*)*', re.DOTALL)
_RUN = {ord(c): re.compile(re.escape(c.encode()) + b"+") for c in "[]{}"}
_OPEN = frozenset(b"[{")


@dataclass(frozen=True, slots=True)
class ArrayPiece:
    """An item of the array (``index`` from 1) or what follows its end.

    ``raw`` holds at most `MAX_RECORD_BYTES` + 1 bytes; ``size`` is the whole piece's.
    ``complete`` is false for an item the source ends inside of.
    ``after_end`` marks non-blank text after the array's closing bracket.
    """

    index: int
    offset: int
    raw: bytes
    size: int
    complete: bool = True
    after_end: bool = False


def array_items(
    stream: IO[bytes], offset: int, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[ArrayPiece]:
    """The items of the JSON array whose ``[`` ends at byte ``offset`` of ``stream``.

    Memory holds one chunk and at most the first `MAX_RECORD_BYTES` of one item.

    >>> import io
    >>> pieces = array_items(io.BytesIO(b' {"a": "x,]"}, [1, 2] ,{"b"'), 1, chunk_bytes=4)
    >>> [(p.index, p.raw.strip(), p.complete) for p in pieces]
    [(1, b'{"a": "x,]"}', True), (2, b'[1, 2]', True), (3, b'{"b"', False)]
    """
    buf = b""
    pos = start = 0  # scan position and start of the current item, in ``buf``
    base = offset  # the stream offset of ``buf[0]``
    head = b""  # the current item's bytes from earlier chunks (at most the cap + 1)
    size = 0  # the current item's size in those chunks
    index, depth, in_string, stalled = 1, 0, False, False
    while True:
        if pos >= len(buf) or stalled:
            more = stream.read(chunk_bytes)
            if not more:
                tail = head + buf[start:]
                if tail.strip():
                    raw = tail[: MAX_RECORD_BYTES + 1]
                    yield ArrayPiece(
                        index, base + start - size, raw, size + len(buf) - start, False
                    )
                return
            # Keep what is left of the current item (unscanned bytes included); beyond the
            # cap only its size is kept.
            done = buf[start:pos]
            if len(head) <= MAX_RECORD_BYTES:
                head += done[: MAX_RECORD_BYTES + 1 - len(head)]
            size += len(done)
            base += pos
            buf = buf[pos:] + more
            pos = start = 0
            stalled = False
            continue
        if in_string:
            pos = _STRING_REST.match(buf, pos).end()  # type: ignore[union-attr]  # matches ""
            if pos < len(buf):
                # A closing quote, or a backslash that ends the chunk: read on past it.
                in_string = buf[pos] != 0x22
                stalled = in_string
                pos += not in_string
            continue
        pos = (_INSIDE if depth else _BETWEEN).match(buf, pos).end()  # type: ignore[union-attr]
        if pos == len(buf):
            continue
        char = buf[pos]
        if char == 0x22:  # a string that goes on in the next chunk
            in_string = True
            pos += 1
            continue
        if char in _OPEN:
            run = _RUN[char].match(buf, pos).end() - pos  # type: ignore[union-attr]
            depth += run
            pos += run
            continue
        if depth > 0:  # brackets closing: at most down to the item's level
            run = min(_RUN[char].match(buf, pos).end() - pos, depth)  # type: ignore[union-attr]
            depth -= run
            pos += run
            continue
        # At the item's level: a "," between items, or the array's "]".
        item = head + buf[start:pos]
        if item.strip() or char == 0x2C:
            total = size + pos - start
            yield ArrayPiece(index, base + start - size, item[: MAX_RECORD_BYTES + 1], total)
            index += 1
        pos += 1
        head, size, start = b"", 0, pos
        if char != 0x2C:
            yield from _after_end(buf[pos:], stream, base + pos, index, chunk_bytes)
            return


def _after_end(
    rest: bytes, stream: IO[bytes], offset: int, index: int, chunk_bytes: int
) -> Iterator[ArrayPiece]:
    """What follows the array's end, if it is not blank (its first MB)."""
    kept, size = rest[: MAX_RECORD_BYTES + 1], len(rest)
    while more := stream.read(chunk_bytes):
        kept += more[: MAX_RECORD_BYTES + 1 - len(kept)]
        size += len(more)
    if kept.strip():
        yield ArrayPiece(index, offset, kept, size, after_end=True)
