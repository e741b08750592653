"""Erasure leaves nothing of the person, and retention drops old posts with what derives
from them, on both backends. The walk reads the raw store: every table and column of
SQLite, every node and relationship property of Neo4j."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

from graph.embedded.store import EmbeddedGraphStore
from graph.identity.service import erase_person, merge_people, set_programme_status
from graph.model.alerts import Alert, AlertKind, delivery_for
from graph.model.bookkeeping import QuarantineEntry
from graph.model.identity import Evidence, EvidenceKind, IdentityLink, LinkKind, LinkStatus
from graph.model.network import MapTie
from graph.model.nodes import (
    Affiliation,
    Aspect,
    AspectTarget,
    Channel,
    Community,
    Customer,
    CustomerLink,
    Post,
    Sentiment,
    ShareKind,
)
from graph.model.people import ERASED, ProgrammeStatus
from graph.model.responses import Conversation
from graph.model.routing import BusinessFunction, Priority
from graph.neo4j.store import Neo4jGraphStore
from graph.store.contract import GraphStore
from ingestion.pipeline import Pipeline, PreparedChunk
from tests.helpers.factories import (
    T0,
    account,
    channel_of,
    customer_by_id,
    person_of,
    post,
    topic_keys,
)

HANDLE = "giuliarossi"
NAME = "Giulia Rossi"
WORDS = "zafferano bruciato"


def _her_post(external_id: str, text: str, minutes: int = 0, **fields: Any) -> Post:
    written = post(external_id, HANDLE, text, minutes=minutes, **fields)
    return replace(written, author=account(HANDLE, display_name=NAME))


def _giulia_world(store: GraphStore) -> tuple[str, str]:
    """Giulia (two accounts, merged) with posts others repost, quote, reply to and mention,
    and everything the product derives or keeps about her; her person id and bob's."""
    opinion = Aspect(AspectTarget.TOUCHPOINT, "roast", Sentiment.NEGATIVE, -0.7)
    store.upsert_posts(
        [
            _her_post(
                "g1",
                f"Il nuovo {WORDS} #zafferanogate",
                topics=("zafferanogate",),
                channel=Channel("mastodon", "giulia.example"),
                aspects=(opinion,),
                sentiment=Sentiment.NEGATIVE,
                sentiment_score=-0.7,
                mentions=("bob",),
            ),
            _her_post("g2", f"ancora {WORDS}", minutes=1),
            post("g3", HANDLE, f"{WORDS} su x", platform="x"),
            post(
                "r1",
                "bob",
                f"RT @{HANDLE}: Il nuovo {WORDS} #zafferanogate",
                shares="g1",
                share_kind=ShareKind.REPOST,
                topics=("zafferanogate",),
                aspects=(opinion,),
                sentiment=Sentiment.NEGATIVE,
                sentiment_score=-0.7,
                minutes=2,
            ),
            post(
                "q1",
                "cy",
                f"Non è vero @{HANDLE}, {NAME} esagera",
                shares="g1",
                share_kind=ShareKind.QUOTE,
                mentions=(HANDLE,),
                minutes=3,
            ),
            post("re1", "dan", f"@{HANDLE} mi dispiace", reply_to="g2", minutes=4),
        ]
    )
    giulia, bob = person_of(store, HANDLE), person_of(store, "bob")
    merge_people(store, giulia, person_of(store, HANDLE, "x"), ["same photo"], "key:admin", T0)
    store.write_scores("influence", {giulia: 3.0, bob: 1.0}, T0, classes={giulia: "critic"})
    store.write_communities(
        {giulia: "c1", bob: "c1"}, T0, {"c1": Community("c1", 2, top_voices=(giulia, bob))}
    )
    first, second = sorted((giulia, bob))
    store.write_map_ties([MapTie(first, second, 2.0, 3)], T0)
    set_programme_status(store, giulia, ProgrammeStatus.INVITED, f"{NAME} said yes", "k", T0)
    store.upsert_customers(
        [
            Customer(
                "C-GR",
                "Giulia",
                "Rossi",
                "giulia.rossi@example.com",
                "Roma",
                10.0,
                (f"mastodon:{HANDLE}",),
            ),
        ]
    )
    store.link_customers([CustomerLink(giulia, "C-GR", 0.9, ("same handle",))])
    evidence = (Evidence(EvidenceKind.NAME, f"same name {NAME}", 0.9),)
    store.save_identity_links(
        [
            IdentityLink("l1", LinkKind.PERSON_CUSTOMER, giulia, "C-GR", 0.9, evidence,
                         LinkStatus.PROPOSED, T0),
            IdentityLink("l2", LinkKind.PERSON_PERSON, bob, giulia, 0.5, evidence,
                         LinkStatus.PROPOSED, T0),
        ]
    )  # fmt: skip
    store.open_conversations(
        [
            Conversation("mastodon:g1", "mastodon:g1", giulia, "mastodon:giulia.example", None,
                         BusinessFunction.CUSTOMER_CARE, "complaints", Priority.HIGH, (), T0,
                         T0 + timedelta(hours=4), T0, answer=f"Ciao @{HANDLE}"),
        ]
    )  # fmt: skip
    alert = Alert("a1", AlertKind.NEGATIVE_INFLUENCER, T0, giulia, f"by {NAME}", "mastodon:g1")
    store.add_alerts([alert])
    store.add_deliveries([delivery_for(alert, "https://hooks.example/crm")])
    store.set_affiliations({f"mastodon:{HANDLE}": Affiliation.STAFF})
    store.quarantine(
        [
            QuarantineEntry("q1", "mastodon", "f", "1", "bad date",
                            f'{{"acct": "{HANDLE}", "content": "{WORDS}"}}', "{}", T0),
        ]
    )  # fmt: skip
    return giulia, bob


