"""Per-request GraphQL context."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from strawberry.fastapi import BaseContext
from strawberry.types import Info as StrawberryInfo

from graph.identity.linking import Thresholds
from graph.model.access import ApiKey
from graph.model.routing import RoutingTable
from graph.store.contract import GraphStore
from ingestion.jobs.runner import JobRunner
from osmosi.settings import Settings
from server.graphql.alerts.loaders import AlertLoaders
from server.graphql.core.budget import Budgets
from server.graphql.core.cache import ResultCache
from server.graphql.core.throttle import HeavyPool
from server.graphql.people.loaders import PeopleLoaders
from server.graphql.posts.loaders import PostLoaders


@dataclass
class Context(BaseContext):
    """What resolvers may use: domain services and the caller's key, nothing lower."""

    store: GraphStore
    runner: JobRunner
    settings: Settings
    routing: RoutingTable
    """The configured impact table (one an admin saved in the store takes precedence)."""
    thresholds: Thresholds
    """From which confidence identity links apply without review."""
    budgets: Budgets
    """What an operation may cost, by the caller's role, and the per-key rate limit."""
    views: HeavyPool
    """Where the views computed on request run (`HeavyPool.run`), apart from cheap reads."""
    caller: ApiKey | None = None
    results: ResultCache | None = None
    """The process's cache of ranking views (`server.graphql.core.cache`), if enabled."""
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    """The request's one "now", so that every decayed weight in a response agrees."""
    people: PeopleLoaders = field(init=False)
    posts: PostLoaders = field(init=False)
    alerts: AlertLoaders = field(init=False)
    """Per-request DataLoaders: a batch of lookups is one store call."""

    def __post_init__(self) -> None:
        super().__init__()
        self.people = PeopleLoaders(self.store, self.now)
        self.posts = PostLoaders(self.store)
        self.alerts = AlertLoaders(self.store)

    @property
    def caller_name(self) -> str:
        """Who the key says it is, for fields people fill in ("answered by")."""
        return self.caller.name if self.caller is not None else "anonymous"

    @property
    def actor(self) -> str:
        """Who acts, for the audit trail of identity and programme changes: the key, by
        id and name (a key's name says whose it is)."""
        if self.caller is None:
            return "anonymous"
        return f"key:{self.caller.id} ({self.caller.name})"


Info = StrawberryInfo[Context, None]
