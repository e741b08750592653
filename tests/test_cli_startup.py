"""What ``osmosi`` loads to start: `--help` and `stats` pay for none of the NLP, the server,
Celery or the ranking (``bench/cli_startup.py`` times them)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from graph.embedded import EmbeddedGraphStore
from graph.store.contract import GraphStore
from tests.helpers.ingest import ingest_fixture
from tests.helpers.serving import OSMOSI, clean_env
from tests.helpers.stores import neo4j_env

# Each costs a tenth of a second or more to import (spaCy alone more than a second).
HEAVY = {
    "spacy",
    "thinc",
    "strawberry",
    "fastapi",
    "starlette",
    "uvicorn",
    "celery",
    "kombu",
    "redis",
    "httpx",
    "networkx",
    "numpy",
    "scipy",
    "sklearn",
    "numba",
    "neo4j",
    "feedparser",
}


def started(args: list[str], env: dict[str, str]) -> tuple[str, set[str]]:
    """What ``osmosi ARGS`` prints, and the top-level packages it imported (from Python's
    own import log)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", OSMOSI, *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    packages = {
        line.rpartition("|")[2].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    return done.stdout, packages


@pytest.mark.parametrize(
    "command", [[], ["ingest"], ["analyze"], ["rank"], ["crm", "import"], ["serve"]]
)
def test_help_imports_no_heavy_package(command: list[str]) -> None:
    shown, packages = started([*command, "--help"], clean_env())
    assert "Usage" in shown
    assert {"typer", "osmosi"} <= packages  # the log was read
    assert packages & HEAVY == set()


def test_ingest_help_still_lists_every_format() -> None:
    from ingestion.parsers import FORMATS

    shown, _ = started(["ingest", "--help"], clean_env())
    assert all(name in shown for name in FORMATS)


def test_stats_opens_only_the_store_it_counts(store: GraphStore, tmp_path: Path) -> None:
    ingest_fixture(store, "mastodon")
    if isinstance(store, EmbeddedGraphStore):
        env, allowed = clean_env(OSMOSI_DATA_DIR=str(tmp_path / "data")), {"sqlite3"}
    else:
        env = clean_env(**neo4j_env())
        allowed = {"neo4j", "numpy"}  # numpy: the driver's own optional import
    shown, packages = started(["stats", "--json"], env)
    counts = json.loads(shown)
    assert counts == asdict(store.counts())
    assert counts["posts"] == 3
    assert allowed <= packages
    assert packages & HEAVY <= allowed
