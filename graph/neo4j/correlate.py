"""The correlate-and-act part of `Neo4jGraphStore` (see
`graph.store.correlate.CorrelateContract`); its Cypher is in `correlate_cypher`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar

import neo4j

from graph.model.alerts import Alert, Delivery, DeliveryState
from graph.model.identity import IdentityLink, LinkKind, LinkOrder, LinkStatus
from graph.model.nodes import Account, Customer
from graph.model.responses import Conversation, ConversationStatus
from graph.neo4j import correlate_cypher as cypher
from graph.neo4j.base import Neo4jBase
from graph.neo4j.values import customer
from graph.store.codec import loads_into, sortable_time
from graph.store.correlate import ConversationFilter
from graph.store.correlate_rows import alert_row, conversation_row, delivery_row, link_row

T = TypeVar("T")


def _records(cls: type[T], records: list[neo4j.Record]) -> list[T]:
    return [loads_into(cls, record["data"]) for record in records]


class CorrelateMixin(Neo4jBase):
    """`CorrelateContract` for `Neo4jGraphStore` (on the driver helpers of `Neo4jBase`)."""

    # -- what identity resolution reads ----------------------------------------------------

    def account_page(self, after: str | None, limit: int) -> list[Account]:
        records = self._read(cypher.ACCOUNT_PAGE, after=after or "", limit=limit)
        return [self._account(r["account"], r["person_id"]) for r in records]

    def customer_page(self, after: str | None, limit: int) -> list[Customer]:
        records = self._read(cypher.CUSTOMER_PAGE, after=after or "", limit=limit)
        return [customer(record) for record in records]

    def unlink_customer(self, person_id: str, customer_id: str) -> bool:
        removed = self._single_count(
            cypher.UNLINK_CUSTOMER, "removed", person_id=person_id, customer_id=customer_id
        )
        return removed == 1

    # -- identity links --------------------------------------------------------------------

    def save_identity_links(self, links: Sequence[IdentityLink]) -> int:
        if not links:
            return 0
        rows = [link_row(link) for link in links]
        return self._single_count(cypher.ADD_LINKS, "created", rows=rows)

    def identity_links(
        self,
        kind: LinkKind | None,
        status: LinkStatus | None,
        first: int,
        offset: int = 0,
        order: LinkOrder = LinkOrder.CONFIDENCE,
    ) -> list[IdentityLink]:
        records = self._read(
            cypher.LINKS_BY_DECISION if order is LinkOrder.LATEST_DECISION else cypher.LINKS,
            kind=kind.value if kind else None,
            status=status.value if status else None,
            first=first,
            offset=offset,
        )
        return _records(IdentityLink, records)

    def get_identity_links(self, ids: Sequence[str]) -> dict[str, IdentityLink]:
        links = _records(IdentityLink, self._read(cypher.GET_LINKS, ids=list(ids)))
        return {link.id: link for link in links}

    def links_of_merges(self, event_ids: Sequence[str]) -> list[IdentityLink]:
        return _records(IdentityLink, self._read(cypher.LINKS_OF_MERGES, ids=list(event_ids)))

    def update_identity_link(self, link: IdentityLink, expected: LinkStatus) -> bool:
        updated = self._single_count(
            cypher.UPDATE_LINK, "updated", row=link_row(link), expected=expected.value
        )
        return updated == 1

    # -- the routing table -----------------------------------------------------------------

    def routing_table(self) -> str | None:
        records = self._read(cypher.ROUTING_TABLE)
        return str(records[0]["data"]) if records else None

    def save_routing_table(self, table_json: str, actor: str, at: datetime) -> None:
        self._write_statement(
            cypher.SAVE_ROUTING_TABLE, data=table_json, actor=actor, at=sortable_time(at)
        )

    # -- the response queue ----------------------------------------------------------------

    def open_conversations(self, conversations: Sequence[Conversation]) -> int:
        if not conversations:
            return 0
        rows = [conversation_row(conversation) for conversation in conversations]
        return self._single_count(cypher.OPEN_CONVERSATIONS, "created", rows=rows)

    def conversations(
        self, where: ConversationFilter, first: int, offset: int = 0
    ) -> list[Conversation]:
        def text(value: datetime | None) -> str | None:
            return sortable_time(value) if value is not None else None

        records = self._read(
            cypher.CONVERSATIONS,
            function=where.function.value if where.function else None,
            owner=where.owner,
            status=where.status.value if where.status else None,
            due_before=text(where.due_before),
            received_since=text(where.received_since),
            received_until=text(where.received_until),
            first=first,
            offset=offset,
        )
        return _records(Conversation, records)

    def get_conversations(self, ids: Sequence[str]) -> dict[str, Conversation]:
        found = _records(Conversation, self._read(cypher.GET_CONVERSATIONS, ids=list(ids)))
        return {conversation.id: conversation for conversation in found}

    def update_conversation(self, conversation: Conversation, expected: ConversationStatus) -> bool:
        updated = self._single_count(
            cypher.UPDATE_CONVERSATION,
            "updated",
            row=conversation_row(conversation),
            expected=expected.value,
        )
        return updated == 1

    # -- alerts and deliveries -------------------------------------------------------------

    def add_alerts(self, alerts: Sequence[Alert]) -> list[Alert]:
        if not alerts:
            return []
        rows = [alert_row(alert) for alert in alerts]
        records = self._write_statement(cypher.ADD_ALERTS, rows=rows)
        created = set(records[0]["created"]) if records else set()
        return [alert for alert in alerts if alert.id in created]

    def alerts(self, first: int, offset: int = 0) -> list[Alert]:
        return _records(Alert, self._read(cypher.ALERTS, first=first, offset=offset))

    def get_alerts(self, ids: Sequence[str]) -> dict[str, Alert]:
        found = _records(Alert, self._read(cypher.GET_ALERTS, ids=list(ids)))
        return {alert.id: alert for alert in found}

    def alerts_since(self, since: datetime, limit: int) -> list[Alert]:
        records = self._read(cypher.ALERTS_SINCE, since=sortable_time(since), limit=limit)
        return _records(Alert, records)

    def add_deliveries(self, deliveries: Sequence[Delivery]) -> int:
        if not deliveries:
            return 0
        rows = [delivery_row(delivery) for delivery in deliveries]
        return self._single_count(cypher.ADD_DELIVERIES, "created", rows=rows)

    def due_deliveries(self, now: datetime, limit: int) -> list[Delivery]:
        records = self._read(cypher.DUE_DELIVERIES, now=sortable_time(now), limit=limit)
        return _records(Delivery, records)

    def save_delivery(self, delivery: Delivery) -> None:
        self._write_statement(cypher.SAVE_DELIVERY, row=delivery_row(delivery))

    def deliveries_of(
        self, alert_ids: Sequence[str], state: DeliveryState | None = None
    ) -> list[Delivery]:
        records = self._read(
            cypher.DELIVERIES_OF, ids=list(alert_ids), state=state.value if state else None
        )
        return _records(Delivery, records)
