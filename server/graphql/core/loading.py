"""DataLoader batch functions over the store's batched reads."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

V = TypeVar("V")
P = TypeVar("P")


def by_key(
    read: Callable[[list[str]], Mapping[str, V]], default: Callable[[], V]
) -> Callable[[Sequence[str]], Awaitable[list[V]]]:
    """A DataLoader batch function from a batched store read keyed by id."""

    async def load(ids: Sequence[str]) -> list[V]:
        found = await run_in_threadpool(read, list(ids))
        return [found.get(key, default()) for key in ids]

    return load


def by_page(
    read: Callable[[list[str], P], Mapping[str, V]], default: Callable[[], V]
) -> Callable[[Sequence[tuple[str, P]]], Awaitable[list[V]]]:
    """A batch function for (id, page shape) keys: one store call per page shape,
    every id asked with the same shape together."""

    async def load(keys: Sequence[tuple[str, P]]) -> list[V]:
        pages: dict[tuple[str, P], V] = {}
        for shape in dict.fromkeys(shape for _, shape in keys):
            ids = [key for key, s in keys if s == shape]
            found = await run_in_threadpool(read, ids, shape)
            pages.update({(key, shape): found.get(key, default()) for key in ids})
        return [pages[key] for key in keys]

    return load
