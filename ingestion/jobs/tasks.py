"""Celery tasks. Registered on an app by `register_tasks`, so no settings are read at import."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from celery import Celery

from graph.model.bookkeeping import JobState
from graph.rankings.service import recompute
from graph.retention.service import apply_retention
from graph.store.contract import StoreUnavailable
from ingestion.jobs.broker import RedisBroker
from ingestion.jobs.chunks import ChunkTask
from ingestion.jobs.ledger import ChunkLedger, chunk_task_id
from ingestion.jobs.rankings import RANKING_LOCK, SKIPPED
from ingestion.jobs.scans import after_ingest
from ingestion.pipeline import Pipeline

log = logging.getLogger(__name__)

INGEST_CHUNK = "osmosi.ingest.chunk"
RANK = "osmosi.rank"
SCAN_ALERTS = "osmosi.alerts.scan"
DELIVER_WEBHOOKS = "osmosi.webhooks.deliver"
RETAIN = "osmosi.retention"
REDELIVER_CHUNKS = "osmosi.ingest.redeliver"


def send_chunk(app: Celery, job_id: str, chunk: int) -> None:
    """Have a chunk waiting in the ledger ingested by a worker."""
    app.send_task(
        INGEST_CHUNK,
        kwargs={"job_id": job_id, "chunk": chunk},
        task_id=chunk_task_id(job_id, chunk),
    )


def ingest_queue(app: Celery) -> str:
    """The queue ingest chunks travel on."""
    routes = app.conf.task_routes or {}
    return str(routes.get(INGEST_CHUNK, {}).get("queue", app.conf.task_default_queue))


def redeliver_lost_chunks(app: Celery, ledger: ChunkLedger) -> int:
    """Send again the chunks a killed worker took off the queue (see `ChunkLedger`)."""
    return ledger.redeliver(
        [ingest_queue(app)], lambda job_id, chunk: send_chunk(app, job_id, chunk)
    )


def _scan_after_last_chunk(pipeline: Pipeline, job_id: str) -> None:
    """Once a job's last chunk is in, the scan for alerts that would otherwise wait for the
    beat's next one. Every worker that finds the job done scans (alerts have stable ids, so
    none is raised twice); a job whose chunks all finished before its size was recorded is
    left to the beat. A failed scan leaves the chunk stored: the beat scans again."""
    job = pipeline.store.get_job(job_id)
    if job is None or job.status is not JobState.DONE:
        return
    try:
        after_ingest(pipeline, datetime.now(UTC))
    except Exception as error:
        log.warning("alert scan after ingest job %s failed: %s", job_id, type(error).__name__)


def register_tasks(app: Celery, open_pipeline: Callable[[], Pipeline], ledger: ChunkLedger) -> None:
    """Register Osmosi's tasks; each worker process opens its own store on first use."""
    opened: dict[str, Any] = {}
    # redis-py reconnects after a fork by itself.
    broker = RedisBroker(app.conf.broker_url, timeout=app.conf.broker_connection_timeout)

    def pipeline() -> Pipeline:
        # Opened after the fork: database connections must not be shared between processes.
        if opened.get("pid") != os.getpid():
            opened["pipeline"], opened["pid"] = open_pipeline(), os.getpid()
        result: Pipeline = opened["pipeline"]
        return result

    @app.task(name=INGEST_CHUNK, bind=True, max_retries=10, shared=False)  # type: ignore[untyped-decorator]
    def ingest_chunk(self: Any, job_id: str, chunk: int, **sent_whole: Any) -> dict[str, int]:
        # Chunks sent by an Osmosi before the ledger carry their items (``sent_whole``).
        task = ChunkTask(job_id, chunk, **sent_whole) if sent_whole else ledger.take(job_id, chunk)
        if task is None:
            return {}  # a second copy of a chunk already settled
        try:
            counts = task.run(pipeline())
        except StoreUnavailable as error:
            # The store is down: try again later; the message stays unacknowledged meanwhile.
            raise self.retry(exc=error, countdown=min(2**self.request.retries, 60)) from error
        except Exception as error:
            # Only the type: store errors can quote the records (handles, names) they failed on.
            failure = f"chunk {task.chunk}: {type(error).__name__}"
            log.error("ingest job %s failed: %s", task.job_id, failure)
            pipeline().store.save_job(
                task.job_id, task.fmt, task.source, JobState.FAILED, error=failure
            )
            ledger.settle(job_id, chunk)
            raise
        ledger.settle(job_id, chunk)
        _scan_after_last_chunk(pipeline(), task.job_id)
        return asdict(counts)

    @app.task(name=REDELIVER_CHUNKS, shared=False)  # type: ignore[untyped-decorator]
    def redeliver() -> dict[str, int]:
        return {"chunks": redeliver_lost_chunks(app, ledger)}

    @app.task(name=RANK, shared=False)  # type: ignore[untyped-decorator]
    def rank() -> dict[str, Any]:
        # Idempotent: a run given back by a dying worker simply runs again. One at a time
        # across every worker and `osmosi rank`: two beats, or a beat and a manual run.
        with broker.exclusive(RANKING_LOCK) as held:
            if not held:
                log.info("ranking %s", SKIPPED)
                return {"skipped": SKIPPED}
            report = recompute(pipeline().store, datetime.now(UTC))
        return {"people": report.people, "communities": len(report.communities), **report.seconds}

    @app.task(name=RETAIN, shared=False)  # type: ignore[untyped-decorator]
    def retain(days: int) -> dict[str, Any]:
        # Idempotent: a second run finds nothing older than the cutoff.
        run = apply_retention(pipeline().store, datetime.now(UTC), days)
        return {"cutoff": run.cutoff.isoformat(), "posts": run.posts}

    @app.task(name=SCAN_ALERTS, shared=False)  # type: ignore[untyped-decorator]
    def scan() -> dict[str, Any]:
        # Idempotent: alerts have stable ids, so a scan run twice raises nothing twice.
        return {"alerts": len(after_ingest(pipeline(), datetime.now(UTC)))}

    @app.task(name=DELIVER_WEBHOOKS, shared=False)  # type: ignore[untyped-decorator]
    def deliver() -> dict[str, Any]:
        # Deliveries left pending by a restart are picked up here; each process delivers
        # on one background thread, which receivers see as at-least-once delivery.
        opened = pipeline()
        if opened.on_alerts is not None:
            opened.on_alerts()
        return {"started": opened.on_alerts is not None}
