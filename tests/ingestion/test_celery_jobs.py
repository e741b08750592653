"""Ingest through a real Redis and real Celery workers, including a worker killed mid-job."""

from __future__ import annotations

import json
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import redis

from graph.embedded import EmbeddedGraphStore
from graph.model.alerts import AlertKind
from graph.model.bookkeeping import JobState
from ingestion.jobs.tasks import INGEST_CHUNK, ingest_queue
from ingestion.parsers import parser_for
from ingestion.synthetic import write_mastodon_statuses
from osmosi.runtime import celery_app, job_runner
from osmosi.settings import Settings
from tests.helpers.serving import OSMOSI
from tests.helpers.workers import kill_9, osmosi_env, start_worker, stop, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.slow]
STATUSES = 4_000  # 100 chunks of 40


def test_a_killed_worker_loses_nothing(worker_settings: Settings, tmp_path: Path) -> None:
    export = tmp_path / "statuses.jsonl"
    with export.open("w", encoding="utf-8") as out:
        write_mastodon_statuses(out, STATUSES)
    store = EmbeddedGraphStore(worker_settings.data_dir)
    store.ensure_schema()
    log = tmp_path / "workers.log"
    try:
        parser = parser_for("mastodon")
        with export.open("rb") as stream:
            job_id = job_runner(worker_settings, store).submit(
                "mastodon", export.name, parser.read(stream)
            )
        job = store.get_job(job_id)
        assert job is not None and job.chunks_total == 100

        first = start_worker(worker_settings, log)
        try:
            wait_for(store, job_id, time.monotonic() + 120, chunks=10)
        finally:
            kill_9(first)
        killed_at = store.get_job(job_id)
        assert killed_at is not None and killed_at.chunks_done < 100, "worker finished too soon"
        # A worker killed just after taking a message off the queue, before Celery noted it
        # as unacknowledged, leaves no trace of it in Redis: do what it would have done.
        client = redis.Redis.from_url(str(worker_settings.redis_url))
        assert client.rpop(ingest_queue(celery_app(worker_settings))) is not None
        # The chunk the killed worker held stays unacknowledged in Redis; a worker gives it back
        # to the queue once it is older than the visibility timeout (checked at its start).
        time.sleep(worker_settings.task_visibility_timeout + 1)

        second = start_worker(worker_settings, log)
        try:
            done = wait_for(store, job_id, time.monotonic() + 240, chunks=100)
        finally:
            stop(second)
    finally:
        store.close()

    reopened = EmbeddedGraphStore(worker_settings.data_dir)
    try:
        assert reopened.counts().posts == STATUSES
        ids = [f"mastodon:{10**17 + n}" for n in range(STATUSES)]
        assert len(reopened.get_posts(ids)) == STATUSES
    finally:
        reopened.close()
    assert done.status is JobState.DONE
    assert done.counts.read == STATUSES
    assert done.counts.rejected == 0
    assert done.counts.stored + done.counts.duplicates == STATUSES


def test_cli_ingest_runs_on_workers_when_redis_is_configured(
    worker_settings: Settings, tmp_path: Path
) -> None:
    from tests.helpers.ingest import FIXTURES

    worker = start_worker(worker_settings, tmp_path / "worker.log")
    env = osmosi_env(worker_settings)
    try:
        runs = [
            subprocess.run(
                [OSMOSI, "ingest", str(FIXTURES / "reddit.jsonl"), "--format", "reddit", "--json"],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=True,
            )
            for _ in range(2)
        ]
    finally:
        stop(worker)
    first, second = (json.loads(run.stdout) for run in runs)
    assert (first["read"], first["stored"], first["duplicates"], first["rejected"]) == (7, 4, 0, 3)
    assert (second["read"], second["stored"], second["duplicates"], second["rejected"]) == (
        7,
        0,
        4,
        3,
    )
    # Each run was a job whose chunks the worker ran (an in-process ingest makes no job).
    with EmbeddedGraphStore(worker_settings.data_dir) as store:
        for run in (first, second):
            [job_id] = run["jobs"]
            job = store.get_job(job_id)
            assert job is not None and job.status is JobState.DONE
            assert job.chunks_done == job.chunks_total == 1


def test_a_jobs_last_chunk_scans_for_alerts_without_the_beat(
    worker_settings: Settings, tmp_path: Path
) -> None:
    # Twelve posts within hours in a channel never seen before: a channel surge, which only
    # a scan over the store raises (no single post does). Three chunks of five.
    now = datetime.now(UTC)
    records = [
        {
            "platform": "reddit",
            "id": f"s{n}",
            "author": {"handle": f"voice{n}"},
            "text": "anyone tried the new pods?",
            "created_at": (now - timedelta(hours=n)).isoformat(),
            "channel": "r/nuovo",
        }
        for n in range(12)
    ]
    export = tmp_path / "surge.jsonl"
    export.write_text("".join(json.dumps(record) + "\n" for record in records))
    settings = Settings(**{**worker_settings.model_dump(), "ingest_batch_size": 5, "enrich": False})
    app = celery_app(settings)
    with EmbeddedGraphStore(settings.data_dir) as store:
        store.ensure_schema()
        with export.open("rb") as stream:
            job_id = job_runner(settings, store).submit(
                "jsonl", export.name, parser_for("jsonl").read(stream)
            )
        for chunk in range(2):
            app.tasks[INGEST_CHUNK].apply(args=(job_id, chunk)).get()
        assert store.alerts(10) == []  # two chunks of three in: no scan yet

        app.tasks[INGEST_CHUNK].apply(args=(job_id, 2)).get()

        job = store.get_job(job_id)
        assert job is not None and job.status is JobState.DONE
        assert [(a.kind, a.subject) for a in store.alerts(10)] == [
            (AlertKind.CHANNEL_SURGE, "reddit:r/nuovo")
        ]
