"""End-to-end ingest throughput: 100k Mastodon statuses (read + parse + validate + write).

For each backend: the whole pipeline as ``osmosi ingest`` runs it (``--workers`` processes
prepare the file while this one writes), once for each number of batches written at once
(``--writers``), each followed by the same posts written again (idempotent re-run); then
the whole pipeline again with everything in this process (``workers=0``), plus two
references measured in the same process to show where the time goes: parsing alone (read +
parse + validate, no store) and writing alone (upserting already-parsed posts).
Each backend is first warmed up by ingesting ``--warmup`` other statuses (a long-running
server has compiled its hot paths; a just-started JVM has not), reported as its own row.
Neo4j is the test server from ``OSMOSI_TEST_NEO4J_URI`` (``make bench`` starts it); its
database is wiped first.

    python -m bench.ingest_mastodon [--posts 100000] [--batch 1000] [--workers N]
                                    [--warmup 20000] [--backends embedded,neo4j]
                                    [--writers 1,2]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.backends import open_backend
from graph.model.nodes import Post
from ingestion.parsers import RawRecord, parser_for
from ingestion.pipeline import Pipeline
from ingestion.synthetic import write_mastodon_statuses
from osmosi.runtime import ingest_workers
from osmosi.settings import Settings


def parse_only(path: Path) -> tuple[list[Post], float]:
    parser = parser_for("mastodon")
    pipeline = Pipeline(store=None)  # type: ignore[arg-type]  # to_post needs no store
    started = time.perf_counter()
    posts = []
    with path.open("rb") as stream:
        for item in parser.read(stream):
            assert isinstance(item, RawRecord)
            posts.append(pipeline.to_post(parser, item))
    return posts, time.perf_counter() - started


def ingest_rate(pipeline: Pipeline, export: Path, posts: int, duplicates: bool = False) -> float:
    """Posts/s of the whole pipeline over the export, checking that nothing was lost."""
    mastodon = parser_for("mastodon")
    started = time.perf_counter()
    with export.open("rb") as stream:
        counts = pipeline.ingest_stream(stream, mastodon, export.name)
    seconds = time.perf_counter() - started
    assert counts.rejected == 0, counts
    assert (counts.duplicates if duplicates else counts.stored) == posts, counts
    return posts / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--backends", default="embedded,neo4j")
    parser.add_argument("--warmup", type=int, default=20_000)
    parser.add_argument(
        "--workers", type=int, default=None, help="preparing processes (default: as osmosi ingest)"
    )
    parser.add_argument(
        "--writers", default="1,2", help="batches written at once, each compared (default: 1,2)"
    )
    args = parser.parse_args()
    workers = ingest_workers(Settings()) if args.workers is None else args.workers

    rows: list[tuple[str, str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "statuses.jsonl"
        with export.open("w", encoding="utf-8") as out:
            write_mastodon_statuses(out, args.posts)
        size_mb = export.stat().st_size / 1e6
        warmup = Path(tmp) / "warmup.jsonl"
        with warmup.open("w", encoding="utf-8") as out:
            write_mastodon_statuses(out, args.warmup, seed=1)
        posts, parse_seconds = parse_only(export)
        rows.append(("-", "parse only (reference)", args.posts / parse_seconds))
        for name in args.backends.split(","):
            store = open_backend(name, Path(tmp))
            try:
                pipeline = Pipeline(store, batch_size=args.batch, workers=workers)
                if args.warmup:
                    rate = ingest_rate(pipeline, warmup, args.warmup)
                    rows.append((name, f"warm-up ({args.warmup} posts)", rate))
                    store.clear()
                for writers in (int(n) for n in args.writers.split(",")):
                    pipeline.writers = writers
                    rate = ingest_rate(pipeline, export, args.posts)
                    label = f"end to end, {workers} prep., {writers} wr."
                    rows.append((name, label, rate))
                    again = ingest_rate(pipeline, export, args.posts, duplicates=True)
                    rows.append((name, f"re-run, {writers} wr.", again))
                    store.clear()
                pipeline.workers, pipeline.writers = 0, 1
                rate = ingest_rate(pipeline, export, args.posts)
                rows.append((name, "end to end, 1 process", rate))
                store.clear()
                started = time.perf_counter()
                for offset in range(0, len(posts), args.batch):
                    store.upsert_posts(posts[offset : offset + args.batch])
                rows.append((name, "write only", args.posts / (time.perf_counter() - started)))
            finally:
                store.close()

    reference = rows[0][2]
    print(f"{args.posts} Mastodon statuses ({size_mb:.0f} MB), batches of {args.batch}")
    print(f"{'backend':<10}{'run':<28}{'posts/s':>10}{'vs parse':>10}")
    for backend, run, rate in rows:
        print(f"{backend:<10}{run:<28}{rate:>10.0f}{rate / reference:>10.2f}")


if __name__ == "__main__":
    main()
