"""The store contract's rankings part: scores, classes, communities and their profiles, the
brand's own accounts and the activity the rankings read. Every test runs against the
embedded store and a real Neo4j."""

from __future__ import annotations

from datetime import timedelta

import pytest

from graph.model.nodes import (
    BRAND_KEY,
    Affiliation,
    Aspect,
    AspectTarget,
    Channel,
    Community,
    Customer,
    CustomerLink,
    Intent,
    Sentiment,
)
from graph.model.rankings import AffiliatedAccount, ScoreSet
from graph.store.contract import GraphStore
from tests.helpers.factories import (
    T0,
    account,
    opinions_of,
    person_by_id,
    person_of,
    post,
)


def test_scores_are_replaced_per_name(store: GraphStore) -> None:
    store.upsert_posts([post("1", "ada", mentions=("bob",))])
    ada, bob = person_of(store, "ada"), person_of(store, "bob")
    assert store.write_scores("pagerank", {ada: 0.7, bob: 0.3, "ghost": 1.0}, T0) == 2
    store.write_scores("kcore", {ada: 1.0}, T0)
    assert store.write_scores("pagerank", {bob: 0.9}, T0) == 1
    ada_person, bob_person = person_by_id(store, ada), person_by_id(store, bob)
    assert ada_person is not None
    assert bob_person is not None
    assert dict(ada_person.scores) == {"kcore": 1.0}
    assert dict(bob_person.scores) == {"pagerank": 0.9}
    with pytest.raises(ValueError, match="score name"):
        store.write_scores("bad name}) DELETE", {}, T0)


def test_scores_written_together_are_as_if_written_one_by_one(store: GraphStore) -> None:
    store.upsert_posts([post("1", "ada", mentions=("bob", "cy"))])
    ada, bob, cy = (person_of(store, h) for h in ("ada", "bob", "cy"))
    store.write_scores("influence", {cy: 9.0}, T0, factors={cy: {"pagerank": 9.0}})
    store.write_scores("advocacy", {ada: 0.3, cy: 0.1}, T0, classes={ada: "advocate", cy: "x"})
    written = store.write_score_sets(
        [
            ScoreSet("influence", {ada: 2.0, bob: 1.0, "ghost": 5.0}, {ada: {"pagerank": 2.0}}),
            ScoreSet("advocacy", {bob: -0.5}, {bob: {"opinion": -0.5}}, {bob: "detractor"}),
        ],
        T0,
    )
    assert written == {"influence": 2, "advocacy": 1}
    people = store.get_people([ada, bob, cy])
    # Scored by one set only: the other's score, factors and class are gone.
    assert (people[ada].scores, people[ada].factors, people[ada].labels) == (
        {"influence": 2.0},
        {"influence": {"pagerank": 2.0}},
        {},
    )
    assert (people[bob].scores, people[bob].factors, people[bob].labels) == (
        {"influence": 1.0, "advocacy": -0.5},
        {"advocacy": {"opinion": -0.5}},
        {"advocacy": "detractor"},
    )
    # Scored before, by neither set now: nothing left.
    assert (people[cy].scores, people[cy].factors, people[cy].labels) == ({}, {}, {})
    assert store.top_people("advocacy", 5) == [(bob, -0.5)]
    assert store.top_people("influence", 5) == [(ada, 2.0), (bob, 1.0)]


def test_communities_are_replaced_as_a_whole(store: GraphStore) -> None:
    store.upsert_posts([post("1", "ada", mentions=("bob", "cy"))])
    ada, bob, cy = (person_of(store, h) for h in ("ada", "bob", "cy"))
    assert store.write_communities({ada: "c1", bob: "c1", cy: "c2", "ghost": "c3"}, T0) == 2
    first = store.get_community("c1")
    assert first is not None
    assert first.size == 2
    assert first.computed_at == T0
    person = person_by_id(store, cy)
    assert person is not None
    assert person.community_id == "c2"
    # A recomputation that moves one person: each person stays in exactly one community.
    assert store.write_communities({ada: "c2", bob: "c1", cy: "c2"}, T0) == 2
    sizes = {c.id: c.size for c in store.list_communities(10, 0)}
    assert sizes == {"c1": 1, "c2": 2}
    moved = person_by_id(store, ada)
    assert moved is not None
    assert moved.community_id == "c2"
    assert store.write_communities({ada: "c9"}, T0) == 1
    assert store.get_community("c1") is None
    assert store.counts().communities == 1
    person = person_by_id(store, cy)
    assert person is not None
    assert person.community_id is None


