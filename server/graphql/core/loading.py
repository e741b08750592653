"""DataLoader batch functions over the store's batched reads."""

from __future__ import annotations

import asyncio
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


R = TypeVar("R")


def now_or_later(loaded: Awaitable[V], pick: Callable[[V], R]) -> R | Awaitable[R]:
    """``pick`` of a loader's value: at once when the loader has it already (a primed or
    earlier key), so that graphql-core completes the field without scheduling a task, else
    when it arrives."""
    if isinstance(loaded, asyncio.Future) and loaded.done():
        return pick(loaded.result())

    async def later() -> R:
        return pick(await loaded)

    return later()
