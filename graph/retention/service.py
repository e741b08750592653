"""Retention: posts older than the configured number of days are dropped, with what derives
from them (their opinions, tags, mentions and the interactions they carry, plain reposts of
them, conversations about them, topics and channels nothing else uses). People, accounts,
scores and customer links stay: the next ranking recomputes the scores without the posts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from graph.store.contract import GraphStore

RETENTION_EVERY = timedelta(days=1)
"""How often the scheduled jobs apply the retention setting."""


@dataclass(frozen=True, slots=True)
class RetentionRun:
    """What one application of the retention removed."""

    cutoff: datetime
    posts: int


def retention_cutoff(now: datetime, days: int) -> datetime:
    """The time before which posts are dropped, keeping ``days`` (at least 1) full days.

    >>> from datetime import UTC
    >>> retention_cutoff(datetime(2026, 3, 31, 12, tzinfo=UTC), 30).isoformat()
    '2026-03-01T12:00:00+00:00'
    """
    if days < 1:
        raise ValueError("retention keeps at least one day")
    return now - timedelta(days=days)


def drop_posts_older_than(store: GraphStore, cutoff: datetime) -> RetentionRun:
    """Drop the posts made before ``cutoff`` with their derived data, in one transaction."""
    return RetentionRun(cutoff, store.drop_posts_older_than(cutoff))


def apply_retention(store: GraphStore, now: datetime, days: int) -> RetentionRun:
    """Drop the posts older than ``days`` days from ``now``."""
    return drop_posts_older_than(store, retention_cutoff(now, days))
