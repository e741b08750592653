"""The store contract: every test runs against the embedded store and a real Neo4j."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

from graph.model.insights import TopicCount
from graph.model.nodes import (
    Aspect,
    AspectTarget,
    Channel,
    ChannelKind,
    Customer,
    CustomerLink,
    InteractionKind,
    Product,
    Sentiment,
    ShareKind,
    Touchpoint,
)
from graph.store.contract import GraphStore
from tests.helpers.factories import (
    T0,
    account,
    channel_of,
    customer_by_id,
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
