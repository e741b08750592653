"""Batches written at once, and the shared nodes a run writes once (`graph.store.shared_rows`).

The stored graph is the same however many batches are written at once
(`test_batch_invariance`); these tests pin down how: which batches overlap, and what each
batch writes.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from typing import Any

import pytest

from graph.model.bookkeeping import IngestCounts, UpsertResult
from graph.store.contract import GraphStore
from graph.store.rows import PostBatch
from ingestion.parsers import parser_for
from ingestion.pipeline import Pipeline
from tests.helpers.mastodon_export import as_array, status

Spy = Callable[[PostBatch], None]


def ingest(
    store: GraphStore, statuses: list[dict[str, Any]], writers: int, spy: Spy
) -> IngestCounts:
    """Ingest ``statuses`` a post a batch, ``spy`` called inside every batch's write."""
    write = store.write_posts

    def spied(batch: PostBatch) -> UpsertResult:
        spy(batch)
        return write(batch)

    store.write_posts = spied  # type: ignore[method-assign]
    try:
        pipeline = Pipeline(store, batch_size=1, writers=writers)
        return pipeline.ingest_stream(io.BytesIO(as_array(statuses)), parser_for("mastodon"), "x")
    finally:
        del store.write_posts


def test_batches_that_share_no_node_are_written_at_once(embedded_store: GraphStore) -> None:
    # The first post brings the instance's channel, which every later post links to. The
    # next two, by different people, share no node the other writes: each one's write waits
    # until the other's has begun, which only happens if both are written at the same time.
    both_writing = threading.Barrier(2, timeout=60)
    statuses = [
        status("1", handle="giulia"),
        status("2", handle="marco"),
        status("3", handle="ada"),
    ]

    def spy(batch: PostBatch) -> None:
        if batch.posts[0]["external_id"] != "1":
            both_writing.wait()

    counts = ingest(embedded_store, statuses, 2, spy)

    assert counts.stored == 3


def test_a_reply_waits_for_the_batch_writing_its_parent(embedded_store: GraphStore) -> None:
    events: list[str] = []
    lock = threading.Lock()

    def spy(batch: PostBatch) -> None:
        (post,) = batch.posts
        with lock:
            events.append(f"start {post['external_id']}")
        # The parent's write lingers, so that a reply written at once would start now.
        if post["external_id"] == "1":
            threading.Event().wait(0.5)
        with lock:
            events.append(f"end {post['external_id']}")

    # Marco replies to Giulia: the reply links to her post and her account.
    statuses = [status("1", handle="giulia"), status("2", handle="marco", reply_to="1")]
    ingest(embedded_store, statuses, 2, spy)

    assert events == ["start 1", "end 1", "start 2", "end 2"]
    (reply,) = embedded_store.get_posts(["mastodon:2"]).values()
    assert reply.reply_to_uid == "mastodon:1"


@pytest.mark.parametrize("writers", [1, 2])
def test_an_account_is_written_once_a_run_unless_it_changes(
    embedded_store: GraphStore, writers: int
) -> None:
    written: list[list[str]] = []
    giulia = {"acct": "giulia", "url": "https://mastodon.social/@giulia", "display_name": "Giulia"}
    statuses = [
        status("1", handle="giulia"),
        status("2", handle="giulia"),
        status("3", account={**giulia, "followers_count": 12}),
        status("4", handle="giulia"),
    ]

    ingest(
        embedded_store, statuses, writers, lambda b: written.append([r["uid"] for r in b.accounts])
    )

    # Written by the first batch, then again only when the third says more of her.
    assert written == [
        ["mastodon:giulia@mastodon.social"],
        [],
        ["mastodon:giulia@mastodon.social"],
        [],
    ]
    account = embedded_store.get_account("mastodon", "giulia@mastodon.social")
    assert account is not None and account.followers == 12 and account.display_name == "Giulia"
