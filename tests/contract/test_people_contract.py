"""The people part of the store contract (programme, identity, erasure, keys), on both
backends."""

from __future__ import annotations

from datetime import timedelta

from graph.identity.service import erase_person, merge_people, set_programme_status, split_person
from graph.model.access import ApiKey, Role, key_digest
from graph.model.bookkeeping import QuarantineEntry
from graph.model.nodes import Affiliation, Community, Customer, CustomerLink
from graph.model.people import ProgrammeStatus, StatusChange, suppression_key
from graph.store.contract import GraphStore
from ingestion.pipeline import Pipeline, PreparedChunk
from tests.helpers.factories import T0, account, person_of, post


def _identity_state(store: GraphStore, *people: str) -> dict[str, object]:
    """What a person is, as a reader sees it: name, accounts, links, programme."""
    found = store.get_people(list(people))
    return {
        "people": {p: found[p].display_name for p in found},
        "accounts": {
            p: sorted(a.uid for a in accs) for p, accs in store.accounts_of(list(people)).items()
        },
        "links": store.customer_links_of(list(people)),
        "programme": {
            p: [(c.status, c.note, c.actor) for c in changes]
            for p, changes in store.programme_history(list(people)).items()
        },
    }


def test_programme_history_keeps_every_step(store: GraphStore) -> None:
    store.upsert_posts([post("1", "ada")])
    ada = person_of(store, "ada")
    set_programme_status(store, ada, ProgrammeStatus.CANDIDATE, None, "key:1", T0)
    set_programme_status(
        store, ada, ProgrammeStatus.INVITED, "wants early access", "key:1", T0 + timedelta(1)
    )
    history = store.programme_history([ada, "nobody"])
    assert [(c.status, c.note) for c in history[ada]] == [
        (ProgrammeStatus.CANDIDATE, None),
        (ProgrammeStatus.INVITED, "wants early access"),
    ]
    assert history[ada][1].at == T0 + timedelta(1)
    assert history["nobody"] == []
    assert not store.add_status_change(StatusChange("ghost", ProgrammeStatus.ACTIVE, None, "k", T0))


def test_programme_members_are_the_people_whose_latest_step_has_the_status(
    store: GraphStore,
) -> None:
    store.upsert_posts([post("1", "ada"), post("2", "bob"), post("3", "cy")])
    ada, bob, cy = (person_of(store, handle) for handle in ("ada", "bob", "cy"))
    steps = [
        (ada, ProgrammeStatus.INVITED, 0),
        (bob, ProgrammeStatus.INVITED, 1),
        (cy, ProgrammeStatus.INVITED, 2),
        (ada, ProgrammeStatus.ACTIVE, 3),  # ada moved on: no longer invited
    ]
    for person, status, day in steps:
        set_programme_status(store, person, status, f"day {day}", "key:1", T0 + timedelta(day))

    invited, total = store.programme_members(ProgrammeStatus.INVITED, 10)
    assert [(c.person_id, c.note) for c in invited] == [(cy, "day 2"), (bob, "day 1")]
    assert total == 2
    second_page, total = store.programme_members(ProgrammeStatus.INVITED, 1, offset=1)
    assert [c.person_id for c in second_page] == [bob]
    assert total == 2
    assert store.programme_members(ProgrammeStatus.INVITED, 5, offset=9) == ([], 2)
    active, _ = store.programme_members(ProgrammeStatus.ACTIVE, 10)
    assert [(c.person_id, c.at) for c in active] == [(ada, T0 + timedelta(3))]
    assert store.programme_members(ProgrammeStatus.PAUSED, 10) == ([], 0)


