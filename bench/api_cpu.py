"""Where a request's time goes: the CPU each operation costs the API process and Neo4j's JVM.

For each operation of `bench.api_load`'s mix, and ``{ __typename }`` (no store: the
floor), one client sends ``--requests`` of them one after another (after 20 unmeasured)
against ``osmosi serve`` on Neo4j with the 100k-post world, and the CPU time of the API
processes and of the JVM is read from ``/proc`` before and after: milliseconds of CPU per
request in each, beside the median latency. Under load, requests per second is about the
machine's cores divided by the sum of the two (plus the load generator's own), so this says
which side to make cheaper, and for which operation.

The JVM is the dev services' Neo4j (``services/dev-services.sh``, its pid in
``.services/neo4j/pid``) unless ``--jvm-pid`` names another; the test server from
``OSMOSI_TEST_NEO4J_URI`` is its database, wiped and loaded first (``--reuse`` keeps what a
previous run of this or `bench.api_load` loaded).

    python -m bench.api_cpu [--requests 200] [--jvm-pid PID] [--reuse]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import httpx

from bench.api_latency import REFERENCE, serve, server_env
from bench.api_load import (
    MIX,
    cpu_seconds,
    gather_targets,
    influencer_handles,
    request_for,
    world,
)
from graph.model.access import Role, create_key
from tests.helpers.serving import free_port, process_tree

DEV_NEO4J_PID = Path(__file__).resolve().parents[1] / ".services" / "neo4j" / "pid"


async def measure(
    url: str,
    key: str,
    send: Callable[[], tuple[str, dict[str, Any]]],
    requests: int,
    api: int,
    jvm: int | None,
) -> tuple[float, float, float | None]:
    """Median latency (ms), and ms of API and JVM CPU per request."""
    latencies = []
    async with httpx.AsyncClient(headers={"Authorization": f"Bearer {key}"}, timeout=60) as client:

        async def one() -> float:
            query, variables = send()
            started = time.perf_counter()
            response = await client.post(url, json={"query": query, "variables": variables})
            seconds = time.perf_counter() - started
            if response.status_code != 200 or response.json().get("errors"):
                raise SystemExit(f"{query[:40]!r} failed: {response.text[:200]}")
            return seconds

        for _ in range(20):
            await one()
        servers = process_tree(api)
        api_before, jvm_before = cpu_seconds(servers), cpu_seconds([jvm] if jvm else [])
        for _ in range(requests):
            latencies.append(await one())
        api_used = (cpu_seconds(servers) - api_before) / requests * 1e3
        jvm_used = (cpu_seconds([jvm]) - jvm_before) / requests * 1e3 if jvm else None
    return statistics.median(latencies) * 1e3, api_used, jvm_used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--jvm-pid", type=int, default=None, help="default: the dev services'")
    parser.add_argument("--reuse", action="store_true", help="keep the loaded Neo4j store")
    args = parser.parse_args()
    jvm = args.jvm_pid
    if jvm is None and DEV_NEO4J_PID.exists():
        jvm = int(DEV_NEO4J_PID.read_text())

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        store = world("neo4j", workdir, args.reuse, args.posts, args.people)
        key = create_key(store, Role.MANAGER, "api cpu bench", datetime.now(UTC))[1]
        handles = influencer_handles(store)
        store.close()

        port = free_port()
        server = serve(server_env("neo4j", workdir), port, workdir, 1)
        url = f"http://127.0.0.1:{port}/graphql"
        rows = []
        try:
            targets = asyncio.run(gather_targets(url, key, handles))
            rng = random.Random(1)
            operations: dict[str, Callable[[], tuple[str, dict[str, Any]]]] = {
                "{ __typename }": lambda: (REFERENCE, {}),
                **{name: partial(request_for, name, targets, rng) for name in MIX},
            }
            for name, send in operations.items():
                rows.append(
                    (name, *asyncio.run(measure(url, key, send, args.requests, server.pid, jvm)))
                )
        finally:
            server.terminate()
            server.wait(timeout=30)

    print(f"{args.requests} requests per operation, one client, osmosi serve on Neo4j")
    print(f"{'operation':<20}{'p50 ms':>9}{'API CPU ms':>12}{'JVM CPU ms':>12}")
    for name, p50, api, jvm_ms in rows:
        jvm_text = f"{jvm_ms:>12.2f}" if jvm_ms is not None else f"{'-':>12}"
        print(f"{name:<20}{p50:>9.1f}{api:>12.2f}{jvm_text}")


if __name__ == "__main__":
    main()
