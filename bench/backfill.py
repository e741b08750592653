"""History into Neo4j: ``osmosi backfill`` (files, offline import, start, finish) against
``osmosi ingest`` of the same statuses in the same run.

Both run the commands users run, with their defaults (enrichment off, as in
``bench.ingest_mastodon``, unless ``--enrich``). The ingest goes into the test server
(``OSMOSI_TEST_NEO4J_URI``, wiped first); the backfill's files are imported into a new Neo4j
home, served by a second Neo4j from the launcher's jars, and finished there. Each step's
seconds, posts/s over the whole, the ratio to the ingest, and the two databases' counts.

    python -m bench.backfill [--posts 1000000] [--people 100000] [--enrich]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.backends import neo4j_store
from graph.neo4j import Neo4jGraphStore
from ingestion.synthetic import write_mastodon_statuses
from tests.helpers.neo4j_import import neo4j_on, run_import
from tests.helpers.serving import OSMOSI, clean_env, free_port


def osmosi(env: dict[str, str], *args: str) -> tuple[dict[str, Any], float]:
    """A command's ``--json`` answer, and its seconds."""
    started = time.perf_counter()
    result = subprocess.run([OSMOSI, *args, "--json"], env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"osmosi {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1]), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--enrich", action="store_true", help="enrich (default: off)")
    args = parser.parse_args()
    server = neo4j_store()
    server.clear()
    server.close()
    env = clean_env(
        OSMOSI_NEO4J_URI=os.environ["OSMOSI_TEST_NEO4J_URI"],
        OSMOSI_NEO4J_USER=os.environ.get("OSMOSI_TEST_NEO4J_USER", "neo4j"),
        OSMOSI_NEO4J_PASSWORD=os.environ.get("OSMOSI_TEST_NEO4J_PASSWORD", "osmosi-test"),
        OSMOSI_ENRICH=str(args.enrich).lower(),
    )
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "statuses.jsonl"
        with export.open("w", encoding="utf-8") as out:
            write_mastodon_statuses(out, args.posts, people=args.people)
        print(f"{args.posts} Mastodon statuses ({export.stat().st_size / 1e6:.0f} MB), "
              f"{args.people} people, enrichment {'on' if args.enrich else 'off'}")  # fmt: skip

        files, home = Path(tmp) / "files", Path(tmp) / "home"
        steps: list[tuple[str, float]] = []
        counted, seconds = osmosi(env, "backfill", "files", str(export), "-f", "mastodon",
                                  "--to", str(files))  # fmt: skip
        steps.append(("backfill files", seconds))
        started = time.perf_counter()
        run_import(home, files)
        steps.append(("neo4j-admin import", time.perf_counter() - started))
        port = free_port()
        started = time.perf_counter()
        with neo4j_on(home, port, page_cache_mb=512):
            steps.append(("Neo4j start", time.perf_counter() - started))
            imported_env = {**env, "OSMOSI_NEO4J_URI": f"bolt://127.0.0.1:{port}"}
            _, seconds = osmosi(imported_env, "backfill", "finish", "--to", str(files))
            steps.append(("backfill finish (schema, copies)", seconds))
            imported = _counts(imported_env["OSMOSI_NEO4J_URI"])
        backfill = sum(seconds for _, seconds in steps)

        ingested, ingest = osmosi(env, "ingest", str(export), "-f", "mastodon")
        reference = _counts(env["OSMOSI_NEO4J_URI"])

    print(f"{'step':36} {'seconds':>8}")
    for name, seconds in steps:
        print(f"{name:36} {seconds:8.1f}")
    print(f"{'run':36} {'seconds':>8} {'posts/s':>8} {'vs ingest':>9}")
    for name, seconds in (("osmosi backfill (all steps)", backfill), ("osmosi ingest", ingest)):
        print(f"{name:36} {seconds:8.1f} {args.posts / seconds:8.0f} {ingest / seconds:9.2f}")
    keys = ("read", "stored", "duplicates", "rejected")
    print(
        "counts  backfill", {k: counted[k] for k in keys}, " ingest", {k: ingested[k] for k in keys}
    )
    print("stored  backfill", imported, " ingest", reference)
    if imported != reference or any(counted[k] != ingested[k] for k in keys):
        sys.exit("the backfill and the ingest disagree")


def _counts(uri: str) -> dict[str, int]:
    store = Neo4jGraphStore(uri, "neo4j", os.environ.get("OSMOSI_TEST_NEO4J_PASSWORD", "x"))
    try:
        return asdict(store.counts())
    finally:
        store.close()


if __name__ == "__main__":
    main()
