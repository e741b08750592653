"""Ranking views are answered from a short-lived cache; nothing else is."""

from __future__ import annotations

import asyncio
from typing import Any

from graphql import ExecutionResult

from graph.store.contract import GraphStore
from osmosi.settings import Settings
from server.graphql.core.cache import ResultCache
from tests.helpers.api import api_client, counting_calls, graphql
from tests.helpers.factories import T0, person_of, post

INFLUENCERS = "{ influencers(first: 5) { score person { id displayName } } }"
MIXED = '{ influencers(first: 5) { score } person(id: "x") { id } }'


def _ranked(store: GraphStore) -> None:
    store.upsert_posts([post("1", "ada"), post("2", "bob", minutes=1)])
    store.write_scores(
        "influence", {person_of(store, "ada"): 2.0, person_of(store, "bob"): 1.0}, T0
    )


def _calls(store: GraphStore, settings: Settings, *queries: str) -> tuple[list[Any], int]:
    async def scenario() -> tuple[list[Any], int]:
        async with api_client(store, settings) as client:
            with counting_calls(store, ("top_people",)) as calls:
                bodies = [await graphql(client, query) for query in queries]
        return bodies, calls["top_people"]

    return asyncio.run(scenario())


def test_the_same_ranking_view_is_computed_once_within_the_ttl(store: GraphStore) -> None:
    _ranked(store)
    bodies, calls = _calls(store, Settings(), INFLUENCERS, INFLUENCERS)
    assert calls == 1 and bodies[0] == bodies[1]
    assert [row["score"] for row in bodies[0]["data"]["influencers"]] == [2.0, 1.0]
    # Another page is another operation; a person alongside makes it uncacheable.
    _, calls = _calls(store, Settings(), INFLUENCERS, INFLUENCERS.replace("5", "1"), MIXED, MIXED)
    assert calls == 4


def test_the_cache_can_be_turned_off_and_errors_are_not_kept(store: GraphStore) -> None:
    _ranked(store)
    _, calls = _calls(store, Settings(ranking_cache_seconds=0), INFLUENCERS, INFLUENCERS)
    assert calls == 2
    refused = "{ influencers(first: 5, offset: -1) { score } }"
    bodies, _ = _calls(store, Settings(), refused, refused)
    assert [b["errors"][0]["message"] for b in bodies] == ["offset must not be negative"] * 2


def test_entries_expire_after_the_ttl() -> None:
    now = [0.0]
    cache = ResultCache(ttl=10, clock=lambda: now[0])
    cache.put("a", ExecutionResult({"a": 1}))
    now[0] = 9.0
    assert cache.get("a") == ExecutionResult({"a": 1})
    now[0] = 10.5
    assert cache.get("a") is None
