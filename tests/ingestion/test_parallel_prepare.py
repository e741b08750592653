"""Files prepared by worker processes end exactly as files prepared in the writing process:
the same counts, the same rejects at the same positions, the same graph, in the file's order."""

from __future__ import annotations

import io
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from graph.embedded import EmbeddedGraphStore
from graph.model.bookkeeping import IngestCounts
from graph.model.routing import parse_table
from graph.responses.acting import Actions
from graph.store.contract import GraphStore
from graph.store.correlate import ConversationFilter
from ingestion import parallel
from ingestion.parsers.base import line_chunks
from ingestion.pipeline import Pipeline
from tests.helpers.ingest import FILES, FIXTURES, fixture_parser

# The JSON formats; the YouTube fixture is one JSON array, which is prepared in-process.
FORMATS = ("mastodon", "x-v2", "reddit", "youtube", "jsonl")


def ingest(
    store: GraphStore, fmt: str, workers: int, data: bytes | None = None, **options: Any
) -> IngestCounts:
    parser = fixture_parser(fmt)
    source = data if data is not None else (FIXTURES / FILES[fmt]).read_bytes()
    pipeline = Pipeline(store, batch_size=2, workers=workers, **options)
    return pipeline.ingest_stream(io.BytesIO(source), parser, FILES[fmt])


def graph_of(store: GraphStore) -> tuple[Any, ...]:
    quarantine = {(e.position, e.reason, e.payload) for e in store.quarantined(limit=1000)}
    return store.counts(), sorted(store.interactions()), quarantine


def reference_store(tmp_path: Path) -> EmbeddedGraphStore:
    store = EmbeddedGraphStore(tmp_path / "reference")
    store.ensure_schema()
    return store


@pytest.mark.parametrize("fmt", FORMATS)
def test_workers_prepare_a_file_into_the_same_graph(
    store: GraphStore, tmp_path: Path, fmt: str
) -> None:
    counts = ingest(store, fmt, workers=2)
    assert counts.read == counts.stored + counts.duplicates + counts.rejected
    assert counts.rejected > 0  # every fixture has bad records, quarantined from the workers
    with reference_store(tmp_path) as reference:
        assert ingest(reference, fmt, workers=0) == counts
        assert graph_of(store) == graph_of(reference)

    again = ingest(store, fmt, workers=2)
    assert again == IngestCounts(counts.read, 0, counts.stored + counts.duplicates, counts.rejected)


def test_lines_keep_their_numbers_across_parts(embedded_store: GraphStore) -> None:
    good = (FIXTURES / FILES["jsonl"]).read_bytes().splitlines(keepends=True)[0]
    record = json.loads(good)
    lines = [b"\n", b"\n"]  # leading blank lines are skipped, as in-process
    for number in range(1, 12):
        if number in (4, 9):
            lines.append(b"{not json %d\n" % number)
        elif number == 7:
            lines.append(b"\n")
        else:
            lines.append(json.dumps({**record, "id": f"post-{number}"}).encode() + b"\n")
    counts = ingest(embedded_store, "jsonl", workers=2, data=b"".join(lines))
    assert counts == IngestCounts(read=10, stored=8, duplicates=0, rejected=2)
    positions = {e.position for e in embedded_store.quarantined()}
    assert positions == {"line 4", "line 9"}


def test_workers_hand_back_the_posts_the_pipeline_acts_on(
    embedded_store: GraphStore, tmp_path: Path
) -> None:
    everything = {"name": "all", "function": "marketing", "first_response_hours": 4}
    actions = Actions(parse_table({"rule": [everything]}), ())
    ingest(embedded_store, "mastodon", workers=2, actions=actions)
    with reference_store(tmp_path) as reference:
        ingest(reference, "mastodon", workers=0, actions=actions)
        queued = [c.post_uid for c in reference.conversations(ConversationFilter(), first=100)]
        assert len(queued) == 2  # the fixture's stored posts but its reblog, each routed once
        routed = embedded_store.conversations(ConversationFilter(), first=100)
        assert [c.post_uid for c in routed] == queued


def test_a_file_of_one_part_is_prepared_without_forking(
    embedded_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pool(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a one-part file started worker processes")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    parser = fixture_parser("mastodon")
    data = (FIXTURES / FILES["mastodon"]).read_bytes()
    pipeline = Pipeline(embedded_store, batch_size=1000, workers=2)
    counts = pipeline.ingest_stream(io.BytesIO(data), parser, FILES["mastodon"])
    assert counts.read == counts.stored + counts.duplicates + counts.rejected > 0


def test_line_chunks_number_lines_as_the_whole_file() -> None:
    parts = list(line_chunks([b"a\n", b"b\n", b"c\n", b"d\n", b"e\n"], 2))
    assert [(list(p.lines), p.first_number) for p in parts] == [
        ([b"a\n", b"b\n"], 1),
        ([b"c\n", b"d\n"], 3),
        ([b"e\n"], 5),
    ]


@pytest.mark.parametrize("fmt", FILES)
def test_the_parts_of_a_source_read_as_the_whole(fmt: str) -> None:
    parser = fixture_parser(fmt)
    data = (FIXTURES / FILES[fmt]).read_bytes()
    parts = list(parser.parts(io.BytesIO(data), 2))
    read = [item for part in parts for item in part]
    assert read == list(parser.read(io.BytesIO(data)))
    # JSON lines split, and their parts travel to other processes; the rest is one part.
    assert (len(parts) > 1) == (fmt in ("mastodon", "x-v2", "reddit", "jsonl"))
    if len(parts) > 1:
        assert [list(pickle.loads(pickle.dumps(part))) for part in parts] == [
            list(part) for part in parts
        ]
