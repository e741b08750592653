"""Per-request GraphQL context."""

from __future__ import annotations

from dataclasses import dataclass

from strawberry.fastapi import BaseContext
from strawberry.types import Info as StrawberryInfo

from graph.store import GraphStore


@dataclass
class Context(BaseContext):
    """What resolvers may use: the domain store, nothing lower."""

    store: GraphStore

    def __post_init__(self) -> None:
        super().__init__()


Info = StrawberryInfo[Context, None]
