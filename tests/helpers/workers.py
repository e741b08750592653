"""Real Celery workers for tests: `osmosi worker` processes on the test Redis."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from graph.embedded import EmbeddedGraphStore
from graph.model.bookkeeping import IngestJob, JobState
from osmosi.settings import Settings
from tests.helpers.serving import OSMOSI, clean_env


def osmosi_env(settings: Settings) -> dict[str, str]:
    """This environment without its OSMOSI_ variables, plus ``settings``' Redis and data."""
    return clean_env(
        OSMOSI_REDIS_URL=str(settings.redis_url),
        OSMOSI_DATA_DIR=str(settings.data_dir),
        OSMOSI_TASK_VISIBILITY_TIMEOUT=str(settings.task_visibility_timeout),
    )


def start_worker(settings: Settings, log: Path, *options: str) -> subprocess.Popen[bytes]:
    """`osmosi worker --concurrency 1` (unless ``options`` say otherwise) on ``settings``."""
    return subprocess.Popen(
        [OSMOSI, "worker", "--concurrency", "1", *options],
        env={**osmosi_env(settings), "OSMOSI_LOG_LEVEL": "WARNING"},
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: kill -9 takes the pool too
    )


def stop(worker: subprocess.Popen[bytes]) -> None:
    worker.terminate()
    worker.wait(timeout=60)


def kill_9(worker: subprocess.Popen[bytes]) -> None:
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)


def wait_for(store: EmbeddedGraphStore, job_id: str, until: float, chunks: int) -> IngestJob:
    while time.monotonic() < until:
        job = store.get_job(job_id)
        assert job is not None
        if job.status is JobState.FAILED:
            pytest.fail(f"job failed: {job.error}")
        if job.chunks_done >= chunks:
            return job
        time.sleep(0.05)
    job = store.get_job(job_id)
    done = job.chunks_done if job else None
    pytest.fail(f"timed out waiting for {chunks} chunks ({done} done)")
