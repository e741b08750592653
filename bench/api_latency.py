"""GraphQL latency under concurrent clients: the person view, ``influencers(first: 50)`` and
``influencerMap(first: 200)``, against ``osmosi serve`` on a loaded store.

The store gets ``--posts`` synthetic Mastodon statuses through the real ingest pipeline
(enriched), then ``osmosi rank``. ``osmosi serve`` runs as its own process, as in
production; the clients are httpx on asyncio in this process, each sending its next request
when the previous answer arrives. A reference operation that touches no store
(``{ __typename }``) is measured the same way, so the ratios say what the store work costs
over the HTTP and GraphQL floor on this machine. The person view is measured twice: the
issue's example (accounts and a page of posts) and the whole 360° view. Neo4j is the server at
``OSMOSI_TEST_NEO4J_URI`` (its database is wiped unless ``--reuse``).

    python -m bench.api_latency [--posts 100000] [--backend neo4j|embedded] [--requests 400]
                                [--clients 1,8,32] [--workers N] [--reuse] [--only NAME]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bench.backends import neo4j_store, open_backend
from graph.model.access import Role, create_key
from graph.rankings.service import RankOptions, recompute
from graph.store.contract import GraphStore
from ingestion.enrichment.analyzer import analyzer_for
from ingestion.parsers import parser_for
from ingestion.pipeline import Pipeline
from ingestion.synthetic import write_mastodon_statuses
from tests.helpers.serving import free_port

# The example of the person view, and the whole 360° view.
PERSON_EXAMPLE = """query($handle: String!) {
  personByAccount(platform: "mastodon", handle: $handle) {
    id accounts { handle } posts(first: 20) { edges { node { id text } } } } }"""
PERSON_VIEW = """query($handle: String!) {
  personByAccount(platform: "mastodon", handle: $handle) {
    id displayName communityId advocacyClass
    accounts { handle followers }
    scores { name value factors { name value } }
    posts(first: 20) { totalCount edges { node { id text createdAt sentiment { label score } } } }
    topics(first: 5) { key posts }
    sentiment { overall { posts sentiment } touchpoints { key posts sentiment } }
    interactsWith(first: 10) { weight person { id displayName } }
    programme { status }
  }
}"""
INFLUENCERS = """{ influencers(first: 50) { score factors { name value }
  person { id displayName accounts { handle } } } }"""
INFLUENCER_MAP = """{ influencerMap(first: 200) { truncated
  nodes { person { id } score communityId } edges { source target weight } } }"""
REFERENCE = "{ __typename }"


def load(store: GraphStore, posts: int, people: int) -> None:
    statuses = io.StringIO()
    write_mastodon_statuses(statuses, posts, people=people)
    parser = parser_for("mastodon")
    pipeline = Pipeline(store, enrich=analyzer_for().enrich)
    started = time.perf_counter()
    counts = pipeline.ingest(parser.read(io.BytesIO(statuses.getvalue().encode())), parser, "b")
    print(f"loaded {counts.stored} posts in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    recompute(store, datetime.now(UTC), RankOptions())
    print(f"ranked in {time.perf_counter() - started:.0f} s", flush=True)


def viewer_and_people(store: GraphStore) -> tuple[str, list[dict[str, str]]]:
    """A new viewer key, and the handles of the 1,000 most influential people (the person
    view's variables), shuffled."""
    _, key = create_key(store, Role.VIEWER, "bench", datetime.now(UTC))
    top = store.top_people("influence", 1000)
    accounts = store.accounts_of([person for person, _ in top])
    handles = [{"handle": accs[0].handle} for accs in accounts.values() if accs]
    random.Random(0).shuffle(handles)
    return key, handles


def server_env(backend: str, workdir: Path) -> dict[str, str]:
    """The environment of an ``osmosi serve`` on the store the bench loaded: Neo4j at
    ``OSMOSI_TEST_NEO4J_URI``, or the embedded store under ``workdir``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OSMOSI_")}
    if backend == "neo4j":
        env.update(
            OSMOSI_NEO4J_URI=os.environ["OSMOSI_TEST_NEO4J_URI"],
            OSMOSI_NEO4J_USER=os.environ.get("OSMOSI_TEST_NEO4J_USER", "neo4j"),
            OSMOSI_NEO4J_PASSWORD=os.environ.get("OSMOSI_TEST_NEO4J_PASSWORD", "osmosi-test"),
        )
    else:
        env["OSMOSI_DATA_DIR"] = str(workdir / "embedded")
    return env


def serve(
    env: dict[str, str], port: int, workdir: Path, workers: int = 1
) -> subprocess.Popen[bytes]:
    osmosi = str(Path(sys.executable).with_name("osmosi"))
    process = subprocess.Popen(
        [osmosi, "serve", "--port", str(port), "--workers", str(workers)],
        env={**env, "OSMOSI_LOG_LEVEL": "WARNING"},
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return serving(process, port)


def serving(process: subprocess.Popen[bytes], port: int) -> subprocess.Popen[bytes]:
    """``process`` once the API it runs answers on ``port`` (killed if it never does)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    sys.exit("osmosi serve did not start")


async def measure(
    url: str, key: str, query: str, variables: list[dict[str, str]], clients: int, total: int
) -> list[float]:
    """Latencies (s) of ``total`` requests sent by ``clients`` concurrent clients."""
    latencies: list[float] = []
    sent = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        headers={"Authorization": f"Bearer {key}"}, limits=limits, timeout=60
    ) as client:

        async def one_client() -> None:
            nonlocal sent
            while sent < total:
                body = {"query": query, "variables": variables[sent % len(variables)]}
                sent += 1
                started = time.perf_counter()
                response = await client.post(url, json=body)
                latencies.append(time.perf_counter() - started)
                answer = response.json()
                if response.status_code != 200 or answer.get("errors"):
                    raise SystemExit(f"request failed: {response.status_code} {answer}")

        await asyncio.gather(*(one_client() for _ in range(clients)))
    return latencies


