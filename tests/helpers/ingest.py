"""Reading the ingest fixtures."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from graph.model.bookkeeping import IngestCounts
from graph.store.contract import GraphStore
from ingestion.parsers import Parser, RawRecord, parser_for
from ingestion.pipeline import Pipeline

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"

CSV_MAPPING = {
    "id": "PostId",
    "text": "Message",
    "author": "User",
    "created_at": "Date",
    "platform": "Network",
    "url": "Link",
    "likes": "Likes",
}

FILES = {
    "mastodon": "mastodon.jsonl",
    "x-v2": "x_v2.jsonl",
    "reddit": "reddit.jsonl",
    "youtube": "youtube.json",
    "rss": "feed.xml",
    "csv": "monitoring.csv",
    "jsonl": "canonical.jsonl",
}


def fixture_parser(fmt: str) -> Parser:
    return parser_for(fmt, CSV_MAPPING if fmt == "csv" else None)


def parsed(fmt: str, name: str | None = None) -> dict[str, dict[str, Any]]:
    """Canonical records of a fixture by id (records that fail are left out)."""
    parser = fixture_parser(fmt)
    pipeline = Pipeline(store=None)  # type: ignore[arg-type]  # to_post needs no store
    out = {}
    with (FIXTURES / (name or FILES[fmt])).open("rb") as stream:
        for item in parser.read(stream):
            if isinstance(item, RawRecord):
                try:
                    post = pipeline.to_post(parser, item)
                except ValueError:
                    continue
                out[post.external_id] = {"post": post, "data": parser.parse(item)}
    return out


def ingest_fixture(store: GraphStore, fmt: str, name: str | None = None) -> IngestCounts:
    parser = fixture_parser(fmt)
    data = (FIXTURES / (name or FILES[fmt])).read_bytes()
    return Pipeline(store).ingest(parser.read(io.BytesIO(data)), parser, name or FILES[fmt])
