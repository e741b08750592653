"""One chunk of an ingest job: the unit of background work, the same in-process or on Celery."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.model.bookkeeping import IngestCounts
from ingestion.parsers import Parser, parser_for
from ingestion.pipeline import Pipeline, item_from_json


def run_chunk(
    pipeline: Pipeline,
    job_id: str,
    chunk: int,
    parser: Parser,
    source: str,
    items: Sequence[Mapping[str, Any]],
) -> IngestCounts:
    """Ingest a chunk and report its counts to the job.

    Safe to run twice (a redelivered task): the posts are upserts, the quarantine is keyed by
    content, and the job keeps the first report of each chunk.
    """
    prepared = pipeline.prepare([item_from_json(item) for item in items], parser, source)
    counts = pipeline.write(prepared)
    pipeline.store.record_chunk(job_id, chunk, counts)
    return counts


@dataclass(frozen=True, slots=True)
class ChunkTask:
    """One chunk of a job, as plain JSON-able values (it travels in a Celery message)."""

    job_id: str
    chunk: int
    fmt: str
    source: str
    mapping: dict[str, str]
    items: list[dict[str, Any]]

    def run(self, pipeline: Pipeline) -> IngestCounts:
        parser = parser_for(self.fmt, self.mapping)
        return run_chunk(pipeline, self.job_id, self.chunk, parser, self.source, self.items)
