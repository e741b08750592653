"""Garbage-collection pauses in an API process, and the tail of the latencies they make: the
person view at ``--clients`` concurrent clients against an API process whose start-up objects
are frozen, as ``osmosi serve`` builds it (`osmosi.cli.serve.app_from_environment`), and
against the same app not frozen, on the same store in the same run, in turns.

Each API process is a child running uvicorn on the app, recording every collection's
generation and pause (``gc.callbacks``); the clients are `bench.api_latency.measure`. The store
is embedded: ``--posts`` synthetic statuses, enriched and ranked (`bench.api_latency.load`).

    python -m bench.api_gc [--posts 30000] [--clients 8] [--requests 2000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.api_latency import (
    PERSON_VIEW,
    load,
    measure,
    percentile,
    server_env,
    serving,
    viewer_and_people,
)
from bench.backends import open_backend
from tests.helpers.serving import free_port

VARIANTS = ("frozen", "not frozen")


def serve(variant: str, port: int, stats: Path) -> None:
    """The child: the API on ``port`` until terminated; into ``stats``, how many objects are
    frozen, then the pause of each full collection as it ends (uvicorn ends the process
    with the signal that stops it: nothing runs after it)."""
    import uvicorn

    from osmosi.cli.serve import app_from_environment
    from osmosi.runtime import Runtime
    from osmosi.settings import Settings
    from server.app import create_app

    app = app_from_environment() if variant == "frozen" else create_app(Runtime(Settings()))
    out = stats.open("w", encoding="utf-8")
    out.write(f"{gc.get_freeze_count()}\n")
    out.flush()
    started = [0.0]

    def record(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        elif info["generation"] == 2:
            out.write(f"{time.perf_counter() - started[0]}\n")
            out.flush()

    gc.callbacks.append(record)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def run_variant(
    variant: str, env: dict[str, str], handles: list[dict[str, str]], key: str, args: Any
) -> dict[str, Any]:
    port = free_port()
    with tempfile.NamedTemporaryFile(suffix=".txt") as stats:
        child = serving(
            subprocess.Popen(
                [sys.executable, "-m", "bench.api_gc", "--serve", variant, str(port), stats.name],
                env=env,
            ),
            port,
        )
        try:
            url = f"http://127.0.0.1:{port}/graphql"
            asyncio.run(measure(url, key, PERSON_VIEW, handles, 4, 100))  # warm-up
            began = time.perf_counter()
            latencies = asyncio.run(
                measure(url, key, PERSON_VIEW, handles, args.clients, args.requests)
            )
            seconds = time.perf_counter() - began
        finally:
            child.terminate()
            child.wait(timeout=60)
        frozen, *pauses = Path(stats.name).read_text().split()
    full = [float(pause) for pause in pauses]
    return {
        "variant": variant,
        "frozen objects": int(frozen),
        "requests/s": len(latencies) / seconds,
        "p50 ms": statistics.median(latencies) * 1e3,
        "p95 ms": percentile(latencies, 95) * 1e3,
        "p99 ms": percentile(latencies, 99) * 1e3,
        "full collections": len(full),
        "their median pause ms": statistics.median(full) * 1e3 if full else 0.0,
        "their longest pause ms": max(full) * 1e3 if full else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=30_000)
    parser.add_argument("--people", type=int, default=6_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--serve", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        variant, port, stats = args.serve
        serve(variant, int(port), Path(stats))
        return

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        store = open_backend("embedded", workdir)
        load(store, args.posts, args.people)
        key, handles = viewer_and_people(store)
        store.close()
        env = server_env("embedded", workdir)
        env.update(OSMOSI_LOG_LEVEL="WARNING", OSMOSI_RATE_LIMIT_PER_MINUTE="0")
        rows = [
            run_variant(variant, env, handles, key, args)
            for _ in range(args.repeat)
            for variant in VARIANTS
        ]
    print(f"person view (360°), {args.clients} clients, {args.requests} requests a row")
    widths = [max(len(name), 10) + 2 for name in rows[0]]
    print("".join(f"{name:>{width}}" for name, width in zip(rows[0], widths, strict=True)))
    for row in rows:
        print(
            "".join(
                f"{value:>{width}.1f}" if isinstance(value, float) else f"{value:>{width}}"
                for value, width in zip(row.values(), widths, strict=True)
            )
        )


if __name__ == "__main__":
    main()
