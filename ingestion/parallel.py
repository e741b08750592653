"""Doing the work on a source's parts in worker processes while this process uses the results,
in order.

Parsing, validating and enriching hold the GIL. Done in the writing process, they stall its
writes between round trips to the store: on 2 cores that costs about a quarter of the
throughput into Neo4j. Here forked workers do the work on parts of a source; this process
hands the parts out and yields what comes back in the order of the source. Workers inherit
the work (the pipeline with its parser, enrichment models and channel kinds) by fork and never
touch the store; only the parts go out, and their results come back.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import Any, TypeVar

P = TypeVar("P")
R = TypeVar("R")

_work: Callable[[Any], Iterable[Any]] | None = None
"""The work a worker does on each part: set while the pool forks its workers (all at its
first task), so each inherits it."""


def can_fork() -> bool:
    """Whether this process may start workers: fork exists, and the process is not itself a
    daemonic worker (a Celery prefork child may not have children)."""
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
    )


def in_workers(work: Callable[[P], Iterable[R]], parts: Iterable[P], workers: int) -> Iterator[R]:
    """The results of ``work`` on every part, in the parts' order; each part's done by one of
    ``workers`` forked processes (which send them all back at once, so the parts must pickle).

    A source of one part is done here, its results yielded as they come: forking would cost
    more than it saves, and a part that could not be split may be the whole source.
    """
    remaining = iter(parts)
    head = list(islice(remaining, 2))
    if len(head) < 2:
        for part in head:
            yield from work(part)
        return
    global _work
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        _work = work
        # Frozen, the objects the workers inherit (enrichment models, whatever the caller
        # holds) are left alone by the workers' garbage collector: it would otherwise walk
        # them all, and copy every page it touches.
        pending: deque[Future[list[Any]]] = deque()
        gc.freeze()
        try:
            pending.append(pool.submit(_work_on, head[0]))
        finally:
            gc.unfreeze()
            _work = None  # the workers have their copies; this process needs none
        # Two parts per worker in flight: one being worked on, one waiting, so no worker
        # idles while this process uses the results.
        for part in chain(head[1:], islice(remaining, 2 * workers - 2)):
            pending.append(pool.submit(_work_on, part))
        while pending:
            results = pending.popleft().result()
            following = next(remaining, None)
            if following is not None:
                pending.append(pool.submit(_work_on, following))
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _work_on(part: Any) -> list[Any]:
    assert _work is not None, "a worker runs only in a process forked for it"
    return list(_work(part))
