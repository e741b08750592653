"""The chunk ledger on a real Redis: a chunk no queue and no worker holds is sent again."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import asdict

import pytest
import redis

from graph.embedded import EmbeddedGraphStore
from ingestion.jobs.celery_app import create_celery
from ingestion.jobs.chunks import ChunkTask
from ingestion.jobs.ledger import GRACE_SECONDS, UNACKED_KEY, ChunkLedger, chunk_task_id
from ingestion.jobs.tasks import INGEST_CHUNK
from ingestion.parsers import parser_for
from ingestion.pipeline import Pipeline, item_to_json
from ingestion.synthetic import write_mastodon_statuses

pytestmark = pytest.mark.redis

QUEUE = "ingest-test"


@pytest.fixture
def url(redis_url: str) -> str:
    return redis_url.rsplit("/", 1)[0] + "/7"  # a database of its own, emptied first


@pytest.fixture
def client(url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield client
    client.flushdb()


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def task(chunk: int, job_id: str = "job") -> ChunkTask:
    return ChunkTask(job_id, chunk, "mastodon", "s.jsonl", {}, [{"id": chunk}])


def message(job_id: str, chunk: int) -> bytes:
    # What kombu's Redis transport keeps: Celery's message, its headers naming the task.
    body = {"body": "", "headers": {"id": chunk_task_id(job_id, chunk)}, "properties": {}}
    return json.dumps(body).encode()


def test_a_chunk_taken_off_the_queue_and_lost_is_sent_again(client: redis.Redis) -> None:
    clock = Clock()
    ledger = ChunkLedger(client, clock=clock)
    for chunk in range(4):
        ledger.put(task(chunk))
    client.lpush(QUEUE, message("job", 0))  # still queued
    client.lpush(f"{QUEUE}\x06\x166", message("job", 1))  # queued at another priority
    unacked = json.dumps([json.loads(message("job", 2)), "", QUEUE])
    client.hset(UNACKED_KEY, "tag-2", unacked)  # held by a worker
    # chunk 3: taken off the queue by a worker killed before Celery noted it
    sent: list[tuple[str, int]] = []

    def send(job_id: str, chunk: int) -> None:
        sent.append((job_id, chunk))

    assert ledger.redeliver([QUEUE], send) == 0, "a chunk just sent may be on its way"
    clock.now += GRACE_SECONDS + 1
    assert ledger.redeliver([QUEUE], send) == 1
    assert sent == [("job", 3)]
    assert ledger.take("job", 3) == task(3), "the items wait in the ledger"
    assert ledger.redeliver([QUEUE], send) == 0, "just sent again: not twice at once"


def test_a_settled_chunk_is_neither_taken_nor_sent_again(client: redis.Redis) -> None:
    clock = Clock()
    ledger = ChunkLedger(client, clock=clock)
    ledger.put(task(0))
    ledger.put(task(0, job_id="other"))
    ledger.settle("job", 0)
    assert ledger.take("job", 0) is None
    clock.now += GRACE_SECONDS + 1
    assert list(ledger.unsettled(GRACE_SECONDS)) == [("other", 0)]
    ledger.settle("other", 0)
    assert list(ledger.unsettled(0)) == []
    assert not client.keys("osmosi:chunks:*"), "nothing is left behind once all is settled"


def chunk_of(statuses: int, job_id: str) -> ChunkTask:
    text = io.StringIO()
    write_mastodon_statuses(text, statuses)
    items = parser_for("mastodon").read(io.BytesIO(text.getvalue().encode()))
    return ChunkTask(job_id, 0, "mastodon", "s.jsonl", {}, [item_to_json(i) for i in items])


def test_the_worker_task_takes_the_chunk_from_the_ledger_once_and_old_messages_whole(
    client: redis.Redis, url: str, embedded_store: EmbeddedGraphStore
) -> None:
    ledger = ChunkLedger(client)
    app = create_celery(url, lambda: Pipeline(embedded_store), ledger)
    ingest = app.tasks[INGEST_CHUNK]
    referenced = chunk_of(3, "job")
    ledger.put(referenced)
    assert ingest(job_id="job", chunk=0) == {"read": 3, "stored": 3, "duplicates": 0, "rejected": 0}
    assert ledger.take("job", 0) is None, "settled once stored"
    assert ingest(job_id="job", chunk=0) == {}, "a second copy finds nothing to do"
    # A chunk sent whole by an Osmosi from before the ledger is still ingested.
    whole = asdict(chunk_of(5, "old"))
    assert ingest(**whole)["read"] == 5
    assert embedded_store.counts().posts == 5