def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--backend", default="neo4j", choices=("neo4j", "embedded"))
    parser.add_argument("--requests", type=int, default=400, help="per operation and level")
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--reuse", action="store_true", help="keep the loaded store")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="API processes")
    parser.add_argument("--only", default="", help="measure only operations containing this")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        store: GraphStore
        if args.reuse and args.backend == "neo4j":
            store = neo4j_store()
        else:
            store = open_backend(args.backend, workdir)
            load(store, args.posts, args.people)
        counts = store.counts()
        print(f"store: {args.backend}, {counts.posts} posts, {counts.people} people", flush=True)
        key, handles = viewer_and_people(store)
        store.close()

        env = server_env(args.backend, workdir)
        port = free_port()
        server = serve(env, port, workdir, args.workers)
        url = f"http://127.0.0.1:{port}/graphql"
        operations: list[tuple[str, str, list[dict[str, str]]]] = [
            ("reference { __typename }", REFERENCE, [{}]),
            ("person view (example)", PERSON_EXAMPLE, handles),
            ("person view (360°)", PERSON_VIEW, handles),
            ("influencers(first: 50)", INFLUENCERS, [{}]),
            ("influencerMap(first: 200)", INFLUENCER_MAP, [{}]),
        ]
        results = []
        try:
            for name, query, variables in operations:
                if args.only and args.only not in name and not name.startswith("ref"):
                    continue
                asyncio.run(measure(url, key, query, variables, 4, 40))  # warm-up
                for clients in (int(c) for c in args.clients.split(",")):
                    started = time.perf_counter()
                    latencies = asyncio.run(
                        measure(url, key, query, variables, clients, args.requests)
                    )
                    seconds = time.perf_counter() - started
                    results.append((name, clients, latencies, len(latencies) / seconds))
                    print(f"  measured {name} at {clients} clients", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)

    reference = {c: statistics.median(lat) for name, c, lat, _ in results if name.startswith("ref")}
    print(
        f"\n{args.requests} requests per row, {args.workers} API process(es); latencies in ms; "
        "ratio = p50 / reference p50"
    )
    print(f"{'operation':<28}{'clients':>8}{'p50':>9}{'p95':>9}{'p99':>9}{'req/s':>9}{'ratio':>8}")
    for name, clients, latencies, rate in results:
        p50 = statistics.median(latencies)
        print(
            f"{name:<28}{clients:>8}{p50 * 1e3:>9.1f}{percentile(latencies, 95) * 1e3:>9.1f}"
            f"{percentile(latencies, 99) * 1e3:>9.1f}{rate:>9.0f}{p50 / reference[clients]:>8.1f}"
        )


if __name__ == "__main__":
    main()
