"""The chunk ledger: where an ingest chunk waits in Redis until a worker has stored it.

Celery's Redis transport takes a message off the queue (``BRPOP``) before it notes it as
unacknowledged, so a worker killed between the two loses the message for good. A chunk
therefore travels as a claim check: its items wait in the ledger and the Celery message
carries only the job and the chunk number. A worker settles the chunk once its records are
stored (or its failure recorded), and `ChunkLedger.redeliver` sends again every unsettled chunk
that no queue and no worker holds any more: when a worker starts and, under beat, every
minute. Running a chunk twice is harmless (see `ingestion.jobs.chunks.run_chunk`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from typing import Any

import redis

from ingestion.jobs.chunks import ChunkTask

KEEP_SECONDS = 7 * 24 * 3600
"""A job's unsettled chunks are dropped after a week (as are Celery's task results)."""

GRACE_SECONDS = 5.0
"""A chunk sent this recently may still be on its way to the queue: it is never sent again."""

# Kombu's Redis transport keeps unacknowledged messages in this hash (its default
# ``unacked_key``) and spreads a queue over one list per priority step (0, 3, 6, 9).
UNACKED_KEY = "unacked"
PRIORITY_SEPARATOR = "\x06\x16"
PRIORITY_STEPS = (3, 6, 9)

# Atomic, so that a chunk put for the job in between keeps the job listed.
FORGET_IF_SETTLED = """
if redis.call('HLEN', KEYS[1]) == 0 then return redis.call('SREM', KEYS[2], ARGV[1]) end
return 0
"""


def chunk_task_id(job_id: str, chunk: int) -> str:
    """The Celery task id of a chunk, the same every time it is sent."""
    return f"ingest-{job_id}-{chunk}"


class ChunkLedger:
    """Unsettled chunks in Redis: ``<prefix>:<job>:items`` holds each chunk's task,
    ``<prefix>:<job>:sent`` when it was last sent, ``<prefix>:jobs`` the jobs with any."""

    def __init__(
        self,
        client: redis.Redis,
        prefix: str = "osmosi:chunks",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._redis = client
        self._prefix = prefix
        self._clock = clock
        self._forget_if_settled = client.register_script(FORGET_IF_SETTLED)

    @classmethod
    def at(cls, url: str, timeout: float) -> ChunkLedger:
        """The ledger in the Redis at ``url``; a call taking over ``timeout`` seconds fails."""
        return cls(
            redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
        )

    def _items(self, job_id: str) -> str:
        return f"{self._prefix}:{job_id}:items"

    def _sent(self, job_id: str) -> str:
        return f"{self._prefix}:{job_id}:sent"

    @property
    def _jobs(self) -> str:
        return f"{self._prefix}:jobs"

    def put(self, task: ChunkTask) -> None:
        """Keep ``task`` until it is settled, as sent now."""
        chunk = str(task.chunk)
        pipe = self._redis.pipeline()
        pipe.hset(self._items(task.job_id), chunk, json.dumps(asdict(task)))
        pipe.hset(self._sent(task.job_id), chunk, self._clock())
        pipe.expire(self._items(task.job_id), KEEP_SECONDS)
        pipe.expire(self._sent(task.job_id), KEEP_SECONDS)
        pipe.sadd(self._jobs, task.job_id)
        pipe.execute()

    def take(self, job_id: str, chunk: int) -> ChunkTask | None:
        """The chunk's task, or None once it is settled (a copy sent twice)."""
        raw = self._redis.hget(self._items(job_id), str(chunk))
        if raw is None:
            return None
        return ChunkTask(**json.loads(raw))

    def resent(self, job_id: str, chunk: int) -> None:
        self._redis.hset(self._sent(job_id), str(chunk), self._clock())

    def settle(self, job_id: str, chunk: int) -> None:
        """Forget the chunk: its records are stored, or its failure is on the job."""
        pipe = self._redis.pipeline()
        pipe.hdel(self._items(job_id), str(chunk))
        pipe.hdel(self._sent(job_id), str(chunk))
        pipe.execute()
        self._forget_if_settled(keys=[self._sent(job_id), self._jobs], args=[job_id])

    def redeliver(
        self,
        queues: Iterable[str],
        send: Callable[[str, int], None],
        grace: float = GRACE_SECONDS,
    ) -> int:
        """Send again each unsettled chunk that no queue and no worker holds; return how many.

        A chunk a worker is taking off the queue at this very moment may be sent twice,
        which only costs the work of running it again.
        """
        held = held_task_ids(self._redis, queues)
        lost = [
            (job_id, chunk)
            for job_id, chunk in self.unsettled(grace)
            if chunk_task_id(job_id, chunk) not in held
        ]
        for job_id, chunk in lost:
            self.resent(job_id, chunk)
            send(job_id, chunk)
        return len(lost)

    def unsettled(self, older_than: float) -> Iterator[tuple[str, int]]:
        """``(job, chunk)`` of every unsettled chunk last sent more than ``older_than``
        seconds ago."""
        cutoff = self._clock() - older_than
        for raw_job in self._redis.smembers(self._jobs):
            job_id = raw_job.decode() if isinstance(raw_job, bytes) else raw_job
            sent = self._redis.hgetall(self._sent(job_id))
            if not sent:  # settled, or expired
                self._forget_if_settled(keys=[self._sent(job_id), self._jobs], args=[job_id])
            for chunk, at in sent.items():
                if float(at) < cutoff:
                    yield job_id, int(chunk)


def held_task_ids(client: redis.Redis, queues: Iterable[str]) -> set[str]:
    """Ids of the tasks waiting in ``queues`` or held, unacknowledged, by a worker."""
    held: set[str] = set()
    for queue in queues:
        for key in (queue, *(f"{queue}{PRIORITY_SEPARATOR}{step}" for step in PRIORITY_STEPS)):
            for raw in client.lrange(key, 0, -1):
                held.add(_task_id(json.loads(raw)))
    for raw in client.hvals(UNACKED_KEY):
        message, _exchange, _routing_key = json.loads(raw)
        held.add(_task_id(message))
    return held


def _task_id(message: dict[str, Any]) -> str:
    return str(message.get("headers", {}).get("id", ""))
