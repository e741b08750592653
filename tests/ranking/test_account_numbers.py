"""The projection numbers each end of an interaction by its account's owner; it must give
the number a dictionary would give, and -1 for accounts it was not told about."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from graph.model.stream import AccountNumbers, stream_from_columns

uids = st.text(min_size=0, max_size=12)


@given(
    owners=st.dictionaries(uids, st.integers(0, 50), max_size=60),
    strangers=st.lists(uids, max_size=20),
    seed=st.integers(0, 2**32 - 1),
)
def test_numbers_are_a_dictionarys_and_unknown_accounts_get_minus_one(
    owners: dict[str, int], strangers: list[str], seed: int
) -> None:
    number = AccountNumbers(list(owners), list(owners.values()))
    rng = np.random.default_rng(seed)
    column = [*owners, *strangers]
    column = [column[i] for i in rng.permutation(len(column))] * 2 if column else []

    found = number(column)

    assert found.tolist() == [owners.get(uid, -1) for uid in column]


class _SameHash(str):
    """An account text whose hash is every other's: the case two accounts' hashes meet."""

    def __hash__(self) -> int:
        return 7


def test_accounts_whose_hashes_meet_are_still_told_apart() -> None:
    a, b, c = _SameHash("x:a"), _SameHash("x:b"), _SameHash("x:c")

    number = AccountNumbers([a, b], [0, 1])

    assert number([b, a, c, b]).tolist() == [1, 0, -1, 1]


def test_an_unknown_account_that_shares_a_known_ones_first_hash_is_unknown() -> None:
    number = AccountNumbers([_SameHash("x:a")], [0])

    assert number([_SameHash("x:z"), _SameHash("x:a")]).tolist() == [-1, 0]


def test_no_accounts_number_nothing() -> None:
    assert AccountNumbers([], [])(["x:a", "x:b"]).tolist() == [-1, -1]


def test_interactions_of_an_account_made_after_the_owners_were_read_wait_for_the_next() -> None:
    owners = {"x:a": "ada", "y:a": "ada", "x:b": "bob"}
    page: list[list[Any]] = [
        ["x:a", "y:a", "x:new", "x:b"],
        ["x:b", "x:b", "x:a", "y:a"],
        ["reply"] * 4,
        [1] * 4,
    ]

    stream = stream_from_columns([page], owners, lambda at: np.array(at, np.float64))
    (batch,) = stream.batches

    ada, bob = stream.people.index("ada"), stream.people.index("bob")
    assert list(zip(batch.sources.tolist(), batch.targets.tolist(), strict=True)) == [
        (ada, bob),
        (ada, bob),
        (bob, ada),
    ]
