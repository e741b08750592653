"""Preparing a JSON-lines source in worker processes while this process writes it, in order.

Parsing, validating and enriching hold the GIL. Done in the writing process, they stall its
writes between round trips to the store: on 2 cores that costs about a quarter of the
throughput into Neo4j. Here forked workers prepare chunks of lines; this process reads the
lines, hands them out and writes what comes back in the order of the file. Workers inherit the
pipeline (parser, enrichment models, channel kinds) by fork and never touch the store; only
raw lines go out, and prepared chunks (rows, rejects and, when the pipeline acts on its
posts, the posts) come back.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import TYPE_CHECKING

from ingestion.parsers.base import JsonLines, JsonParser

if TYPE_CHECKING:
    from ingestion.pipeline import Pipeline, PreparedChunk

_worker: tuple[Pipeline, JsonParser, str] | None = None
"""The pipeline, parser and source name a worker prepares with: set while the pool forks
its workers (all at its first task), so each inherits them."""


def can_fork() -> bool:
    """Whether this process may start preparing workers: fork exists, and the process is
    not itself a daemonic worker (a Celery prefork child may not have children)."""
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
    )


def line_chunks(lines: Iterable[bytes], size: int) -> Iterator[JsonLines]:
    """The lines of a source in parts of ``size`` lines, numbered as the whole is."""
    iterator = iter(lines)
    number = 1
    while chunk := list(islice(iterator, size)):
        yield JsonLines(chunk, number)
        number += len(chunk)


def prepared_in_workers(
    pipeline: Pipeline, parser: JsonParser, source: str, lines: Iterable[bytes], workers: int
) -> Iterator[PreparedChunk]:
    """``pipeline.prepare`` of every batch of the source's records, in their order; each
    part of ``pipeline.batch_size`` lines prepared by one of ``workers`` processes.

    A source of one part is prepared here: forking would cost more than it saves.
    """
    parts = line_chunks(lines, pipeline.batch_size)
    head = list(islice(parts, 2))
    if len(head) < 2:
        for part in head:
            yield from pipeline.prepare_part(part, parser, source)
        return
    global _worker
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        _worker = (pipeline, parser, source)
        # Frozen, the objects the workers inherit (enrichment models, whatever the caller
        # holds) are left alone by the workers' garbage collector: it would otherwise walk
        # them all, and copy every page it touches.
        pending: deque[Future[list[PreparedChunk]]] = deque()
        gc.freeze()
        try:
            pending.append(pool.submit(_prepare_part, head[0]))
        finally:
            gc.unfreeze()
            _worker = None  # the workers have their copies; this process needs none
        # Two parts per worker in flight: one being prepared, one waiting, so no worker
        # idles while this process writes.
        for part in chain(head[1:], islice(parts, 2 * workers - 2)):
            pending.append(pool.submit(_prepare_part, part))
        while pending:
            prepared = pending.popleft().result()
            following = next(parts, None)
            if following is not None:
                pending.append(pool.submit(_prepare_part, following))
            yield from prepared
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _prepare_part(part: JsonLines) -> list[PreparedChunk]:
    assert _worker is not None, "a preparing worker runs only in a process forked for it"
    pipeline, parser, source = _worker
    return pipeline.prepare_part(part, parser, source)
