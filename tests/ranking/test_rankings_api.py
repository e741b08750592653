"""The rankings over GraphQL: the shapes front-ends rely on, bounded pages, and a fixed
number of store calls per operation whatever the page size (DataLoaders, no N+1)."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from graph.embedded import EmbeddedGraphStore
from graph.model.access import Role
from graph.ranking.influence import INFLUENCE_FACTORS
from tests.helpers.api import api_client, ask, counting_calls, graphql
from tests.helpers.demo import load_small_demo

INFLUENCERS = """{ influencers(first: 20) { score factors { name value }
  person { id accounts { platform handle } } } }"""
COMMUNITIES = """{ communities(first: 50) { id size members(first: 100) {
  edges { node { id accounts { platform handle } } } pageInfo { hasNextPage endCursor } } } }"""
SHORTLIST = """{ ambassadorShortlist(size: 10) { expectedReach
  members { person { id accounts { platform handle } } } baseline { expectedReach } } }"""
EXPLAINED = """{ ambassadorShortlist(size: 10) { members { person { id affiliation } }
  picks { class confidence evidence person { id } } reachGains shortfall } }"""
COUNTED = (
    "top_people",
    "get_people",
    "accounts_of",
    "list_communities",
    "community_members",
    "interactions",
    "people_activity",
)


@pytest.fixture(scope="module")
def ranked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedGraphStore]:
    """The small demo, ranked as it is loaded; read, never changed, by this module's tests."""
    store = EmbeddedGraphStore(tmp_path_factory.mktemp("ranked") / "data")
    store.ensure_schema()
    load_small_demo(store)
    yield store
    store.close()


def run(store: EmbeddedGraphStore, query: str, **variables: Any) -> tuple[dict, Counter[str]]:  # type: ignore[type-arg]
    with counting_calls(store, COUNTED) as calls:
        body = ask(store, query, **variables)
    return body, calls


def test_influencers_with_factors_and_accounts_in_three_store_calls(ranked) -> None:  # type: ignore[no-untyped-def]
    body, calls = run(ranked, INFLUENCERS)
    entries = body["data"]["influencers"]
    assert len(entries) == 20
    scores = [e["score"] for e in entries]
    assert scores == sorted(scores, reverse=True)
    first = entries[0]
    assert {f["name"] for f in first["factors"]} == set(INFLUENCE_FACTORS)
    assert first["person"]["accounts"][0]["platform"] in {"mastodon", "reddit", "x"}
    assert calls == Counter(top_people=1, get_people=1, accounts_of=1)


def test_communities_page_their_members_without_n_plus_one(ranked) -> None:  # type: ignore[no-untyped-def]
    body, calls = run(ranked, COMMUNITIES)
    communities = body["data"]["communities"]
    assert len(communities) >= 2
    assert sum(c["size"] for c in communities) == sum(
        len(c["members"]["edges"]) for c in communities
    )
    assert all(not c["members"]["pageInfo"]["hasNextPage"] for c in communities)
    assert calls == Counter(list_communities=1, community_members=1, accounts_of=1)

    biggest = communities[0]
    paged = """query ($after: String) { communities(first: 1) { members(first: 2, after: $after) {
        edges { node { id } } pageInfo { hasNextPage endCursor } } } }"""
    seen: list[str] = []
    after = None
    while True:
        page, _ = run(ranked, paged, after=after)
        members = page["data"]["communities"][0]["members"]
        seen += [e["node"]["id"] for e in members["edges"]]
        if not members["pageInfo"]["hasNextPage"]:
            break
        after = members["pageInfo"]["endCursor"]
    assert seen == [e["node"]["id"] for e in biggest["members"]["edges"]]


def test_ambassador_shortlist_with_its_baseline(ranked) -> None:  # type: ignore[no-untyped-def]
    body, _ = run(ranked, SHORTLIST)
    shortlist = body["data"]["ambassadorShortlist"]
    assert shortlist["members"]
    assert shortlist["expectedReach"] >= 0.95 * shortlist["baseline"]["expectedReach"]
    assert all(m["person"]["accounts"] for m in shortlist["members"])


def test_the_shortlist_explains_each_pick_and_why_it_is_short(ranked) -> None:  # type: ignore[no-untyped-def]
    body, _ = run(ranked, EXPLAINED)
    shortlist = body["data"]["ambassadorShortlist"]
    members = [m["person"]["id"] for m in shortlist["members"]]
    assert [p["person"]["id"] for p in shortlist["picks"]] == members
    assert all(
        p["class"] not in ("DETRACTOR", "AT_RISK_INFLUENCER", "UNKNOWN") for p in shortlist["picks"]
    )
    assert all(p["confidence"] >= 0.8 and p["evidence"] >= 1 for p in shortlist["picks"])
    assert len(shortlist["reachGains"]) == len(members) and shortlist["reachGains"][0] > 0
    # The small demo has fewer confidently positive people than ten: the answer says so.
    assert len(members) < 10
    assert shortlist["shortfall"] == f"only {len(members)} people pass the constraints"
    assert all(m["person"]["affiliation"] is None for m in shortlist["members"])