def _stored_strings(store: GraphStore) -> Iterator[tuple[str, str]]:
    """Every text the store holds, with where: ``table.column`` or ``Label.property``."""
    if isinstance(store, EmbeddedGraphStore):
        con = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)
        try:
            listed = con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = [table for (table,) in listed]
            for table in tables:
                cursor = con.execute(f'SELECT * FROM "{table}"')
                columns = [d[0] for d in cursor.description]
                for row in cursor:
                    for column, value in zip(columns, row, strict=True):
                        if isinstance(value, str):
                            yield f"{table}.{column}", value
        finally:
            con.close()
        return
    assert isinstance(store, Neo4jGraphStore)
    with store._driver.session(database=store.database) as session:
        found = list(
            session.run(
                "MATCH (n) RETURN labels(n) AS kind, properties(n) AS props "
                "UNION ALL MATCH ()-[r]->() RETURN [type(r)] AS kind, properties(r) AS props"
            )
        )
    for record in found:
        for key, value in record["props"].items():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    yield f"{':'.join(record['kind'])}.{key}", item


def _traces(store: GraphStore, needles: list[str]) -> set[tuple[str, str]]:
    """(where, needle) for every stored text holding a needle, in any case."""
    return {
        (where, needle)
        for where, text in _stored_strings(store)
        for needle in needles
        if needle.lower() in text.lower()
    }


def test_erasure_leaves_no_copy_of_her_words_in_others_posts(store: GraphStore) -> None:
    """Issue 17, defect 2: reposts kept her text, others' posts her handle and her ids."""
    giulia, _ = _giulia_world(store)
    erased = erase_person(store, giulia)
    assert (erased.accounts, erased.posts, erased.redacted) == (2, 3, 3)
    repost, quote, reply = (store.get_post(f"mastodon:{uid}") for uid in ("r1", "q1", "re1"))
    assert repost is not None and quote is not None and reply is not None
    assert (repost.text, repost.shares_uid, repost.share_kind) == (ERASED, None, ShareKind.REPOST)
    assert (repost.sentiment, repost.aspects, repost.topic_keys) == (None, (), ())
    assert (quote.text, quote.shares_uid, quote.mention_uids) == (
        f"Non è vero {ERASED}, {ERASED} esagera",
        None,
        (),
    )
    assert (reply.text, reply.reply_to_uid) == (f"{ERASED} mi dispiace", None)
    assert "zafferanogate" not in topic_keys(store)
    assert channel_of(store, "mastodon", "giulia.example") is None
    assert customer_by_id(store, "C-GR") is None


