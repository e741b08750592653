"""What the web app's views ask of the API beyond the person view: who is signed in, the
programme board, channel and community trends, the map by platform and the person behind an
alert; on both backends, on data from the ingest path."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from graph.model.access import Role
from graph.model.alerts import Alert, AlertKind
from graph.store.contract import GraphStore
from tests.helpers.api import ask
from tests.helpers.factories import person_of

MOVE = """mutation($id: ID!, $status: AdvocateStatus!) {
  setAdvocateStatus(personId: $id, status: $status) { status } }"""
BOARD = """query($status: AdvocateStatus!, $after: String) {
  programmeMembers(status: $status, first: 1, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id programme { status history { status } } } } } }"""


@pytest.mark.parametrize("role", list(Role))
def test_the_viewer_is_the_signed_in_key(embedded_store: GraphStore, role: Role) -> None:
    body = ask(embedded_store, "{ viewer { keyId name role } }", role)
    viewer = body["data"]["viewer"]
    assert (viewer["name"], viewer["role"]) == (f"test {role.value}", role.name)
    (key,) = [k for k in embedded_store.api_keys() if k.name == viewer["name"]]
    assert viewer["keyId"] == key.id


def test_the_programme_board_lists_people_by_their_current_status(world: GraphStore) -> None:
    giulia = person_of(world, "giulia@mastodon.social", "mastodon")
    tom = person_of(world, "tom@fosstodon.org", "mastodon")
    for who, status in ((giulia, "INVITED"), (tom, "INVITED"), (giulia, "ACTIVE")):
        assert "errors" not in ask(world, MOVE, Role.MANAGER, id=who, status=status)

    invited = ask(world, BOARD, status="INVITED")["data"]["programmeMembers"]
    assert invited["totalCount"] == 1 and not invited["pageInfo"]["hasNextPage"]
    (node,) = [edge["node"] for edge in invited["edges"]]
    assert node["id"] == tom and node["programme"]["status"] == "INVITED"
    active = ask(world, BOARD, status="ACTIVE")["data"]["programmeMembers"]
    assert [edge["node"]["id"] for edge in active["edges"]] == [giulia]
    assert [step["status"] for step in active["edges"][0]["node"]["programme"]["history"]] == [
        "INVITED",
        "ACTIVE",
    ]
    assert ask(world, BOARD, status="PAUSED")["data"]["programmeMembers"]["totalCount"] == 0


def test_channel_and_community_trends(read_world: GraphStore) -> None:
    body = ask(
        read_world,
        """{ channelTrends(first: 50, bucket: DAY) { key posts sentiment points { posts } }
             channels { id posts }
             communityTrends(first: 50) { key posts points { start posts } }
             communities(first: 50) { id size } }""",
    )["data"]
    channel_posts = {c["id"]: c["posts"] for c in body["channels"] if c["posts"]}
    assert {t["key"]: t["posts"] for t in body["channelTrends"]} == channel_posts
    for trend in body["channelTrends"]:
        assert sum(point["posts"] for point in trend["points"]) == trend["posts"]
    communities = {c["id"] for c in body["communities"]}
    tones = body["communityTrends"]
    assert tones and {t["key"] for t in tones} <= communities
    assert [t["posts"] for t in tones] == sorted((t["posts"] for t in tones), reverse=True)
    refused = ask(read_world, '{ communityTrends(since: "2026-02-01T00:00:00Z", '
                  'until: "2026-01-01T00:00:00Z") { key } }')  # fmt: skip
    assert refused["errors"][0]["message"] == "since must be before until"


def test_the_map_can_be_drawn_for_one_platform(read_world: GraphStore) -> None:
    body = ask(
        read_world,
        """{ all: influencerMap(first: 100) { nodes { person { id } } }
             reddit: influencerMap(first: 100, platform: "reddit") {
               nodes { person { id accounts { platform } } } edges { source target } } }""",
    )["data"]
    reddit = body["reddit"]
    assert reddit["nodes"] and len(reddit["nodes"]) < len(body["all"]["nodes"])
    for node in reddit["nodes"]:
        assert "reddit" in {a["platform"] for a in node["person"]["accounts"]}
    ids = {node["person"]["id"] for node in reddit["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in reddit["edges"])


def test_an_alert_about_a_person_leads_to_them(world: GraphStore) -> None:
    giulia = person_of(world, "giulia@mastodon.social", "mastodon")
    now = datetime.now(UTC)
    world.add_alerts(
        [
            Alert("a-person", AlertKind.NEGATIVE_INFLUENCER, now, giulia, "negative post",
                  post_uid="mastodon:110000000000000001"),
            Alert("a-spike", AlertKind.SENTIMENT_SPIKE, now, "delivery", "spike"),
            Alert("a-gone", AlertKind.AT_RISK_INFLUENCER, now, "erased-person", "at risk"),
        ]
    )  # fmt: skip
    edges = ask(world, "{ alerts(first: 10) { edges { node { id person { id } post { id } } } } }")
    found = {e["node"]["id"]: e["node"] for e in edges["data"]["alerts"]["edges"]}
    assert found["a-person"]["person"] == {"id": giulia}
    assert found["a-person"]["post"] == {"id": "mastodon:110000000000000001"}
    assert found["a-spike"]["person"] is None and found["a-gone"]["person"] is None
