"""Interactions as integer arrays, a batch at a time: what the rankings' projection reads.

A million interactions as `Interaction` objects cost seconds to make and hundreds of
megabytes to hold; as arrays (two person numbers, a kind and a time each) they take 25
bytes apiece and the stores fill them from the rows they fetch, column by column, without
a Python step per row. Both stores read accounts' interactions and number each account by
its owner here (`stream_from_columns`, through `AccountNumbers`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice, repeat
from operator import add
from typing import Any

import numpy as np
import numpy.typing as npt

from graph.model.nodes import Interaction, InteractionKind

Indices = npt.NDArray[np.intp]
Floats = npt.NDArray[np.float64]

KINDS: tuple[InteractionKind, ...] = tuple(InteractionKind)
"""``InteractionBatch.kinds`` index this."""
_KIND_CODES = {kind.value: code for code, kind in enumerate(KINDS)}
_BATCH = 50_000


@dataclass(frozen=True, slots=True)
class InteractionBatch:
    """Interaction ``i`` runs from person ``sources[i]`` to ``targets[i]`` (indices into
    the stream's ``people``), of kind ``KINDS[kinds[i]]``, at ``seconds[i]`` (POSIX)."""

    sources: Indices
    targets: Indices
    kinds: npt.NDArray[np.int8]
    seconds: Floats


@dataclass(frozen=True, slots=True)
class InteractionStream:
    """Batches of interactions between ``people``, in no particular order. ``people`` may
    grow while the batches are read; it is complete once they all are."""

    people: list[str]
    batches: Iterator[InteractionBatch]


def stream_of(interactions: Iterable[Interaction], batch: int = _BATCH) -> InteractionStream:
    """The stream of `Interaction` objects, people numbered as met.

    >>> from datetime import datetime, UTC
    >>> at = datetime(2026, 1, 1, tzinfo=UTC)
    >>> stream = stream_of([Interaction("bo", "al", InteractionKind.REPLY, at, "x:1")])
    >>> [(b.sources.tolist(), b.targets.tolist(), KINDS[b.kinds[0]]) for b in stream.batches]
    [([0], [1], <InteractionKind.REPLY: 'reply'>)]
    >>> stream.people
    ['bo', 'al']
    """
    people: list[str] = []

    def batches() -> Iterator[InteractionBatch]:
        codes: dict[str, int] = {}
        rows = iter(interactions)
        while chunk := list(islice(rows, batch)):
            ends = [codes.setdefault(person, len(codes)) for i in chunk for person in i[:2]]
            people.extend(islice(codes, len(people), None))
            pairs = np.array(ends, np.intp).reshape(-1, 2)
            yield InteractionBatch(
                pairs[:, 0],
                pairs[:, 1],
                np.fromiter((_KIND_CODES[i.kind.value] for i in chunk), np.int8, len(chunk)),
                np.fromiter((i.at.timestamp() for i in chunk), np.float64, len(chunk)),
            )

    return InteractionStream(people, batches())


def stream_from_pages(
    pages: Iterable[Sequence[Sequence[Any]]],
    owners: Mapping[str, str],
    seconds: Callable[[Sequence[Any]], Floats],
) -> InteractionStream:
    """The stream of rows ``(source account, target account, kind, time)``, fetched a page
    at a time: `stream_from_columns` of each page's columns.

    >>> owners = {"x:a": "p1", "x:b": "p2", "x:c": "p1"}
    >>> pages = [[("x:a", "x:b", "reply", 5), ("x:a", "x:c", "mention", 6)],
    ...          [("x:b", "x:new", "quote", 7)]]
    >>> stream = stream_from_pages(pages, owners, lambda at: np.array(at, np.float64))
    >>> [(b.sources.tolist(), b.targets.tolist(), b.seconds.tolist()) for b in stream.batches]
    [([0], [1], [5.0]), ([], [], [])]
    >>> stream.people
    ['p1', 'p2']
    """
    columns = (zip(*page, strict=True) for page in pages if page)
    return stream_from_columns(columns, owners, seconds)


def stream_from_columns(
    pages: Iterable[Iterable[Sequence[Any]]],
    owners: Mapping[str, str],
    seconds: Callable[[Sequence[Any]], Floats],
) -> InteractionStream:
    """The stream of pages of four columns: source accounts, target accounts, kinds and
    times. ``owners`` maps accounts to their people; ``seconds`` turns a page's column of
    times into POSIX seconds. Interactions of a person with themself are dropped, and so are
    those of accounts missing from ``owners`` (created after it was read).

    >>> owners = {"x:a": "p1", "x:b": "p2", "x:c": "p1"}
    >>> pages = [[["x:a", "x:a"], ["x:b", "x:c"], ["reply", "mention"], [5, 6]], [[], [], [], []]]
    >>> stream = stream_from_columns(pages, owners, lambda at: np.array(at, np.float64))
    >>> [(b.sources.tolist(), b.targets.tolist(), b.seconds.tolist()) for b in stream.batches]
    [([0], [1], [5.0])]
    >>> stream.people
    ['p1', 'p2']
    """
    people = list(dict.fromkeys(owners.values()))
    numbers = {person: i for i, person in enumerate(people)}
    number = AccountNumbers(list(owners), [numbers[person] for person in owners.values()])

    def batches() -> Iterator[InteractionBatch]:
        for page in pages:
            source, target, kind, at = page
            if not (n := len(source)):
                continue
            sources, targets = number(source), number(target)
            keep = (sources >= 0) & (targets >= 0) & (sources != targets)
            yield InteractionBatch(
                sources[keep],
                targets[keep],
                np.fromiter(map(_KIND_CODES.__getitem__, kind), np.int8, n)[keep],
                seconds(at)[keep],
            )

    return InteractionStream(people, batches())


class AccountNumbers:
    """Numbers of accounts, looked up a column at a time: ``AccountNumbers(accounts,
    numbers)(column)`` is the array of each account's number in ``column``, -1 for accounts
    not among ``accounts``.

    A dictionary look-up per account took 0.8 to 1 µs with two million accounts (0.25 to
    0.34 µs with 200k): the key's text and the number are objects at random places in
    memory, each a cache miss. Here an account is known by two 64-bit hashes of its text,
    Python's (SipHash, keyed at random for each process, so nobody can aim a collision at
    it), of the text and of the text with a NUL added, and found by binary search in the
    sorted hashes: 0.25 µs at either size. Two texts that share both hashes (a chance of one
    in 2**128 per pair) would be taken for one another; where two of ``accounts`` share the
    first hash, every look-up goes through a dictionary instead.

    >>> number = AccountNumbers(["x:a", "x:b", "x:c"], [0, 1, 0])
    >>> number(["x:c", "x:new", "x:b"]).tolist()
    [0, -1, 1]
    """

    __slots__ = ("_by_text", "_first", "_numbers", "_second")

    def __init__(self, accounts: Sequence[str], numbers: Sequence[int]) -> None:
        first, second = _hashes(accounts)
        order = np.argsort(first, kind="stable")
        self._first, self._second = first[order], second[order]
        self._numbers = np.asarray(numbers, np.intp)[order]
        unique = bool(np.all(np.diff(self._first) != 0))
        self._by_text = None if unique else dict(zip(accounts, numbers, strict=True))

    def __call__(self, column: Sequence[str]) -> Indices:
        if self._by_text is not None:
            return np.fromiter(map(self._by_text.get, column, repeat(-1)), np.intp, len(column))
        if not len(self._first):
            return np.full(len(column), -1, np.intp)
        first, second = _hashes(column)
        # Searching in sorted order walks the table once instead of jumping about it.
        order = np.argsort(first)
        at = np.empty(len(column), np.intp)
        at[order] = np.searchsorted(self._first, first[order])
        at = np.minimum(at, len(self._first) - 1)
        found = (self._first[at] == first) & (self._second[at] == second)
        return np.where(found, self._numbers[at], -1)


def _hashes(texts: Sequence[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    n = len(texts)
    return (
        np.fromiter(map(hash, texts), np.int64, n),
        np.fromiter(map(hash, map(add, texts, repeat("\0"))), np.int64, n),
    )


def iso_seconds(times: Sequence[str]) -> Floats:
    """POSIX seconds of ISO 8601 times in UTC with microseconds
    (``2026-01-01T00:00:00.000000+00:00``, as the embedded store keeps them), the same
    float as ``datetime.fromisoformat(t).timestamp()``.

    >>> iso_seconds(["1970-01-01T00:00:01.500000+00:00"]).tolist()
    [1.5]
    """
    # The offset is cut (numpy parses naive times): every stored time is in UTC.
    local = np.array(times, dtype="U26").astype("datetime64[us]")
    return microseconds(local.astype(np.int64))


def microseconds(times: Sequence[int] | npt.NDArray[np.int64]) -> Floats:
    """POSIX seconds of times in microseconds since the epoch: exact below 2**53 µs (the
    year 2255), and divided as ``timedelta.total_seconds`` divides, to the same float.

    >>> microseconds([1_500_000]).tolist()
    [1.5]
    """
    return np.asarray(times, np.int64) / 1e6
