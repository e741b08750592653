"""Per-request GraphQL context."""

from __future__ import annotations

from dataclasses import dataclass

from strawberry.fastapi import BaseContext
from strawberry.types import Info as StrawberryInfo

from graph.store import GraphStore
from ingestion.jobs.runner import JobRunner
from osmosi.settings import Settings


@dataclass
class Context(BaseContext):
    """What resolvers may use: domain services and the caller's credentials, nothing lower."""

    store: GraphStore
    runner: JobRunner
    settings: Settings
    authorization: str | None = None

    def __post_init__(self) -> None:
        super().__init__()


Info = StrawberryInfo[Context, None]
