"""Sustained load: 50 concurrent users for 10 minutes of mixed reads and writes against
``osmosi serve --workers 2`` on Neo4j, with the 100k-post world.

Each simulated user has a key of their own (per-key rate limits apply per user, as in
production) and sends its next request when the previous answer arrives (with ``--think``,
after a pause of that many seconds on average, as a person reading the answer would),
drawing the operation from a fixed mix: the person view, influencers, the influencer map,
people search, a thread, moving a person in the advocacy programme and answering a
conversation from the response queue. Every answer is checked: an HTTP status other than 200
or a GraphQL error is an error. The API processes' resident memory (the ``serve`` process
and its workers) is sampled throughout, so a leak shows as a slope. A reference operation
that touches no store (``{ __typename }``) is measured at the same concurrency before the
run, so the latencies can be read against this machine's HTTP and GraphQL floor.

    python -m bench.api_load [--posts 100000] [--clients 50] [--minutes 10] [--workers 2]
                             [--think SECONDS] [--backend neo4j|embedded] [--reuse]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import io
import os
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bench.api_latency import (
    INFLUENCER_MAP,
    INFLUENCERS,
    PERSON_VIEW,
    REFERENCE,
    percentile,
    serve,
    server_env,
)
from bench.backends import neo4j_store, open_backend
from graph.model.access import Role, create_key
from graph.rankings.service import RankOptions, recompute
from graph.store.contract import GraphStore
from ingestion.parsers import parser_for
from ingestion.synthetic import write_mastodon_statuses
from osmosi.runtime import pipeline_for
from osmosi.settings import Settings
from tests.helpers.serving import free_port, process_tree

PEOPLE_SEARCH = """query($search: String!) {
  people(search: $search, first: 20) { totalCount edges { node { id displayName } } } }"""
THREAD = """query($postId: ID!) {
  thread(postId: $postId, first: 200) { truncated posts { id text replyToId createdAt } } }"""
SET_STATUS = """mutation($personId: ID!, $status: AdvocateStatus!) {
  setAdvocateStatus(personId: $personId, status: $status, note: "load bench") { status } }"""
ANSWER = """mutation($id: ID!) {
  answerConversation(id: $id, answer: "Thanks, we are on it.") { status } }"""
ASSIGN = """mutation($id: ID!) { assignConversation(id: $id, owner: "bench") { status } }"""
POSTS_OF = """query($handle: String!) {
  personByAccount(platform: "mastodon", handle: $handle) {
    id posts(first: 5) { edges { node { id } } } } }"""
OPEN_QUEUE = """query($after: String) {
  responseQueue(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { id post { id } } } } }"""

# Share of each operation in the mix (reads 85 %, writes 15 %).
MIX = {
    "person view": 30,
    "influencers": 12,
    "influencer map": 8,
    "people search": 15,
    "thread": 20,
    "programme status": 8,
    "answer": 7,
}
STATUSES = ("CANDIDATE", "INVITED", "ACTIVE", "PAUSED")


@dataclass
class Targets:
    """What the operations act on, read through the public API before the run."""

    handles: list[str]
    person_ids: list[str]
    post_ids: list[str]
    to_answer: collections.deque[str]
    to_assign: list[str]


@dataclass
class Outcome:
    latencies: dict[str, list[float]] = field(default_factory=lambda: collections.defaultdict(list))
    errors: collections.Counter[str] = field(default_factory=collections.Counter)
    examples: list[str] = field(default_factory=list)


def load(store: GraphStore, posts: int, people: int) -> None:
    """The synthetic world through the pipeline ``osmosi ingest`` uses (enrichment, routing
    into the response queue, alerts), then a ranking."""
    statuses = io.StringIO()
    write_mastodon_statuses(statuses, posts, people=people)
    parser = parser_for("mastodon")
    pipeline = pipeline_for(Settings(), store)
    started = time.perf_counter()
    counts = pipeline.ingest(parser.read(io.BytesIO(statuses.getvalue().encode())), parser, "b")
    print(f"loaded {counts.stored} posts in {time.perf_counter() - started:.0f} s", flush=True)
    recompute(store, datetime.now(UTC), RankOptions())


def world(backend: str, workdir: Path, reuse: bool, posts: int, people: int) -> GraphStore:
    """The store the bench serves: loaded (`load`), or with ``reuse`` the test Neo4j as a
    previous run left it."""
    if reuse and backend == "neo4j":
        return neo4j_store()
    store = open_backend(backend, workdir)
    load(store, posts, people)
    return store


def influencer_handles(store: GraphStore) -> list[str]:
    """A handle of each of the 2,000 strongest influencers, in a fixed random order."""
    top = store.top_people("influence", 2000)
    accounts = store.accounts_of([person for person, _ in top])
    handles = [accs[0].handle for accs in accounts.values() if accs]
    random.Random(0).shuffle(handles)
    return handles


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU seconds the processes ``pids`` have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def api_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    total = 0
    for current in process_tree(pid):
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{current}/status").read_text()
            total += next(
                int(line.split()[1]) * 1024
                for line in status.splitlines()
                if line.startswith("VmRSS")
            )
    return total


async def post(client: httpx.AsyncClient, url: str, query: str, **variables: Any) -> Any:
    response = await client.post(url, json={"query": query, "variables": variables})
    response.raise_for_status()
    answer = response.json()
    if answer.get("errors"):
        raise RuntimeError(answer["errors"][0].get("message", "error"))
    return answer["data"]


async def gather_targets(url: str, manager_key: str, handles: list[str]) -> Targets:
    headers = {"Authorization": f"Bearer {manager_key}"}
    async with httpx.AsyncClient(headers=headers, timeout=60) as client:
        person_ids, post_ids = [], []
        for handle in handles[:300]:
            person = (await post(client, url, POSTS_OF, handle=handle))["personByAccount"]
            if person:
                person_ids.append(person["id"])
                post_ids += [edge["node"]["id"] for edge in person["posts"]["edges"]]
        queue: list[str] = []
        after = None
        while len(queue) < 20_000:
            page = (await post(client, url, OPEN_QUEUE, after=after))["responseQueue"]
            queue += [edge["node"]["id"] for edge in page["edges"]]
            post_ids += [e["node"]["post"]["id"] for e in page["edges"] if e["node"]["post"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
    # A tenth of the queue is only ever assigned, so writes never run out of open conversations.
    reserved = max(1, len(queue) // 10)
    return Targets(
        handles, person_ids, post_ids, collections.deque(queue[reserved:]), queue[:reserved]
    )


def request_for(operation: str, targets: Targets, rng: random.Random) -> tuple[str, dict[str, Any]]:
    if operation == "person view":
        return PERSON_VIEW, {"handle": rng.choice(targets.handles)}
    if operation == "influencers":
        return INFLUENCERS, {}
    if operation == "influencer map":
        return INFLUENCER_MAP, {}
    if operation == "people search":
        handle = rng.choice(targets.handles)
        start = rng.randrange(max(1, len(handle) - 3))
        return PEOPLE_SEARCH, {"search": handle[start : start + 4]}
    if operation == "thread":
        return THREAD, {"postId": rng.choice(targets.post_ids)}
    if operation == "programme status":
        return SET_STATUS, {
            "personId": rng.choice(targets.person_ids),
            "status": rng.choice(STATUSES),
        }
    if targets.to_answer:
        return ANSWER, {"id": targets.to_answer.popleft()}
    return ASSIGN, {"id": rng.choice(targets.to_assign)}


async def user(
    url: str,
    key: str,
    targets: Targets,
    seed: int,
    deadline: float,
    think: float,
    outcome: Outcome,
) -> None:
    """One user: a request, its answer, then (with ``think``) a pause of that many seconds
    on average (exponentially distributed) before the next."""
    rng = random.Random(seed)
    operations, weights = list(MIX), list(MIX.values())
    async with httpx.AsyncClient(headers={"Authorization": f"Bearer {key}"}, timeout=120) as client:
        while time.monotonic() < deadline:
            operation = rng.choices(operations, weights)[0]
            query, variables = request_for(operation, targets, rng)
            started = time.perf_counter()
            try:
                response = await client.post(url, json={"query": query, "variables": variables})
                failure = (
                    f"HTTP {response.status_code}"
                    if response.status_code != 200
                    else (response.json().get("errors") or [{}])[0].get("message")
                )
            except httpx.HTTPError as error:
                failure = type(error).__name__
            outcome.latencies[operation].append(time.perf_counter() - started)
            if failure:
                outcome.errors[operation] += 1
                if len(outcome.examples) < 5:
                    outcome.examples.append(f"{operation}: {failure}")
            if think:
                await asyncio.sleep(rng.expovariate(1 / think))


async def sample_memory(pid: int, samples: list[tuple[float, int]], stop: asyncio.Event) -> None:
    started = time.monotonic()
    while not stop.is_set():
        samples.append((time.monotonic() - started, api_rss(pid)))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=15)
    samples.append((time.monotonic() - started, api_rss(pid)))


async def reference(url: str, keys: list[str], seconds: float) -> list[float]:
    """Latencies of ``{ __typename }``, one user per key, for ``seconds``."""
    latencies: list[float] = []
    deadline = time.monotonic() + seconds

    async def one(key: str) -> None:
        headers = {"Authorization": f"Bearer {key}"}
        async with httpx.AsyncClient(headers=headers, timeout=60) as client:
            while time.monotonic() < deadline:
                started = time.perf_counter()
                await client.post(url, json={"query": REFERENCE})
                latencies.append(time.perf_counter() - started)

    await asyncio.gather(*(one(key) for key in keys))
    return latencies


async def run_load(
    url: str, keys: list[str], targets: Targets, minutes: float, think: float, pid: int
) -> tuple[Outcome, list[tuple[float, int]], float, list[float]]:
    outcome, stop = Outcome(), asyncio.Event()
    samples: list[tuple[float, int]] = []
    workers = process_tree(pid)[1:]
    cpu_before = [cpu_seconds([worker]) for worker in workers]
    sampler = asyncio.create_task(sample_memory(pid, samples, stop))
    started = time.monotonic()
    deadline = started + minutes * 60
    await asyncio.gather(
        *(user(url, key, targets, seed, deadline, think, outcome) for seed, key in enumerate(keys))
    )
    elapsed = time.monotonic() - started
    cpu = [cpu_seconds([w]) - before for w, before in zip(workers, cpu_before, strict=True)]
    stop.set()
    await sampler
    return outcome, samples, elapsed, cpu


def report(
    outcome: Outcome,
    samples: list[tuple[float, int]],
    elapsed: float,
    floor: list[float],
    cpu: list[float],
) -> None:
    everything = [s for latencies in outcome.latencies.values() for s in latencies]
    errors = sum(outcome.errors.values())
    rate = len(everything) / elapsed
    print(f"\n{len(everything)} requests in {elapsed:.0f} s ({rate:.0f} req/s)")
    print(f"errors: {errors}" + "".join(f"\n  {example}" for example in outcome.examples))
    floor_p50 = statistics.median(floor) * 1e3
    print(f"reference {{ __typename }} at the same concurrency: p50 {floor_p50:.1f} ms")
    print(f"{'operation':<20}{'requests':>9}{'errors':>8}{'p50':>9}{'p95':>9}{'p99':>9}  (ms)")
    rows = [*outcome.latencies.items(), ("all", everything)]
    for name, latencies in rows:
        failed = errors if name == "all" else outcome.errors[name]
        print(
            f"{name:<20}{len(latencies):>9}{failed:>8}{statistics.median(latencies) * 1e3:>9.1f}"
            f"{percentile(latencies, 95) * 1e3:>9.1f}{percentile(latencies, 99) * 1e3:>9.1f}"
        )
    mib = [rss / 2**20 for _, rss in samples]
    print(
        f"API memory (serve + workers, RSS): start {mib[0]:.0f} MiB, end {mib[-1]:.0f} MiB, "
        f"max {max(mib):.0f} MiB; each minute: " + " ".join(f"{m:.0f}" for m in mib[::4])
    )
    # Uneven shares mean connections were not spread over the processes.
    print(
        "API CPU of each worker process, share of one core: "
        + " ".join(f"{seconds / elapsed:.2f}" for seconds in sorted(cpu, reverse=True))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--backend", default="neo4j", choices=("neo4j", "embedded"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2, help="API processes")
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean seconds a user waits between requests"
    )
    parser.add_argument("--reuse", action="store_true", help="keep the loaded Neo4j store")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        store = world(args.backend, workdir, args.reuse, args.posts, args.people)
        now = datetime.now(UTC)
        keys = [create_key(store, Role.MANAGER, f"user {n}", now)[1] for n in range(args.clients)]
        handles = influencer_handles(store)
        store.close()

        env = server_env(args.backend, workdir)
        port = free_port()
        server = serve(env, port, workdir, args.workers)
        url = f"http://127.0.0.1:{port}/graphql"
        try:
            targets = asyncio.run(gather_targets(url, keys[0], handles))
            print(
                f"targets: {len(targets.handles)} handles, {len(targets.post_ids)} posts, "
                f"{len(targets.to_answer) + len(targets.to_assign)} open conversations",
                flush=True,
            )
            floor = asyncio.run(reference(url, keys, 20))
            outcome, samples, elapsed, cpu = asyncio.run(
                run_load(url, keys, targets, args.minutes, args.think, server.pid)
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(outcome, samples, elapsed, floor, cpu)


if __name__ == "__main__":
    main()
