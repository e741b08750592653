"""Fixtures of the ingestion tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from osmosi.settings import Settings


@pytest.fixture
def worker_settings(tmp_path: Path, redis_url: str) -> Iterator[Settings]:
    """Settings for real workers: the embedded store in ``tmp_path``, and a Redis database
    of their own, emptied before and after."""
    url = redis_url.rsplit("/", 1)[0] + "/5"
    redis.Redis.from_url(url).flushdb()
    yield Settings(
        redis_url=url,
        data_dir=tmp_path / "data",
        task_visibility_timeout=5,
        ingest_batch_size=40,
    )
    redis.Redis.from_url(url).flushdb()
