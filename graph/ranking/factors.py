"""The factors behind many people's scores, stored as one table.

A ranking explains each person's score with a handful of named factors. As a dictionary of
floats per person they cost about 580 bytes each, 1.2 GB for influence alone at 2M people;
as a row of a shared float64 table, about 130.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt


class FactorTable:
    """Factor values of many people: the names once, a row of values per person.

    Examples
    --------
    >>> table = FactorTable(("reach", "posts"), [[0.5, 3.0], [0.25, 1.0]])
    >>> row = table.row(1)
    >>> row["posts"], dict(row), dict(row.items())
    (1.0, {'reach': 0.25, 'posts': 1.0}, {'reach': 0.25, 'posts': 1.0})
    >>> row == {"reach": 0.25, "posts": 1.0}
    True
    """

    __slots__ = ("_columns", "names", "values")

    def __init__(self, names: Sequence[str], values: npt.ArrayLike) -> None:
        self.names = tuple(names)
        self.values: npt.NDArray[np.float64] = np.asarray(values, np.float64).reshape(
            -1, len(self.names)
        )
        self._columns = {name: i for i, name in enumerate(self.names)}

    @classmethod
    def empty(cls, names: Sequence[str], rows: int) -> FactorTable:
        """A table of ``rows`` rows to fill (`values`)."""
        return cls(names, np.empty((rows, len(names))))

    def row(self, index: int) -> FactorRow:
        return FactorRow(self, index)


class FactorRow(Mapping[str, float]):
    """One person's factors: a read-only mapping over a row of a `FactorTable`."""

    __slots__ = ("_index", "_table")

    def __init__(self, table: FactorTable, index: int) -> None:
        self._table = table
        self._index = index

    def __getitem__(self, name: str) -> float:
        return float(self._table.values[self._index, self._table._columns[name]])

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.names)

    def __len__(self) -> int:
        return len(self._table.names)

    def items(self) -> ItemsView[str, float]:
        return _RowItems(self)

    def __repr__(self) -> str:
        return repr(dict(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as the dictionary it reads as, not with the whole table.
        return dict, (dict(self.items()),)


class _RowItems(ItemsView[str, float]):
    """A row's items, read in one step (``dict(row.items())``: a third of ``dict(row)``'s
    time, which reads each value apart)."""

    _mapping: FactorRow

    def __iter__(self) -> Iterator[tuple[str, float]]:
        row = self._mapping
        return zip(row._table.names, row._table.values[row._index].tolist(), strict=True)
