"""A conversation world for the API tests, built through the real ingest path: every
fixture export, plus synthetic Mastodon statuses, enriched, then ranked."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

from graph.ranking.service import RankOptions, recompute
from graph.store import GraphStore
from ingestion.enrichment.analyzer import analyzer_for
from ingestion.parsers import parser_for
from ingestion.pipeline import Pipeline
from ingestion.synthetic import write_mastodon_statuses
from tests.ingestion.helpers import FILES, fixture_parser
from tests.ingestion.helpers import FIXTURES as INGEST_FIXTURES

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
