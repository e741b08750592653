"""The retention setting, applied by `osmosi retention apply`, by the beat's daily task and
by the in-process schedule of a server without Redis."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.embedded.store import EmbeddedGraphStore
from graph.retention.service import retention_cutoff
from graph.store.contract import GraphStore
from ingestion.jobs.celery_app import create_celery
from ingestion.jobs.ledger import ChunkLedger
from ingestion.jobs.retention import PeriodicRetention
from ingestion.jobs.tasks import RETAIN
from ingestion.pipeline import Pipeline
from osmosi.cli import app
from tests.helpers.factories import post, topic_keys

NOW = datetime.now(UTC)


def _aged(store: GraphStore) -> None:
    """One post 400 days old, one from yesterday."""
    store.upsert_posts(
        [
            replace(
                post("old", "ada", "old #vecchio", topics=("vecchio",)),
                created_at=NOW - timedelta(400),
            ),
            replace(post("new", "bob", "new"), created_at=NOW - timedelta(1)),
        ]
    )


def _left(store: GraphStore) -> list[str]:
    return sorted(uid for uid in ("mastodon:old", "mastodon:new") if store.get_post(uid))


def test_the_cli_drops_old_posts_and_says_how_many(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("OSMOSI_NEO4J_URI", "OSMOSI_RETENTION_DAYS"):
        monkeypatch.delenv(name, raising=False)
    with EmbeddedGraphStore(tmp_path) as store:
        store.ensure_schema()
        _aged(store)
    runner = CliRunner()
    refused = runner.invoke(app, ["retention", "apply", "--data-dir", str(tmp_path)])
    assert refused.exit_code == 2
    done = runner.invoke(
        app, ["retention", "apply", "--days", "365", "--json", "--data-dir", str(tmp_path)]
    )
    assert done.exit_code == 0, done.output
    summary = json.loads(done.stdout)
    assert (summary["days"], summary["posts_dropped"]) == (365, 1)
    assert datetime.fromisoformat(summary["cutoff"]) < NOW - timedelta(364)
    monkeypatch.setenv("OSMOSI_RETENTION_DAYS", "365")
    again = runner.invoke(app, ["retention", "apply", "--json", "--data-dir", str(tmp_path)])
    assert json.loads(again.stdout)["posts_dropped"] == 0
    with EmbeddedGraphStore(tmp_path) as store:
        assert _left(store) == ["mastodon:new"]
        assert "vecchio" not in topic_keys(store)


def test_the_beat_applies_the_retention_daily(store: GraphStore) -> None:
    _aged(store)
    url = "redis://127.0.0.1:1/0"
    ledger = ChunkLedger.at(url, timeout=1)
    celery = create_celery(url, lambda: Pipeline(store), ledger, retention_days=30)
    assert celery.conf.beat_schedule["apply retention"] == {
        "task": RETAIN,
        "schedule": 86400.0,
        "args": (30,),
    }
    assert celery.tasks[RETAIN](30)["posts"] == 1
    assert _left(store) == ["mastodon:new"]
    assert (
        "apply retention"
        not in create_celery(url, lambda: Pipeline(store), ledger).conf.beat_schedule
    )


def test_a_server_without_redis_applies_the_retention_at_start(store: GraphStore) -> None:
    _aged(store)
    retaining = PeriodicRetention(store, 30, lambda: NOW)
    retaining.start()
    deadline = time.monotonic() + 30
    while _left(store) != ["mastodon:new"]:
        assert time.monotonic() < deadline, "the retention did not run"
        time.sleep(0.05)
    retaining.stop()


def test_a_retention_keeps_at_least_a_day() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        retention_cutoff(NOW, 0)
