"""The programme, identity and erasure mutations over HTTP, with the roles they need, on
both backends."""

from __future__ import annotations

import io
from typing import Any

import pytest

from graph.model.access import Role
from graph.store.contract import GraphStore
from ingestion.pipeline import Pipeline
from tests.helpers.api import ask
from tests.helpers.factories import person_of
from tests.helpers.ingest import FIXTURES, fixture_parser

STATUS = """mutation($id: ID!, $status: AdvocateStatus!, $note: String) {
  setAdvocateStatus(personId: $id, status: $status, note: $note) { status note actor at } }"""
MERGE = """mutation($a: ID!, $b: ID!, $evidence: [String!]!) {
  mergePeople(personId: $a, otherPersonId: $b, evidence: $evidence) {
    id kind person { id } otherPerson { id } accounts evidence actor } }"""
SPLIT = """mutation($id: ID!, $accounts: [AccountRef!]!, $reason: String!) {
  splitPerson(personId: $id, accounts: $accounts, reason: $reason) {
    id kind otherPerson { id } undoes } }"""
ERASE = """mutation($id: ID!) { erasePerson(id: $id) { personId accounts posts } }"""
VIEW = """query($id: ID!) { person(id: $id) { id displayName accounts { id }
  posts(first: 100) { totalCount } programme { status note history { status } }
  identityHistory { kind evidence undoneBy } } }"""


def errors(body: dict[str, Any]) -> list[str]:
    return [error["message"] for error in body.get("errors", [])]


def test_the_advocacy_programme_keeps_its_history(world: GraphStore) -> None:
    giulia = person_of(world, "giulia@mastodon.social", "mastodon")
    first = ask(world, STATUS, Role.MANAGER, id=giulia, status="INVITED", note="loves the blend")
    step = first["data"]["setAdvocateStatus"]
    assert (step["status"], step["note"]) == ("INVITED", "loves the blend")
    assert step["actor"].startswith("key:") and "test manager" in step["actor"]
    ask(world, STATUS, Role.MANAGER, id=giulia, status="ACTIVE")
    programme = ask(world, VIEW, id=giulia)["data"]["person"]["programme"]
    assert programme["status"] == "ACTIVE" and programme["note"] is None
    assert [s["status"] for s in programme["history"]] == ["INVITED", "ACTIVE"]
    unknown = ask(world, STATUS, Role.MANAGER, id="nobody", status="ACTIVE")
    assert errors(unknown) == ["no such person"]
    invalid = ask(world, STATUS, Role.MANAGER, id=giulia, status="FAMOUS")
    assert "FAMOUS" in errors(invalid)[0]


def test_a_merge_through_the_api_is_undone_exactly(world: GraphStore) -> None:
    on_reddit = person_of(world, "robert_tables", "reddit")
    on_instagram = person_of(world, "robert_tables", "instagram")
    before = {p: ask(world, VIEW, id=p)["data"]["person"] for p in (on_reddit, on_instagram)}

    merged = ask(
        world,
        MERGE,
        Role.MANAGER,
        a=on_reddit,
        b=on_instagram,
        evidence=["same handle on both", "same profile photo"],
    )["data"]["mergePeople"]
    assert merged["kind"] == "MERGE" and merged["accounts"] == ["instagram:robert_tables"]
    assert merged["evidence"] == ["same handle on both", "same profile photo"]
    one = ask(world, VIEW, id=on_reddit)["data"]["person"]
    assert [a["id"] for a in one["accounts"]] == ["instagram:robert_tables", "reddit:robert_tables"]
    assert one["posts"]["totalCount"] == sum(
        view["posts"]["totalCount"] for view in before.values()
    )
    assert ask(world, VIEW, id=on_instagram)["data"]["person"] is None
    assert person_of(world, "robert_tables", "instagram") == on_reddit

    split = ask(
        world,
        SPLIT,
        Role.MANAGER,
        id=on_reddit,
        accounts=[{"platform": "Instagram", "handle": "@Robert_Tables"}],
        reason="two different Roberts",
    )["data"]["splitPerson"]
    assert split["otherPerson"]["id"] == on_instagram and split["undoes"] == merged["id"]
    after = {p: ask(world, VIEW, id=p)["data"]["person"] for p in (on_reddit, on_instagram)}
    for p in after:
        history = after[p].pop("identityHistory")
        assert [(e["kind"], e["undoneBy"]) for e in history] == [
            ("MERGE", split["id"]),
            ("SPLIT", None),
        ]
        before[p].pop("identityHistory")
    assert after == before

    refused = [
        ask(world, MERGE, Role.MANAGER, a=on_reddit, b=on_reddit, evidence=["x"]),
        ask(world, MERGE, Role.MANAGER, a=on_reddit, b=on_instagram, evidence=["  "]),
        ask(
            world,
            SPLIT,
            Role.MANAGER,
            id=on_reddit,
            accounts=[{"platform": "reddit", "handle": "robert_tables"}],
            reason="x",
        ),
    ]
    assert [errors(body) for body in refused] == [
        ["a person cannot be merged with themself"],
        ["evidence is required"],
        ["a split must leave the person at least one account"],
    ]


