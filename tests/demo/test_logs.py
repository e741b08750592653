"""Loading the demo, and ranking it in the background, log no personal data, even at DEBUG
(see tests/test_no_personal_data_in_logs.py)."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta

import pytest

from graph.store.contract import GraphStore
from ingestion.demo import generate_world
from ingestion.jobs.rankings import RankScheduler
from osmosi.logs import configure_logging
from tests.helpers.demo import SMALL, load_small_demo


def test_loading_and_ranking_the_demo_log_no_personal_data(
    embedded_store: GraphStore, caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging("DEBUG")
    try:
        with caplog.at_level(logging.DEBUG):
            load_small_demo(embedded_store)
            scheduler = RankScheduler(
                embedded_store, None, timedelta(milliseconds=10), lambda: datetime.now(UTC)
            )
            scheduler.start()
            scheduler.ingested()
            deadline = time.monotonic() + 60
            while not any("rankings recomputed" in r.getMessage() for r in caplog.records):
                assert time.monotonic() < deadline
                time.sleep(0.05)
            scheduler.stop()
    finally:
        configure_logging("WARNING")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    world = generate_world(datetime.now(UTC), scale=SMALL)
    personal = {a.username for p in world.cast.people for a in p.accounts if len(a.username) > 5}
    personal |= {p.name for p in world.cast.people}
    personal |= {c.email for c in world.cast.customers if c.email}
    assert personal
    assert not {value for value in personal if value in logged}
