"""The embedded store's packed reads (one JSON text per statement) give back exactly the rows
a plain read gives: every float to the last bit, integers, text and nulls with their types."""

from __future__ import annotations

import random
import struct
import sys
from pathlib import Path

from graph.embedded import EmbeddedGraphStore


def awkward_floats(rng: random.Random, count: int) -> list[float]:
    """Floats across the whole range: random bit patterns (subnormals included), and the
    sums and ratios a ranking makes."""
    values = [0.1 + 0.2, 2 / 3, -1 / 3, 5e-324, 2.2250738585072014e-308, sys.float_info.max]
    while len(values) < count:
        bits = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        if bits == bits and abs(bits) != float("inf"):  # neither NaN nor infinite
            values.append(bits)
        values.append(rng.random() * 10 ** rng.randint(-12, 12))
    return values[:count]


def test_a_packed_read_returns_the_rows_of_a_plain_read(tmp_path: Path) -> None:
    rng = random.Random(7)
    store = EmbeddedGraphStore(tmp_path)
    texts = ['quote " and \\ backslash', "caffè ☕ \U0001f600", "tab\tnew\nline\x01", "", "null"]
    rows = [
        (
            i,
            value,
            texts[i % len(texts)] if i % 7 else None,
            rng.getrandbits(63) * rng.choice([1, -1]),
        )
        for i, value in enumerate(awkward_floats(rng, 10_000))
    ]
    with store._transaction() as con:
        con.execute("CREATE TABLE sample(id INTEGER PRIMARY KEY, x REAL, t TEXT, n INTEGER)")
        con.executemany("INSERT INTO sample VALUES (?, ?, ?, ?)", rows)
    sql = "SELECT id, x, t, n, x * 3 FROM sample WHERE id >= :low ORDER BY id"
    try:
        plain = store._query(sql, {"low": 0})
        packed = store._packed(sql, {"low": 0}, 5)
        assert [tuple(row) for row in packed] == plain
        assert [tuple(map(type, row)) for row in packed] == [tuple(map(type, r)) for r in plain]
        assert store._packed(sql, {"low": len(rows)}, 5) == []
    finally:
        store.close()
