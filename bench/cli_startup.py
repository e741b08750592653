"""How long ``osmosi`` takes to start: ``osmosi --help`` and ``osmosi stats`` (on the embedded
store, with a small demo loaded in a temporary directory), each run as a user runs it, in a
fresh process, ``--runs`` times (20 by default).

References in the same run, interleaved with the commands so that the machine's load falls
on all alike: ``python -c pass`` (the interpreter's floor) and ``python -c "import spacy"``
(what one heavy import costs: what every command paid before its imports were made lazy).
Reported: median and p90 wall seconds per command, the median's ratio to each reference,
and the median CPU seconds (user and system) of the process, which a busy machine inflates
less than the wall time. Target (issue 18): ``--help`` and ``stats`` under 1 s (median).

With ``--neo4j-uri``, ``osmosi stats`` runs on that Neo4j as it is (user and password from
``OSMOSI_NEO4J_USER`` and ``OSMOSI_NEO4J_PASSWORD``): what each command's start costs on a
large graph, where every process opens the store and sets up its schema.

    python -m bench.cli_startup [--runs 20] [--neo4j-uri bolt://host:7687] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graph.embedded import EmbeddedGraphStore
from ingestion.demo import load_demo
from ingestion.pipeline import Pipeline
from osmosi.runtime import open_store
from osmosi.settings import Settings

OSMOSI = str(Path(sys.executable).with_name("osmosi"))
TARGET_S = 1.0
DEMO_SCALE = 0.05


def commands() -> dict[str, list[str]]:
    """Each measured command line by name, references first."""
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import spacy'": [sys.executable, "-c", "import spacy"],
        "osmosi --help": [OSMOSI, "--help"],
        "osmosi stats": [OSMOSI, "stats"],
    }


def small_store(data_dir: Path) -> int:
    """Load a small demo into an embedded store at ``data_dir``; its number of posts."""
    store = EmbeddedGraphStore(data_dir)
    try:
        store.ensure_schema()
        load_demo(Pipeline(store), scale=DEMO_SCALE)
        return store.counts().posts
    finally:
        store.close()


def neo4j_posts(uri: str) -> int:
    """The posts of the Neo4j at ``uri``, opened as ``osmosi`` opens it (schema included)."""
    store = open_store(Settings(neo4j_uri=uri))
    try:
        return store.counts().posts
    finally:
        store.close()


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``argv``."""
    started, cpu = time.perf_counter(), _cpu()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started, _cpu() - cpu


def measure(runs: int, env: dict[str, str]) -> dict[str, list[tuple[float, float]]]:
    """Wall and CPU seconds per run of every command, the commands taking turns (after one
    unmeasured round, which warms the file cache)."""
    lines = commands()
    seconds: dict[str, list[tuple[float, float]]] = {name: [] for name in lines}
    for round_ in range(runs + 1):
        for name, argv in lines.items():
            took = run_once(argv, env)
            if round_:
                seconds[name].append(took)
    return seconds


def p90(values: list[float]) -> float:
    """The 90th percentile (exclusive method).

    >>> p90([float(v) for v in range(1, 11)])
    9.9
    """
    return statistics.quantiles(values, n=10)[-1]


def report(seconds: dict[str, list[tuple[float, float]]]) -> dict[str, dict[str, float]]:
    wall = {name: [w for w, _ in runs] for name, runs in seconds.items()}
    floor = statistics.median(wall["python -c pass"])
    spacy = statistics.median(wall["python -c 'import spacy'"])
    return {
        name: {
            "median_s": round(statistics.median(values), 3),
            "p90_s": round(p90(values), 3),
            "x_floor": round(statistics.median(values) / floor, 2),
            "x_import_spacy": round(statistics.median(values) / spacy, 2),
            "cpu_median_s": round(statistics.median(c for _, c in seconds[name]), 3),
        }
        for name, values in wall.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    parser.add_argument("--neo4j-uri", help="Run stats on this Neo4j, as it is.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="osmosi-cli-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("OSMOSI_")}
        if args.neo4j_uri:
            env.update({k: v for k, v in os.environ.items() if k.startswith("OSMOSI_NEO4J_")})
            env["OSMOSI_NEO4J_URI"] = args.neo4j_uri
            posts, where = neo4j_posts(args.neo4j_uri), "Neo4j"
        else:
            env["OSMOSI_DATA_DIR"] = str(Path(tmp) / "data")
            posts, where = small_store(Path(env["OSMOSI_DATA_DIR"])), "embedded"
        rows = report(measure(args.runs, env))
    if args.json:
        print(json.dumps({"runs": args.runs, "store": where, "posts": posts, "commands": rows}))
        return
    print(f"{args.runs} runs each, fresh processes; stats on a {where} store of {posts} posts")
    header = f"{'command':<26} {'median s':>9} {'p90 s':>7} {'x floor':>8} {'x spacy':>8}"
    print(f"{header} {'cpu s':>6}  target")
    for name, row in rows.items():
        target = ""
        if name.startswith("osmosi"):
            target = "met" if row["median_s"] < TARGET_S else f"NOT met (< {TARGET_S:g} s)"
        print(
            f"{name:<26} {row['median_s']:>9.3f} {row['p90_s']:>7.3f} "
            f"{row['x_floor']:>8.2f} {row['x_import_spacy']:>8.2f} "
            f"{row['cpu_median_s']:>6.3f}  {target}"
        )


if __name__ == "__main__":
    main()