def test_no_trace_of_the_erased_person_remains_anywhere(store: GraphStore) -> None:
    giulia, bob = _giulia_world(store)
    posts = ["mastodon:g1", "mastodon:g2", "x:g3"]
    needles = [HANDLE, NAME, WORDS, "giulia.", "zafferanogate", giulia, *posts, "C-GR"]
    before = {where.split(".")[0] for where, _ in _traces(store, needles)}
    # The walk sees every kind of place her data lives before the erasure.
    places = (
        {"person", "account", "post", "post_topic", "topic", "channel", "post_aspect",
         "post_mention", "person_score", "membership", "community", "map_tie",
         "programme_change", "customer", "customer_link", "quarantine", "identity_event",
         "identity_link", "conversation", "alert", "brand_account"}
        if isinstance(store, EmbeddedGraphStore)
        else {"Person", "Account", "Post", "Topic", "Channel", "Community", "StatusChange",
              "Customer", "QuarantinedRecord", "IdentityEvent", "IdentityLink",
              "Conversation", "Alert", "BrandAccount"}
    )  # fmt: skip
    assert places <= before, places - before

    erase_person(store, giulia)

    assert _traces(store, needles) == set()
    assert store.get_people([bob]).keys() == {bob}
    assert store.top_people("influence", 10) == [(bob, 1.0)]
    assert store.map_ties([giulia, bob]) == []


def test_reposts_and_replies_arriving_after_the_erasure_keep_nothing_of_her(
    store: GraphStore,
) -> None:
    giulia, _ = _giulia_world(store)
    erase_person(store, giulia)
    later = [
        post("r2", "eve", f"RT @{HANDLE}: Il nuovo {WORDS}", shares="g1",
             share_kind=ShareKind.REPOST, topics=("zafferanogate",), minutes=10),
        # On X a retweet names the author: the original itself was never stored.
        post("r3", "eve", f"RT @{HANDLE}: {WORDS}", shares="999", share_kind=ShareKind.REPOST,
             mentions=(HANDLE,), minutes=11),
        post("re2", "fay", f"@{HANDLE} anche io", reply_to="g2", mentions=(HANDLE,), minutes=12),
    ]  # fmt: skip
    counts = Pipeline(store).write(PreparedChunk(len(later), store.prepare_posts(later), []))
    assert (counts.stored, counts.rejected) == (3, 0)
    copied, named, reply = (store.get_post(f"mastodon:{uid}") for uid in ("r2", "r3", "re2"))
    assert copied is not None and named is not None and reply is not None
    assert (copied.text, copied.shares_uid, copied.topic_keys) == (ERASED, None, ())
    assert (named.text, named.shares_uid, named.mention_uids) == (ERASED, "mastodon:999", ())
    assert (reply.text, reply.reply_to_uid) == (f"{ERASED} anche io", None)
    needles = [HANDLE, WORDS, "zafferanogate", "mastodon:g1", "mastodon:g2"]
    assert _traces(store, needles) == set()


def test_retention_drops_old_posts_with_their_copies_and_orphans(store: GraphStore) -> None:
    old = T0 - timedelta(days=400)
    store.upsert_posts(
        [
            replace(post("o1", "ada", "old news #vecchio", topics=("vecchio",)), created_at=old),
            post("c1", "bob", "RT @ada: old news", shares="o1", share_kind=ShareKind.REPOST),
            post("k1", "cy", "still relevant", shares="o1", share_kind=ShareKind.QUOTE),
            post("n1", "ada", "new #nuovo", reply_to="o1", topics=("nuovo",), minutes=1),
        ]
    )
    assert store.drop_posts_older_than(T0 - timedelta(days=365)) == 2
    assert store.get_post("mastodon:o1") is None
    assert store.get_post("mastodon:c1") is None  # the repost was a copy of it
    quote, reply = store.get_post("mastodon:k1"), store.get_post("mastodon:n1")
    assert quote is not None and quote.shares_uid is None and quote.text == "still relevant"
    assert reply is not None and reply.reply_to_uid is None
    assert topic_keys(store) == {"nuovo"}
    assert store.get_account("mastodon", "ada") is not None
    assert list(store.interactions()) == []
    assert store.drop_posts_older_than(T0 - timedelta(days=365)) == 0
