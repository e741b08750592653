"""Celery tasks. Registered on an app by `register_tasks`, so no settings are read at import."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from celery import Celery

from graph.model import JobState
from graph.store import StoreUnavailable
from ingestion.jobs.chunks import run_chunk
from ingestion.parsers import parser_for
from ingestion.pipeline import Pipeline

log = logging.getLogger(__name__)

INGEST_CHUNK = "osmosi.ingest.chunk"


def register_tasks(app: Celery, open_pipeline: Callable[[], Pipeline]) -> None:
    """Register Osmosi's tasks; each worker process opens its own store on first use."""
    opened: dict[str, Any] = {}

    def pipeline() -> Pipeline:
        # Opened after the fork: database connections must not be shared between processes.
        if opened.get("pid") != os.getpid():
            opened["pipeline"], opened["pid"] = open_pipeline(), os.getpid()
        result: Pipeline = opened["pipeline"]
        return result

    @app.task(name=INGEST_CHUNK, bind=True, max_retries=10)  # type: ignore[untyped-decorator]
    def ingest_chunk(
        self: Any,
        job_id: str,
        chunk: int,
        fmt: str,
        source: str,
        mapping: Mapping[str, str] | None,
        items: Sequence[Mapping[str, Any]],
    ) -> dict[str, int]:
        try:
            counts = run_chunk(pipeline(), job_id, chunk, parser_for(fmt, mapping), source, items)
        except StoreUnavailable as error:
            # The store is down: try again later; the message stays unacknowledged meanwhile.
            raise self.retry(exc=error, countdown=min(2**self.request.retries, 60)) from error
        except Exception as error:
            # Only the type: store errors can quote the records (handles, names) they failed on.
            log.error("ingest chunk %s of job %s failed: %s", chunk, job_id, type(error).__name__)
            pipeline().store.save_job(
                job_id, fmt, source, JobState.FAILED, error=f"chunk {chunk}: {type(error).__name__}"
            )
            raise
        return {
            "read": counts.read,
            "stored": counts.stored,
            "duplicates": counts.duplicates,
            "rejected": counts.rejected,
        }
