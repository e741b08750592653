"""The correlate-and-act part of the store contract (identity links, routing table,
response queue, alerts, deliveries), on both backends."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from graph.identity.service import erase_person
from graph.model.alerts import Alert, AlertKind, DeliveryAttempt, DeliveryState, delivery_for
from graph.model.identity import (
    Evidence,
    EvidenceKind,
    IdentityLink,
    LinkKind,
    LinkOrder,
    LinkStatus,
)
from graph.model.nodes import Customer, CustomerLink, Intent
from graph.model.responses import Conversation, ConversationStatus
from graph.model.routing import BusinessFunction, Priority
from graph.store.contract import GraphStore
from graph.store.correlate import ConversationFilter
from tests.helpers.factories import T0, account, customer_by_id, person_of, post


def _link(
    link_id: str, confidence: float, kind: LinkKind = LinkKind.PERSON_CUSTOMER
) -> IdentityLink:
    return IdentityLink(
        id=link_id,
        kind=kind,
        person_id=f"p-{link_id}",
        target_id=f"t-{link_id}",
        confidence=confidence,
        evidence=(Evidence(EvidenceKind.NAME, "same name", confidence),),
        status=LinkStatus.PROPOSED,
        proposed_at=T0,
    )


def _conversation(uid: str, priority: Priority, due_hours: float, **fields: object) -> Conversation:
    values: dict[str, object] = {
        "id": uid,
        "post_uid": uid,
        "author_id": None,
        "channel_uid": "mastodon:social.example",
        "intent": Intent.QUESTION,
        "function": BusinessFunction.CUSTOMER_CARE,
        "rule": "questions",
        "priority": priority,
        "reviewers": ("care-lead",),
        "received_at": T0,
        "due_at": T0 + timedelta(hours=due_hours),
        "routed_at": T0,
    }
    return Conversation(**{**values, **fields})  # type: ignore[arg-type]


def test_customers_keep_their_handles_and_page_by_id(store: GraphStore) -> None:
    customers = [Customer(f"C-{n}", "Ada", handles=(f"x:ada{n}",)) for n in range(5)]
    store.upsert_customers(customers)
    assert customer_by_id(store, "C-3") == customers[3]
    first = store.customer_page(None, 2)
    assert [c.external_id for c in first] == ["C-0", "C-1"]
    assert [c.external_id for c in store.customer_page("C-1", 10)] == ["C-2", "C-3", "C-4"]


def test_accounts_page_by_uid_with_their_person(store: GraphStore) -> None:
    store.upsert_posts([post("1", "cleo", mentions=("ada", "bob"))])
    page = store.account_page(None, 2)
    assert [a.uid for a in page] == ["mastodon:ada", "mastodon:bob"]
    assert page[0].person_id == person_of(store, "ada")
    assert [a.uid for a in store.account_page("mastodon:bob", 5)] == ["mastodon:cleo"]


def test_unlinking_a_customer(store: GraphStore) -> None:
    store.upsert_posts([post("1", "ada")])
    ada = person_of(store, "ada")
    store.upsert_customers([Customer("C-1", "Ada")])
    store.link_customers([CustomerLink(ada, "C-1", 0.9, ("handle",))])
    assert store.unlink_customer(ada, "C-1")
    assert not store.unlink_customer(ada, "C-1")
    assert store.customer_links_of([ada]) == {ada: []}


def test_identity_links_keep_decisions_and_list_by_confidence(store: GraphStore) -> None:
    assert store.save_identity_links([_link("a", 0.5), _link("b", 0.9), _link("c", 0.7)]) == 3
    applied = replace(store.get_identity_links(["b"])["b"], status=LinkStatus.APPLIED)
    assert store.update_identity_link(applied, expected=LinkStatus.PROPOSED)
    assert not store.update_identity_link(applied, expected=LinkStatus.PROPOSED)

    # Proposing again: a proposed link takes the new evidence, a decided one is left alone.
    assert store.save_identity_links([_link("a", 0.6), _link("b", 0.1), _link("d", 0.2)]) == 1
    links = store.get_identity_links(["a", "b", "x"])
    assert (links["a"].confidence, links["b"].confidence) == (0.6, 0.9)
    assert links["b"].status is LinkStatus.APPLIED and "x" not in links

    proposed = store.identity_links(LinkKind.PERSON_CUSTOMER, LinkStatus.PROPOSED, 10)
    assert [link.id for link in proposed] == ["c", "a", "d"]
    assert [link.id for link in store.identity_links(None, None, 2, 1)] == ["c", "a"]
    assert store.identity_links(LinkKind.PERSON_PERSON, None, 10) == []


def test_identity_links_list_the_latest_decision_first(store: GraphStore) -> None:
    store.save_identity_links([_link(name, 0.5 + n / 10) for n, name in enumerate("abcd")])
    for name, hours, status in (("a", 3, LinkStatus.APPLIED), ("b", 1, LinkStatus.REJECTED)):
        link = store.get_identity_links([name])[name]
        decided = replace(link, status=status, decided_at=T0 + timedelta(hours=hours))
        assert store.update_identity_link(decided, expected=LinkStatus.PROPOSED)
    # Applied again after an undo: its latest decision counts.
    undone = replace(store.get_identity_links(["b"])["b"], decided_at=T0 + timedelta(hours=5))
    assert store.update_identity_link(undone, expected=LinkStatus.REJECTED)

    latest = store.identity_links(None, None, 10, order=LinkOrder.LATEST_DECISION)
    assert [link.id for link in latest] == ["b", "a", "d", "c"]
    assert [
        link.id for link in store.identity_links(None, None, 2, 1, LinkOrder.LATEST_DECISION)
    ] == ["a", "d"]
    assert [link.id for link in store.identity_links(None, None, 10)] == ["d", "c", "b", "a"]


def test_links_are_found_by_the_merge_that_applied_them(store: GraphStore) -> None:
    link = replace(_link("m", 0.95, LinkKind.PERSON_PERSON), merge_event_id="event-1")
    store.save_identity_links([link, _link("n", 0.5)])
    assert store.links_of_merges(["event-1", "event-2"]) == [link]


def test_the_routing_table_saved_last_wins(store: GraphStore) -> None:
    assert store.routing_table() is None
    store.save_routing_table('{"rule": []}', "key:1", T0)
    store.save_routing_table('{"rule": [{"name": "x"}]}', "key:2", T0 + timedelta(1))
    assert store.routing_table() == '{"rule": [{"name": "x"}]}'


def test_a_post_opens_one_conversation_listed_by_urgency(store: GraphStore) -> None:
    store.upsert_posts([post(str(n), "ada", minutes=n) for n in range(4)])
    opened = [
        _conversation("mastodon:0", Priority.NORMAL, 8),
        _conversation("mastodon:1", Priority.URGENT, 2),
        _conversation("mastodon:2", Priority.NORMAL, 4, function=BusinessFunction.SALES),
        _conversation("mastodon:missing", Priority.URGENT, 1),
    ]
    assert store.open_conversations(opened) == 3
    assert store.open_conversations([replace(opened[0], rule="other")]) == 0
    assert store.get_conversations(["mastodon:0"])["mastodon:0"].rule == "questions"

    everything = store.conversations(ConversationFilter(), 10)
    assert [c.id for c in everything] == ["mastodon:1", "mastodon:2", "mastodon:0"]
    sales = store.conversations(ConversationFilter(function=BusinessFunction.SALES), 10)
    assert [c.id for c in sales] == ["mastodon:2"]
    due = ConversationFilter(status=ConversationStatus.OPEN, due_before=T0 + timedelta(hours=5))
    assert [c.id for c in store.conversations(due, 10)] == ["mastodon:1", "mastodon:2"]
    assert [c.id for c in store.conversations(ConversationFilter(), 1, 2)] == ["mastodon:0"]


def test_conversations_change_only_from_the_state_read(store: GraphStore) -> None:
    store.upsert_posts([post("1", "ada")])
    opened = _conversation("mastodon:1", Priority.HIGH, 4)
    store.open_conversations([opened])
    mine = replace(opened, owner="marta")
    assert store.update_conversation(mine, expected=ConversationStatus.OPEN)
    assert [c.id for c in store.conversations(ConversationFilter(owner="marta"), 5)] == [
        "mastodon:1"
    ]
    answered = replace(
        mine, status=ConversationStatus.ANSWERED, answered_at=T0 + timedelta(hours=1)
    )
    assert store.update_conversation(answered, expected=ConversationStatus.OPEN)
    assert not store.update_conversation(answered, expected=ConversationStatus.OPEN)
    assert store.get_conversations(["mastodon:1"])["mastodon:1"] == answered
    window = ConversationFilter(received_since=T0, received_until=T0 + timedelta(seconds=1))
    assert [c.id for c in store.conversations(window, 5)] == ["mastodon:1"]
    later = ConversationFilter(received_since=T0 + timedelta(seconds=1))
    assert store.conversations(later, 5) == []


def test_alerts_are_raised_once_and_read_in_order(store: GraphStore) -> None:
    alerts = [
        Alert(f"a{n}", AlertKind.CHANNEL_SURGE, T0 + timedelta(minutes=n), f"x:c{n}", "surge")
        for n in range(3)
    ]
    assert store.add_alerts(alerts[:2]) == alerts[:2]
    assert store.add_alerts(alerts) == alerts[2:]
    assert [a.id for a in store.alerts(10)] == ["a2", "a1", "a0"]
    assert [a.id for a in store.alerts_since(T0 + timedelta(minutes=1), 10)] == ["a1", "a2"]
    assert store.get_alerts(["a1", "zz"]) == {"a1": alerts[1]}


def test_deliveries_are_due_until_delivered(store: GraphStore) -> None:
    alert = Alert("a", AlertKind.SENTIMENT_SPIKE, T0, "delivery", "spike", figures=(("x", 1.0),))
    store.add_alerts([alert])
    one, two = delivery_for(alert, "http://a.example/"), delivery_for(alert, "http://b.example/")
    assert store.add_deliveries([one, two]) == 2
    assert store.add_deliveries([one]) == 0
    assert {d.id for d in store.due_deliveries(T0, 10)} == {one.id, two.id}
    retried = replace(
        one,
        next_attempt_at=T0 + timedelta(minutes=1),
        attempts=(DeliveryAttempt(T0, 500, "HTTP 500"),),
    )
    store.save_delivery(retried)
    store.save_delivery(replace(two, state=DeliveryState.DELIVERED))
    assert store.due_deliveries(T0, 10) == []
    assert store.due_deliveries(T0 + timedelta(minutes=1), 10) == [retried]
    assert store.deliveries_of(["a"], DeliveryState.PENDING) == [retried]
    assert len(store.deliveries_of(["a"])) == 2


def test_erasure_removes_conversations_links_and_alerts_of_the_person(store: GraphStore) -> None:
    store.upsert_posts([post("1", "ada"), post("2", "bob")])
    ada, bob = person_of(store, "ada"), person_of(store, "bob")
    store.open_conversations(
        [
            _conversation("mastodon:1", Priority.HIGH, 4),
            _conversation("mastodon:2", Priority.LOW, 4),
        ]
    )
    store.save_identity_links(
        [replace(_link("l1", 0.5), person_id=ada), replace(_link("l2", 0.5), person_id=bob)]
    )
    store.add_alerts([Alert("a1", AlertKind.NEGATIVE_INFLUENCER, T0, ada, "negative")])
    erase_person(store, ada)
    assert list(store.get_conversations(["mastodon:1", "mastodon:2"])) == ["mastodon:2"]
    assert list(store.get_identity_links(["l1", "l2"])) == ["l2"]
    assert store.alerts(10) == []


def test_profile_links_are_kept_until_an_account_shows_others(store: GraphStore) -> None:
    store.upsert_posts([post("1", account("ada", links=("https://ada.example/",)))])
    store.upsert_posts([post("2", "ada")])  # the post's author shows no links: kept
    found = store.get_account("mastodon", "ada")
    assert found is not None and found.links == ("https://ada.example/",)
    assert store.account_page(None, 1)[0].links == ("https://ada.example/",)
    store.upsert_posts(
        [post("3", account("ada", links=("https://ada.example/", "https://b.example")))]
    )
    (accounts,) = store.accounts_of([person_of(store, "ada")]).values()
    assert accounts[0].links == ("https://ada.example/", "https://b.example")
