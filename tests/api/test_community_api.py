"""One community by id, as the web app's community page asks for it: the same profile the
list gives, its members paged, and null for an id no ranking gave; on both backends."""

from __future__ import annotations

from graph.store.contract import GraphStore
from tests.helpers.api import ask

PROFILE = "id size topTopics mainChannels averageSentiment topVoices { id }"
MEMBERS = "members(first: 2) { edges { node { communityId } } pageInfo { hasNextPage } }"


def test_a_community_by_id_is_the_one_the_list_gives(read_world: GraphStore) -> None:
    listed = ask(read_world, f"{{ communities(first: 50) {{ {PROFILE} }} }}")["data"]["communities"]
    assert listed, "the read_world has communities"
    for expected in listed[:3]:
        body = ask(
            read_world,
            f"query($id: ID!) {{ community(id: $id) {{ {PROFILE} {MEMBERS} }} }}",
            id=expected["id"],
        )
        found = body["data"]["community"]
        members = found.pop("members")
        assert found == expected
        assert [edge["node"]["communityId"] for edge in members["edges"]] == [expected["id"]] * min(
            2, expected["size"]
        )
        assert members["pageInfo"]["hasNextPage"] == (expected["size"] > 2)


def test_an_unknown_community_is_null(read_world: GraphStore) -> None:
    body = ask(read_world, '{ community(id: "c-nobody") { id } }')
    assert body == {"data": {"community": None}}
