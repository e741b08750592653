"""The read views of the store contract for the API, on both backends, against values
computed by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from graph.identity.service import merge_people
from graph.model.insights import DailyVolume, VolumeDimension
from graph.model.network import MapTie
from graph.model.nodes import (
    Aspect,
    AspectTarget,
    Channel,
    ChannelKind,
    InteractionKind,
    Sentiment,
    ShareKind,
)
from graph.store.contract import GraphStore
from tests.helpers.factories import T0, account, person_of, post

HALF_LIFE = timedelta(days=10)


@pytest.fixture
def talk(store: GraphStore) -> GraphStore:
    """ada posts twice (day 0 and day 1), bob replies to her and mentions her, cy reposts
    bob; ada's second post is about delivery."""
    care = Aspect(AspectTarget.TOUCHPOINT, "delivery", Sentiment.NEGATIVE, -0.5)
    ada = account("ada", display_name="Ada Lovelace")
    store.upsert_posts(
        [
            post("1", ada, "#caffe ok", topics=("caffe",), sentiment_score=0.5),
            post(
                "2",
                "ada",
                "late #caffe #tea",
                topics=("caffe", "tea"),
                minutes=24 * 60,
                sentiment_score=-0.5,
                aspects=(care,),
                channel=Channel("mastodon", "other.example", ChannelKind.APPEAL),
            ),
            post("3", "bob", "@ada yes", reply_to="1", mentions=("ada",), minutes=30),
            post("4", "cy", "rt", shares="3", share_kind=ShareKind.REPOST, minutes=40),
        ]
    )
    return store


def test_ties_sum_each_kind_with_its_decay(talk: GraphStore) -> None:
    ada, bob, cy = (person_of(talk, h) for h in ("ada", "bob", "cy"))
    now = T0 + timedelta(days=10, minutes=30)  # bob's interactions are one half-life old
    ties = {(t.source, t.target, t.kind): t for t in talk.ties([ada], now, HALF_LIFE)}
    assert set(ties) == {(bob, ada, InteractionKind.REPLY), (bob, ada, InteractionKind.MENTION)}
    assert ties[bob, ada, InteractionKind.REPLY].count == 1
    assert ties[bob, ada, InteractionKind.REPLY].decayed == pytest.approx(0.5, rel=1e-4)
    among = talk.ties([bob, cy], now, HALF_LIFE, among=True)
    assert [(t.source, t.target, t.kind.value) for t in among] == [(cy, bob, "repost")]
    assert talk.ties([ada], now, HALF_LIFE, since=T0 + timedelta(hours=1)) == []


def test_each_interaction_counts_once_from_either_side_and_never_with_oneself(
    talk: GraphStore,
) -> None:
    # dee mentions both of ada's accounts in one post (one interaction with ada), and ada
    # replies to her own post and mentions her other account (none).
    talk.upsert_posts(
        [
            post("5", "dee", "@ada @ada_alt hi", mentions=("ada", "ada_alt"), minutes=50),
            post("6", "ada", "and more", reply_to="1", mentions=("ada_alt",), minutes=60),
        ]
    )
    ada, bob, cy, dee = (person_of(talk, h) for h in ("ada", "bob", "cy", "dee"))
    merge_people(talk, ada, person_of(talk, "ada_alt"), ["same bio link"], "key:m", T0)
    now = T0 + timedelta(days=1)

    def counted(ids: list[str], among: bool = False) -> dict[tuple[str, str, str], int]:
        ties = talk.ties(ids, now, HALF_LIFE, among=among)
        return {(t.source, t.target, t.kind.value): t.count for t in ties}

    to_ada = {(bob, ada, "reply"): 1, (bob, ada, "mention"): 1, (dee, ada, "mention"): 1}
    assert counted([ada]) == to_ada
    assert counted([bob]) == {
        (bob, ada, "reply"): 1,
        (bob, ada, "mention"): 1,
        (cy, bob, "repost"): 1,
    }
    # bob's reply to ada is found from both sides and counted once.
    assert counted([ada, bob]) == {**to_ada, (cy, bob, "repost"): 1}
    assert counted([ada, bob], among=True) == {(bob, ada, "reply"): 1, (bob, ada, "mention"): 1}


