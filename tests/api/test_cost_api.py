"""Issue 17, defect 1: an operation's cost is checked against its key's budget and rate limit
before anything runs, and the views computed on request run apart from cheap reads, under a
deadline."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
import pytest

from graph.model.access import Role
from graph.rankings import views
from graph.store.contract import GraphStore
from osmosi.settings import Settings
from tests.helpers.api import COUNTED, ISSUE, api_client, counting_calls, graphql


@pytest.mark.parametrize("name", list(ISSUE))
def test_the_issue_operations_are_refused_by_cost_before_the_store_is_used(
    store: GraphStore, name: str
) -> None:
    async def scenario() -> httpx.Response:
        async with api_client(store, role=Role.VIEWER) as client:
            with counting_calls(store, COUNTED) as calls:
                response = await client.post("/graphql", json={"query": ISSUE[name]})
            assert set(calls) <= {"api_key"}, f"the store was used: {calls}"
            return response

    body = asyncio.run(scenario()).json()
    assert body["data"] is None
    [error] = body["errors"]
    extensions = error["extensions"]
    assert extensions["code"] == "QUERY_TOO_COSTLY"
    assert extensions["budget"] == Settings().query_budget_viewer < extensions["cost"]
    assert f"costs {extensions['cost']}, more than the {extensions['budget']}" in error["message"]


STATS = "{ a: stats { people } b: stats { people } c: stats { posts } }"  # costs 15
STATS_FIELDS = (("a", "people"), ("b", "people"), ("c", "posts"))


def _answers(
    store: GraphStore, settings: Settings, role: Role, query: str, times: int = 1
) -> list[httpx.Response]:
    async def scenario() -> list[httpx.Response]:
        async with api_client(store, settings, role=role) as client:
            return [await client.post("/graphql", json={"query": query}) for _ in range(times)]

    return asyncio.run(scenario())


def test_each_role_has_its_budget(store: GraphStore) -> None:
    settings = Settings(query_budget_viewer=10, query_budget_manager=15, query_budget_admin=30)
    [viewer] = _answers(store, settings, Role.VIEWER, STATS)
    assert viewer.json()["errors"][0]["extensions"] == {
        "code": "QUERY_TOO_COSTLY",
        "cost": 15,
        "budget": 10,
    }
    for role in (Role.MANAGER, Role.ADMIN):
        [answer] = _answers(store, settings, role, STATS)
        assert answer.json() == {"data": {x: {y: 0} for x, y in STATS_FIELDS}}


def test_a_key_over_its_rate_is_told_when_to_retry_and_other_keys_are_not(
    store: GraphStore,
) -> None:
    settings = Settings(rate_limit_per_minute=40)
    first, second, third = _answers(store, settings, Role.VIEWER, STATS, times=3)
    assert first.status_code == second.status_code == 200
    assert "errors" not in second.json()
    assert third.status_code == 429
    [error] = third.json()["errors"]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert int(third.headers["retry-after"]) == error["extensions"]["retryAfterSeconds"] >= 1
    # A new key (each call of _answers makes one) has its own bucket.
    [other] = _answers(store, settings, Role.VIEWER, STATS)
    assert other.status_code == 200 and "errors" not in other.json()


SHORTLIST = "{ ambassadorShortlist(size: 5) { expectedReach } }"


def _blocked_shortlist(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """The shortlist made to wait for ``release``; ``started`` is set when it runs."""
    started, release = threading.Event(), threading.Event()
    computed = views.ambassador_shortlist

    def waiting(*args: Any, **kwargs: Any) -> views.ShortlistView:
        started.set()
        release.wait(30)
        return computed(*args, **kwargs)

    monkeypatch.setattr(views, "ambassador_shortlist", waiting)
    return started, release


def test_cheap_reads_are_answered_while_computed_views_fill_their_slots(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = _blocked_shortlist(monkeypatch)
    # One store thread: before, the shortlist held it and the read waited for it.
    settings = Settings(store_threads=1, view_slots=1, ranking_cache_seconds=0)

    async def scenario() -> tuple[dict[str, Any], bool]:
        async with api_client(store, settings) as client:
            slow = asyncio.create_task(graphql(client, SHORTLIST))
            await asyncio.to_thread(started.wait, 30)
            try:
                cheap = await asyncio.wait_for(graphql(client, "{ stats { people } }"), 20)
                still_running = not slow.done()
            finally:
                release.set()
            await slow
            return cheap, still_running

    cheap, still_running = asyncio.run(scenario())
    assert cheap["data"] == {"stats": {"people": 0}}
    assert still_running


def test_a_computed_view_past_its_deadline_is_a_clear_error(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = _blocked_shortlist(monkeypatch)
    settings = Settings(view_deadline_seconds=0.05, ranking_cache_seconds=0)

    async def scenario() -> dict[str, Any]:
        async with api_client(store, settings) as client:
            try:
                return await graphql(client, SHORTLIST)
            finally:
                release.set()

    body = asyncio.run(scenario())
    assert started.is_set() and body["data"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "DEADLINE_EXCEEDED", "deadlineSeconds": 0.05}
    assert error["message"].startswith("ambassadorShortlist ran for more than 0.05 s")
