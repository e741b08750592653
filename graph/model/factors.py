"""The factors behind many people's scores, stored as one table, and their JSON text.

A ranking explains each person's score with a handful of named factors. As a dictionary of
floats per person they cost about 580 bytes each, 1.2 GB for influence alone at 2M people;
as a row of a shared float64 table, about 130.
"""

from __future__ import annotations

import json
import math
from collections.abc import ItemsView, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy when a ranking builds a table; the stores only read them
    import numpy as np
    import numpy.typing as npt

# One encoder for all: ``json.dumps`` with an option builds a new one per call.
_encode = json.JSONEncoder(separators=(",", ":")).encode


def factors_json(factors: Mapping[str, float] | None) -> str | None:
    """A person's factors as the JSON text the stores keep (an object of numbers); None for
    none.

    A `FactorRow` renders its row straight into its table's template: a ranking writes a
    text for each of hundreds of thousands of people, and building each one's dictionary
    for `json` to encode took most of the writing's Python time.

    >>> factors_json({"reach": 0.25, "posts": 3.0})
    '{"reach":0.25,"posts":3.0}'
    >>> factors_json(FactorTable(("reach", "posts"), [[0.25, 3.0]]).row(0))
    '{"reach":0.25,"posts":3.0}'
    >>> factors_json(FactorTable(("reach",), [[float("nan")]]).row(0))  # as json writes it
    '{"reach":NaN}'
    >>> factors_json({}) is None
    True
    """
    if not factors:
        return None
    if isinstance(factors, FactorRow):
        return factors.json()
    return _encode(dict(factors.items()))


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

    __slots__ = ("_columns", "_template", "names", "values")

    def __init__(self, names: Sequence[str], values: npt.ArrayLike) -> None:
        import numpy as np

        self.names = tuple(names)
        self.values: npt.NDArray[np.float64] = np.asarray(values, np.float64).reshape(
            -1, len(self.names)
        )
        self._columns = {name: i for i, name in enumerate(self.names)}
        # A row's JSON text with ``%r`` for each value: a finite float's repr is its JSON.
        fields = (json.dumps(name).replace("%", "%%") + ":%r" for name in self.names)
        self._template = "{" + ",".join(fields) + "}"

    @classmethod
    def empty(cls, names: Sequence[str], rows: int) -> FactorTable:
        """A table of ``rows`` rows to fill (`values`)."""
        import numpy as np

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
        return float(self._table.values.item(self._index, self._table._columns[name]))

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.names)

    def __len__(self) -> int:
        return len(self._table.names)

    def items(self) -> ItemsView[str, float]:
        return _RowItems(self)

    def json(self) -> str:
        """The row as a JSON object (`factors_json`)."""
        values = self._table.values[self._index].tolist()
        if all(map(math.isfinite, values)):
            return self._table._template % tuple(values)
        return _encode(dict(zip(self._table.names, values, strict=True)))

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
