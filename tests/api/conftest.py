"""A conversation world for the API tests, built through the real ingest path: every
fixture export, plus synthetic Mastodon statuses, enriched, then ranked.

A test that writes takes ``world``, a world of its own; a test that only reads takes
``read_world``, one world per test module and backend, built once (a third of the API
tests' time went to building the same world again for each reader)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from graph.embedded import EmbeddedGraphStore
from graph.neo4j import Neo4jGraphStore
from graph.rankings.service import RankOptions, recompute
from graph.store.contract import GraphStore
from ingestion.enrichment.analyzer import analyzer_for
from ingestion.parsers import parser_for
from ingestion.pipeline import Pipeline
from ingestion.synthetic import write_mastodon_statuses
from tests.helpers.ingest import FILES, fixture_parser
from tests.helpers.ingest import FIXTURES as INGEST_FIXTURES
from tests.helpers.stores import BACKENDS, Neo4jContents

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


@pytest.fixture(scope="module", params=BACKENDS)
def module_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphStore]:
    """A store that lives as long as the test module: its own embedded one, or the test
    Neo4j (which the module's writers share, see `read_world`)."""
    if request.param == "embedded":
        store = EmbeddedGraphStore(tmp_path_factory.mktemp("world") / "data")
        store.ensure_schema()
        ingest_world(store)
        yield store
        store.close()
    else:
        yield request.getfixturevalue("neo4j_server")


@pytest.fixture
def read_world(request: pytest.FixtureRequest, module_store: GraphStore) -> GraphStore:
    """The module's world, for a test that only reads it. On Neo4j it is built again only
    when a writer of the same module has cleared the database since."""
    if isinstance(module_store, Neo4jGraphStore):
        request.applymarker(pytest.mark.neo4j)
        contents: Neo4jContents = request.getfixturevalue("neo4j_contents")
        if contents.world != request.module.__name__:
            module_store.clear()
            ingest_world(module_store)
            contents.world = request.module.__name__
    return module_store
