"""Identity links over the API: the review list, and confirming, rejecting and undoing."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from graph.identity import linking
from graph.model.access import Role
from graph.model.identity import LinkStatus
from graph.store.contract import GraphStore
from tests.helpers.api import api_client, graphql
from tests.helpers.factories import T0, person_of
from tests.helpers.identity import THRESHOLDS, import_customers, ingest_conversations

REVIEW_LIST = """
query($kind: IdentityLinkKind, $status: IdentityLinkStatus, $after: String) {
  identityLinks(kind: $kind, status: $status, first: 2, after: $after) {
    edges { node { id confidence status evidence { kind detail }
                   person { id accounts { platform handle } }
                   customer { externalId } otherPerson { id } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def _ask(store: GraphStore, role: Role, *operations: tuple[str, dict[str, Any]]) -> list[Any]:
    async def scenario() -> list[Any]:
        async with api_client(store, role=role) as client:
            return [await graphql(client, query, **variables) for query, variables in operations]

    return asyncio.run(scenario())


def test_the_review_list_pages_and_decisions_are_recorded(store: GraphStore) -> None:
    ingest_conversations(store)
    import_customers(store)
    linking.resolve(store, T0, THRESHOLDS)
    first, second = _ask(
        store,
        Role.VIEWER,
        (REVIEW_LIST, {"status": "PROPOSED"}),
        (REVIEW_LIST, {"kind": "PERSON_CUSTOMER", "status": "PROPOSED"}),
    )
    page = first["data"]["identityLinks"]
    assert page["pageInfo"]["hasNextPage"] is True and len(page["edges"]) == 2
    (ana,) = [edge["node"] for edge in second["data"]["identityLinks"]["edges"]]
    assert ana["customer"] == {"externalId": "C-400"} and ana["otherPerson"] is None
    assert ana["person"]["accounts"] == [{"platform": "reddit", "handle": "ana_c"}]
    assert ana["evidence"][0]["kind"] == "NAME"
    rest = _ask(store, Role.VIEWER, (REVIEW_LIST, {"after": page["pageInfo"]["endCursor"]}))
    assert len(rest[0]["data"]["identityLinks"]["edges"]) == 2

    sara = person_of(store, "sara_neri@mastodon.social")
    pair = next(
        edge["node"]
        for edge in page["edges"] + rest[0]["data"]["identityLinks"]["edges"]
        if edge["node"]["otherPerson"] is not None and sara in (
            edge["node"]["person"]["id"], edge["node"]["otherPerson"]["id"])
    )  # fmt: skip
    confirm = (
        'mutation($id: ID!) { confirmIdentityLink(id: $id, note: "same shop") '
        "{ status decidedBy note } }"
    )
    reject = 'mutation($id: ID!) { rejectIdentityLink(id: $id, reason: "not her") { status note } }'
    undo = (
        'mutation($id: ID!) { undoIdentityLink(id: $id, reason: "two Saras") '
        "{ status note otherPerson { id } } }"
    )
    confirmed, twice, rejected, undone, again = _ask(
        store,
        Role.MANAGER,
        (confirm, {"id": pair["id"]}),
        (confirm, {"id": pair["id"]}),
        (reject, {"id": ana["id"]}),
        (undo, {"id": pair["id"]}),
        (undo, {"id": pair["id"]}),
    )
    applied = confirmed["data"]["confirmIdentityLink"]
    assert (applied["status"], applied["note"]) == ("APPLIED", "same shop")
    assert applied["decidedBy"].startswith("key:")
    assert twice["errors"][0]["message"] == "the link is applied, not proposed"
    assert rejected["data"]["rejectIdentityLink"] == {"status": "REJECTED", "note": "not her"}
    reverted = undone["data"]["undoIdentityLink"]
    assert (reverted["status"], reverted["note"]) == ("REJECTED", "undone: two Saras")
    assert reverted["otherPerson"] is not None  # the person merged away is back
    assert again["errors"][0]["message"] == "the link is rejected, not applied"


def test_viewers_cannot_decide_links(store: GraphStore) -> None:
    (refused,) = _ask(
        store,
        Role.VIEWER,
        ('mutation { rejectIdentityLink(id: "x", reason: "no") { status } }', {}),
    )
    assert refused["errors"][0]["message"] == "this needs a key of the manager role"
    assert refused["data"] is None


def test_the_decided_links_list_the_latest_decision_first(store: GraphStore) -> None:
    ingest_conversations(store)
    import_customers(store)
    linking.resolve(store, T0, THRESHOLDS)
    proposed = store.identity_links(None, LinkStatus.PROPOSED, 2)
    assert len(proposed) == 2
    # The less confident link is decided last: it leads the audit trail.
    for hours, link in enumerate(proposed, start=1):
        linking.reject(store, link.id, "key:1 (Ada)", T0 + timedelta(hours=hours), "not them")
    listing = """
    query($order: IdentityLinkOrder!) {
      identityLinks(status: REJECTED, order: $order, first: 2) { edges { node { id } } }
    }"""
    latest, confident = _ask(
        store,
        Role.VIEWER,
        (listing, {"order": "LATEST_DECISION"}),
        (listing, {"order": "CONFIDENCE"}),
    )
    ids = [link.id for link in proposed]
    assert [e["node"]["id"] for e in latest["data"]["identityLinks"]["edges"]] == ids[::-1]
    assert [e["node"]["id"] for e in confident["data"]["identityLinks"]["edges"]] == ids
