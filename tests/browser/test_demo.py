"""The demo as ``osmosi serve --demo`` loads it, on each store, read through the server the
browser tests use (one load per store): every view of the web app has content on first
start, loading again adds nothing, and README's command-line examples run on it as
written. (Tests that ran before may have acted on a few people and posts: the assertions
allow for it.)"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from graph.embedded import EmbeddedGraphStore
from graph.store.contract import GraphStore
from ingestion.demo import load_demo
from ingestion.demo.people import SHOWCASE
from tests.helpers.browser import App
from tests.helpers.demo import demo_pipeline

parse = datetime.fromisoformat
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

RANKINGS = """{
  stats { people accounts posts topics channels communities }
  influencers(first: 20) { score person { id } }
  communities(first: 50) { id size topTopics mainChannels }
  advocate: advocates(first: 5, class: ADVOCATE) { class }
  potential: advocates(first: 5, class: POTENTIAL_ADVOCATE) { class }
  detractor: advocates(first: 5, class: DETRACTOR) { class }
  atRisk: advocates(first: 5, class: AT_RISK_INFLUENCER) { class }
  ambassadorShortlist(size: 10) { members { person { id } } }
  influencerMap(first: 200) { nodes { person { id } communityId } edges { source target } }
}"""
ACT = """{
  open: responseQueue(first: 5) { edges { node { id owner } } }
  overdue: responseQueue(overdue: true, first: 5) { edges { node { overdue } } }
  responseMetrics(groupBy: [FUNCTION]) { function answered open overdue
    medianFirstResponseSeconds withinTarget }
  weeks: responseMetrics(groupBy: [WEEK]) { week answered }
  unansweredQuestions(olderThanHours: 24, first: 5) { edges { node { intent } } }
  alerts(first: 100) { totalCount edges { node { kind } } }
  customerLinks: identityLinks(kind: PERSON_CUSTOMER, status: PROPOSED, first: 5) {
    edges { node { confidence customer { externalId } } } }
  personLinks: identityLinks(kind: PERSON_PERSON, status: PROPOSED, first: 5) {
    edges { node { confidence otherPerson { id } } } }
  applied: identityLinks(status: APPLIED, first: 5) { edges { node { kind } } }
}"""
REVIEW = """{
  active: programmeMembers(status: ACTIVE) { totalCount }
  invited: programmeMembers(status: INVITED) { totalCount }
  paused: programmeMembers(status: PAUSED) { totalCount }
  declined: programmeMembers(status: DECLINED) { totalCount }
  candidates: programmeMembers(status: CANDIDATE) { totalCount }
  channels(periodDays: 7) { id firstSeenAt recentPosts previousPosts growth }
  touchpoints(bucket: WEEK) { key posts points { posts sentiment } }
  topics(first: 10) { key posts }
  showcase: personByAccount(platform: "mastodon", handle: "SHOWCASE@mastodon.uno") {
    accounts { platform } programme { status history { status } }
    customers { customer { externalId } } communityId }
}""".replace("SHOWCASE", SHOWCASE)


@pytest.fixture
def served_store(app: App, request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """The served store, opened beside the server."""
    if app.backend == "neo4j":
        yield request.getfixturevalue("neo4j_server")
        return
    embedded = EmbeddedGraphStore(Path(app.env["OSMOSI_DATA_DIR"]))
    yield embedded
    embedded.close()


def test_the_demo_is_loaded_whole(app: App) -> None:
    printed = app.server.output()
    loaded = re.search(r"demo data: ([\d,]+) posts and ([\d,]+) customers loaded", printed)
    assert loaded, printed
    posts, customers = (int(group.replace(",", "")) for group in loaded.groups())
    assert 20_000 <= posts <= 25_000
    served = app.graphql("{ stats { posts } }")["stats"]["posts"]
    assert posts <= served <= posts + 50, "the demo's posts, and the few earlier tests ingested"
    assert customers > 500


def test_the_rankings_have_content(app: App) -> None:
    data = app.graphql(RANKINGS)
    assert data["stats"]["people"] > 2_500
    assert len(data["influencers"]) == 20
    communities = data["communities"]
    assert len(communities) >= 5
    assert all(c["topTopics"] and c["mainChannels"] for c in communities if c["size"] > 20)
    for name in ("advocate", "potential", "detractor", "atRisk"):
        assert data[name], f"advocates of class {name}"
    assert len(data["ambassadorShortlist"]["members"]) == 10
    drawn = data["influencerMap"]
    assert len(drawn["nodes"]) == 200
    assert len(drawn["edges"]) > 100
    assert len({n["communityId"] for n in drawn["nodes"]}) >= 5


def test_the_queue_alerts_and_identity_review_have_content(app: App) -> None:
    data = app.graphql(ACT)
    assert len(data["open"]["edges"]) == 5
    assert all(e["node"]["overdue"] for e in data["overdue"]["edges"])
    assert len(data["overdue"]["edges"]) == 5
    metrics = {m["function"]: m for m in data["responseMetrics"]}
    assert sum(m["open"] for m in metrics.values()) > sum(m["overdue"] for m in metrics.values())
    care = metrics["CUSTOMER_CARE"]
    assert care["answered"] > 500
    assert care["medianFirstResponseSeconds"] > 0
    assert 0.3 < care["withinTarget"] < 1, "some answered within target, some late"
    assert len([w for w in data["weeks"] if w["answered"]]) >= 15
    assert {e["node"]["intent"] for e in data["unansweredQuestions"]["edges"]} == {"QUESTION"}
    kinds = Counter(e["node"]["kind"] for e in data["alerts"]["edges"])
    assert {"NEGATIVE_INFLUENCER", "SENTIMENT_SPIKE", "CHANNEL_SURGE"} <= set(kinds)
    assert data["customerLinks"]["edges"] and data["personLinks"]["edges"]
    assert all(e["node"]["confidence"] < 0.9 for e in data["personLinks"]["edges"])
    assert {e["node"]["kind"] for e in data["applied"]["edges"]}


def test_the_programme_trends_and_the_showcase_person_have_content(app: App) -> None:
    data = app.graphql(REVIEW)
    for status in ("active", "invited", "paused", "declined", "candidates"):
        assert data[status]["totalCount"] > 0, status
    channels = {c["id"]: c for c in data["channels"]}
    new = channels["reddit:r/caffeaurora"]
    assert new["recentPosts"] >= 10
    assert [c for c in channels.values() if c["growth"] is not None]
    fortnight = datetime.now(UTC) - timedelta(days=14)
    recent = [c["id"] for c in channels.values() if parse(c["firstSeenAt"]) > fortnight]
    assert recent == ["reddit:r/caffeaurora"], "the others were active long before"
    touchpoints = {t["key"]: t for t in data["touchpoints"]}
    assert {"customer-care", "delivery", "pricing", "store"} <= set(touchpoints)
    assert len(touchpoints["delivery"]["points"]) >= 15
    assert len(data["topics"]) == 10
    giulia = data["showcase"]
    assert {a["platform"] for a in giulia["accounts"]} == {"mastodon", "x"}, "merged"
    assert giulia["programme"]["status"] == "ACTIVE"
    assert len(giulia["programme"]["history"]) == 3
    assert giulia["customers"]


def test_loading_again_adds_nothing(served_store: GraphStore) -> None:
    store = served_store
    before = store.counts()
    again = load_demo(demo_pipeline(store))
    assert again.already
    assert store.counts() == before


def test_the_readme_examples_run_on_the_demo(app: App, served_store: GraphStore) -> None:
    def osmosi(*args: str) -> dict[str, Any]:
        found: dict[str, Any] = json.loads(app.osmosi(*args, "--json", cwd=EXAMPLES.parent))
        return found

    statuses = osmosi("ingest", "examples/statuses.jsonl", "--format", "mastodon")
    assert (statuses["stored"], statuses["rejected"]) == (50, 0)
    mapping = "text=Message,author=User,id=Ref,created_at=Date"
    export = osmosi("ingest", "examples/export.csv", "-f", "csv", "--map", mapping)
    assert (export["stored"], export["rejected"]) == (40, 0)
    customers = osmosi("crm", "import", "examples/customers.csv")
    assert (customers["stored"], customers["rejected"]) == (24, 0)
    assert customers["links"]["applied"] > 0 < customers["links"]["waiting"]
    replies = [json.loads(line) for line in (EXAMPLES / "statuses.jsonl").open()]
    parent = next(r["in_reply_to_id"] for r in replies if r["in_reply_to_id"])
    thread = served_store.thread(f"mastodon:{parent}")
    assert thread is not None and len(thread.posts) >= 2, "a reply to a demo post"