def test_people_activity_gathers_what_the_rankings_need(store: GraphStore) -> None:
    store.upsert_posts(
        [
            post(
                "1",
                account("ada", followers=120),
                topics=("#caffe",),
                sentiment=Sentiment.POSITIVE,
                sentiment_score=0.8,
            ),
            post("x1", account("ada", "x", followers=30), platform="x"),
            post("2", "ada", topics=("#caffe", "#latte"), minutes=5, sentiment_score=-0.2),
            post("3", "bob", channel=Channel("mastodon", "other.example"), mentions=("ada",)),
        ]
    )
    ada, bob = person_of(store, "ada"), person_of(store, "bob")
    store.upsert_customers([Customer("C-1", "Ada")])
    store.link_customers([CustomerLink(ada, "C-1", 0.9, ("handle",))])
    store.write_communities({ada: "c1", bob: "c2"}, T0)

    now = T0 + timedelta(days=45)
    activity = store.people_activity(now, timedelta(days=90))
    assert activity.followers.get(ada) == 120  # the x account belongs to another person
    said = activity.opinions[ada]
    expected = opinions_of([(T0, 0.8), (T0 + timedelta(minutes=5), -0.2)], now, timedelta(days=90))
    assert said.posts == 2
    assert said.sentiment_total == pytest.approx(0.6)
    assert said.volume == pytest.approx(expected.volume, rel=1e-6)  # 2 * 0.5 ** 0.5, nearly
    assert said.decayed_sentiment_total == pytest.approx(expected.decayed_sentiment_total, rel=1e-6)
    assert bob not in activity.opinions  # no analysed posts
    assert dict(activity.topics[ada]) == {"caffe": 2, "latte": 1}
    assert dict(activity.channels[ada]) == {"mastodon:social.example": 2}
    assert dict(activity.channels[bob]) == {"mastodon:other.example": 1}
    assert activity.customers == {ada}
    assert dict(activity.communities) == {ada: "c1", bob: "c2"}


def test_brand_opinions_count_the_labels_of_posts_about_the_brand(store: GraphStore) -> None:
    brand = Aspect(AspectTarget.BRAND, BRAND_KEY, Sentiment.POSITIVE, 0.6)
    late = Aspect(AspectTarget.TOUCHPOINT, "delivery", Sentiment.NEGATIVE, -0.5)
    blend = Aspect(AspectTarget.PRODUCT, "espresso", Sentiment.NEUTRAL, 0.0)
    negative, positive = Sentiment.NEGATIVE, Sentiment.POSITIVE
    store.upsert_posts(
        [
            post("1", "ada", "Aurora top", aspects=(brand,), sentiment=positive),
            post(
                "2",
                "ada",
                "Aurora ok, delivery late",
                aspects=(brand, late),
                minutes=5,
                sentiment=negative,
            ),
            post("3", "ada", "espresso", aspects=(blend,), minutes=9, sentiment=Sentiment.NEUTRAL),
            post("4", "ada", "not about the brand", minutes=12, sentiment=negative),
            post("5", "ada", "Aurora, not analysed", aspects=(brand,), minutes=14),
            post("6", "bob", "just talk", sentiment=positive),
            # A complaint votes against the brand whatever its label.
            post(
                "7",
                "ada",
                "Aurora: never again",
                aspects=(brand,),
                minutes=16,
                sentiment=Sentiment.NEUTRAL,
                intent=Intent.COMPLAINT,
            ),
            # Down on a product without naming the brand or complaining: no stance on it.
            post(
                "8",
                "ada",
                "espresso waste",
                aspects=(Aspect(AspectTarget.PRODUCT, "espresso", negative, -0.6),),
                minutes=18,
                sentiment=negative,
                intent=Intent.OTHER,
            ),
        ]
    )
    ada, bob = person_of(store, "ada"), person_of(store, "bob")
    assert store.get_post("mastodon:1").aspects == (brand,)  # type: ignore[union-attr]
    now = T0 + timedelta(days=90)
    said = store.people_activity(now, timedelta(days=90)).brand_opinions
    assert bob not in said
    # One vote per analysed post about the brand, decayed by one half-life.
    assert said[ada].posts == 5
    assert said[ada].positive == pytest.approx(0.5, rel=1e-4)
    assert said[ada].negative == pytest.approx(1.0, rel=1e-4)
    assert said[ada].neutral == pytest.approx(1.0, rel=1e-4)
    # Three polar votes of weight 1/2: what they are worth as equal votes is read from these.
    assert said[ada].polar_squares == pytest.approx(0.75, rel=1e-4)


def test_affiliations_mark_accounts_before_and_after_they_are_seen(store: GraphStore) -> None:
    store.upsert_posts([post("1", "brand", "hello"), post("2", "giulia", "ciao")])
    brand, giulia = person_of(store, "brand"), person_of(store, "giulia")
    assert (
        store.set_affiliations(
            {
                "mastodon:brand": Affiliation.OWNED,
                "mastodon:giulia": Affiliation.STAFF,
                "x:brand_official": Affiliation.OWNED,  # not seen yet
            }
        )
        == 3
    )
    assert store.set_affiliations({"mastodon:brand": Affiliation.OWNED}) == 0  # idempotent
    assert store.affiliated_accounts() == [
        AffiliatedAccount("mastodon:brand", Affiliation.OWNED, brand),
        AffiliatedAccount("mastodon:giulia", Affiliation.STAFF, giulia),
        AffiliatedAccount("x:brand_official", Affiliation.OWNED, None),
    ]
    activity = store.people_activity(T0, timedelta(days=90))
    assert dict(activity.affiliations) == {brand: Affiliation.OWNED, giulia: Affiliation.STAFF}
    store.upsert_posts([post("3", "brand_official", "hi", platform="x")])
    official = person_of(store, "brand_official", "x")
    assert store.set_affiliations({"mastodon:giulia": None}) == 1
    assert {a.account_uid: a.person_id for a in store.affiliated_accounts()} == {
        "mastodon:brand": brand,
        "x:brand_official": official,
    }


