"""The pipeline on both backends: lossless, idempotent, with a replayable quarantine."""

from __future__ import annotations

import io
import json

import pytest

from graph.model.bookkeeping import IngestCounts
from graph.model.nodes import ChannelKind
from graph.store.contract import GraphStore
from ingestion.parsers import parser_for
from ingestion.pipeline import Pipeline
from tests.helpers.factories import channel_of
from tests.helpers.ingest import FILES, ingest_fixture
from tests.helpers.ingest import FIXTURES as FILES_DIR

EXPECTED = {
    # format: (read, stored, duplicates, rejected)
    "mastodon": (8, 3, 1, 4),
    "x-v2": (7, 4, 0, 3),
    "reddit": (7, 4, 0, 3),
    "youtube": (3, 2, 0, 1),
    "rss": (2, 1, 0, 1),
    "csv": (6, 3, 0, 3),
    "jsonl": (4, 2, 0, 2),
}

REASONS = {
    "mastodon": {
        "line 4": "bad date in created_at: 'not a date'",
        "line 5": "missing id",
        "line 6": "wrong type for content: int",
        "line 7": "malformed JSON: Invalid control character",
    },
    "x-v2": {
        "line 2 tweet 1": "author not in includes.users",
        "line 2 tweet 2": "missing text",
        "line 3": "not an X API v2 response page",
    },
    "reddit": {
        "line 4": "author deleted",
        "line 5": "missing subreddit",
        "line 6": "bad parent_id: 'x9_zzz'",
    },
    "youtube": {"item 1 thread 2": "missing publishedAt"},
    "rss": {"entry 2": "bad date: entry has no published or updated date"},
    "csv": {
        "row 4": "missing created_at",
        "row 5": "wrong type for likes: not a number",
        "row 6": "row has more cells than the header",
    },
    "jsonl": {
        "line 3": "invalid created_at: Input should have timezone info",
        "line 4": "invalid unexpected: Extra inputs are not permitted",
    },
}


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_every_record_is_stored_duplicate_or_rejected_with_its_reason(
    store: GraphStore, fmt: str
) -> None:
    counts = ingest_fixture(store, fmt)
    assert (counts.read, counts.stored, counts.duplicates, counts.rejected) == EXPECTED[fmt]
    assert counts.read == counts.stored + counts.duplicates + counts.rejected
    assert store.counts().posts == counts.stored
    reasons = {e.position: e.reason for e in store.quarantined(format=fmt)}
    assert reasons.keys() == REASONS[fmt].keys()
    for position, reason in REASONS[fmt].items():
        assert reasons[position].startswith(reason), (position, reasons[position])


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_ingesting_the_same_file_twice_stores_nothing_new(store: GraphStore, fmt: str) -> None:
    first = ingest_fixture(store, fmt)
    posts, quarantined = store.counts().posts, len(store.quarantined(limit=1000))
    second = ingest_fixture(store, fmt)
    assert second.stored == 0
    assert second.duplicates == first.stored + first.duplicates
    assert second.rejected == first.rejected
    assert store.counts().posts == posts
    assert len(store.quarantined(limit=1000)) == quarantined


def test_quarantined_payload_is_kept_whole(embedded_store: GraphStore) -> None:
    ingest_fixture(embedded_store, "mastodon")
    entry = next(e for e in embedded_store.quarantined() if e.position == "line 4")
    payload = json.loads(entry.payload)
    assert payload["id"] == "110000000000000004"
    assert payload["created_at"] == "not a date"
    assert entry.source == "mastodon.jsonl"


def test_replay_stores_records_once_the_mapping_is_fixed(store: GraphStore) -> None:
    data = (
        b"Message,User,Date,Ref\n"
        b"ciao #a,ada,2026-10-01T10:00:00Z,p1\n"
        b"hey,bob,2026-10-01T11:00:00Z,p2\n"
    )
    wrong = parser_for(
        "csv", {"text": "Message", "author": "User", "created_at": "Date", "id": "Missing"}
    )
    counts = Pipeline(store).ingest(wrong.read(io.BytesIO(data)), wrong, "export.csv")
    assert counts == IngestCounts(read=2, stored=0, duplicates=0, rejected=2)
    assert {e.reason for e in store.quarantined()} == {"missing columns: Missing"}

    fixed = {"text": "Message", "author": "User", "created_at": "Date", "id": "Ref"}
    replayed = Pipeline(store).replay(store.quarantined(), lambda name: parser_for(name, fixed))
    assert replayed == IngestCounts(read=2, stored=2, duplicates=0, rejected=0)
    assert store.quarantined() == []
    assert store.counts().posts == 2


def test_replies_arriving_before_their_submission_are_linked(store: GraphStore) -> None:
    lines = (FILES_DIR / "reddit.jsonl").read_bytes().splitlines(keepends=True)
    comments_first = b"".join([*lines[1:3], lines[0]])
    parser = parser_for("reddit")
    Pipeline(store).ingest(parser.read(io.BytesIO(comments_first)), parser, "r.jsonl")
    thread = store.thread("reddit:t1_c2")
    assert thread is not None
    assert thread.root_uid == "reddit:t3_abc123"
    assert [p.uid for p in thread.posts] == ["reddit:t3_abc123", "reddit:t1_c1", "reddit:t1_c2"]


def test_channel_kinds_default_by_platform_and_can_be_overridden(store: GraphStore) -> None:
    ingest_fixture(store, "reddit")
    channel = channel_of(store, "reddit", "r/espresso")
    assert channel is not None and channel.kind is ChannelKind.VERTICAL
    assert channel.first_seen_at is not None
    parser = parser_for("reddit")
    overrides = {"reddit": ChannelKind.VERTICAL, "reddit:r/espresso": ChannelKind.PERIPHERAL}
    data = (FILES_DIR / "reddit.jsonl").read_bytes()
    Pipeline(store, channel_kinds=overrides).ingest(parser.read(io.BytesIO(data)), parser, "r")
    again = channel_of(store, "reddit", "r/espresso")
    assert again is not None and again.kind is ChannelKind.PERIPHERAL
    assert again.first_seen_at == channel.first_seen_at


def test_oversized_records_are_rejected(embedded_store: GraphStore) -> None:
    huge = json.dumps(
        {
            "platform": "forum",
            "id": "big",
            "author": {"handle": "a"},
            "text": "x" * 50_000,
            "created_at": "2026-10-01T00:00:00Z",
        }
    )
    parser = parser_for("jsonl")
    counts = Pipeline(embedded_store).ingest(
        parser.read(io.BytesIO(huge.encode())), parser, "big.jsonl"
    )
    assert counts.rejected == 1
    assert embedded_store.quarantined()[0].reason.startswith(
        "invalid text: String should have at most 40000"
    )
