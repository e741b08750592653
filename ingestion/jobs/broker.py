"""The job broker (Redis) as the rest of the system sees it."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit

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

    def close(self) -> None:
        self._client.close()
