"""The person's 360° view over HTTP, on both backends, on data from the ingest path; and
DataLoaders that keep the store round trips of the view fixed whatever its page sizes."""

from __future__ import annotations

from typing import Any

from graph.identity.service import set_programme_status
from graph.model.nodes import Customer, CustomerLink
from graph.model.people import ProgrammeStatus
from graph.ranking.influence import INFLUENCE_FACTORS
from graph.store.contract import GraphStore
from tests.helpers.api import COUNTED, ask, counting_calls
from tests.helpers.factories import T0

LOUD = ("mastodon", "user7@mastodon.online")
"""The synthetic export's loudest author (317 posts)."""

PERSON_VIEW = """
query View($platform: String!, $handle: String!, $posts: Int!, $after: String) {
  personByAccount(platform: $platform, handle: $handle) {
    id displayName communityId community { id size topVoices { id } }
    accounts { id platform handle displayName followers person { id } }
    advocacyClass scores { name value factors { name value } }
    posts(first: $posts, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id text createdAt sentiment { label score } intent topics
        author { handle person { id } } replyToId } }
    }
    topics(first: 3) { key display posts }
    sentiment(bucket: WEEK) {
      overall { posts sentiment points { start posts scored sentiment } }
      touchpoints { key posts sentiment }
    }
    interactsWith(first: 5) {
      weight outgoing incoming interactions person { id accounts { handle } }
    }
    customers { confidence evidence customer { externalId firstName city lifetimeValue } }
    programme { status note updatedAt history { status note actor } }
    identityHistory { id kind }
  }
}
"""


def view(store: GraphStore, posts: int = 5, after: str | None = None) -> dict[str, Any]:
    platform, handle = LOUD
    body = ask(store, PERSON_VIEW, platform=platform, handle=handle, posts=posts, after=after)
    assert "errors" not in body, body
    person: dict[str, Any] = body["data"]["personByAccount"]
    return person


def test_the_person_view_has_everything_a_community_manager_needs(world: GraphStore) -> None:
    loud = world.get_account(*LOUD)
    assert loud is not None and loud.person_id
    world.upsert_customers([Customer("C-7", "Sette", city="Torino", lifetime_value=310.0)])
    world.link_customers([CustomerLink(loud.person_id, "C-7", 0.95, ("handle in CRM",))])
    set_programme_status(world, loud.person_id, ProgrammeStatus.INVITED, "asked", "key:x", T0)

    person = view(world)
    assert person["id"] == loud.person_id
    assert person["displayName"] == "User 7 ☕"
    assert [a["id"] for a in person["accounts"]] == ["mastodon:user7@mastodon.online"]
    assert person["accounts"][0]["person"]["id"] == loud.person_id
    assert person["community"]["id"] == person["communityId"]
    scores = {s["name"]: s for s in person["scores"]}
    assert set(scores) == {"influence", "advocacy"}
    assert {f["name"] for f in scores["influence"]["factors"]} == set(INFLUENCE_FACTORS)
    assert person["advocacyClass"] in {
        "ADVOCATE",
        "POTENTIAL_ADVOCATE",
        "NEUTRAL",
        "DETRACTOR",
        "AT_RISK_INFLUENCER",
    }

    posts = person["posts"]
    assert posts["totalCount"] == 317
    assert len(posts["edges"]) == 5 and posts["pageInfo"]["hasNextPage"]
    times = [edge["node"]["createdAt"] for edge in posts["edges"]]
    assert times == sorted(times, reverse=True)
    assert all(e["node"]["author"]["person"]["id"] == loud.person_id for e in posts["edges"])
    assert all(e["node"]["sentiment"] is not None for e in posts["edges"])
    following = view(world, after=posts["pageInfo"]["endCursor"])["posts"]["edges"]
    assert following[0]["node"]["createdAt"] <= times[-1]
    assert not {e["node"]["id"] for e in following} & {e["node"]["id"] for e in posts["edges"]}

    topics = person["topics"]
    assert len(topics) == 3 and topics[0]["posts"] >= topics[-1]["posts"] > 0
    overall = person["sentiment"]["overall"]
    assert overall["posts"] == 317
    assert sum(p["posts"] for p in overall["points"]) == 317
    starts = [point["start"] for point in overall["points"]]
    assert starts == sorted(starts)
    assert {t["key"] for t in person["sentiment"]["touchpoints"]} >= {"delivery"}

    ties = person["interactsWith"]
    assert len(ties) == 5
    weights = [tie["weight"] for tie in ties]
    assert weights == sorted(weights, reverse=True) and weights[0] > 0
    for tie in ties:
        assert abs(tie["outgoing"] + tie["incoming"] - tie["weight"]) < 1e-9
        assert tie["person"]["id"] != loud.person_id

    assert person["customers"] == [
        {
            "confidence": 0.95,
            "evidence": ["handle in CRM"],
            "customer": {
                "externalId": "C-7",
                "firstName": "Sette",
                "city": "Torino",
                "lifetimeValue": 310.0,
            },
        }
    ]
    assert person["programme"]["status"] == "INVITED"
    assert person["programme"]["history"] == [
        {"status": "INVITED", "note": "asked", "actor": "key:x"}
    ]
    assert person["identityHistory"] == []


def test_store_round_trips_do_not_grow_with_the_posts_listed(read_world: GraphStore) -> None:
    with counting_calls(read_world, COUNTED) as few:
        assert len(view(read_world, posts=2)["posts"]["edges"]) == 2
    with counting_calls(read_world, COUNTED) as many:
        assert len(view(read_world, posts=100)["posts"]["edges"]) == 100
    assert few == many
    # One call per part of the view and level of nesting (accounts: the person's, and
    # those of the people they interact with), whatever the number of posts.
    assert max(many.values()) <= 2, many
    assert many["posts_of"] == 1 and many["get_accounts"] == 1


def test_person_by_id_search_and_unknowns(read_world: GraphStore) -> None:
    giulia = read_world.get_account("mastodon", "giulia@mastodon.social")
    assert giulia is not None
    body = ask(
        read_world,
        """query($id: ID!) { person(id: $id) { id accounts { handle } }
             nobody: person(id: "nope") { id }
             byHandle: personByAccount(platform: "Mastodon",
                                       handle: "@Giulia@mastodon.social") { id }
             missing: personByAccount(platform: "x", handle: "nobody") { id }
             search: people(search: "GIULIA", first: 5) { edges { node { id } }
                                                           pageInfo { hasNextPage } } }""",
        id=giulia.person_id,
    )["data"]
    assert body["person"]["accounts"] == [{"handle": "giulia@mastodon.social"}]
    assert body["nobody"] is None and body["missing"] is None
    assert body["byHandle"]["id"] == giulia.person_id
    assert [e["node"]["id"] for e in body["search"]["edges"]] == [giulia.person_id]
    assert body["search"]["pageInfo"]["hasNextPage"] is False


def test_people_search_pages_with_cursors(read_world: GraphStore) -> None:
    query = """query($after: String) { people(search: "user", first: 25, after: $after) {
        edges { node { id } } pageInfo { hasNextPage endCursor } } }"""
    seen: list[str] = []
    after = None
    for _ in range(10):
        page = ask(read_world, query, after=after)["data"]["people"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 60
    short = ask(read_world, '{ people(search: "u") { edges { cursor } } }')
    assert short["errors"][0]["message"] == "search needs at least 2 characters"
