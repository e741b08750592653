"""Every JSON record is read by pydantic-core's reader, and by the standard library where
that reader refuses it: the two together must read exactly what the standard library alone
reads, value for value and type for type, and refuse what it refuses with its reasons.

Hypothesis writes JSON the way exports do (escapes, big and odd numbers, white space, keys
repeated) and then damages some of it byte by byte. Derandomized: every run reads the same
texts.
"""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ingestion.parsers.base import _parse_json_strictly, parse_json

NUMBERS = st.one_of(
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["1e999", "-1e999", "1E2", "-0", "-0.0", "4.9e-325", "1" * 30, "NaN"]),
)
TEXTS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)


def _number(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


SCALARS = st.one_of(
    st.sampled_from(["null", "true", "false"]),
    NUMBERS.map(_number),
    st.builds(json.dumps, TEXTS, ensure_ascii=st.booleans()),
    st.sampled_from([r'"\ud83d\ude00"', r'"\ud800"', r'"\u0000"', r'"\/"', '"\x7f"']),
)


def _array(items: list[str]) -> str:
    return "[" + ",".join(items) + "]"


def _object(pairs: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{json.dumps(key)}: {value}" for key, value in pairs) + "}"


DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(_array),
        st.lists(st.tuples(st.sampled_from(["id", "text", "a", "é"]), inner), max_size=4).map(
            _object
        ),
    ),
    max_leaves=20,
)


@st.composite
def texts(draw: st.DrawFn) -> bytes:
    """A JSON text, padded with white space and sometimes damaged (a byte replaced, removed
    or added; a byte order mark in front)."""
    body = draw(st.sampled_from(["", " ", "\n", "\t\r\n"])) + draw(DOCUMENTS)
    data = bytearray((body + draw(st.sampled_from(["", " ", "\n"]))).encode())
    for _ in range(draw(st.integers(0, 2))):
        where = draw(st.integers(0, len(data)))
        byte = draw(st.sampled_from([0x00, 0x22, 0x5C, 0x5D, 0x7D, 0xE9, 0xED, 0xFF, 0x2C]))
        match draw(st.sampled_from(["replace", "remove", "add"])):
            case "replace" if where < len(data):
                data[where] = byte
            case "remove" if where < len(data):
                del data[where]
            case _:
                data.insert(where, byte)
    if draw(st.booleans()) and draw(st.booleans()):
        data[:0] = b"\xef\xbb\xbf"
    return bytes(data)


def _same(left: Any, right: Any) -> bool:
    """Equal in value and in type all the way down (``1`` is not ``1.0``, NaN is NaN)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(_same, left, right))
    if isinstance(left, float) and math.isnan(left):
        return math.isnan(right)
    return bool(left == right)


@settings(max_examples=3000, derandomize=True, database=None, deadline=None)
@given(texts())
def test_the_fast_reader_reads_what_the_standard_library_reads(data: bytes) -> None:
    value, problem = parse_json(data)
    strict_value, strict_problem = _parse_json_strictly(data)
    assert problem == strict_problem
    assert _same(value, strict_value)


def test_what_only_the_standard_library_reads_is_still_read() -> None:
    assert parse_json(b"\xef\xbb\xbf[NaN, 1]")[1] is None
    assert parse_json(b"123456789012345678901234567890") == (123456789012345678901234567890, None)
    assert parse_json(b"-9223372036854775809") == (-9223372036854775809, None)
    assert parse_json(b"[1e999]") == ([math.inf], None)
    assert parse_json(b"[" * 100 + b"]" * 100)[1] is None  # deeper than the fast reader goes
