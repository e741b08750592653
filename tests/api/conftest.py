"""A conversation world for the API tests, built through the real ingest path: every
fixture export, plus synthetic Mastodon statuses, enriched, then ranked."""

from __future__ import annotations

import asyncio
import io
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest

from graph.access import Role
from graph.ranking.service import RankOptions, recompute
from graph.store import GraphStore
from ingestion.enrichment.analyzer import analyzer_for
from ingestion.parsers import parser_for
from ingestion.pipeline import Pipeline
from ingestion.synthetic import write_mastodon_statuses
from tests.ingestion.helpers import FILES, fixture_parser
from tests.ingestion.helpers import FIXTURES as INGEST_FIXTURES
from tests.server_helpers import api_client, graphql

SYNTHETIC_POSTS = 600
SYNTHETIC_PEOPLE = 60


def ingest_world(store: GraphStore) -> None:
    pipeline = Pipeline(store, enrich=analyzer_for().enrich)
    for fmt, name in FILES.items():
        parser = fixture_parser(fmt)
        data = (INGEST_FIXTURES / name).read_bytes()
        pipeline.ingest(parser.read(io.BytesIO(data)), parser, name)
    statuses = io.StringIO()
    write_mastodon_statuses(statuses, SYNTHETIC_POSTS, people=SYNTHETIC_PEOPLE)
    parser = parser_for("mastodon")
    pipeline.ingest(parser.read(io.BytesIO(statuses.getvalue().encode())), parser, "synthetic")
    recompute(store, datetime(2026, 6, 1, tzinfo=UTC), RankOptions(samples=500))


@pytest.fixture
def world(store: GraphStore) -> GraphStore:
    ingest_world(store)
    return store


def ask(
    store: GraphStore, query: str, role: Role | None = Role.ADMIN, **variables: Any
) -> dict[str, Any]:
    """One GraphQL operation over HTTP against the app on ``store``, with a key of ``role``."""

    async def scenario() -> dict[str, Any]:
        async with api_client(store, role=role) as client:
            return await graphql(client, query, **variables)

    return asyncio.run(scenario())


@contextmanager
def counting_calls(store: GraphStore, names: tuple[str, ...]) -> Iterator[Counter[str]]:
    """Count calls of the store methods ``names`` while the block runs."""
    calls: Counter[str] = Counter()
    for name in names:
        original: Callable[..., Any] = getattr(store, name)

        def counted(*args: Any, _name: str = name, _original: Any = original, **kw: Any) -> Any:
            calls[_name] += 1
            return _original(*args, **kw)

        setattr(store, name, counted)
    try:
        yield calls
    finally:
        for name in names:
            delattr(store, name)
