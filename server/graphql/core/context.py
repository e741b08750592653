"""Per-request GraphQL context."""

from __future__ import annotations

from dataclasses import dataclass, field

from strawberry.fastapi import BaseContext
from strawberry.types import Info as StrawberryInfo

from graph.store import GraphStore
from ingestion.jobs.runner import JobRunner
from osmosi.settings import Settings
from server.graphql.people.loaders import PeopleLoaders


@dataclass
class Context(BaseContext):
    """What resolvers may use: domain services and the caller's credentials, nothing lower."""

    store: GraphStore
    runner: JobRunner
    settings: Settings
    authorization: str | None = None
    loaders: PeopleLoaders = field(init=False)
    """Per-request DataLoaders: a batch of lookups is one store call."""

    def __post_init__(self) -> None:
        super().__init__()
        self.loaders = PeopleLoaders(self.store)


Info = StrawberryInfo[Context, None]
