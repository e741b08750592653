"""Posts, threads, trends, channels, the influencer map and connection paths over HTTP, on
both backends, on data from the ingest path."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

from graph.store.contract import GraphStore
from ingestion.parsers import parser_for
from ingestion.pipeline import Pipeline
from tests.helpers.api import ask
from tests.helpers.factories import person_of


def test_a_post_with_its_analysis_and_its_thread(read_world: GraphStore) -> None:
    body = ask(
        read_world,
        """{ post(id: "mastodon:110000000000000002") { id text language replyToId
               author { handle person { id } } sentiment { label } intent topics
               metrics { likes } channelId }
             thread(postId: "reddit:t1_c2") { rootId truncated
               posts { id replyToId author { handle } } }
             short: thread(postId: "reddit:t1_c2", first: 2) { truncated posts { id } }
             none: thread(postId: "reddit:nope") { rootId } }""",
    )["data"]
    post = body["post"]
    assert (
        post["text"] == "@giulia agreed <3 but MATCH (n) DETACH DELETE n; <script>alert(1)</script>"
    )
    assert post["replyToId"] == "mastodon:110000000000000001"
    assert post["author"]["handle"] == "tom@fosstodon.org"
    assert post["author"]["person"]["id"] == person_of(read_world, "tom@fosstodon.org", "mastodon")
    assert post["sentiment"]["label"] in {"POSITIVE", "NEGATIVE", "NEUTRAL"}
    assert post["channelId"] == "mastodon:fosstodon.org"
    thread = body["thread"]
    assert thread["rootId"] == "reddit:t3_abc123" and thread["truncated"] is False
    replies = {p["id"]: p["replyToId"] for p in thread["posts"]}
    assert replies == {
        "reddit:t3_abc123": None,
        "reddit:t1_c1": "reddit:t3_abc123",
        "reddit:t1_c2": "reddit:t1_c1",
        "reddit:t1_c6": "reddit:t1_c1",
    }
    assert thread["posts"][0]["id"] == "reddit:t3_abc123"
    assert body["short"]["truncated"] is True and len(body["short"]["posts"]) == 2
    assert body["none"] is None


def test_topic_and_touchpoint_trends(read_world: GraphStore) -> None:
    body = ask(
        read_world,
        """{ weekly: topics(first: 3) { key posts sentiment points { start posts scored } }
             daily: topics(first: 1, bucket: DAY) { key posts points { start posts } }
             early: topics(first: 1, until: "2026-01-01T06:00:00Z") { key posts }
             touchpoints { key posts sentiment points { posts } } }""",
    )["data"]
    weekly = body["weekly"]
    assert len(weekly) == 3
    assert [t["posts"] for t in weekly] == sorted((t["posts"] for t in weekly), reverse=True)
    for trend in weekly:
        # Each topic's volume is the number of posts carrying it (read another way).
        assert trend["posts"] == sum(read_world.topic_authors(trend["key"]).values())
        assert sum(p["posts"] for p in trend["points"]) == trend["posts"]
        assert all(datetime.fromisoformat(p["start"]).weekday() == 0 for p in trend["points"])
        assert -1 <= trend["sentiment"] <= 1
    daily = body["daily"][0]
    assert daily["key"] == weekly[0]["key"] and daily["posts"] == weekly[0]["posts"]
    # The synthetic export is all on Thursday 1 January 2026, in the week of 29 December.
    assert daily["points"][0]["start"] == "2026-01-01"
    assert weekly[0]["points"][0]["start"] == "2025-12-29"
    assert 0 < body["early"][0]["posts"] < weekly[0]["posts"]
    touchpoints = {t["key"]: t for t in body["touchpoints"]}
    assert {"delivery", "customer-care"} <= set(touchpoints)
    assert touchpoints["customer-care"]["sentiment"] < 0 < touchpoints["delivery"]["sentiment"]
    assert all(sum(p["posts"] for p in t["points"]) == t["posts"] for t in touchpoints.values())
    backwards = '{ topics(since: "2026-02-01T00:00:00Z", until: "2026-01-01T00:00:00Z") { key } }'
    bad = ask(read_world, backwards)
    assert bad["errors"][0]["message"] == "since must be before until"


def test_channels_with_kind_first_seen_and_growth(world: GraphStore) -> None:
    today = datetime.now(UTC)
    records = [
        {
            "platform": "forum",
            "id": f"growth-{days}",
            "author": {"handle": "stefano"},
            "text": "the grinder broke again",
            "created_at": (today - timedelta(days=days)).isoformat(),
            "channel": "newforum.example/help",
        }
        for days in (0, 1, 8)
    ]
    lines = "\n".join(json.dumps(record) for record in records).encode()
    parser = parser_for("jsonl")
    assert Pipeline(world).ingest(parser.read(io.BytesIO(lines)), parser, "t").stored == 3
    channels = ask(
        world, "{ channels { id kind posts recentPosts previousPosts growth firstSeenAt } }"
    )["data"]["channels"]
    by_id = {c["id"]: c for c in channels}
    assert [c["posts"] for c in channels] == sorted((c["posts"] for c in channels), reverse=True)
    assert by_id["reddit:r/espresso"]["kind"] == "VERTICAL"
    assert by_id["mastodon:mastodon.online"]["kind"] == "APPEAL"
    assert all(c["firstSeenAt"] for c in channels)
    assert sum(c["posts"] for c in channels) <= world.counts().posts
    new = by_id["forum:newforum.example/help"]
    assert (new["posts"], new["recentPosts"], new["previousPosts"], new["growth"]) == (3, 2, 1, 1.0)
    # First seen at its earliest post, not when the import ran.
    assert datetime.fromisoformat(new["firstSeenAt"]) == today - timedelta(days=8)
    week = by_id["mastodon:mastodon.online"]
    assert (week["recentPosts"], week["growth"]) == (0, None)


def test_the_influencer_map_is_a_capped_subgraph_of_the_top_people(read_world: GraphStore) -> None:
    body = ask(
        read_world,
        """{ influencerMap(first: 12) { truncated nodes { person { id } score communityId
               factors { name } } edges { source target weight interactions } }
             influencers(first: 12) { person { id } } }""",
    )["data"]
    graph = body["influencerMap"]
    ids = [node["person"]["id"] for node in graph["nodes"]]
    assert ids == [entry["person"]["id"] for entry in body["influencers"]]
    scores = [node["score"] for node in graph["nodes"]]
    assert scores == sorted(scores, reverse=True)
    assert all(node["communityId"] for node in graph["nodes"])
    assert graph["edges"], "the loudest people of the synthetic export talk to each other"
    for edge in graph["edges"]:
        assert edge["source"] in ids and edge["target"] in ids
        assert edge["source"] < edge["target"] and edge["weight"] > 0 < edge["interactions"]
    assert len(graph["edges"]) <= 5 * len(ids)
    # The ties the ranking stored are those a recomputation finds among the same people.
    live = ask(
        read_world,
        """{ influencerMap(first: 12, since: "2000-01-01T00:00:00Z") {
             nodes { person { id } } edges { source target interactions } } }""",
    )["data"]["influencerMap"]
    assert {n["person"]["id"] for n in live["nodes"]} == set(ids)
    recomputed = {(e["source"], e["target"]): e["interactions"] for e in live["edges"]}
    common = [e for e in graph["edges"] if (e["source"], e["target"]) in recomputed]
    assert common, "the stored and the recomputed map share their strongest ties"
    for edge in common:
        assert edge["interactions"] == recomputed[edge["source"], edge["target"]]
    topical = ask(read_world, '{ influencerMap(first: 5, topic: "espresso") { nodes { score } } }')
    assert 0 < len(topical["data"]["influencerMap"]["nodes"]) <= 5


def test_connection_paths_are_shortest_and_warm(read_world: GraphStore) -> None:
    tom = person_of(read_world, "tom@fosstodon.org", "mastodon")
    giulia = person_of(read_world, "giulia@mastodon.social", "mastodon")
    aurora = person_of(read_world, "aurora@mastodon.social", "mastodon")
    query = """query($a: ID!, $b: ID!, $hops: Int!) {
      connectionPath(fromPerson: $a, toPerson: $b, maxHops: $hops) {
        hops start { id } steps { person { id } weight } } }"""
    path = ask(read_world, query, a=tom, b=aurora, hops=3)["data"]["connectionPath"]
    assert path["hops"] == 2 and path["start"]["id"] == tom
    assert [s["person"]["id"] for s in path["steps"]] == [giulia, aurora]
    assert all(step["weight"] > 0 for step in path["steps"])
    assert ask(read_world, query, a=tom, b=aurora, hops=1)["data"]["connectionPath"] is None
    far = person_of(read_world, "ucmarco", "youtube")
    assert ask(read_world, query, a=tom, b=far, hops=6)["data"]["connectionPath"] is None
    assert ask(read_world, query, a=tom, b=tom, hops=2)["data"]["connectionPath"]["hops"] == 0
    refused = ask(read_world, query, a=tom, b=aurora, hops=7)
    assert refused["errors"][0]["message"] == "maxHops must be between 1 and 6"
