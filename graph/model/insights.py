"""The records of the insight views: posts and topics counted per key and day, and the pages
of a person's posts and topics.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from graph.model.nodes import StoredPost


@dataclass(frozen=True, slots=True)
class DailyVolume:
    """Posts about one key (a topic, touchpoint, channel, community or person) on one UTC
    day."""

    key: str
    day: date
    posts: int
    scored: int
    """Posts (or aspect opinions) with a sentiment score."""
    sentiment_total: float


class VolumeDimension(enum.StrEnum):
    """What daily volumes are counted by."""

    TOPIC = "topic"
    TOUCHPOINT = "touchpoint"
    CHANNEL = "channel"
    COMMUNITY = "community"
    """The community of the post's author, as the last ranking found it."""


@dataclass(frozen=True, slots=True)
class PostPage:
    """A page of a person's posts, newest first, and how many there are in all."""

    posts: tuple[StoredPost, ...]
    total: int


@dataclass(frozen=True, slots=True)
class TopicCount:
    key: str
    display: str
    posts: int
