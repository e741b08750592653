"""Enrichment throughput: language, sentiment, aspects, topics and intent of 100k short posts.

The posts are the texts of the labelled sets in ``../shared/data/sentiment`` (real Italian
and English tweets, repeated to the count asked for), or the demo brand's posts when that
folder is missing. Reported: posts/s in one process and in a pool of worker processes (one
per core, as Celery runs them), the median of per-batch rates, and two references timed in
the same process: language identification alone and spaCy tokenization alone.

    python -m bench.enrich_posts [--posts 100000] [--batch 1000] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from ingestion.demo import generate_world
from ingestion.enrichment import datasets
from ingestion.enrichment.analyzer import Analyzer, analyzer_for
from ingestion.enrichment.language import detect


def corpus(folder: Path, count: int) -> list[str]:
    if folder.exists():
        texts = [t for t, _ in datasets.feel_it(folder)]
        texts += [t for t, _ in datasets.sentipolc(folder, "train")]
        texts += [t for t, _ in datasets.tweeteval(folder, "test")]
    else:
        world = generate_world(datetime.now(UTC))
        texts = [post.text for post in world.posts if post.text]
    return [texts[i % len(texts)] for i in range(count)]


def batches(texts: Sequence[str], size: int) -> list[Sequence[str]]:
    return [texts[i : i + size] for i in range(0, len(texts), size)]


def _analyze(texts: Sequence[str]) -> int:
    return len(analyzer_for().analyze(texts))


def in_process(analyzer: Analyzer, chunks: list[Sequence[str]]) -> tuple[float, list[float]]:
    rates = []
    started = time.perf_counter()
    for chunk in chunks:
        t0 = time.perf_counter()
        analyzer.analyze(chunk)
        rates.append(len(chunk) / (time.perf_counter() - t0))
    return time.perf_counter() - started, rates


def in_pool(workers: int, chunks: list[Sequence[str]]) -> float:
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_analyze, chunks[:workers]))  # warm: pipelines built in every worker
        started = time.perf_counter()
        done = sum(pool.map(_analyze, chunks))
        elapsed = time.perf_counter() - started
    assert done == sum(map(len, chunks))
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/sentiment"))
    args = parser.parse_args()
    texts = corpus(args.data, args.posts)
    chunks = batches(texts, args.batch)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"{len(texts):,} posts, {words:.1f} words on average, batches of {args.batch}")

    analyzer = analyzer_for()
    analyzer.analyze(texts[: args.batch])  # build the pipelines once, as a worker does
    reference = texts[: min(len(texts), 20_000)]
    started = time.perf_counter()
    for text in reference:
        detect(text)
    lid_rate = len(reference) / (time.perf_counter() - started)
    nlp = analyzer.pipeline("it")
    started = time.perf_counter()
    for _ in nlp.pipe(reference, batch_size=args.batch, disable=nlp.pipe_names):
        pass
    token_rate = len(reference) / (time.perf_counter() - started)

    elapsed, rates = in_process(analyzer, chunks)
    one = len(texts) / elapsed
    print(f"one process:   {one:8,.0f} posts/s (median batch {statistics.median(rates):,.0f}/s)")
    pool_rate = len(texts) / in_pool(args.workers, chunks)
    print(f"{args.workers} processes:   {pool_rate:8,.0f} posts/s (ratio {pool_rate / one:.2f})")
    print(
        f"references:    language id alone {lid_rate:,.0f}/s (ratio {one / lid_rate:.2f}), "
        f"spaCy tokenizer alone {token_rate:,.0f}/s (ratio {one / token_rate:.2f})"
    )


if __name__ == "__main__":
    main()