def test_a_persons_posts_topics_and_opinions(talk: GraphStore) -> None:
    ada = person_of(talk, "ada")
    first = talk.posts_of([ada, "nobody"], 1, 0)
    assert [p.uid for p in first[ada].posts] == ["mastodon:2"] and first[ada].total == 2
    assert first[ada].posts[0] == talk.get_post("mastodon:2")
    assert [p.uid for p in talk.posts_of([ada], 5, 1)[ada].posts] == ["mastodon:1"]
    assert first["nobody"].total == 0
    topics = talk.topics_of([ada], 5)[ada]
    assert [(t.key, t.posts) for t in topics] == [("caffe", 2), ("tea", 1)]
    assert [(t.key, t.posts) for t in talk.topics_of([ada], 1)[ada]] == [("caffe", 2)]
    assert talk.opinions_of([ada])[ada] == [
        DailyVolume("", date(2026, 3, 1), 1, 1, 0.5),
        DailyVolume("", date(2026, 3, 2), 1, 1, -0.5),
        DailyVolume("delivery", date(2026, 3, 2), 1, 1, -0.5),
    ]


def test_daily_volumes_per_dimension_and_window(talk: GraphStore) -> None:
    topics = talk.daily_volumes(VolumeDimension.TOPIC)
    assert [(v.key, v.day.day, v.posts, v.scored) for v in topics] == [
        ("caffe", 1, 1, 1),
        ("caffe", 2, 1, 1),
        ("tea", 2, 1, 1),
    ]
    assert talk.daily_volumes(VolumeDimension.TOPIC, since=T0 + timedelta(hours=1))[0].day.day == 2
    assert talk.daily_volumes(VolumeDimension.TOUCHPOINT) == [
        DailyVolume("delivery", date(2026, 3, 2), 1, 1, -0.5)
    ]
    channels = {(v.key, v.day.day): v.posts for v in talk.daily_volumes(VolumeDimension.CHANNEL)}
    assert channels == {("mastodon:social.example", 1): 3, ("mastodon:other.example", 2): 1}
    assert [c.uid for c in talk.list_channels()] == [
        "mastodon:other.example",
        "mastodon:social.example",
    ]
    assert talk.daily_volumes(VolumeDimension.COMMUNITY) == [], "no ranking: no communities"
    ada, bob = person_of(talk, "ada"), person_of(talk, "bob")
    talk.write_communities({ada: "c1", bob: "c2"}, T0)
    communities = talk.daily_volumes(VolumeDimension.COMMUNITY)
    assert [(v.key, v.day.day, v.posts, v.scored, v.sentiment_total) for v in communities] == [
        ("c1", 1, 1, 1, 0.5),
        ("c1", 2, 1, 1, -0.5),
        ("c2", 1, 1, 0, 0.0),
    ]


def test_search_and_batched_lookups(talk: GraphStore) -> None:
    ada = person_of(talk, "ada")
    assert talk.search_people("LOVE", 10) == [ada]
    assert talk.search_people("ad", 10) == [ada]
    assert talk.search_people("zzz", 10) == []
    assert len(talk.search_people("", 10, 0)) == 3
    assert talk.search_people("", 10, 2) == sorted(talk.search_people("", 10))[2:]
    accounts = talk.get_accounts(["mastodon:ada", "mastodon:nobody"])
    assert list(accounts) == ["mastodon:ada"]
    assert accounts["mastodon:ada"].person_id == ada


def test_map_ties_are_replaced_and_read_among_people(talk: GraphStore) -> None:
    ada, bob, cy = (person_of(talk, h) for h in ("ada", "bob", "cy"))
    first = [
        MapTie(min(ada, bob), max(ada, bob), 2.5, 3),
        MapTie(min(bob, cy), max(bob, cy), 1.0, 1),
    ]
    assert talk.write_map_ties(first, T0) == 2
    assert sorted(talk.map_ties([ada, bob, cy])) == sorted(first)
    assert talk.map_ties([ada, bob]) == [first[0]]
    assert talk.write_map_ties(first[1:], T0) == 1
    assert talk.map_ties([ada, bob, cy]) == [first[1]]
