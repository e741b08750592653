"""Per-request DataLoaders of alerts' webhook deliveries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from strawberry.dataloader import DataLoader

from graph.model.alerts import Delivery
from graph.store.contract import GraphStore
from server.graphql.core.loading import by_key


@dataclass
class AlertLoaders:
    store: GraphStore
    deliveries: DataLoader[str, list[Delivery]] = field(init=False)
    """Alert id -> its deliveries."""

    def __post_init__(self) -> None:
        self.deliveries = DataLoader(by_key(self._deliveries, list))

    def _deliveries(self, alert_ids: list[str]) -> dict[str, list[Delivery]]:
        grouped: dict[str, list[Delivery]] = defaultdict(list)
        for delivery in self.store.deliveries_of(alert_ids):
            grouped[delivery.alert_id].append(delivery)
        return grouped
