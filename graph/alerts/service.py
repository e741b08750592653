"""Alerts over a store: the scans that look at more than a post (sentiment spikes on
touchpoints, channels gaining volume, at-risk influencers), and the webhook deliveries of
every alert raised. A post's own alerts are raised as it is written
(`graph.responses.acting.Actions`); the rules are `graph.model.alerts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from graph.model.alerts import (
    BASELINE_DAYS,
    SURGE_DAYS,
    Alert,
    at_risk_alerts,
    delivery_for,
    spike_alerts,
    surge_alerts,
)
from graph.model.insights import VolumeDimension
from graph.model.rankings import AdvocacyClass
from graph.store.contract import GraphStore


def record_deliveries(store: GraphStore, alerts: Sequence[Alert], webhooks: Sequence[str]) -> int:
    deliveries = [delivery_for(alert, url) for alert in alerts for url in webhooks]
    return store.add_deliveries(deliveries) if deliveries else 0


MAX_AT_RISK = 500
"""At-risk influencers looked at per scan (the class holds a tenth of the influential)."""


def scan_alerts(store: GraphStore, now: datetime, webhooks: Sequence[str]) -> list[Alert]:
    """Raise the alerts that look at more than a post (sentiment spikes on touchpoints, new
    channels gaining volume, people the last ranking classed as at-risk influencers) and
    record their deliveries; returns the new ones. Posts' own alerts are raised as they are
    written (`Actions`)."""
    touchpoints = store.daily_volumes(
        VolumeDimension.TOUCHPOINT, since=now - timedelta(days=BASELINE_DAYS + 2)
    )
    channels = store.daily_volumes(VolumeDimension.CHANNEL, since=now - timedelta(days=SURGE_DAYS))
    # Yesterday too: a spike that built up after the day's last scan is still raised.
    days = (now.date() - timedelta(days=1), now.date())
    raised = [alert for day in days for alert in spike_alerts(touchpoints, day, now)]
    raised += surge_alerts(store.list_channels(), channels, now)
    at_risk = store.top_people(
        "advocacy", MAX_AT_RISK, label=("advocacy", AdvocacyClass.AT_RISK_INFLUENCER.value)
    )
    raised += at_risk_alerts(at_risk, now)
    alerts = store.add_alerts(raised)
    record_deliveries(store, alerts, webhooks)
    return alerts
