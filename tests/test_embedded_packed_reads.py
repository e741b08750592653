"""The embedded store's packed reads (one JSON text per statement) give back exactly the rows
a plain read gives: every float to the last bit, integers, text and nulls with their types;
and its bulk writes (a JSON parameter per part, encoded while the last part is inserted)
store every row, or none when building a row fails."""

from __future__ import annotations

import random
import struct
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph.embedded import EmbeddedGraphStore
from graph.embedded.base import _ROWS_PER_STATEMENT
from graph.model.factors import FactorTable

T0 = datetime(2026, 11, 1, tzinfo=UTC)


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


def _people(store: EmbeddedGraphStore, count: int) -> list[str]:
    store.ensure_schema()
    people = [f"person-{i:06d}" for i in range(count)]
    with store._transaction() as con:
        con.executemany(
            "INSERT INTO person(id, created_at) VALUES (?, '2026-01-01T00:00:00+00:00')",
            [(person,) for person in people],
        )
    return people


def test_a_bulk_write_of_many_parts_stores_every_score_and_factor_exactly(
    tmp_path: Path,
) -> None:
    rng = random.Random(11)
    store = EmbeddedGraphStore(tmp_path)
    try:
        people = _people(store, 2 * _ROWS_PER_STATEMENT + 17)  # three parts
        floats = awkward_floats(rng, 2 * len(people))
        table = FactorTable(
            ("reach", "posts"), [floats[2 * i : 2 * i + 2] for i in range(len(people))]
        )
        scores = {person: floats[i] for i, person in enumerate(people)}
        factors = {person: table.row(i) for i, person in enumerate(people)}
        written = store.write_scores("influence", scores, T0, factors=factors)
        assert written == len(people)
        found = store.get_people(people)
        assert {p: found[p].scores["influence"] for p in people} == scores
        assert {p: found[p].factors["influence"] for p in people} == {
            p: dict(factors[p].items()) for p in people
        }
    finally:
        store.close()


def test_a_bulk_write_that_fails_part_way_leaves_the_scores_it_would_replace(
    tmp_path: Path,
) -> None:
    store = EmbeddedGraphStore(tmp_path)
    try:
        people = _people(store, 2 * _ROWS_PER_STATEMENT)
        before = dict.fromkeys(people, 1.0)
        store.write_scores("influence", before, T0)

        class Unreadable(dict[str, float]):
            def __len__(self) -> int:
                raise RuntimeError("factors unavailable")

        # The last person's row is built in the last part, after the first was inserted.
        with pytest.raises(RuntimeError, match="factors unavailable"):
            store.write_scores(
                "influence",
                dict.fromkeys(people, 2.0),
                T0,
                factors={people[-1]: Unreadable(reach=1.0)},
            )
        found = store.get_people(people)
        assert {p: found[p].scores["influence"] for p in people} == before
    finally:
        store.close()
