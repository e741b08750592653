"""Batched upsert of posts with authors, mentions and topics into each backend.

Prints posts/s per backend (median of the batches and overall), the idempotent re-run on
the same data (every post already stored), and ratios against the embedded store's first run
in the same process. Neo4j is the test server from ``OSMOSI_TEST_NEO4J_URI`` (``make bench``
starts it); its database is wiped first.

    python -m bench.upsert_posts [--posts 100000] [--batch 1000] [--backends embedded,neo4j]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.backends import open_backend
from graph.model.nodes import Account, Channel, Post, Topic
from graph.store.contract import GraphStore


def synthetic_posts(count: int, seed: int = 42) -> list[Post]:
    """A conversation shaped like real ones: few loud authors, replies, mentions, hashtags."""
    rng = random.Random(seed)
    authors = [Account("mastodon", f"user{i}", display_name=f"User {i}") for i in range(10_000)]
    topics = [Topic.from_text(f"#topic{i}") for i in range(500)]
    channels = [Channel("mastodon", f"instance{i}.example") for i in range(20)]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    posts = []
    for number in range(count):
        author = authors[min(int(rng.paretovariate(1.1)) - 1, len(authors) - 1) * 7 % 10_000]
        reply_to = str(rng.randrange(number)) if number and rng.random() < 0.3 else None
        posts.append(
            Post(
                platform="mastodon",
                external_id=str(number),
                author=author,
                text=f"post {number} about things " * 4,
                created_at=start + timedelta(seconds=number * 13),
                language=rng.choice(("it", "en")),
                channel=rng.choice(channels),
                reply_to=reply_to,
                mentions=tuple(rng.sample(authors, rng.randint(0, 3))),
                topics=tuple(rng.sample(topics, rng.randint(0, 3))),
                metrics={"likes": rng.randint(0, 100)},
            )
        )
    return posts


@dataclass
class Run:
    backend: str
    phase: str
    posts: int
    seconds: float
    batch_rates: list[float]

    @property
    def rate(self) -> float:
        return self.posts / self.seconds

    @property
    def median_batch_rate(self) -> float:
        return statistics.median(self.batch_rates)


def timed_upsert(store: GraphStore, posts: list[Post], batch: int, phase: str) -> Run:
    rates = []
    started = time.perf_counter()
    for offset in range(0, len(posts), batch):
        chunk = posts[offset : offset + batch]
        t0 = time.perf_counter()
        store.upsert_posts(chunk)
        rates.append(len(chunk) / (time.perf_counter() - t0))
    return Run(store.backend, phase, len(posts), time.perf_counter() - started, rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--backends", default="embedded,neo4j")
    parser.add_argument("--json", action="store_true", help="print the runs as JSON")
    args = parser.parse_args()

    posts = synthetic_posts(args.posts)
    runs: list[Run] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.backends.split(","):
            store = open_backend(name, Path(tmp))
            try:
                runs.append(timed_upsert(store, posts, args.batch, "first"))
                runs.append(timed_upsert(store, posts, args.batch, "re-run"))
                counts = store.counts()
                assert counts.posts == args.posts, counts
            finally:
                store.close()

    reference = runs[0]
    if args.json:
        print(json.dumps([{**vars(r), "rate": r.rate, "batch_rates": None} for r in runs]))
        return
    print(f"{args.posts} posts, batches of {args.batch}; reference: {reference.backend} first run")
    print(f"{'backend':<10}{'phase':<8}{'posts/s':>10}{'median batch/s':>16}{'ratio':>8}")
    for run in runs:
        print(
            f"{run.backend:<10}{run.phase:<8}{run.rate:>10.0f}{run.median_batch_rate:>16.0f}"
            f"{run.rate / reference.rate:>8.2f}"
        )


if __name__ == "__main__":
    main()
