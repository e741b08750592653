"""Alerts: what a community manager should hear about now, and its webhook deliveries.

Three kinds, each with a stable id so that scanning again raises nothing twice:

* ``negative_influencer``: a negative post by an influential person (influence percentile at
  least `INFLUENTIAL`) or by an at-risk influencer; one per post.
* ``at_risk_influencer``: a person the last ranking classed as an at-risk influencer (a
  detractor among the most influential tenth); once per person.
* ``sentiment_spike``: a touchpoint's mean sentiment on a day falls well below its own
  baseline (the previous `BASELINE_DAYS` days): by at least `SPIKE_DROP`, or twice the
  baseline's day-to-day spread if that is larger, on at least `SPIKE_MIN_POSTS` opinions;
  one per touchpoint and day.
* ``channel_surge``: a channel first seen in the last `NEW_CHANNEL_DAYS` days with at least
  `SURGE_MIN_POSTS` posts in the last `SURGE_DAYS` days; one per channel.

Alerts carry ids (person, post, touchpoint, channel) and figures, never handles or text.
"""

from __future__ import annotations

import enum
import hashlib
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from graph.model.insights import DailyVolume
from graph.model.nodes import Channel, Post, Sentiment
from graph.model.rankings import AdvocacyClass
from graph.model.routing import AuthorFacts

INFLUENTIAL = 0.8
BASELINE_DAYS = 14
SPIKE_DROP = 0.3
SPIKE_MIN_POSTS = 5
NEW_CHANNEL_DAYS = 14
SURGE_DAYS = 7
SURGE_MIN_POSTS = 10


class AlertKind(enum.StrEnum):
    NEGATIVE_INFLUENCER = "negative_influencer"
    AT_RISK_INFLUENCER = "at_risk_influencer"
    SENTIMENT_SPIKE = "sentiment_spike"
    CHANNEL_SURGE = "channel_surge"


@dataclass(frozen=True, slots=True)
class Alert:
    id: str
    kind: AlertKind
    raised_at: datetime
    subject: str
    """What it is about: a person id, a touchpoint key or a channel uid."""
    summary: str
    post_uid: str | None = None
    figures: tuple[tuple[str, float], ...] = ()


