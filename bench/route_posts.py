"""What routing and alerts cost on ingest: the same analysed posts written with and without
the impact table (the bundled one) and the post alerts, per backend.

Posts are like analysed ones: a third are questions or complaints, a fifth negative, by a
few hundred people of whom some are influential customers (scores and CRM links written
first). The reference is writing the same batches without actions, in the same process.

    python -m bench.route_posts [--posts 20000] [--batch 1000] [--backends embedded,neo4j]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.backends import open_backend
from graph.model.nodes import Account, Channel, Customer, CustomerLink, Intent, Post, Sentiment
from graph.model.routing import DEFAULT_TABLE, load_table
from graph.responses.acting import Actions
from graph.store.contract import GraphStore
from graph.store.correlate import ConversationFilter
from ingestion.pipeline import Pipeline, PreparedChunk

PEOPLE = 500
INTENTS = [Intent.QUESTION, Intent.COMPLAINT, Intent.PRAISE, Intent.PURCHASE, Intent.IDEA]


def analysed_posts(count: int, seed: int, prefix: str) -> list[Post]:
    rng = random.Random(seed)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    channel = Channel("mastodon", "mastodon.social")
    posts = []
    for n in range(count):
        roll = rng.random()
        intent = INTENTS[int(roll * 15)] if roll < 1 / 3 else Intent.OTHER
        negative = rng.random() < 0.2
        posts.append(
            Post(
                platform="mastodon",
                external_id=f"{prefix}{n}",
                author=Account("mastodon", f"voice{rng.randrange(PEOPLE)}"),
                text="…",
                created_at=start + timedelta(seconds=n),
                channel=channel,
                intent=intent,
                sentiment=Sentiment.NEGATIVE if negative else Sentiment.NEUTRAL,
                sentiment_score=-0.7 if negative else 0.0,
            )
        )
    return posts


def prepare_people(store: GraphStore) -> None:
    """People with influence, classes and customer links, as a ranking and a CRM leave them."""
    # Accounts come into the store as ingestion brings them: as the authors of posts (one
    # plain post each, before the analysed ones and outside any channel).
    store.upsert_posts(
        [
            Post(
                platform="mastodon",
                external_id=f"profile{n}",
                author=Account("mastodon", f"voice{n}"),
                text="…",
                created_at=datetime(2026, 10, 1, tzinfo=UTC),
            )
            for n in range(PEOPLE)
        ]
    )
    people = [a.person_id for a in store.account_page(None, PEOPLE) if a.person_id is not None]
    store.write_scores(
        "advocacy",
        dict.fromkeys(people, 0.0),
        datetime.now(UTC),
        factors={p: {"influence": n / len(people)} for n, p in enumerate(people)},
        classes={
            p: "at_risk_influencer" if n % 50 == 0 else "neutral" for n, p in enumerate(people)
        },
    )
    store.upsert_customers([Customer(f"C-{n}", lifetime_value=100.0 * n) for n in range(50)])
    store.link_customers(
        [CustomerLink(p, f"C-{n}", 0.9, ("bench",)) for n, p in enumerate(people[:50])]
    )


def write_all(pipeline: Pipeline, posts: list[Post], batch: int) -> float:
    started = time.perf_counter()
    for offset in range(0, len(posts), batch):
        chunk = posts[offset : offset + batch]
        prepared = PreparedChunk(len(chunk), pipeline.store.prepare_posts(chunk), [], tuple(chunk))
        pipeline.write(prepared)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--backends", default="embedded,neo4j")
    args = parser.parse_args()
    table = load_table(DEFAULT_TABLE)
    print(f"{args.posts} analysed posts, batches of {args.batch}, bundled impact table")
    print(f"{'backend':<10}{'run':<28}{'posts/s':>10}{'vs plain':>10}{'opened':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.backends.split(","):
            store = open_backend(name, Path(tmp))
            try:
                prepare_people(store)
                plain = write_all(Pipeline(store), analysed_posts(args.posts, 1, "a"), args.batch)
                routed_posts = analysed_posts(args.posts, 1, "b")
                acting = Pipeline(store, actions=Actions(table))
                routed = write_all(acting, routed_posts, args.batch)
                again = write_all(acting, [replace(p) for p in routed_posts], args.batch)
                opened = len(store.conversations(ConversationFilter(), 100_000))
                for run, seconds in (
                    ("write only (reference)", plain),
                    ("write + route + alerts", routed),
                    ("the same again (no-op)", again),
                ):
                    rate = args.posts / seconds
                    print(f"{name:<10}{run:<28}{rate:>10.0f}{plain / seconds:>10.2f}{opened:>9}")
            finally:
                store.close()


if __name__ == "__main__":
    main()