def test_the_brands_own_account_is_marked_and_ranked_nowhere(ranked) -> None:  # type: ignore[no-untyped-def]
    body, _ = run(
        ranked,
        """{ brandAccounts { account affiliation person { id affiliation advocacyClass } }
             influencers(first: 100) { person { id } } advocates(first: 100) { person { id } } }""",
    )
    data = body["data"]
    owned = [b for b in data["brandAccounts"] if b["person"]]
    assert owned and all(b["affiliation"] == "OWNED" for b in owned)
    ids = {b["person"]["id"] for b in owned}
    assert all(
        b["person"]["affiliation"] == "OWNED" and b["person"]["advocacyClass"] is None
        for b in owned
    )
    assert ids.isdisjoint(p["person"]["id"] for p in data["influencers"])
    assert ids.isdisjoint(p["person"]["id"] for p in data["advocates"])


def test_the_shortlist_of_a_store_without_conversation_is_empty(
    embedded_store: EmbeddedGraphStore,
) -> None:
    body, _ = run(embedded_store, SHORTLIST)
    assert body["data"]["ambassadorShortlist"] == {
        "expectedReach": 0.0,
        "members": [],
        "baseline": {"expectedReach": 0.0},
    }


def test_advocates_by_class(ranked) -> None:  # type: ignore[no-untyped-def]
    body, calls = run(
        ranked, "{ advocates(first: 5, class: NEUTRAL) { score class confidence person { id } } }"
    )
    found = body["data"]["advocates"]
    assert found, "the demo has people who spoke of the brand without taking a side"
    assert {a["class"] for a in found} == {"NEUTRAL"}
    assert all(0 < a["confidence"] <= 1 for a in found)
    assert calls == Counter(top_people=1, get_people=1)


def test_filtered_influencers_are_recomputed_on_the_subgraph(ranked) -> None:  # type: ignore[no-untyped-def]
    body, _ = run(
        ranked, '{ influencers(first: 5, platform: "reddit") { person { accounts { platform } } } }'
    )
    entries = body["data"]["influencers"]
    assert entries
    assert all(any(a["platform"] == "reddit" for a in e["person"]["accounts"]) for e in entries)


@pytest.mark.parametrize(
    "query",
    [
        "{ influencers(first: 500) { score } }",
        "{ communities(first: 0) { id } }",
        '{ communities(first: 1) { members(first: 1, after: "bogus") { edges { cursor } } } }',
        "{ ambassadorShortlist(size: 51) { expectedReach } }",
    ],
)
def test_page_sizes_and_cursors_are_checked(ranked, query: str) -> None:  # type: ignore[no-untyped-def]
    body, _ = run(ranked, query)
    assert body["data"] is None or any(v is None for v in body["data"].values())
    message = body["errors"][0]["message"]
    assert "must be between" in message or "invalid cursor" in message


def test_recompute_rankings_on_demand_in_process(embedded_store: EmbeddedGraphStore) -> None:
    load_small_demo(embedded_store)
    (first,) = embedded_store.list_communities(1)
    mutation = "mutation { recomputeRankings { id } }"

    async def scenario() -> tuple[dict, dict]:  # type: ignore[type-arg]
        async with api_client(embedded_store, role=Role.VIEWER) as client:
            refused = await graphql(client, mutation)
        async with api_client(embedded_store, role=Role.MANAGER) as client:
            accepted = await graphql(client, mutation)
            runner = client._transport.app.state.runner  # type: ignore[attr-defined]
            runner.last_rank.join(timeout=60)
        return refused, accepted

    refused, accepted = asyncio.run(scenario())
    assert refused["data"] is None
    assert accepted["data"]["recomputeRankings"]["id"]
    (again,) = embedded_store.list_communities(1)
    assert again.computed_at is not None and first.computed_at is not None
    assert again.computed_at > first.computed_at
    assert embedded_store.top_people("influence", 1)


def test_beat_schedules_the_rankings() -> None:
    from datetime import timedelta

    from ingestion.jobs.celery_app import create_celery
    from ingestion.jobs.ledger import ChunkLedger
    from ingestion.jobs.tasks import RANK

    url = "redis://127.0.0.1:1/0"
    ledger = ChunkLedger.at(url, timeout=1)
    app = create_celery(url, lambda: None, ledger, rank_every=timedelta(minutes=30))  # type: ignore[arg-type, return-value]
    assert app.conf.beat_schedule["recompute rankings"] == {"task": RANK, "schedule": 1800.0}
    assert RANK in app.tasks
    unscheduled = create_celery(url, lambda: None, ledger).conf.beat_schedule  # type: ignore[arg-type, return-value]
    assert "recompute rankings" not in unscheduled
