"""The store contract's correlate-and-act part: identity links, the routing table, the
response queue, alerts and their webhook deliveries. `graph.store.contract.GraphStore` inherits it;
both backends implement it and pass the contract suite."""

from __future__ import annotations

import abc
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from graph.model.alerts import Alert, Delivery, DeliveryState
from graph.model.identity import IdentityLink, LinkKind, LinkOrder, LinkStatus
from graph.model.nodes import Account, Customer
from graph.model.responses import Conversation, ConversationStatus
from graph.model.routing import BusinessFunction


@dataclass(frozen=True, slots=True)
class ConversationFilter:
    """Which conversations to list; every field left None matches all."""

    function: BusinessFunction | None = None
    owner: str | None = None
    status: ConversationStatus | None = None
    due_before: datetime | None = None
    """Only those due before this time (with ``status`` OPEN: the overdue ones)."""
    received_since: datetime | None = None
    received_until: datetime | None = None


class CorrelateContract(abc.ABC):
    # -- what identity resolution reads ----------------------------------------------------

    @abc.abstractmethod
    def account_page(self, after: str | None, limit: int) -> list[Account]:
        """Accounts (with their person) ordered by uid, after the uid ``after``."""

    @abc.abstractmethod
    def customer_page(self, after: str | None, limit: int) -> list[Customer]:
        """Customers ordered by external id, after the id ``after``."""

    @abc.abstractmethod
    def unlink_customer(self, person_id: str, customer_id: str) -> bool:
        """Remove a person's link to a customer; False if there was none."""

    # -- identity links --------------------------------------------------------------------

    @abc.abstractmethod
    def save_identity_links(self, links: Sequence[IdentityLink]) -> int:
        """Add new links; a link already PROPOSED takes the new confidence and evidence, a
        decided one is left as it is. Returns how many were new."""

    @abc.abstractmethod
    def identity_links(
        self,
        kind: LinkKind | None,
        status: LinkStatus | None,
        first: int,
        offset: int = 0,
        order: LinkOrder = LinkOrder.CONFIDENCE,
    ) -> list[IdentityLink]:
        """Links, most confident first, or the latest decided first (ties by confidence,
        then id)."""

    @abc.abstractmethod
    def get_identity_links(self, ids: Sequence[str]) -> dict[str, IdentityLink]: ...

    @abc.abstractmethod
    def links_of_merges(self, event_ids: Sequence[str]) -> list[IdentityLink]:
        """The links that the merges ``event_ids`` applied."""

    @abc.abstractmethod
    def update_identity_link(self, link: IdentityLink, expected: LinkStatus) -> bool:
        """Replace a link if its stored status is still ``expected`` (so two reviewers
        cannot both decide it); False otherwise."""

    # -- the routing table -----------------------------------------------------------------

    @abc.abstractmethod
    def routing_table(self) -> str | None:
        """The routing table admins saved (its JSON form), if any."""

    @abc.abstractmethod
    def save_routing_table(self, table_json: str, actor: str, at: datetime) -> None: ...

    # -- the response queue ----------------------------------------------------------------

    @abc.abstractmethod
    def open_conversations(self, conversations: Sequence[Conversation]) -> int:
        """Add conversations whose post has none yet; returns how many were added."""

    @abc.abstractmethod
    def conversations(
        self, where: ConversationFilter, first: int, offset: int = 0
    ) -> list[Conversation]:
        """Conversations by priority (most urgent first), then due time, then id."""

    @abc.abstractmethod
    def get_conversations(self, ids: Sequence[str]) -> dict[str, Conversation]: ...

    @abc.abstractmethod
    def update_conversation(self, conversation: Conversation, expected: ConversationStatus) -> bool:
        """Replace a conversation if its stored status is still ``expected``."""

    # -- alerts and deliveries -------------------------------------------------------------

    @abc.abstractmethod
    def add_alerts(self, alerts: Sequence[Alert]) -> list[Alert]:
        """Record alerts not raised before; returns those that are new."""

    @abc.abstractmethod
    def alerts(self, first: int, offset: int = 0) -> list[Alert]:
        """Alerts, newest first (ties by id)."""

    @abc.abstractmethod
    def get_alerts(self, ids: Sequence[str]) -> dict[str, Alert]: ...

    @abc.abstractmethod
    def alerts_since(self, since: datetime, limit: int) -> list[Alert]:
        """Alerts raised at or after ``since``, oldest first (ties by id)."""

    @abc.abstractmethod
    def add_deliveries(self, deliveries: Sequence[Delivery]) -> int:
        """Record deliveries not recorded before; returns how many were new."""

    @abc.abstractmethod
    def due_deliveries(self, now: datetime, limit: int) -> list[Delivery]:
        """Pending deliveries whose next attempt is due, soonest first."""

    @abc.abstractmethod
    def save_delivery(self, delivery: Delivery) -> None: ...

    @abc.abstractmethod
    def deliveries_of(
        self, alert_ids: Sequence[str], state: DeliveryState | None = None
    ) -> list[Delivery]:
        """Deliveries of the alerts (all of them, or those in ``state``), by id."""