def test_community_profiles_and_person_classes_are_written_back(store: GraphStore) -> None:
    store.upsert_posts([post("1", "ada", mentions=("bob",))])
    ada, bob = person_of(store, "ada"), person_of(store, "bob")
    profile = Community(
        "c1",
        99,
        top_voices=(bob, ada),
        top_topics=("caffe",),
        main_channels=("mastodon:social.example",),
        average_sentiment=0.25,
    )
    store.write_communities({ada: "c1", bob: "c1"}, T0, {"c1": profile})
    found = store.get_community("c1")
    assert found is not None
    assert (found.size, found.top_voices, found.top_topics) == (2, (bob, ada), ("caffe",))
    assert (found.main_channels, found.average_sentiment) == (
        ("mastodon:social.example",),
        0.25,
    )
    store.write_communities({ada: "c1", bob: "c1"}, T0)  # recomputed without a profile
    bare = store.get_community("c1")
    assert bare is not None
    assert (bare.top_voices, bare.average_sentiment) == ((), None)

    classes = {ada: "potential_advocate", "ghost": "x"}
    assert store.write_scores("advocacy", {ada: 0.4, "ghost": 0.1}, T0, classes=classes) == 1
    person = person_by_id(store, ada)
    assert person is not None
    assert person.labels == {"advocacy": "potential_advocate"}
    store.write_scores("influence", {ada: 2.0}, T0)  # another score leaves classes be
    store.write_scores("advocacy", {bob: -0.5}, T0, classes={bob: "detractor"})
    again, other = person_by_id(store, ada), person_by_id(store, bob)
    assert again is not None and other is not None
    assert (again.labels, again.scores.get("advocacy")) == ({}, None)
    assert other.labels == {"advocacy": "detractor"}


def test_ranked_reads_page_through_people_and_communities(store: GraphStore) -> None:
    store.upsert_posts(
        [
            post("1", "ada", mentions=("bob", "cy"), topics=("#caffe",)),
            post("2", "bob", topics=("#caffe",), minutes=1),
            post("3", "bob", topics=("#caffe",), minutes=2),
        ]
    )
    ada, bob, cy = (person_of(store, h) for h in ("ada", "bob", "cy"))
    store.write_scores("influence", {ada: 1.0, bob: 3.0, cy: 1.0}, T0)
    classes = {ada: "detractor", bob: "advocate", cy: "advocate"}
    store.write_scores("advocacy", {ada: -0.5, bob: 0.5, cy: 0.5}, T0, classes=classes)
    store.write_communities({ada: "small", bob: "big", cy: "big"}, T0)

    assert store.top_people("influence", 2) == [(bob, 3.0), *sorted([(ada, 1.0), (cy, 1.0)])[:1]]
    assert store.top_people("influence", 5, offset=2) == [max((ada, 1.0), (cy, 1.0))]
    assert [p for p, _ in store.top_people("influence", 5, community_id="big")] == [bob, cy]
    assert [p for p, _ in store.top_people("influence", 5, label=("advocacy", "advocate"))] == [
        bob,
        cy,
    ]
    assert store.top_people("nothing", 5) == []

    assert [c.id for c in store.list_communities(5)] == ["big", "small"]
    assert [c.id for c in store.list_communities(5, offset=1)] == ["small"]
    assert store.community_members(["big", "small", "none"], 1) == {
        "big": [bob],
        "small": [ada],
        "none": [],
    }
    assert store.community_members(["big"], 5, offset=1) == {"big": [cy]}

    people = store.get_people([ada, bob, "ghost"])
    assert set(people) == {ada, bob}
    assert people[bob].scores == {"influence": 3.0, "advocacy": 0.5}
    assert people[bob].labels == {"advocacy": "advocate"}
    assert people[bob].community_id == "big"

    assert store.topic_authors("caffe") == {ada: 1, bob: 2}
    assert store.topic_authors("unknown") == {}


def test_scores_carry_their_factors(store: GraphStore) -> None:
    store.upsert_posts([post("1", "ada", mentions=("bob",))])
    ada, bob = person_of(store, "ada"), person_of(store, "bob")
    factors = {ada: {"pagerank": 1.5, "core": 2.0}}
    assert store.write_scores("influence", {ada: 1.5, bob: 0.5}, T0, factors=factors) == 2
    people = store.get_people([ada, bob])
    assert people[ada].factors == {"influence": {"pagerank": 1.5, "core": 2.0}}
    assert people[bob].factors == {}
    store.write_scores("influence", {bob: 0.7}, T0)
    assert store.get_people([ada])[ada].factors == {}
