"""What keeps one key from starving the others: a cost-weighted rate limit per key, and a
bounded pool, with a deadline, for the views computed on request.

Both are per API process (``osmosi serve --workers N`` gives each process its own).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from graphql import GraphQLError

T = TypeVar("T")


@dataclass
class TokenBuckets:
    """A token bucket per key: each holds up to ``capacity`` points and refills at
    ``capacity`` points per ``period`` seconds; an operation takes its cost from its key's
    bucket. Used from the event loop's thread only.

    Examples
    --------
    >>> now = [0.0]
    >>> buckets = TokenBuckets(capacity=100, period=60, clock=lambda: now[0])
    >>> buckets.take("k", 80), buckets.take("k", 80)
    (0.0, 36.0)
    >>> now[0] = 36.0
    >>> buckets.take("k", 80)
    0.0
    """

    capacity: int
    period: float = 60.0
    clock: Callable[[], float] = time.monotonic
    _levels: dict[str, tuple[float, float]] = field(default_factory=dict)

    def take(self, key: str, points: int) -> float:
        """Take ``points`` from ``key``'s bucket: 0 if they were there, otherwise nothing
        is taken and the answer is the seconds until they will be."""
        now = self.clock()
        rate = self.capacity / self.period
        level, then = self._levels.get(key, (float(self.capacity), now))
        level = min(float(self.capacity), level + (now - then) * rate)
        if points <= level:
            self._levels[key] = (level - points, now)
            return 0.0
        self._levels[key] = (level, now)
        return (points - level) / rate


class DeadlineExceeded(GraphQLError):
    """A computed view that did not finish within the deadline (it may still be running)."""


class HeavyPool:
    """Runs the views computed on request (recomputed rankings, the shortlist) on their own
    ``slots`` threads, so that however many are asked for, the store threads stay free for
    cheap reads. A view that has not finished ``deadline`` seconds after it was asked for
    (waiting for a slot included) is answered with `DeadlineExceeded`; a view already
    running cannot be stopped, so it keeps its slot until it ends."""

    def __init__(self, slots: int, deadline: float) -> None:
        self.slots = slots
        self.deadline = deadline
        self._executor = ThreadPoolExecutor(slots, thread_name_prefix="osmosi-view")
        self._free: asyncio.Semaphore | None = None

    async def run(self, work: Callable[[], T], name: str) -> T:
        loop = asyncio.get_running_loop()
        if self._free is None:  # made here: a semaphore belongs to the running loop
            self._free = asyncio.Semaphore(self.slots)
        free = self._free
        ends = loop.time() + self.deadline
        try:
            async with asyncio.timeout_at(ends):
                await free.acquire()
        except TimeoutError:
            raise self._late(name, "waited for") from None
        future = loop.run_in_executor(self._executor, work)
        future.add_done_callback(lambda _: free.release())
        try:
            async with asyncio.timeout_at(ends):
                return await asyncio.shield(future)
        except TimeoutError:
            raise self._late(name, "ran for") from None

    def _late(self, name: str, did: str) -> DeadlineExceeded:
        return DeadlineExceeded(
            f"{name} {did} more than {self.deadline:g} s: other computed views are running; "
            "try again later, or ask for a narrower one",
            extensions={"code": "DEADLINE_EXCEEDED", "deadlineSeconds": self.deadline},
        )

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
