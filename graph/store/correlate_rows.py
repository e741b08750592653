"""The rows both stores write for the correlate-and-act records: the fields queries filter
on (times as sortable UTC text, `graph.store.codec.sortable_time`) and the whole record as JSON."""

from __future__ import annotations

from typing import Any

from graph.model.alerts import Alert, Delivery
from graph.model.identity import IdentityLink
from graph.model.responses import Conversation
from graph.store.codec import dumps, sortable_time


def link_row(link: IdentityLink) -> dict[str, Any]:
    return {
        "id": link.id,
        "kind": link.kind.value,
        "status": link.status.value,
        "person_id": link.person_id,
        "target_id": link.target_id,
        "confidence": link.confidence,
        "merge_event_id": link.merge_event_id,
        "decided_at": sortable_time(link.decided_at) if link.decided_at else None,
        "data": dumps(link),
    }


def conversation_row(conversation: Conversation) -> dict[str, Any]:
    return {
        "post_uid": conversation.post_uid,
        "function": conversation.function.value,
        "owner": conversation.owner,
        "status": conversation.status.value,
        "priority_rank": conversation.priority.rank,
        "due_at": sortable_time(conversation.due_at),
        "received_at": sortable_time(conversation.received_at),
        "data": dumps(conversation),
    }


def alert_row(alert: Alert) -> dict[str, Any]:
    return {
        "id": alert.id,
        "subject": alert.subject,
        "raised_at": sortable_time(alert.raised_at),
        "data": dumps(alert),
    }


def delivery_row(delivery: Delivery) -> dict[str, Any]:
    return {
        "id": delivery.id,
        "alert_id": delivery.alert_id,
        "state": delivery.state.value,
        "next_attempt_at": sortable_time(delivery.next_attempt_at),
        "data": dumps(delivery),
    }
