"""Volumes and sentiment over time, for topics, touchpoints, channels and people.

The stores count posts per key and UTC day (`GraphStore.daily_volumes`); these functions
bucket the days into days or ISO weeks and rank the keys. Pure functions over those rows,
plus thin wrappers that read them from a store.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from graph.model.insights import DailyVolume, VolumeDimension
from graph.model.keys import utc
from graph.model.nodes import Channel
from graph.store.contract import GraphStore


class Bucket(enum.StrEnum):
    DAY = "day"
    WEEK = "week"


def bucket_start(day: date, bucket: Bucket) -> date:
    """The first day of the bucket holding ``day`` (weeks start on Monday).

    >>> bucket_start(date(2026, 3, 5), Bucket.WEEK)
    datetime.date(2026, 3, 2)
    """
    return day - timedelta(days=day.weekday()) if bucket is Bucket.WEEK else day


@dataclass(frozen=True, slots=True)
class TrendPoint:
    start: date
    posts: int
    scored: int
    sentiment_total: float

    @property
    def sentiment(self) -> float | None:
        """Mean sentiment of the scored posts, or None without any."""
        return self.sentiment_total / self.scored if self.scored else None


@dataclass(frozen=True, slots=True)
class Trend:
    """One key's volume and sentiment, bucket by bucket (buckets without posts left out)."""

    key: str
    points: tuple[TrendPoint, ...]

    @property
    def posts(self) -> int:
        return sum(point.posts for point in self.points)

    @property
    def sentiment(self) -> float | None:
        scored = sum(point.scored for point in self.points)
        total = sum(point.sentiment_total for point in self.points)
        return total / scored if scored else None


def trends(volumes: Iterable[DailyVolume], bucket: Bucket) -> list[Trend]:
    """Daily volumes summed into buckets, one trend per key, most posts first (ties by key).

    >>> days = [DailyVolume("tea", date(2026, 3, 2), 2, 2, 1.0),
    ...         DailyVolume("tea", date(2026, 3, 4), 1, 0, 0.0),
    ...         DailyVolume("cake", date(2026, 3, 9), 1, 1, -0.5)]
    >>> [(t.key, t.posts, t.sentiment) for t in trends(days, Bucket.WEEK)]
    [('tea', 3, 0.5), ('cake', 1, -0.5)]
    """
    sums: dict[str, dict[date, list[float]]] = {}
    for volume in volumes:
        point = sums.setdefault(volume.key, {}).setdefault(
            bucket_start(volume.day, bucket), [0, 0, 0.0]
        )
        point[0] += volume.posts
        point[1] += volume.scored
        point[2] += volume.sentiment_total
    found = [
        Trend(
            key,
            tuple(
                TrendPoint(start, int(posts), int(scored), total)
                for start, (posts, scored, total) in sorted(points.items())
            ),
        )
        for key, points in sums.items()
    ]
    return sorted(found, key=lambda trend: (-trend.posts, trend.key))


def volume_trends(
    store: GraphStore,
    dimension: VolumeDimension,
    bucket: Bucket,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[Trend]:
    """Trends of every key of ``dimension`` in ``[since, until)``."""
    return trends(store.daily_volumes(dimension, since, until), bucket)


@dataclass(frozen=True, slots=True)
class ChannelActivity:
    """A channel with its volume: all time, and in the two latest periods for growth."""

    channel: Channel
    posts: int
    recent: int
    """Posts in the latest period, ending now."""
    previous: int
    """Posts in the period before it."""

    @property
    def growth(self) -> float | None:
        """Relative change from the previous period to the recent one; None when the
        previous period had no posts (a new channel: see ``recent``)."""
        return (self.recent - self.previous) / self.previous if self.previous else None


def channel_activity(
    channels: Iterable[Channel],
    volumes: Iterable[DailyVolume],
    now: datetime,
    period: timedelta = timedelta(days=7),
) -> list[ChannelActivity]:
    """Each channel's volume and growth, busiest first (ties by uid).

    A period is counted in whole UTC days: the latest holds the ``period.days`` days up to
    and including today.

    >>> from graph.model.nodes import ChannelKind
    >>> forum = Channel("reddit", "r/tea", ChannelKind.VERTICAL)
    >>> days = [DailyVolume("reddit:r/tea", date(2026, 3, 1), 2, 0, 0.0),
    ...         DailyVolume("reddit:r/tea", date(2026, 3, 9), 3, 0, 0.0)]
    >>> from datetime import UTC
    >>> [a.growth for a in channel_activity([forum], days, datetime(2026, 3, 10, tzinfo=UTC))]
    [0.5]
    """
    days = max(period.days, 1)
    today = utc(now).date()
    recent_from = today - timedelta(days=days - 1)
    previous_from = recent_from - timedelta(days=days)
    counts: dict[str, list[int]] = {}
    for volume in volumes:
        total = counts.setdefault(volume.key, [0, 0, 0])
        total[0] += volume.posts
        if recent_from <= volume.day <= today:
            total[1] += volume.posts
        elif previous_from <= volume.day < recent_from:
            total[2] += volume.posts
    found = [ChannelActivity(channel, *counts.get(channel.uid, [0, 0, 0])) for channel in channels]
    return sorted(found, key=lambda a: (-a.posts, a.channel.uid))


def channels_report(
    store: GraphStore, now: datetime, period: timedelta = timedelta(days=7)
) -> list[ChannelActivity]:
    return channel_activity(
        store.list_channels(), store.daily_volumes(VolumeDimension.CHANNEL), now, period
    )


def person_trends(volumes: Iterable[DailyVolume], bucket: Bucket) -> Mapping[str, Trend]:
    """A person's opinions (`GraphStore.opinions_of`) by key: ``""`` for their posts
    overall, a touchpoint's key for their opinions toward it."""
    return {trend.key: trend for trend in trends(volumes, bucket)}
