"""A ranking's factors, one table row per person, read as the mapping each person's were."""

from __future__ import annotations

import json
import pickle

import pytest

from graph.model.factors import FactorTable


def test_a_row_reads_as_the_mapping_of_its_values() -> None:
    table = FactorTable(("pagerank", "core"), [[1.5, 2.0], [0.25, 1.0]])
    row = table.row(0)
    assert list(row) == ["pagerank", "core"]
    assert len(row) == 2
    assert row == {"pagerank": 1.5, "core": 2.0}
    assert row != {"pagerank": 1.5}
    assert dict(row.items()) == dict(row) == {"pagerank": 1.5, "core": 2.0}
    assert ("core", 2.0) in row.items()
    assert {**row, "topic": 0.5} == {"pagerank": 1.5, "core": 2.0, "topic": 0.5}
    assert type(row["core"]) is float
    assert json.dumps(dict(row.items())) == '{"pagerank": 1.5, "core": 2.0}'
    with pytest.raises(KeyError):
        row["broker"]


def test_a_row_pickles_as_a_plain_mapping_without_its_table() -> None:
    table = FactorTable(("lean",), [[float(i)] for i in range(10_000)])
    copied = pickle.loads(pickle.dumps(table.row(7)))
    assert copied == {"lean": 7.0}
    assert type(copied) is dict
    assert len(pickle.dumps(table.row(7))) < 100


def test_filling_an_empty_table_fills_its_rows() -> None:
    table = FactorTable.empty(("a", "b"), 2)
    table.values[1] = (3.0, 4.0)
    assert table.row(1) == {"a": 3.0, "b": 4.0}
