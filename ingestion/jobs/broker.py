"""The job broker (Redis) as the rest of the system sees it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from redis.lock import Lock

log = logging.getLogger(__name__)


def public_url(url: str) -> str:
    """``url`` without its password, fit for an error message or a log.

    Parameters
    ----------
    url : str
        A service URL, such as ``OSMOSI_REDIS_URL`` or ``OSMOSI_NEO4J_URI``.

    Returns
    -------
    str
        The same URL with the password (and the ``:`` before it) removed.

    Examples
    --------
    >>> public_url("redis://:s3cret@redis:6379/0")
    'redis://redis:6379/0'
    >>> public_url("rediss://osmosi:s3cret@cache.example.com:6380/1")
    'rediss://osmosi@cache.example.com:6380/1'
    >>> public_url("bolt://neo4j:7687")
    'bolt://neo4j:7687'
    >>> public_url("neo4j+s://osmosi:s3cret@db.example.com:7687")
    'neo4j+s://osmosi@db.example.com:7687'
    """
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    netloc = f"{user}@{host}" if user else host
    return urlunsplit(parts._replace(netloc=netloc))


class BrokerUnavailable(Exception):
    """The job broker cannot be reached; the message names it by its public URL."""


class RedisBroker:
    """A Redis broker reachable at ``url``; a connection that takes longer than ``timeout``
    seconds counts as unreachable."""

    def __init__(self, url: str, timeout: float = 2.0) -> None:
        import redis  # here: the CLI imports this module for its errors, Redis or not

        self.url = url
        self._client = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout
        )

    def check(self) -> None:
        """Raise `BrokerUnavailable`, naming the broker, unless it answers a ping."""
        from redis import RedisError

        try:
            self._client.ping()
        except RedisError as error:
            raise BrokerUnavailable(
                f"Redis (the job broker) at {public_url(self.url)} cannot be reached: {error}"
            ) from error

    def ping(self) -> bool:
        try:
            self.check()
        except BrokerUnavailable as error:
            log.warning("%s", error)
            return False
        return True

    @contextmanager
    def exclusive(self, name: str, ttl: float = 60.0) -> Iterator[bool]:
        """Hold the lock ``name`` for the block, against every process that asks this Redis
        for it: yields True, or False at once when another holder has it.

        The lock is renewed every ``ttl / 3`` seconds while the block runs, and lapses
        ``ttl`` seconds after its holder stops renewing it (a killed worker's), so a long
        run keeps it and a dead one frees it. `BrokerUnavailable` when Redis does not answer.
        """
        from redis import RedisError

        # Not thread-local: the renewal thread must hold the same token.
        lock = self._client.lock(name, timeout=ttl, thread_local=False)
        try:
            acquired = lock.acquire(blocking=False)
        except RedisError:
            self.check()  # names Redis when it does not answer
            raise
        if not acquired:
            yield False
            return
        stop = threading.Event()
        renewal = threading.Thread(
            target=_renew, args=(lock, ttl / 3, stop), name=f"renew-{name}", daemon=True
        )
        renewal.start()
        try:
            yield True
        finally:
            stop.set()
            renewal.join()
            try:
                lock.release()
            except RedisError as error:  # it lapses by itself
                log.warning("lock %s not released: %s", name, type(error).__name__)

    def close(self) -> None:
        self._client.close()


def _renew(lock: Lock, every: float, stop: threading.Event) -> None:
    from redis import RedisError
    from redis.exceptions import LockError

    while not stop.wait(every):
        try:
            lock.reacquire()
        except LockError as error:  # lapsed: another may hold it now
            log.warning("lock %s lost: %s", lock.name, type(error).__name__)
            return
        except RedisError as error:  # Redis away for a moment: try again
            log.warning("lock %s not renewed: %s", lock.name, type(error).__name__)
