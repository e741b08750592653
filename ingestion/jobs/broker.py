"""The job broker (Redis) as the rest of the system sees it."""

from __future__ import annotations

import logging

import redis

log = logging.getLogger(__name__)


class RedisBroker:
    """A Redis broker reachable at ``url``."""

    def __init__(self, url: str, timeout: float = 2.0) -> None:
        self.url = url
        self._client = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout
        )

    def ping(self) -> bool:
        try:
            return bool(self._client.ping())
        except redis.RedisError:
            log.warning("broker ping failed", exc_info=True)
            return False

    def close(self) -> None:
        self._client.close()
