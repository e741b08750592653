"""The correlate-and-act part of the embedded store: identity links, the routing table, the
response queue, alerts and deliveries (see `graph.store.correlate.CorrelateContract`).

Each record is kept whole as JSON (`graph.store.codec`) next to the columns queries filter on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from graph.embedded.base import SqliteBase
from graph.embedded.sql import customer_from_row, iso, json_list
from graph.model.alerts import Alert, Delivery, DeliveryState
from graph.model.identity import IdentityLink, LinkKind, LinkOrder, LinkStatus
from graph.model.nodes import Account, Customer
from graph.model.responses import Conversation, ConversationStatus
from graph.store.codec import loads_into
from graph.store.correlate import ConversationFilter
from graph.store.correlate_rows import alert_row, conversation_row, delivery_row, link_row

# Constants of this module, never input.
_LINK_ORDER = {
    LinkOrder.CONFIDENCE: "confidence DESC, id",
    LinkOrder.LATEST_DECISION: "decided_at IS NULL, decided_at DESC, confidence DESC, id",
}

_CONVERSATION_FILTERS = (
    ("function", "function = :function"),
    ("owner", "owner = :owner"),
    ("status", "status = :status"),
    ("due_before", "due_at < :due_before"),
    ("received_since", "received_at >= :received_since"),
    ("received_until", "received_at < :received_until"),
)


def _conversation_where(where: ConversationFilter) -> tuple[str, dict[str, Any]]:
    conditions, params = ["1"], {}
    for name, condition in _CONVERSATION_FILTERS:
        value = getattr(where, name)
        if value is not None:
            conditions.append(condition)
            params[name] = iso(value) if isinstance(value, datetime) else str(value)
    return " AND ".join(conditions), params


class CorrelateMixin(SqliteBase):
    """`CorrelateContract` for `EmbeddedGraphStore` (on the connection helpers of `SqliteBase`)."""

    # -- what identity resolution reads ----------------------------------------------------

    def account_page(self, after: str | None, limit: int) -> list[Account]:
        rows = self._query(
            f"SELECT {self._ACCOUNT_COLUMNS} FROM account WHERE uid > ? ORDER BY uid LIMIT ?",
            (after or "", limit),
        )
        return [self._account(row) for row in rows]

    def customer_page(self, after: str | None, limit: int) -> list[Customer]:
        rows = self._query(
            "SELECT external_id, first_name, last_name, email, city, lifetime_value, handles "
            "FROM customer WHERE external_id > ? ORDER BY external_id LIMIT ?",
            (after or "", limit),
        )
        return [customer_from_row(row) for row in rows]

    def unlink_customer(self, person_id: str, customer_id: str) -> bool:
        with self._transaction() as con:
            cursor = con.execute(
                "DELETE FROM customer_link WHERE person_id = ? AND customer_id = ?",
                (person_id, customer_id),
            )
            return cursor.rowcount == 1

    # -- identity links --------------------------------------------------------------------

    def save_identity_links(self, links: Sequence[IdentityLink]) -> int:
        rows = [link_row(link) for link in links]
        with self._transaction() as con:
            before = con.total_changes
            con.executemany(
                "INSERT INTO identity_link(id, kind, status, person_id, target_id, confidence, "
                "merge_event_id, decided_at, data) VALUES (:id, :kind, :status, :person_id, "
                ":target_id, :confidence, :merge_event_id, :decided_at, :data) "
                "ON CONFLICT(id) DO NOTHING",
                rows,
            )
            added = con.total_changes - before
            con.executemany(
                "UPDATE identity_link SET confidence = :confidence, data = :data "
                "WHERE id = :id AND status = 'proposed' AND :status = 'proposed'",
                rows,
            )
        return added

    def identity_links(
        self,
        kind: LinkKind | None,
        status: LinkStatus | None,
        first: int,
        offset: int = 0,
        order: LinkOrder = LinkOrder.CONFIDENCE,
    ) -> list[IdentityLink]:
        rows = self._query(
            "SELECT data FROM identity_link WHERE (:kind IS NULL OR kind = :kind) "
            f"AND (:status IS NULL OR status = :status) ORDER BY {_LINK_ORDER[order]} "
            "LIMIT :first OFFSET :offset",
            {
                "kind": kind.value if kind else None,
                "status": status.value if status else None,
                "first": first,
                "offset": offset,
            },
        )
        return [loads_into(IdentityLink, data) for (data,) in rows]

    def get_identity_links(self, ids: Sequence[str]) -> dict[str, IdentityLink]:
        rows = self._query(
            "SELECT data FROM identity_link WHERE id IN (SELECT value FROM json_each(?))",
            (json_list(ids),),
        )
        links = (loads_into(IdentityLink, data) for (data,) in rows)
        return {link.id: link for link in links}

    def links_of_merges(self, event_ids: Sequence[str]) -> list[IdentityLink]:
        rows = self._query(
            "SELECT data FROM identity_link "
            "WHERE merge_event_id IN (SELECT value FROM json_each(?)) ORDER BY id",
            (json_list(event_ids),),
        )
        return [loads_into(IdentityLink, data) for (data,) in rows]

    def update_identity_link(self, link: IdentityLink, expected: LinkStatus) -> bool:
        with self._transaction() as con:
            cursor = con.execute(
                "UPDATE identity_link SET status = :status, person_id = :person_id, "
                "target_id = :target_id, confidence = :confidence, "
                "merge_event_id = :merge_event_id, decided_at = :decided_at, data = :data "
                "WHERE id = :id AND status = :expected",
                {**link_row(link), "expected": expected.value},
            )
            return cursor.rowcount == 1

    # -- the routing table -----------------------------------------------------------------

    def routing_table(self) -> str | None:
        rows = self._query("SELECT data FROM routing_table WHERE id = 1")
        return str(rows[0][0]) if rows else None

    def save_routing_table(self, table_json: str, actor: str, at: datetime) -> None:
        with self._transaction() as con:
            con.execute(
                "INSERT INTO routing_table(id, data, actor, at) VALUES (1, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET data = excluded.data, actor = excluded.actor, "
                "at = excluded.at",
                (table_json, actor, iso(at)),
            )

    # -- the response queue ----------------------------------------------------------------

    def open_conversations(self, conversations: Sequence[Conversation]) -> int:
        with self._transaction() as con:
            known = {
                uid
                for (uid,) in con.execute(
                    "SELECT post_uid FROM conversation "
                    "WHERE post_uid IN (SELECT value FROM json_each(?))",
                    (json_list(c.post_uid for c in conversations),),
                )
            }
            before = con.total_changes
            con.executemany(
                "INSERT INTO conversation(post_uid, function, owner, status, priority_rank, "
                "due_at, received_at, data) SELECT :post_uid, :function, :owner, :status, "
                ":priority_rank, :due_at, :received_at, :data "
                "WHERE EXISTS (SELECT 1 FROM post WHERE uid = :post_uid) "
                "ON CONFLICT(post_uid) DO NOTHING",
                [conversation_row(c) for c in conversations if c.post_uid not in known],
            )
            return con.total_changes - before

    def conversations(
        self, where: ConversationFilter, first: int, offset: int = 0
    ) -> list[Conversation]:
        condition, params = _conversation_where(where)
        rows = self._query(
            f"SELECT data FROM conversation WHERE {condition} "
            "ORDER BY priority_rank, due_at, post_uid LIMIT :first OFFSET :offset",
            {**params, "first": first, "offset": offset},
        )
        return [loads_into(Conversation, data) for (data,) in rows]

    def get_conversations(self, ids: Sequence[str]) -> dict[str, Conversation]:
        rows = self._query(
            "SELECT data FROM conversation WHERE post_uid IN (SELECT value FROM json_each(?))",
            (json_list(ids),),
        )
        found = (loads_into(Conversation, data) for (data,) in rows)
        return {conversation.id: conversation for conversation in found}

    def update_conversation(self, conversation: Conversation, expected: ConversationStatus) -> bool:
        with self._transaction() as con:
            cursor = con.execute(
                "UPDATE conversation SET owner = :owner, status = :status, data = :data "
                "WHERE post_uid = :post_uid AND status = :expected",
                {**conversation_row(conversation), "expected": expected.value},
            )
            return cursor.rowcount == 1

    # -- alerts and deliveries -------------------------------------------------------------

    def add_alerts(self, alerts: Sequence[Alert]) -> list[Alert]:
        added = []
        with self._transaction() as con:
            for alert in alerts:
                cursor = con.execute(
                    "INSERT INTO alert(id, subject, raised_at, data) "
                    "VALUES (:id, :subject, :raised_at, :data) ON CONFLICT(id) DO NOTHING",
                    alert_row(alert),
                )
                if cursor.rowcount == 1:
                    added.append(alert)
        return added

    def alerts(self, first: int, offset: int = 0) -> list[Alert]:
        rows = self._query(
            "SELECT data FROM alert ORDER BY raised_at DESC, id LIMIT ? OFFSET ?", (first, offset)
        )
        return [loads_into(Alert, data) for (data,) in rows]

    def get_alerts(self, ids: Sequence[str]) -> dict[str, Alert]:
        rows = self._query(
            "SELECT data FROM alert WHERE id IN (SELECT value FROM json_each(?))",
            (json_list(ids),),
        )
        found = (loads_into(Alert, data) for (data,) in rows)
        return {alert.id: alert for alert in found}

    def alerts_since(self, since: datetime, limit: int) -> list[Alert]:
        rows = self._query(
            "SELECT data FROM alert WHERE raised_at >= ? ORDER BY raised_at, id LIMIT ?",
            (iso(since), limit),
        )
        return [loads_into(Alert, data) for (data,) in rows]

    def add_deliveries(self, deliveries: Sequence[Delivery]) -> int:
        with self._transaction() as con:
            before = con.total_changes
            con.executemany(
                "INSERT INTO webhook_delivery(id, alert_id, state, next_attempt_at, data) "
                "VALUES (:id, :alert_id, :state, :next_attempt_at, :data) "
                "ON CONFLICT(id) DO NOTHING",
                [delivery_row(delivery) for delivery in deliveries],
            )
            return con.total_changes - before

    def due_deliveries(self, now: datetime, limit: int) -> list[Delivery]:
        rows = self._query(
            "SELECT data FROM webhook_delivery WHERE state = 'pending' AND next_attempt_at <= ? "
            "ORDER BY next_attempt_at, id LIMIT ?",
            (iso(now), limit),
        )
        return [loads_into(Delivery, data) for (data,) in rows]

    def save_delivery(self, delivery: Delivery) -> None:
        with self._transaction() as con:
            con.execute(
                "UPDATE webhook_delivery SET state = :state, next_attempt_at = :next_attempt_at, "
                "data = :data WHERE id = :id",
                delivery_row(delivery),
            )

    def deliveries_of(
        self, alert_ids: Sequence[str], state: DeliveryState | None = None
    ) -> list[Delivery]:
        rows = self._query(
            "SELECT data FROM webhook_delivery "
            "WHERE alert_id IN (SELECT value FROM json_each(?)) AND (? IS NULL OR state = ?) "
            "ORDER BY id",
            (json_list(alert_ids), state and state.value, state and state.value),
        )
        return [loads_into(Delivery, data) for (data,) in rows]
