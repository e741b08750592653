"""The Celery application, built from settings at startup (never at import)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import redis
from celery import Celery
from celery.beat import PersistentScheduler
from celery.signals import worker_ready

from graph.retention.service import RETENTION_EVERY
from ingestion.jobs.ledger import ChunkLedger
from ingestion.jobs.tasks import (
    DELIVER_WEBHOOKS,
    INGEST_CHUNK,
    RANK,
    REDELIVER_CHUNKS,
    RETAIN,
    SCAN_ALERTS,
    redeliver_lost_chunks,
    register_tasks,
)
from ingestion.pipeline import Pipeline

BEAT_MAX_INTERVAL = 60
"""Seconds beat sleeps at most between two looks at its schedule."""

REDELIVER_EVERY = timedelta(minutes=1)
"""How often beat has lost chunks sent again (workers also do it when they start)."""

log = logging.getLogger(__name__)

QUEUES = {
    INGEST_CHUNK: "ingest",
    REDELIVER_CHUNKS: "ingest",
    RANK: "ranking",
    RETAIN: "ranking",
    SCAN_ALERTS: "webhooks",
    DELIVER_WEBHOOKS: "webhooks",
}
"""The queue of each task: a long ranking never holds up ingest chunks or webhooks, and
workers can be dedicated to some queues (`osmosi worker --queues ranking`)."""
QUEUE_NAMES = tuple(dict.fromkeys(QUEUES.values()))
WORKER_QUEUES = (*QUEUE_NAMES, "celery")
"""What a worker consumes unless told: every queue, and Celery's default one, where tasks
sent before the queues were split wait."""


def beat_heartbeat(schedule_file: Path) -> Path:
    """The file `HeartbeatScheduler` touches beside beat's schedule file."""
    return schedule_file.with_name(schedule_file.name + ".alive")


class HeartbeatScheduler(PersistentScheduler):  # type: ignore[misc]
    """Beat's scheduler, touching `beat_heartbeat` each time it looks at its schedule (at
    least every `BEAT_MAX_INTERVAL` seconds): a health check tells a working beat from a
    hung or dead one by the file's age (the schedule file itself changes only when a task
    is sent, which may be an hour apart)."""

    def tick(self, *args: Any, **kwargs: Any) -> float:
        beat_heartbeat(Path(self.schedule_filename)).touch()
        return float(super().tick(*args, **kwargs))


def create_celery(
    redis_url: str,
    open_pipeline: Callable[[], Pipeline],
    ledger: ChunkLedger,
    visibility_timeout: int = 3600,
    rank_every: timedelta | None = None,
    scan_every: timedelta | None = None,
    deliver_every: timedelta | None = None,
    connect_timeout: float = 5.0,
    retention_days: int = 0,
) -> Celery:
    """A Celery app on Redis, configured so that a killed worker loses no task, each task
    sent to its queue (`QUEUES`).

    Tasks are acknowledged after they finish (``acks_late``) and given back if the worker
    dies (``task_reject_on_worker_lost``); a message left unacknowledged by a killed worker is
    delivered again after ``visibility_timeout`` seconds. A message lost by a worker killed
    while taking it off the queue is sent again from the chunk ``ledger`` when a worker
    starts and every `REDELIVER_EVERY` under beat. The beat scheduler (`osmosi beat`)
    has the rankings recomputed every ``rank_every``, alerts scanned for every
    ``scan_every`` and pending webhooks delivered every ``deliver_every`` (each when given),
    and posts older than ``retention_days`` dropped daily (when not 0).

    A connection to Redis that takes longer than ``connect_timeout`` seconds fails, and
    sending a task retries only briefly: a caller learns within seconds that Redis is down
    (Celery's defaults retry the result store for 20 s, then blame "the Celery application").
    """
    brief_retries = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
    app = Celery("osmosi", broker=redis_url, backend=redis_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_expires=7 * 24 * 3600,
        timezone="UTC",
        enable_utc=True,
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=connect_timeout,
        broker_transport_options={
            "visibility_timeout": visibility_timeout,
            "socket_connect_timeout": connect_timeout,
        },
        task_publish_retry_policy=brief_retries,
        redis_socket_connect_timeout=connect_timeout,
        result_backend_transport_options={"retry_policy": brief_retries},
        worker_hijack_root_logger=False,
        beat_scheduler=HeartbeatScheduler,
        beat_max_loop_interval=BEAT_MAX_INTERVAL,
        task_routes={task: {"queue": queue} for task, queue in QUEUES.items()},
    )
    schedule = {
        "recompute rankings": (RANK, rank_every),
        "scan for alerts": (SCAN_ALERTS, scan_every),
        "deliver webhooks": (DELIVER_WEBHOOKS, deliver_every),
        "redeliver lost chunks": (REDELIVER_CHUNKS, REDELIVER_EVERY),
    }
    app.conf.beat_schedule = {
        name: {"task": task, "schedule": every.total_seconds()}
        for name, (task, every) in schedule.items()
        if every is not None
    }
    if retention_days:
        app.conf.beat_schedule["apply retention"] = {
            "task": RETAIN,
            "schedule": RETENTION_EVERY.total_seconds(),
            "args": (retention_days,),
        }
    register_tasks(app, open_pipeline, ledger)

    def redeliver_when_ready(sender: Any, **_: Any) -> None:
        if sender.app is not app:
            return
        try:
            sent = redeliver_lost_chunks(app, ledger)
        except redis.RedisError as error:
            log.warning("lost chunks not looked for at start: %s", type(error).__name__)
        else:
            if sent:
                log.warning("sent again %d chunk(s) lost by a killed worker", sent)

    worker_ready.connect(redeliver_when_ready, weak=False)
    return app
