"""Submitting ingest jobs: split into chunks, run in-process or on Celery workers."""

from __future__ import annotations

import abc
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

from graph.model.bookkeeping import JobState
from ingestion.jobs.broker import RedisBroker
from ingestion.jobs.chunks import ChunkTask
from ingestion.jobs.ledger import ChunkLedger
from ingestion.jobs.rankings import recompute_now
from ingestion.jobs.tasks import RANK, send_chunk
from ingestion.parsers import Item
from ingestion.parsers.base import readable
from ingestion.pipeline import Pipeline, batched, item_to_json

T = TypeVar("T")


class JobRunner(abc.ABC):
    """Splits a source's items into chunks and has each chunk ingested."""

    def __init__(self, pipeline: Pipeline, chunk_size: int = 1000) -> None:
        self.pipeline = pipeline
        self.chunk_size = chunk_size

    def submit(
        self,
        fmt: str,
        source: str,
        items: Iterable[Item],
        mapping: Mapping[str, str] | None = None,
        job_id: str | None = None,
    ) -> str:
        """Create the job, dispatch its chunks, return its id."""
        job_id = job_id or uuid.uuid4().hex
        store = self.pipeline.store
        store.save_job(job_id, fmt, source, JobState.QUEUED)
        chunks = 0
        try:
            for number, chunk in enumerate(batched(readable(items), self.chunk_size)):
                items_json = [item_to_json(item) for item in chunk]
                self.dispatch(
                    ChunkTask(job_id, number, fmt, source, dict(mapping or {}), items_json)
                )
                chunks = number + 1
        except Exception as error:
            store.save_job(job_id, fmt, source, JobState.FAILED, error=type(error).__name__)
            raise
        store.save_job(job_id, fmt, source, JobState.RUNNING, chunks_total=chunks)
        return job_id

    @abc.abstractmethod
    def dispatch(self, task: ChunkTask) -> None: ...

    @abc.abstractmethod
    def rank(self) -> str:
        """Have the rankings recomputed in the background; returns the run's id."""


class InProcessRunner(JobRunner):
    """Runs each chunk at once, in the calling thread."""

    last_rank: threading.Thread | None = None

    def dispatch(self, task: ChunkTask) -> None:
        task.run(self.pipeline)

    def rank(self) -> str:
        # No broker: a background thread of this process does the work (after the ranking
        # this process may be running already).
        run_id = uuid.uuid4().hex
        thread = threading.Thread(
            target=recompute_now,
            args=(self.pipeline.store, datetime.now(UTC)),
            name=f"osmosi-rank-{run_id[:8]}",
            daemon=True,
        )
        thread.start()
        self.last_rank = thread
        return run_id


class CeleryRunner(JobRunner):
    """Keeps each chunk in the ``ledger`` and has the Celery workers ingest it, through
    ``broker``; a chunk that cannot be sent because the broker is down raises
    `BrokerUnavailable`, naming it."""

    def __init__(
        self,
        pipeline: Pipeline,
        app: Any,
        broker: RedisBroker,
        ledger: ChunkLedger,
        chunk_size: int = 1000,
    ) -> None:
        super().__init__(pipeline, chunk_size)
        self.app = app
        self.broker = broker
        self.ledger = ledger

    def _send(self, send: Callable[[], T]) -> T:
        try:
            return send()
        except Exception:
            # Celery's and redis-py's errors blame neither service by name: say which is down.
            self.broker.check()
            raise

    def dispatch(self, task: ChunkTask) -> None:
        self._send(lambda: self.ledger.put(task))
        self._send(lambda: send_chunk(self.app, task.job_id, task.chunk))

    def rank(self) -> str:
        return str(self._send(lambda: self.app.send_task(RANK)).id)
