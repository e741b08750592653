"""Hostile operations are refused before any resolver runs, and nothing is served without
a key."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from graph.model.access import Role
from graph.store.contract import GraphStore
from tests.helpers.api import COUNTED, api_client, counting_calls


def nested(depth: int) -> str:
    """A person view nested ``depth`` levels deep through ties."""
    inner = "id"
    for _ in range(depth // 2):
        inner = f"interactsWith {{ person {{ {inner} }} }}"
    return f'{{ person(id: "p") {{ {inner} }} }}'


HOSTILE = {
    "depth 20": nested(20),
    "100 aliases": "{ " + " ".join(f"a{i}: stats {{ posts }}" for i in range(100)) + " }",
    "too many tokens": "{ " + " ".join("stats { posts }" for _ in range(3000)) + " }",
    "first: 100000": '{ people(search: "ada", first: 100000) { edges { cursor } } }',
    "nested first: 100000": '{ person(id: "p") { posts(first: 100000) { totalCount } } }',
    "influencerMap first: 501": "{ influencerMap(first: 501) { truncated } }",
    "1 MB": "{ stats { posts } }" + " # " + "x" * 1_000_000,
}
EXPECTED = {
    "depth 20": "exceeds maximum operation depth",
    "100 aliases": "aliases found",
    "too many tokens": "more than 5000 tokens",
    "first: 100000": "people: first must be between 1 and 100",
    "nested first: 100000": "posts: first must be between 1 and 100",
    "influencerMap first: 501": "influencerMap: first must be between 1 and 500",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_operations_are_rejected_before_any_resolver(
    embedded_store: GraphStore, name: str
) -> None:
    async def scenario() -> httpx.Response:
        async with api_client(embedded_store) as client:
            with counting_calls(embedded_store, COUNTED) as calls:
                response = await client.post("/graphql", json={"query": HOSTILE[name]})
            assert set(calls) <= {"api_key"}, f"the store was used: {calls}"
            return response

    response = asyncio.run(scenario())
    if name == "1 MB":
        assert response.status_code == 413
        return
    body = response.json()
    assert body["data"] is None
    assert EXPECTED[name] in body["errors"][0]["message"]


def test_no_key_no_data(embedded_store: GraphStore) -> None:
    async def scenario() -> list[httpx.Response]:
        async with api_client(embedded_store, role=None) as client:
            query = {"query": "{ stats { posts } }"}
            return [
                await client.post("/graphql", json=query),
                await client.post("/graphql", json=query, headers={"Authorization": "Bearer x"}),
                await client.post("/graphql", json=query, headers={"Authorization": "Basic eA=="}),
                await client.get("/ingest/jobs/some-job"),
            ]

    for response in asyncio.run(scenario()):
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert "data" not in response.json()


def test_a_revoked_key_is_refused(embedded_store: GraphStore) -> None:
    async def scenario() -> tuple[int, int]:
        async with api_client(embedded_store, role=Role.VIEWER) as client:
            query = {"query": "{ stats { posts } }"}
            before = (await client.post("/graphql", json=query)).status_code
            (key,) = embedded_store.api_keys()
            assert embedded_store.revoke_api_key(key.id, key.created_at)
            return before, (await client.post("/graphql", json=query)).status_code

    assert asyncio.run(scenario()) == (200, 401)


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('"{ stats { posts } }"', "must be a JSON object"),
        ("null", "must be a JSON object"),
        ("[1]", "must be a JSON object"),
        ("{nope", "Unable to parse"),
    ],
)
def test_a_malformed_body_is_the_clients_error_not_the_servers(
    embedded_store: GraphStore, body: str, says: str
) -> None:
    async def scenario() -> httpx.Response:
        async with api_client(embedded_store) as client:
            return await client.post(
                "/graphql", content=body, headers={"content-type": "application/json"}
            )

    response = asyncio.run(scenario())
    assert response.status_code == 400
    assert says in response.text


def test_a_subscription_over_http_is_told_where_to_go(embedded_store: GraphStore) -> None:
    async def scenario() -> httpx.Response:
        async with api_client(embedded_store) as client:
            return await client.post("/graphql", json={"query": "subscription { alerts { id } }"})

    errors = asyncio.run(scenario()).json()["errors"]
    assert [e["message"] for e in errors] == [
        "Subscriptions run over the WebSocket at /graphql (graphql-transport-ws protocol), "
        "not over HTTP."
    ]
