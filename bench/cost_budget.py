"""Cheap reads while other keys send expensive operations: the latency of ``{ stats { people }
}`` from one key while four other keys each keep sending (a) the issue's over-budget operation
(30 aliased ``ambassadorShortlist``s), (b) operations within budget that still compute views
(a shortlist, a recomputed ``influencerMap`` and ``influencers``), and (c) the over-budget one
with the budget check turned off (a budget no operation reaches), as before the cost model.

The reference is the same read with nothing else running, in the same run. The store gets
``--posts`` synthetic Mastodon statuses through the real ingest pipeline (as in
`bench.api_latency`), then ``osmosi rank``; ``osmosi serve`` runs as its own process with
the rate limit off (so that every request of the four keys is a real attempt).

    python -m bench.cost_budget [--posts 12000] [--backend embedded|neo4j] [--seconds 15]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bench.api_latency import load, percentile, serve, server_env
from bench.backends import open_backend
from graph.model.access import Role, create_key
from tests.helpers.serving import free_port

CHEAP = "{ stats { people } }"
SHORTLISTS = (
    "{ "
    + " ".join(
        f"a{i}: ambassadorShortlist(size: {50 - i}, maxPerCommunity: 1) {{ expectedReach }}"
        for i in range(30)
    )
    + " }"
)


def within_budget(topic: str) -> list[str]:
    return [
        "{ ambassadorShortlist(size: 50, maxPerCommunity: 1) { expectedReach } }",
        f'{{ influencerMap(first: 200, topic: "{topic}") {{ truncated nodes {{ score }} }} }}',
        f'{{ influencers(first: 50, topic: "{topic}") {{ score }} }}',
    ]


async def cheap_reads(url: str, key: str, seconds: float, pause: float = 0.2) -> list[float]:
    """Latencies (s) of one client sending the cheap read for ``seconds``, a pause apart."""
    latencies: list[float] = []
    ends = time.monotonic() + seconds
    async with httpx.AsyncClient(headers={"Authorization": f"Bearer {key}"}, timeout=120) as c:
        while time.monotonic() < ends:
            started = time.perf_counter()
            answer = (await c.post(url, json={"query": CHEAP})).json()
            latencies.append(time.perf_counter() - started)
            if answer.get("errors"):
                raise SystemExit(f"the cheap read failed: {answer}")
            await asyncio.sleep(pause)
    return latencies


async def under_load(
    url: str, cheap_key: str, heavy_keys: list[str], queries: list[str], seconds: float
) -> tuple[list[float], Counter[str]]:
    """The cheap read's latencies while each heavy key keeps sending ``queries`` in turn;
    and how the heavy requests were answered (by error code, or "ok")."""
    outcomes: Counter[str] = Counter()
    stop = asyncio.Event()

    async def heavy(key: str, offset: int) -> None:
        headers = {"Authorization": f"Bearer {key}"}
        async with httpx.AsyncClient(headers=headers, timeout=300) as client:
            sent = offset
            while not stop.is_set():
                query = queries[sent % len(queries)]
                sent += 1
                try:
                    answer = (await client.post(url, json={"query": query})).json()
                except httpx.TimeoutException:
                    outcomes["client timeout"] += 1
                    continue
                errors = answer.get("errors") or []
                codes = {(e.get("extensions") or {}).get("code", "error") for e in errors}
                outcomes[",".join(sorted(codes)) or "ok"] += 1

    tasks = [asyncio.create_task(heavy(key, i)) for i, key in enumerate(heavy_keys)]
    await asyncio.sleep(1)  # let the heavy requests start first
    latencies = await cheap_reads(url, cheap_key, seconds)
    stop.set()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return latencies, outcomes


def timed(url: str, key: str, query: str) -> float:
    started = time.perf_counter()
    answer = httpx.post(
        url, json={"query": query}, headers={"Authorization": f"Bearer {key}"}, timeout=300
    ).json()
    if answer.get("errors"):
        raise SystemExit(f"failed: {answer}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=12_000)
    parser.add_argument("--people", type=int, default=2_400)
    parser.add_argument("--backend", default="embedded", choices=("neo4j", "embedded"))
    parser.add_argument("--seconds", type=float, default=15.0, help="per scenario")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        store = open_backend(args.backend, workdir)
        load(store, args.posts, args.people)
        now = datetime.now(UTC)
        cheap_key = create_key(store, Role.VIEWER, "cheap", now)[1]
        heavy_keys = [create_key(store, Role.VIEWER, f"heavy {i}", now)[1] for i in range(4)]
        store.close()

        env = server_env(args.backend, workdir)
        # Every heavy request is a real attempt; and the cache would answer repeats.
        env.update(OSMOSI_RATE_LIMIT_PER_MINUTE="0", OSMOSI_RANKING_CACHE_SECONDS="0")
        rows: list[tuple[str, list[float], Counter[str]]] = []
        single: dict[str, float] = {}
        for budget_off in (False, True):
            if budget_off:
                env["OSMOSI_QUERY_BUDGET_VIEWER"] = str(10**9)
            port = free_port()
            server = serve(env, port, workdir)
            url = f"http://127.0.0.1:{port}/graphql"
            try:
                if not budget_off:
                    topics = httpx.post(
                        url,
                        json={"query": "{ topics(first: 1) { key } }"},
                        headers={"Authorization": f"Bearer {cheap_key}"},
                    ).json()["data"]["topics"]
                    views = within_budget(topics[0]["key"] if topics else "bike")
                    for query in views:  # alone, once warm: what each costs in time
                        timed(url, cheap_key, query)
                        single[query] = timed(url, cheap_key, query)
                    reference = asyncio.run(cheap_reads(url, cheap_key, args.seconds))
                    rows.append(("reference: nothing else running", reference, Counter()))
                    rows.append(
                        (
                            "(a) 4 keys over budget",
                            *asyncio.run(
                                under_load(url, cheap_key, heavy_keys, [SHORTLISTS], args.seconds)
                            ),
                        )
                    )
                    rows.append(
                        (
                            "(b) 4 keys within budget",
                            *asyncio.run(
                                under_load(url, cheap_key, heavy_keys, views, args.seconds)
                            ),
                        )
                    )
                else:
                    rows.append(
                        (
                            "(c) as (a), budget check off",
                            *asyncio.run(
                                under_load(url, cheap_key, heavy_keys, [SHORTLISTS], args.seconds)
                            ),
                        )
                    )
            finally:
                server.terminate()
                server.wait(timeout=60)

    print(f"\n{args.backend} store, {args.posts} posts; each view alone:")
    for query, seconds in single.items():
        print(f"  {seconds * 1e3:8.0f} ms  {query[:80]}")
    base = statistics.median(rows[0][1])
    print(f"\n`{CHEAP}` latency in ms; ratio = p50 / reference p50")
    print(f"{'scenario':<34}{'n':>5}{'p50':>9}{'p95':>9}{'max':>9}{'ratio':>8}  heavy answers")
    for name, latencies, outcomes in rows:
        p50 = statistics.median(latencies)
        print(
            f"{name:<34}{len(latencies):>5}{p50 * 1e3:>9.1f}"
            f"{percentile(latencies, 95) * 1e3:>9.1f}{max(latencies) * 1e3:>9.1f}"
            f"{p50 / base:>8.1f}  {dict(outcomes)}"
        )


if __name__ == "__main__":
    main()
