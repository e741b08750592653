"""Acting on new posts: route them by the impact table into the response queue, and raise
alerts. Called by the ingest pipeline after each batch is written, and by the queue's
mutations.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from graph.alerts.service import record_deliveries
from graph.model import responses
from graph.model.alerts import (
    Alert,
    post_alerts,
)
from graph.model.nodes import Post, Sentiment
from graph.model.responses import Conversation, ResponseError
from graph.model.routing import AuthorFacts, RoutingTable, parse_table, table_data
from graph.store.contract import GraphStore


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
