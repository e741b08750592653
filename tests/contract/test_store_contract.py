"""The store contract: every test runs against the embedded store and a real Neo4j."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest

from graph.model.insights import TopicCount
from graph.model.nodes import (
    BRAND_KEY,
    Affiliation,
    Aspect,
    AspectTarget,
    Channel,
    ChannelKind,
    Community,
    Customer,
    CustomerLink,
    Intent,
    InteractionKind,
    Product,
    Sentiment,
    ShareKind,
    Touchpoint,
)
from graph.model.rankings import AffiliatedAccount
from graph.store.contract import GraphStore
from tests.helpers.factories import (
    T0,
    account,
    channel_of,
    customer_by_id,
    opinions_of,
    person_by_id,
    person_of,
    post,
)


def test_schema_creation_is_idempotent(store: GraphStore) -> None:
    store.ensure_schema()
    store.ensure_schema()
    assert store.counts().posts == 0


def test_upsert_posts_stores_authors_mentions_topics_and_channel(store: GraphStore) -> None:
    result = store.upsert_posts(
        [
            post(
                "1",
                "ada",
                "ciao @bob #Caffè",
                mentions=("bob",),
                topics=("#Caffè",),
                language="it",
                url="https://social.example/1",
                metrics={"likes": 4},
            ),
            post("2", "bob", "#caffe again", topics=("caffe",), minutes=1),
        ]
    )
    assert (result.created, result.existing) == (2, 0)
    counts = store.counts()
    assert (counts.posts, counts.accounts, counts.people, counts.topics, counts.channels) == (
        2,
        2,
        2,
        1,
        1,
    )
    stored = store.get_post("mastodon:1")
    assert stored is not None
    assert stored.text == "ciao @bob #Caffè"
    assert stored.author_uid == "mastodon:ada"
    assert stored.language == "it"
    assert stored.url == "https://social.example/1"
    assert stored.metrics == {"likes": 4}
    assert stored.created_at == T0
    assert stored.mention_uids == ("mastodon:bob",)
    assert stored.topic_keys == ("caffe",)
    assert stored.channel_uid == "mastodon:social.example"
    ada = person_of(store, "ada")
    assert store.topics_of([ada], 5) == {ada: [TopicCount("caffe", "Caffè", 1)]}


def test_reingesting_the_same_posts_creates_nothing(store: GraphStore) -> None:
    posts = [post(str(i), f"user{i % 3}", mentions=("ada",), topics=("x",)) for i in range(20)]
    assert store.upsert_posts(posts).created == 20
    before = store.counts()
    again = store.upsert_posts(posts)
    assert (again.created, again.existing) == (0, 20)
    assert store.counts() == before


def test_a_post_repeated_in_one_batch_counts_once(store: GraphStore) -> None:
    result = store.upsert_posts([post("1", "ada"), post("1", "ada"), post("2", "ada")])
    assert (result.created, result.existing) == (2, 1)
    assert store.counts().posts == 2


def test_upsert_updates_mutable_fields(store: GraphStore) -> None:
    store.upsert_posts([post("1", "ada", "first", metrics={"likes": 1})])
    store.upsert_posts([post("1", "ada", "edited", metrics={"likes": 9, "shares": 2})])
    stored = store.get_post("mastodon:1")
    assert stored is not None
    assert stored.text == "edited"
    assert stored.metrics == {"likes": 9, "shares": 2}


def test_hostile_text_round_trips_unchanged(store: GraphStore) -> None:
    text = "'}) MATCH (n) DETACH DELETE n // <script>alert(1)</script> \" ; DROP TABLE post; 🙂 ✓"
    handle = "robert'); DROP TABLE account;--"
    store.upsert_posts([post("x'1", handle, text, mentions=("ümlaut_ß",))])
    stored = store.get_post("mastodon:x'1")
    assert stored is not None
    assert stored.text == text
    assert store.get_account("mastodon", handle) is not None
    assert store.counts().posts == 1


def test_handles_match_case_insensitively_and_without_at(store: GraphStore) -> None:
    store.upsert_posts([post("1", account("@Ada", display_name="Ada L.", followers=10))])
    store.upsert_posts([post("2", "ADA")])
    found = store.get_account("mastodon", "ada")
    assert found is not None
    assert (found.handle, found.display_name, found.followers) == ("ada", "Ada L.", 10)
    assert store.counts().accounts == 1
    assert store.counts().people == 1


def test_account_upsert_keeps_known_fields(store: GraphStore) -> None:
    store.upsert_posts([post("1", account("ada", display_name="Ada", followers=3))])
    store.upsert_posts([post("2", account("ada", followers=5))])
    assert (store.counts().accounts, store.counts().people) == (1, 1)
    found = store.get_account("mastodon", "ada")
    assert found is not None
    assert (found.display_name, found.followers) == ("Ada", 5)


def test_accounts_of_people(store: GraphStore) -> None:
    store.upsert_posts([post("1", "ada", mentions=("bob",))])
    ada, bob = person_of(store, "ada"), person_of(store, "bob")
    accounts = store.accounts_of([ada, bob, "nobody"])
    assert [a.handle for a in accounts[ada]] == ["ada"]
    assert [a.handle for a in accounts[bob]] == ["bob"]
    assert accounts["nobody"] == []
    found = person_by_id(store, ada)
    assert found is not None
    assert found.id == ada
    assert person_by_id(store, "nobody") is None


def test_reply_stored_before_its_parent_is_linked_when_parent_arrives(store: GraphStore) -> None:
    store.upsert_posts([post("2", "bob", "risposta", reply_to="1", minutes=5)])
    assert list(store.interactions()) == []
    store.upsert_posts([post("1", "ada", "domanda")])
    thread = store.thread("mastodon:2")
    assert thread is not None
    assert thread.root_uid == "mastodon:1"
    assert [p.uid for p in thread.posts] == ["mastodon:1", "mastodon:2"]
    edges = list(store.interactions())
    assert [(e.kind, e.source, e.target) for e in edges] == [
        (InteractionKind.REPLY, person_of(store, "bob"), person_of(store, "ada"))
    ]


def test_thread_returns_the_whole_tree_from_any_post(store: GraphStore) -> None:
    store.upsert_posts(
        [
            post("root", "ada", minutes=0),
            post("a", "bob", reply_to="root", minutes=1),
            post("b", "cy", reply_to="root", minutes=2),
            post("a1", "ada", reply_to="a", minutes=3),
            post("other", "dan", minutes=4),
        ]
    )
    for start in ("mastodon:root", "mastodon:a1", "mastodon:b"):
        thread = store.thread(start)
        assert thread is not None
        assert thread.root_uid == "mastodon:root"
        assert [p.uid for p in thread.posts] == [
            "mastodon:root",
            "mastodon:a",
            "mastodon:b",
            "mastodon:a1",
        ]
    assert store.thread("mastodon:missing") is None
    limited = store.thread("mastodon:root", limit=2)
    assert limited is not None
    assert len(limited.posts) == 2


def test_shares_and_quotes_are_interactions(store: GraphStore) -> None:
    store.upsert_posts(
        [
            post("2", "bob", "rt", shares="1", share_kind=ShareKind.REPOST, minutes=1),
            post("3", "cy", "so true", shares="1", share_kind=ShareKind.QUOTE, minutes=2),
        ]
    )
    store.upsert_posts([post("1", "ada", "original")])
    ada = person_of(store, "ada")
    kinds = sorted((e.kind.value, e.target) for e in store.interactions())
    assert kinds == [("quote", ada), ("repost", ada)]
    stored = store.get_post("mastodon:3")
    assert stored is not None
    assert stored.share_kind is ShareKind.QUOTE
    assert stored.shares_uid == "mastodon:1"


def test_interactions_exclude_self_and_respect_the_time_window(store: GraphStore) -> None:
    store.upsert_posts(
        [
            post("1", "ada", mentions=("ada", "bob"), minutes=0),
            post("2", "bob", mentions=("cy",), minutes=60),
            post("3", "cy", reply_to="2", minutes=120),
        ]
    )
    everything = list(store.interactions())
    assert len(everything) == 3
    assert all(e.source != e.target for e in everything)
    window = list(
        store.interactions(since=T0 + timedelta(minutes=30), until=T0 + timedelta(minutes=120))
    )
    assert [e.post_uid for e in window] == ["mastodon:2"]


def test_interactions_of_people_are_those_touching_them(store: GraphStore) -> None:
    # ada -> bob -> cy -> dan, a chain of mentions and a reply; eve is unconnected.
    store.upsert_posts(
        [
            post("1", "ada", mentions=("bob",)),
            post("2", "bob", mentions=("cy",)),
            post("3", "dan", reply_to="2"),
            post("4", "cy", mentions=("dan",)),
            post("5", "eve"),
        ]
    )
    ada, bob, eve = (person_of(store, h) for h in ("ada", "bob", "eve"))
    touching_bob = list(store.interactions(person_ids=[bob]))
    assert {e.post_uid for e in touching_bob} == {"mastodon:1", "mastodon:2", "mastodon:3"}
    assert all(bob in (e.source, e.target) for e in touching_bob)
    assert [e.post_uid for e in store.interactions(person_ids=[ada, eve])] == ["mastodon:1"]


def test_interactions_are_person_to_person_edges_in_a_window(store: GraphStore) -> None:
    store.upsert_posts(
        [
            post("1", "ada"),
            post("2", "bob", reply_to="1", mentions=("ada",), minutes=1),
            post("3", "cy", mentions=("ada", "bob"), minutes=2),
        ]
    )
    ada, bob, cy = (person_of(store, h) for h in ("ada", "bob", "cy"))
    edges = Counter((e.source, e.target, e.kind) for e in store.interactions())
    assert edges == {
        (bob, ada, InteractionKind.REPLY): 1,
        (bob, ada, InteractionKind.MENTION): 1,
        (cy, ada, InteractionKind.MENTION): 1,
        (cy, bob, InteractionKind.MENTION): 1,
    }
    later = list(store.interactions(since=T0 + timedelta(minutes=2)))
    assert {(e.source, e.target) for e in later} == {(cy, ada), (cy, bob)}


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


def test_customers_link_to_people_with_evidence(store: GraphStore) -> None:
    store.upsert_posts([post("1", "ada")])
    ada = person_of(store, "ada")
    created = store.upsert_customers(
        [Customer("C-1", "Ada", "Lovelace", "ada@example.com", "Milano", 120.5)]
    )
    assert created.created == 1
    assert store.upsert_customers([Customer("C-1", "Ada", "Lovelace")]).created == 0
    link = CustomerLink(ada, "C-1", 0.92, ("handle in CRM: mastodon/ada",))
    assert store.link_customers([link, CustomerLink("ghost", "C-1", 1.0, ("x",))]) == 1
    assert store.customer_links_of([ada, "nobody"]) == {ada: [link], "nobody": []}
    assert set(store.get_customers(["C-1", "C-404"])) == {"C-1"}
    customer = customer_by_id(store, "C-1")
    assert customer is not None
    assert customer.first_name == "Ada"
    assert customer.city is None


def test_touchpoints_products_and_aspects(store: GraphStore) -> None:
    assert (
        store.upsert_touchpoints(
            [Touchpoint("customer_care", "Customer care"), Touchpoint("delivery", "Delivery")]
        ).created
        == 2
    )
    assert store.upsert_touchpoints([Touchpoint("delivery", "Consegna")]).created == 0
    assert store.upsert_products([Product("espresso", "Espresso blend")]).created == 1
    aspects = (
        Aspect(AspectTarget.PRODUCT, "espresso", Sentiment.POSITIVE, 0.8),
        Aspect(AspectTarget.TOUCHPOINT, "customer_care", Sentiment.NEGATIVE, -0.6),
    )
    store.upsert_posts([post("1", "ada", "prodotto ottimo ma assistenza pessima", aspects=aspects)])
    stored = store.get_post("mastodon:1")
    assert stored is not None
    assert stored.aspects == (aspects[0], aspects[1])


def test_channels_remember_when_first_seen_and_take_kind_overrides(store: GraphStore) -> None:
    channel = Channel("reddit", "r/Espresso", ChannelKind.VERTICAL)
    store.upsert_posts([post("1", "ada", platform="reddit", channel=channel)])
    first = channel_of(store, "reddit", "r/espresso")
    assert first is not None
    assert first.kind is ChannelKind.VERTICAL
    assert first.first_seen_at is not None
    # A later post names the channel with another kind (as a configured override does).
    peripheral = Channel("reddit", "r/espresso", ChannelKind.PERIPHERAL)
    store.upsert_posts([post("2", "bea", platform="reddit", channel=peripheral, minutes=5)])
    assert store.counts().channels == 1
    again = channel_of(store, "reddit", "r/espresso")
    assert again is not None
    assert again.kind is ChannelKind.PERIPHERAL
    assert again.first_seen_at == first.first_seen_at


def test_a_channel_is_first_seen_at_its_earliest_post(store: GraphStore) -> None:
    channel = Channel("reddit", "r/espresso", ChannelKind.VERTICAL)
    later = post("2", "bea", platform="reddit", channel=channel, minutes=600)
    store.upsert_posts([later, post("1", "ada", platform="reddit", channel=channel, minutes=60)])
    assert (seen := channel_of(store, "reddit", "r/espresso")) is not None
    assert seen.first_seen_at == T0 + timedelta(minutes=60)
    # An older post imported afterwards moves it back; a newer one does not move it forward.
    store.upsert_posts([post("0", "cy", platform="reddit", channel=channel)])
    store.upsert_posts([post("3", "di", platform="reddit", channel=channel, minutes=900)])
    assert (seen := channel_of(store, "reddit", "r/espresso")) is not None
    assert seen.first_seen_at == T0


def test_concurrent_upserts_leave_one_node_per_key(store: GraphStore) -> None:
    handles = [f"user{i}" for i in range(50)]
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def writer(worker: int) -> None:
        try:
            barrier.wait()
            for start in range(0, len(handles), 10):
                # Each post brings ten accounts (its author among its mentions) at once.
                store.upsert_posts(
                    [
                        post(
                            f"p{start}",
                            handles[start],
                            mentions=(*handles[start : start + 10], "shared"),
                            topics=("#same",),
                            minutes=worker,
                        )
                    ]
                )
        except BaseException as error:  # surfaced below with the worker's stack
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    counts = store.counts()
    assert counts.accounts == len(handles) + 1
    assert counts.people == len(handles) + 1
    assert counts.posts == 5
    assert counts.topics == 1
    assert counts.channels == 1
    owners = store.accounts_of([person_of(store, h) for h in handles])
    assert all(len(accounts) == 1 for accounts in owners.values())


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
