"""The stored graph does not depend on where batch boundaries fall (issue 17, defect 6).

One export, with posts repeated inside and across batches, replies followed or preceded by
copies that lack their parent, reblogs (the original comes with each) and copies that add
metrics, mentions and hashtags, ingested with batches of 1, 7 and 1000 posts: every public
read of the store gives the same answer, on both stores, whether batches are written one
at a time or several at once.
"""

from __future__ import annotations

import io
import random
from typing import Any

from graph.model.bookkeeping import IngestCounts
from graph.store.contract import GraphStore
from ingestion.parsers import parser_for
from ingestion.pipeline import Pipeline
from tests.helpers.factories import channel_of
from tests.helpers.mastodon_export import as_array, status, uid

HANDLES = ("giulia", "marco", "aurora", "stefano", "ada")


def export(seed: int = 7) -> tuple[bytes, set[str]]:
    """A shuffled mastodon export and the uids of the posts it holds."""
    rng = random.Random(seed)
    statuses: list[dict[str, Any]] = []
    for n in range(1, 41):
        parent = str(rng.randrange(1, n)) if n > 1 and rng.random() < 0.6 else None
        post = status(str(n), handle=rng.choice(HANDLES), text=f"post {n}", reply_to=parent)
        post["favourites_count"] = rng.randrange(5)
        statuses.append(post)
        if rng.random() < 0.5:  # a copy without the reply link, as some tools give
            statuses.append({**post, "in_reply_to_id": None, "language": None, "url": None})
        if rng.random() < 0.3:  # a later copy with more: a like, a mention, a hashtag
            mentioned = rng.choice(HANDLES)
            more = {
                "favourites_count": post["favourites_count"] + 1,
                "reblogs_count": 2,
                "mentions": [{"acct": mentioned, "url": f"https://mastodon.social/@{mentioned}"}],
                "tags": [{"name": f"tema{n % 4}"}],
            }
            statuses.append({**post, **more})
        if n > 3 and rng.random() < 0.3:  # a reblog, carrying a copy of its original
            original = rng.choice(statuses[:-1])
            reblogger = rng.choice(HANDLES)
            statuses.append(status(str(1000 + n), handle=reblogger, text="", reblog={**original}))
    # Shuffled so that a copy sometimes comes before the post it copies.
    head, tail = statuses[:10], statuses[10:]
    rng.shuffle(tail)
    data = as_array(head + tail)
    uids = {uid(s["id"]) for s in statuses} | {
        uid(s["reblog"]["id"]) for s in statuses if s.get("reblog")
    }
    return data, uids


def canonical_dump(store: GraphStore, uids: set[str]) -> dict[str, Any]:
    """Everything the public reads tell about the posts, their authors and threads."""
    posts = store.get_posts(sorted(uids))
    accounts = {
        handle: store.get_account("mastodon", f"{handle}@mastodon.social") for handle in HANDLES
    }
    return {
        "counts": store.counts(),
        "posts": posts,
        "accounts": accounts,
        "channel": channel_of(store, "mastodon", "mastodon.social"),
        "interactions": sorted(store.interactions()),
        "threads": {post_uid: store.thread(post_uid) for post_uid in sorted(uids)},
        "topics": {key: store.topic_authors(key) for key in ("tema0", "tema1", "tema2", "tema3")},
    }


# Batch sizes, and how many batches are written at once: with 3 writers and batches of one
# post, a reply is often written while its parent's batch is still being written.
RUNS = ((1, 1), (7, 1), (1000, 1), (1, 3), (7, 3))


def test_the_stored_graph_is_the_same_for_any_batch_size(store: GraphStore) -> None:
    data, uids = export()
    parser = parser_for("mastodon")
    dumps: dict[tuple[int, int], dict[str, Any]] = {}
    totals: dict[tuple[int, int], IngestCounts] = {}
    for size, writers in RUNS:
        store.clear()
        pipeline = Pipeline(store, batch_size=size, writers=writers)
        totals[size, writers] = pipeline.ingest_stream(io.BytesIO(data), parser, "export.json")
        dumps[size, writers] = canonical_dump(store, uids)

    first = RUNS[0]
    assert all(totals[run] == totals[first] for run in RUNS)
    assert totals[first].stored == len(uids) and totals[first].rejected == 0
    assert dumps[first]["counts"].posts == len(uids)
    replies = [p for p in dumps[first]["posts"].values() if p.reply_to_uid]
    reposts = [p for p in dumps[first]["posts"].values() if p.shares_uid]
    assert replies and reposts  # the export exercises both links
    for run in RUNS[1:]:
        for part, expected in dumps[first].items():
            assert dumps[run][part] == expected, (run, part)
