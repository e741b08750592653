"""Per-request DataLoaders of people and their accounts: one store call per batch."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool
from strawberry.dataloader import DataLoader

from graph.model import Account, Person
from graph.store import GraphStore


@dataclass
class PeopleLoaders:
    store: GraphStore
    people: DataLoader[str, Person | None] = field(init=False)
    accounts: DataLoader[str, list[Account]] = field(init=False)
    members: DataLoader[tuple[str, int, int], list[str]] = field(init=False)
    """(community id, first, offset) -> a page of its members."""

    def __post_init__(self) -> None:
        self.people = DataLoader(load_fn=self._people)
        self.accounts = DataLoader(load_fn=self._accounts)
        self.members = DataLoader(load_fn=self._members)

    async def _people(self, ids: Sequence[str]) -> list[Person | None]:
        found = await run_in_threadpool(self.store.get_people, list(ids))
        return [found.get(person) for person in ids]

    async def _members(self, keys: Sequence[tuple[str, int, int]]) -> list[list[str]]:
        # One store call per page shape: every community asked with the same first/offset.
        pages: dict[tuple[str, int, int], list[str]] = {}
        for first, offset in {(first, offset) for _, first, offset in keys}:
            ids = [cid for cid, f, o in keys if (f, o) == (first, offset)]
            found = await run_in_threadpool(self.store.community_members, ids, first, offset)
            pages.update({(cid, first, offset): found.get(cid, []) for cid in ids})
        return [pages[key] for key in keys]

    async def _accounts(self, ids: Sequence[str]) -> list[list[Account]]:
        found = await run_in_threadpool(self.store.accounts_of, list(ids))
        return [found.get(person, []) for person in ids]