def _alert_id(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def post_alerts(
    posts: Sequence[Post], authors: Mapping[str, AuthorFacts], person_of: Mapping[str, str],
    now: datetime,
) -> list[Alert]:  # fmt: skip
    """Alerts for negative posts by influential people or at-risk influencers.
    ``person_of`` maps account uids to person ids, ``authors`` person ids to their facts."""
    raised = []
    for post in posts:
        person = person_of.get(post.author.uid)
        facts = authors.get(person or "")
        if post.sentiment is not Sentiment.NEGATIVE or person is None or facts is None:
            continue
        at_risk = facts.advocacy_class == AdvocacyClass.AT_RISK_INFLUENCER
        influence = facts.influence or 0.0
        if not at_risk and influence < INFLUENTIAL:
            continue
        who = "an at-risk influencer" if at_risk else "an influential person"
        raised.append(
            Alert(
                id=_alert_id(AlertKind.NEGATIVE_INFLUENCER, post.uid),
                kind=AlertKind.NEGATIVE_INFLUENCER,
                raised_at=now,
                subject=person,
                summary=f"A negative post by {who}",
                post_uid=post.uid,
                figures=(("influence", influence), ("sentiment", post.sentiment_score or 0.0)),
            )
        )
    return raised


def at_risk_alerts(people: Sequence[tuple[str, float]], now: datetime) -> list[Alert]:
    """Alerts for people (id, advocacy score) classed as at-risk influencers."""
    return [
        Alert(
            id=_alert_id(AlertKind.AT_RISK_INFLUENCER, person),
            kind=AlertKind.AT_RISK_INFLUENCER,
            raised_at=now,
            subject=person,
            summary="An influential person turned against the brand",
            figures=(("advocacy", score),),
        )
        for person, score in people
    ]


def spike_alerts(volumes: Sequence[DailyVolume], today: date, now: datetime) -> list[Alert]:
    """Touchpoints whose sentiment on ``today`` falls well below their own baseline.

    >>> from datetime import UTC
    >>> days = [DailyVolume("delivery", date(2026, 3, d), 10, 10, 2.0) for d in range(1, 15)]
    >>> days.append(DailyVolume("delivery", date(2026, 3, 15), 8, 8, -4.0))
    >>> [a.subject for a in spike_alerts(days, date(2026, 3, 15), datetime.now(UTC))]
    ['delivery']
    """
    by_key: dict[str, dict[date, DailyVolume]] = defaultdict(dict)
    for volume in volumes:
        by_key[volume.key][volume.day] = volume
    raised = []
    for key, days in sorted(by_key.items()):
        current = days.get(today)
        if current is None or current.scored < SPIKE_MIN_POSTS:
            continue
        baseline = [
            days[day]
            for offset in range(1, BASELINE_DAYS + 1)
            if (day := today - timedelta(days=offset)) in days and days[day].scored
        ]
        scored = sum(v.scored for v in baseline)
        if scored < SPIKE_MIN_POSTS:
            continue
        expected = sum(v.sentiment_total for v in baseline) / scored
        means = [v.sentiment_total / v.scored for v in baseline]
        spread = statistics.pstdev(means) if len(means) > 1 else 0.0
        mean = current.sentiment_total / current.scored
        if mean > expected - max(SPIKE_DROP, 2 * spread):
            continue
        raised.append(
            Alert(
                id=_alert_id(AlertKind.SENTIMENT_SPIKE, key, today.isoformat()),
                kind=AlertKind.SENTIMENT_SPIKE,
                raised_at=now,
                subject=key,
                summary=f"Negative sentiment spike on touchpoint {key} on {today.isoformat()}",
                figures=(
                    ("sentiment", round(mean, 4)),
                    ("baseline", round(expected, 4)),
                    ("opinions", float(current.scored)),
                    ("days", float(BASELINE_DAYS)),
                ),
            )
        )
    return raised


def surge_alerts(
    channels: Sequence[Channel], volumes: Sequence[DailyVolume], now: datetime
) -> list[Alert]:
    """New channels (first seen recently) already carrying a volume of posts."""
    recent: dict[str, int] = defaultdict(int)
    since = (now - timedelta(days=SURGE_DAYS)).date()
    for volume in volumes:
        if volume.day >= since:
            recent[volume.key] += volume.posts
    raised = []
    for channel in channels:
        first_seen = channel.first_seen_at
        if first_seen is None or first_seen < now - timedelta(days=NEW_CHANNEL_DAYS):
            continue
        posts = recent.get(channel.uid, 0)
        if posts < SURGE_MIN_POSTS:
            continue
        raised.append(
            Alert(
                id=_alert_id(AlertKind.CHANNEL_SURGE, channel.uid),
                kind=AlertKind.CHANNEL_SURGE,
                raised_at=now,
                subject=channel.uid,
                summary=f"New {channel.kind.value} channel gaining volume: {channel.uid}",
                figures=(("posts", float(posts)), ("days", float(SURGE_DAYS))),
            )
        )
    return raised


class DeliveryState(enum.StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    """Every attempt failed; kept for the operator."""


@dataclass(frozen=True, slots=True)
class DeliveryAttempt:
    at: datetime
    status_code: int | None
    error: str | None


@dataclass(frozen=True, slots=True)
class Delivery:
    """An alert's delivery to one webhook URL, with every attempt made."""

    id: str
    alert_id: str
    url: str
    state: DeliveryState
    next_attempt_at: datetime
    attempts: tuple[DeliveryAttempt, ...] = ()


def delivery_for(alert: Alert, url: str) -> Delivery:
    return Delivery(
        id=_alert_id("delivery", alert.id, url),
        alert_id=alert.id,
        url=url,
        state=DeliveryState.PENDING,
        next_attempt_at=alert.raised_at,
    )
