"""Acting on new posts: route them by the impact table into the response queue, and raise
alerts. Called by the ingest pipeline after each batch is written, and by the queue's
mutations.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from graph import responses
from graph.alerts import (
    BASELINE_DAYS,
    SURGE_DAYS,
    Alert,
    at_risk_alerts,
    delivery_for,
    post_alerts,
    spike_alerts,
    surge_alerts,
)
from graph.model import Post, Sentiment
from graph.people import VolumeDimension
from graph.ranking.advocacy import AdvocacyClass
from graph.responses import Conversation, ResponseError
from graph.routing import AuthorFacts, RoutingTable, parse_table, table_data
from graph.store import GraphStore


def authors_of(
    store: GraphStore, posts: Sequence[Post]
) -> tuple[dict[str, str], dict[str, AuthorFacts]]:
    """Who wrote the posts (account uid → person id) and what the rules may ask of them,
    in four batched reads."""
    accounts = store.get_accounts(sorted({post.author.uid for post in posts}))
    person_of = {uid: a.person_id for uid, a in accounts.items() if a.person_id is not None}
    ids = sorted(set(person_of.values()))
    people = store.get_people(ids)
    links = store.customer_links_of(ids)
    customers = store.get_customers(sorted({k.customer_id for ls in links.values() for k in ls}))
    facts = {}
    for person_id, person in people.items():
        values = [
            customers[link.customer_id].lifetime_value
            for link in links.get(person_id, ())
            if link.customer_id in customers
        ]
        known = [value for value in values if value is not None]
        facts[person_id] = AuthorFacts(
            influence=person.factors.get("advocacy", {}).get("influence"),
            advocacy_class=person.labels.get("advocacy"),
            customer=bool(links.get(person_id)),
            lifetime_value=max(known) if known else None,
        )
    return person_of, facts


def current_table(store: GraphStore, configured: RoutingTable) -> RoutingTable:
    """The table admins saved through the API, else the configured one."""
    saved = store.routing_table()
    return parse_table(json.loads(saved)) if saved is not None else configured


def save_table(store: GraphStore, table: RoutingTable, actor: str, now: datetime) -> None:
    store.save_routing_table(json.dumps(table_data(table)), actor, now)


@dataclass
class Actions:
    """What the pipeline does with each written batch: route it and raise alerts.

    ``webhooks`` are the URLs every new alert is delivered to (the deliveries are recorded
    here and sent by `ingestion.jobs.webhooks`).
    """

    table: RoutingTable
    webhooks: Sequence[str] = ()

    def on_written(self, store: GraphStore, posts: Sequence[Post], now: datetime) -> ActedOn:
        table = current_table(store, self.table)
        # Only posts a rule could route, or an alert could be about, need their authors.
        wanted = [p for p in posts if p.sentiment is Sentiment.NEGATIVE or table.may_route(p)]
        if not wanted:
            return ActedOn(0, ())
        person_of, facts = authors_of(store, wanted)
        opened = []
        for post in wanted:
            if post.shares is not None:
                continue  # a repost or quote belongs to the original's conversation
            person = person_of.get(post.author.uid)
            rule = table.route(post, facts.get(person or "", AuthorFacts()))
            if rule is not None:
                opened.append(responses.open_conversation(post, person, rule, now))
        routed = store.open_conversations(opened) if opened else 0
        raised = post_alerts(wanted, facts, person_of, now)
        alerts = store.add_alerts(raised) if raised else []
        record_deliveries(store, alerts, self.webhooks)
        return ActedOn(routed, tuple(alerts))


@dataclass(frozen=True, slots=True)
class ActedOn:
    conversations: int
    """Conversations opened (posts routed for the first time)."""
    alerts: tuple[Alert, ...]


def record_deliveries(store: GraphStore, alerts: Sequence[Alert], webhooks: Sequence[str]) -> int:
    deliveries = [delivery_for(alert, url) for alert in alerts for url in webhooks]
    return store.add_deliveries(deliveries) if deliveries else 0


def _one(store: GraphStore, conversation_id: str) -> Conversation | None:
    return store.get_conversations([conversation_id]).get(conversation_id)


def _saved(store: GraphStore, before: Conversation | None, after: Conversation) -> Conversation:
    assert before is not None  # the transitions refuse a missing conversation
    if not store.update_conversation(after, expected=before.status):
        raise ResponseError("the conversation changed meanwhile; reload it")
    return after


def assign(store: GraphStore, conversation_id: str, owner: str) -> Conversation:
    current = _one(store, conversation_id)
    return _saved(store, current, responses.assigned(current, owner))


def answer(
    store: GraphStore,
    conversation_id: str,
    text_or_link: str,
    answered_by: str,
    at: datetime | None,
    now: datetime,
    actor: str,
) -> Conversation:
    current = _one(store, conversation_id)
    done = responses.answered(current, text_or_link, answered_by, at or now, now, actor)
    return _saved(store, current, done)


def dismiss(store: GraphStore, conversation_id: str, reason: str, actor: str) -> Conversation:
    current = _one(store, conversation_id)
    return _saved(store, current, responses.dismissed(current, reason, actor))


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
