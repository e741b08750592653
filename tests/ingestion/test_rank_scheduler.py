"""Rankings kept fresh without Redis: `osmosi serve` recomputes them now and then and soon
after an ingest through the API, once for a burst of ingests, never two at once."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from graph.model.access import Role
from graph.rankings.service import recompute
from graph.store.contract import GraphStore
from ingestion.jobs import rankings
from ingestion.jobs.rankings import RankScheduler, recompute_now
from osmosi.settings import Settings
from tests.helpers.api import api_client, counting_calls, graphql
from tests.helpers.ingest import FIXTURES, ingest_fixture

REPORT = """mutation { reportConversation(input: {platform: "mastodon",
  text: "La consegna è ferma da giorni", authorHandle: "nuova@mastodon.uno",
  reportedBy: "marta"}) { created } }"""


def ranked_at(store: GraphStore) -> datetime | None:
    """When the last ranking ran (its communities carry the time)."""
    found = store.list_communities(1)
    return found[0].computed_at if found else None


def wait_until(condition: Callable[[], bool], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the rankings were not recomputed"
        time.sleep(0.05)


def now() -> datetime:
    return datetime.now(UTC)


def test_the_server_ranks_again_soon_after_a_push_and_a_report(store: GraphStore) -> None:
    ingest_fixture(store, "reddit")
    recompute(store, now())
    first = ranked_at(store)
    assert first is not None
    settings = Settings(rank_after_ingest_seconds=0.2, rank_every_minutes=0)

    async def scenario() -> None:
        async with api_client(store, settings, role=Role.MANAGER) as client:
            body = (FIXTURES / "mastodon.jsonl").read_bytes()
            assert (await client.post("/ingest/mastodon", content=body)).status_code == 202
            await asyncio.to_thread(wait_until, lambda: ranked_at(store) != first)
            second = ranked_at(store)
            reported = await graphql(client, REPORT)
            assert reported["data"]["reportConversation"]["created"]
            await asyncio.to_thread(wait_until, lambda: ranked_at(store) != second)

    asyncio.run(scenario())


def test_a_burst_of_ingests_is_ranked_once(embedded_store: GraphStore) -> None:
    ingest_fixture(embedded_store, "mastodon")
    scheduler = RankScheduler(embedded_store, None, timedelta(seconds=2), now)
    with counting_calls(embedded_store, ("people_activity",)) as calls:
        scheduler.start()
        for _ in range(20):
            scheduler.ingested()
        wait_until(lambda: calls["people_activity"] > 0)
        scheduler.stop()  # nothing was asked for since the burst
    assert calls == Counter(people_activity=1)
    assert ranked_at(embedded_store) is not None


def test_the_rankings_are_recomputed_every_period(embedded_store: GraphStore) -> None:
    ingest_fixture(embedded_store, "mastodon")
    scheduler = RankScheduler(embedded_store, timedelta(milliseconds=100), None, now)
    with counting_calls(embedded_store, ("people_activity",)) as calls:
        scheduler.start()
        scheduler.ingested()  # off: no delay after ingests
        wait_until(lambda: calls["people_activity"] >= 2)
        scheduler.stop()


def test_a_process_never_runs_two_rankings_at_once(
    embedded_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_fixture(embedded_store, "mastodon")
    running, most, asked = 0, 0, 0
    guard = threading.Lock()
    all_asked = threading.Event()
    read = embedded_store.people_activity

    class Counted:
        """The rankings' lock, counting the rankings that asked for it."""

        lock = threading.Lock()

        def __enter__(self) -> None:
            nonlocal asked
            with guard:
                asked += 1
                if asked == 3:
                    all_asked.set()
            self.lock.acquire()

        def __exit__(self, *exc: object) -> None:
            self.lock.release()

    def watched(*args: Any, **kwargs: Any) -> Any:
        nonlocal running, most
        with guard:
            running += 1
            most = max(most, running)
        # The first ranking runs on until the others have asked to: no sleep that a loaded
        # machine could outlast before they start.
        all_asked.wait(120)
        try:
            return read(*args, **kwargs)
        finally:
            with guard:
                running -= 1

    monkeypatch.setattr(rankings, "_RUNNING", Counted())
    monkeypatch.setattr(embedded_store, "people_activity", watched)
    ranking = (embedded_store, now())
    threads = [threading.Thread(target=recompute_now, args=ranking) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert all_asked.is_set() and most == 1