def test_erasure_removes_a_person_everywhere_and_a_reimport_brings_nothing_back(
    world: GraphStore,
) -> None:
    giulia = person_of(world, "giulia@mastodon.social", "mastodon")
    refused = ask(world, ERASE, Role.MANAGER, id=giulia)
    assert errors(refused) == ["this needs a key of the admin role"]

    erased = ask(world, ERASE, Role.ADMIN, id=giulia)["data"]["erasePerson"]
    assert erased == {"personId": giulia, "accounts": 1, "posts": 1}
    gone = ask(
        world,
        """query($id: ID!) { person(id: $id) { id }
             personByAccount(platform: "mastodon", handle: "giulia@mastodon.social") { id }
             post(id: "mastodon:110000000000000001") { id }
             people(search: "giulia") { edges { node { id } } }
             influencers(first: 100) { person { id } } }""",
        id=giulia,
    )["data"]
    assert gone["person"] is None and gone["personByAccount"] is None and gone["post"] is None
    assert gone["people"]["edges"] == []
    assert giulia not in {entry["person"]["id"] for entry in gone["influencers"]}
    assert ask(world, ERASE, Role.ADMIN, id=giulia)["errors"][0]["message"] == "no such person"

    parser = fixture_parser("mastodon")
    data = (FIXTURES / "mastodon.jsonl").read_bytes()
    counts = Pipeline(world).ingest(parser.read(io.BytesIO(data)), parser, "again")
    assert counts.read == counts.stored + counts.duplicates + counts.rejected
    assert counts.stored == 0
    assert world.get_account("mastodon", "giulia@mastodon.social") is None
    assert world.get_post("mastodon:110000000000000001") is None
    tom_reply = world.get_post("mastodon:110000000000000002")
    assert tom_reply is not None and "mastodon:giulia@mastodon.social" not in tom_reply.mention_uids
    assert all("giulia" not in entry.payload.casefold() for entry in world.quarantined(1000))


@pytest.mark.parametrize(
    ("mutation", "variables"),
    [
        (STATUS, {"id": "p", "status": "ACTIVE"}),
        (MERGE, {"a": "p", "b": "q", "evidence": ["e"]}),
        (SPLIT, {"id": "p", "accounts": [], "reason": "r"}),
        (ERASE, {"id": "p"}),
        ("mutation { recomputeRankings { id } }", {}),
        (
            """mutation($input: ReportConversationInput!) {
                 reportConversation(input: $input) { created } }""",
            {"input": {"platform": "x", "text": "t", "authorHandle": "a", "reportedBy": "b"}},
        ),
    ],
    ids=["status", "merge", "split", "erase", "recompute", "report"],
)
def test_a_viewer_key_cannot_mutate(
    embedded_store: GraphStore, mutation: str, variables: dict[str, Any]
) -> None:
    before = embedded_store.counts()
    body = ask(embedded_store, mutation, Role.VIEWER, **variables)
    assert body["data"] is None
    assert errors(body)[0] in {
        "this needs a key of the manager role",
        "this needs a key of the admin role",
    }
    assert embedded_store.counts() == before
