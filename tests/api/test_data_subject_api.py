"""The data subject's rights over GraphQL: an admin exports everything held about a person,
and an erasure reaches the cached ranking views and others' posts at once."""

from __future__ import annotations

import asyncio
from typing import Any

from graph.identity.service import set_programme_status
from graph.model.access import Role
from graph.model.nodes import Aspect, AspectTarget, Customer, CustomerLink, Sentiment, ShareKind
from graph.model.people import ERASED, ProgrammeStatus
from graph.store.contract import GraphStore
from osmosi.settings import Settings
from tests.helpers.api import api_client, ask, graphql
from tests.helpers.factories import T0, person_of, post

EXPORT = "query($id: ID!) { exportPerson(id: $id) }"
ERASE = "mutation($id: ID!) { erasePerson(id: $id) { personId accounts posts redacted } }"
INFLUENCERS = "{ influencers(first: 5) { score person { id displayName } } }"
REPOST = '{ post(id: "mastodon:2") { text sharesId shareKind } }'


def _world(store: GraphStore) -> tuple[str, str]:
    opinion = Aspect(AspectTarget.TOUCHPOINT, "delivery", Sentiment.NEGATIVE, -0.5)
    store.upsert_posts(
        [
            post("1", "ada", "late again", aspects=(opinion,), sentiment=Sentiment.NEGATIVE),
            post("2", "bob", "RT @ada: late again", shares="1", share_kind=ShareKind.REPOST),
        ]
    )
    ada, bob = person_of(store, "ada"), person_of(store, "bob")
    store.write_scores("influence", {ada: 2.0, bob: 1.0}, T0, classes={ada: "critic"})
    set_programme_status(store, ada, ProgrammeStatus.CANDIDATE, "met at the fair", "k", T0)
    store.upsert_customers([Customer("C-1", "Ada", "Lovelace", "ada@example.com")])
    store.link_customers([CustomerLink(ada, "C-1", 0.9, ("same email",))])
    return ada, bob


def test_an_admin_exports_everything_held_about_a_person(store: GraphStore) -> None:
    ada, bob = _world(store)
    refused = ask(store, EXPORT, Role.MANAGER, id=ada)
    assert refused["errors"][0]["message"] == "this needs a key of the admin role"
    assert ask(store, EXPORT, id="nobody")["errors"][0]["message"] == "no such person"

    document: dict[str, Any] = ask(store, EXPORT, id=ada)["data"]["exportPerson"]
    assert document["person"]["id"] == ada
    assert document["person"]["scores"] == {"influence": 2.0}
    assert [a["handle"] for a in document["accounts"]] == ["ada"]
    [written] = document["posts"]
    assert (written["uid"], written["text"], written["sentiment"]) == (
        "mastodon:1",
        "late again",
        "negative",
    )
    assert [a["key"] for a in written["aspects"]] == ["delivery"]
    assert [(i["source"], i["target"], i["kind"]) for i in document["interactions"]] == [
        (bob, ada, "repost")
    ]
    assert [step["note"] for step in document["programme"]] == ["met at the fair"]
    assert [link["customer_id"] for link in document["customer_links"]] == ["C-1"]
    assert [c["email"] for c in document["customers"]] == ["ada@example.com"]


def test_erasure_empties_the_cached_ranking_views_and_redacts_reposts(store: GraphStore) -> None:
    ada, _ = _world(store)

    async def scenario() -> list[dict[str, Any]]:
        async with api_client(store, Settings(ranking_cache_seconds=600)) as client:
            return [
                await graphql(client, INFLUENCERS),
                await graphql(client, ERASE, id=ada),
                await graphql(client, INFLUENCERS),
                await graphql(client, REPOST),
            ]

    before, erased, after, repost = asyncio.run(scenario())
    assert ada in {row["person"]["id"] for row in before["data"]["influencers"]}
    assert erased["data"]["erasePerson"] == {
        "personId": ada,
        "accounts": 1,
        "posts": 1,
        "redacted": 1,
    }
    assert ada not in {row["person"]["id"] for row in after["data"]["influencers"]}
    assert repost["data"]["post"] == {"text": ERASED, "sharesId": None, "shareKind": "REPOST"}