def test_a_merge_undone_leaves_the_graph_as_it_was(store: GraphStore) -> None:
    store.upsert_posts(
        [
            post("1", "ada", mentions=("bob",)),
            post("2", account("ada", "x", display_name="Ada L."), platform="x"),
        ]
    )
    on_mastodon, on_x = person_of(store, "ada"), person_of(store, "ada", "x")
    store.upsert_customers([Customer("C-1", "Ada"), Customer("C-2", "Ada")])
    store.link_customers(
        [
            CustomerLink(on_mastodon, "C-1", 0.9, ("handle in CRM",)),
            CustomerLink(on_x, "C-1", 0.5, ("same name",)),
            CustomerLink(on_x, "C-2", 0.7, ("email-like handle",)),
        ]
    )
    set_programme_status(store, on_x, ProgrammeStatus.ACTIVE, "ambassador", "key:a", T0)
    before = _identity_state(store, on_mastodon, on_x)

    merge = merge_people(store, on_mastodon, on_x, ["same avatar and bio link"], "key:m", T0)
    assert merge.account_uids == ("x:ada",)
    merged = _identity_state(store, on_mastodon, on_x)
    assert store.search_people("a l.", 10) == [on_mastodon], "found by the account it brought"
    assert merged["people"] == {on_mastodon: None}
    assert merged["accounts"] == {on_mastodon: ["mastodon:ada", "x:ada"], on_x: []}
    assert [link.customer_id for link in merged["links"][on_mastodon]] == ["C-1", "C-2"]  # type: ignore[index]
    assert store.identity_events([on_x])[on_x] == [merge]

    later = T0 + timedelta(hours=1)
    split = split_person(store, on_mastodon, ["x:ada"], "wrong merge: two Adas", "key:m", later)
    assert (split.other_id, split.undoes) == (on_x, merge.id)
    assert _identity_state(store, on_mastodon, on_x) == before
    assert store.search_people("a l.", 10) == [on_x]
    events = store.identity_events([on_mastodon])[on_mastodon]
    assert [(e.kind.value, e.undone_by) for e in events] == [("merge", split.id), ("split", None)]


def test_erasure_removes_the_person_everywhere_and_blocks_reimport(store: GraphStore) -> None:
    posts = [
        post("1", "ada", "ciao @bob", mentions=("bob",), topics=("caffe",)),
        post("2", "bob", "ciao @ada", mentions=("ada",), minutes=1),
        post("3", "bob", "re", reply_to="1", minutes=2),
    ]
    store.upsert_posts(posts)
    ada, bob = person_of(store, "ada"), person_of(store, "bob")
    store.write_scores("influence", {ada: 2.0, bob: 1.0}, T0)
    store.write_communities(
        {ada: "c1", bob: "c1"}, T0, {"c1": Community("c1", 2, top_voices=(ada, bob))}
    )
    set_programme_status(store, ada, ProgrammeStatus.ACTIVE, None, "key:a", T0)
    rejected = [
        QuarantineEntry(f"q{n}", "mastodon", "f", str(n), "bad date", payload, "{}", T0)
        for n, payload in enumerate(['{"acct": "Ada", "created_at": "x"}', '{"acct": "adam"}'])
    ]
    store.quarantine(rejected)

    erased = erase_person(store, ada)
    assert (erased.accounts, erased.posts) == (1, 1)
    assert store.get_account("mastodon", "ada") is None
    assert store.get_people([ada]) == {}
    assert store.get_post("mastodon:1") is None
    mention = store.get_post("mastodon:2")
    assert mention is not None and mention.mention_uids == ()
    assert store.top_people("influence", 10) == [(bob, 1.0)]
    community = store.get_community("c1")
    assert community is not None and community.top_voices == (bob,)
    assert store.programme_history([ada]) == {ada: []}
    assert list(store.interactions()) == []
    assert [entry.id for entry in store.quarantined()] == ["q1"]
    assert store.suppressed([suppression_key("mastodon:ada"), "other"]) == {
        suppression_key("mastodon:ada")
    }

    # Re-importing the same posts brings nothing of Ada back, and the counts add up.
    pipeline = Pipeline(store)
    counts = pipeline.write(PreparedChunk(len(posts), store.prepare_posts(posts), []))
    assert (counts.read, counts.stored, counts.duplicates, counts.rejected) == (3, 0, 2, 1)
    assert store.get_account("mastodon", "ada") is None
    assert store.get_post("mastodon:1") is None
    assert [entry.id for entry in store.quarantined()] == ["q1"]


def test_api_keys_are_stored_by_digest_and_revocable(store: GraphStore) -> None:
    key = ApiKey("k1", key_digest("osk_secret"), Role.MANAGER, "marta", T0)
    store.save_api_key(key)
    assert store.api_key(key_digest("osk_secret")) == key
    assert store.api_key(key_digest("osk_other")) is None
    assert store.api_keys() == [key]
    assert store.revoke_api_key("k1", T0 + timedelta(1))
    assert not store.revoke_api_key("k1", T0 + timedelta(2))
    revoked = store.api_key(key_digest("osk_secret"))
    assert revoked is not None and revoked.revoked_at == T0 + timedelta(1)


def test_erasing_an_employee_forgets_that_their_account_was_marked(store: GraphStore) -> None:
    store.upsert_posts([post("1", "giulia", "ciao"), post("2", "brand", "hello")])
    store.set_affiliations(
        {"mastodon:giulia": Affiliation.STAFF, "mastodon:brand": Affiliation.OWNED}
    )
    erase_person(store, person_of(store, "giulia"))
    assert [a.account_uid for a in store.affiliated_accounts()] == ["mastodon:brand"]
