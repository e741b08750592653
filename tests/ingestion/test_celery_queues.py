"""Each kind of background work on its own queue, and one ranking at a time across all
workers and `osmosi rank`, through a real Redis and real Celery workers."""

from __future__ import annotations

import io
import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
import redis

from graph.embedded import EmbeddedGraphStore
from ingestion.jobs.broker import RedisBroker
from ingestion.jobs.celery_app import QUEUES, create_celery
from ingestion.jobs.ledger import ChunkLedger
from ingestion.jobs.rankings import RANKING_LOCK, SKIPPED
from ingestion.jobs.tasks import (
    DELIVER_WEBHOOKS,
    INGEST_CHUNK,
    RANK,
    REDELIVER_CHUNKS,
    RETAIN,
    SCAN_ALERTS,
)
from ingestion.parsers import parser_for
from ingestion.pipeline import Pipeline
from ingestion.synthetic import write_mastodon_statuses
from osmosi.runtime import job_runner
from osmosi.settings import Settings
from tests.helpers.ingest import FIXTURES, fixture_parser
from tests.helpers.serving import OSMOSI
from tests.helpers.workers import osmosi_env, start_worker, stop, wait_for


def test_each_task_is_sent_to_its_queue() -> None:
    url = "redis://127.0.0.1:1/0"
    app = create_celery(url, lambda: None, ChunkLedger.at(url, timeout=1))  # type: ignore[arg-type, return-value]
    routed = {name: app.amqp.router.route({}, name)["queue"].name for name in QUEUES}
    assert routed == {
        INGEST_CHUNK: "ingest",
        REDELIVER_CHUNKS: "ingest",
        RANK: "ranking",
        RETAIN: "ranking",
        SCAN_ALERTS: "webhooks",
        DELIVER_WEBHOOKS: "webhooks",
    }


@pytest.mark.redis
def test_a_lock_is_held_while_its_holder_runs_and_lapses_when_it_dies(redis_url: str) -> None:
    name = "osmosi:lock:test"
    client = redis.Redis.from_url(redis_url)
    client.delete(name)
    broker = RedisBroker(redis_url)
    held: list[bool] = []

    def try_it() -> None:
        with broker.exclusive(name, ttl=1.5) as got:
            held.append(got)

    with broker.exclusive(name, ttl=1.5) as first:
        assert first
        try_it()
        time.sleep(3)  # twice the lock's life: renewed meanwhile
        try_it()
    try_it()
    assert held == [False, False, True]
    # A holder that stops renewing (a killed worker) holds it no longer than its timeout.
    assert client.lock(name, timeout=1).acquire(blocking=False)
    try_it()
    time.sleep(1.5)
    try_it()
    assert held[3:] == [False, True]
    broker.close()


def rank_result(app: Any, task_id: str) -> dict[str, Any]:
    result: dict[str, Any] = app.AsyncResult(task_id).get(timeout=180)
    return result


@pytest.mark.redis
@pytest.mark.slow
def test_a_worker_on_the_ingest_queue_never_ranks(
    worker_settings: Settings, tmp_path: Path
) -> None:
    store = EmbeddedGraphStore(worker_settings.data_dir)
    store.ensure_schema()
    runner = job_runner(worker_settings, store)
    app = runner.app  # type: ignore[attr-defined]
    rank_id = runner.rank()
    parser = fixture_parser("reddit")
    with (FIXTURES / "reddit.jsonl").open("rb") as stream:
        job_id = runner.submit("reddit", "reddit.jsonl", parser.read(stream))
    log = tmp_path / "workers.log"
    ingest = start_worker(worker_settings, log, "--queues", "ingest")
    try:
        wait_for(store, job_id, time.monotonic() + 120, chunks=1)
        time.sleep(1)  # a worker that took rankings would have taken the one sent first
        queued = redis.Redis.from_url(str(worker_settings.redis_url)).llen("ranking")
        assert queued == 1
        assert app.AsyncResult(rank_id).state == "PENDING"
        assert store.list_communities(1) == []
        ranking = start_worker(worker_settings, log, "--queues", "ranking")
        try:
            assert rank_result(app, rank_id)["people"] > 0
        finally:
            stop(ranking)
    finally:
        stop(ingest)
        store.close()
    with EmbeddedGraphStore(worker_settings.data_dir) as reopened:
        assert reopened.list_communities(1)


@pytest.mark.redis
@pytest.mark.slow
def test_one_ranking_at_a_time_across_workers_and_the_cli(
    worker_settings: Settings, tmp_path: Path
) -> None:
    store = EmbeddedGraphStore(worker_settings.data_dir)
    store.ensure_schema()
    # Enough people that a ranking lasts a second or two.
    statuses = io.StringIO()
    write_mastodon_statuses(statuses, 3000, people=800)
    parser = parser_for("mastodon")
    Pipeline(store).ingest(parser.read(io.BytesIO(statuses.getvalue().encode())), parser, "x")
    runner = job_runner(worker_settings, store)
    app = runner.app  # type: ignore[attr-defined]
    broker = RedisBroker(str(worker_settings.redis_url))
    worker = start_worker(worker_settings, tmp_path / "worker.log", "--concurrency", "2")
    try:
        with broker.exclusive(RANKING_LOCK) as held:
            assert held
            assert rank_result(app, runner.rank()) == {"skipped": SKIPPED}
            cli = subprocess.run(
                [OSMOSI, "rank", "--json"],
                env=osmosi_env(worker_settings),
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert cli.returncode == 3, cli.stderr
            assert json.loads(cli.stdout) == {"skipped": SKIPPED}
        # Two asked for at once, on two idle worker processes: one ranks, one skips.
        both = [runner.rank(), runner.rank()]
        results = [rank_result(app, task_id) for task_id in both]
        assert sorted("skipped" in result for result in results) == [False, True]
        # The lock was let go: the next one runs.
        assert rank_result(app, runner.rank())["people"] > 0
    finally:
        stop(worker)
        broker.close()
        store.close()


def test_a_worker_refuses_a_queue_that_does_not_exist() -> None:
    run = subprocess.run(
        [OSMOSI, "worker", "--queues", "ingest,rankings"],
        env={**os.environ, "COLUMNS": "300"},  # the message on one line
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "unknown queue rankings" in run.stderr
    assert "ingest, ranking, webhooks" in run.stderr
