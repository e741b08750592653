"""Identity resolution on both backends, from a CRM file and conversations ingested the way
users ingest them: which links apply, which wait, and undoing a wrong merge exactly."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from graph.identity import linking
from graph.identity.service import IdentityError, set_programme_status
from graph.model.bookkeeping import IngestCounts
from graph.model.identity import EvidenceKind, IdentityLink, LinkKind, LinkStatus
from graph.model.nodes import Account, Customer
from graph.model.people import ProgrammeStatus
from graph.model.resolution import MAX_NAME_ONLY, customer_candidates
from graph.store.contract import GraphStore
from tests.helpers.factories import T0, customer_by_id, person_of
from tests.helpers.identity import FIXTURES, THRESHOLDS, import_customers, ingest_conversations
from tests.helpers.serving import OSMOSI, clean_env


def links_by_pair(store: GraphStore) -> dict[tuple[str, str], IdentityLink]:
    return {
        (link.person_id, link.target_id): link for link in store.identity_links(None, None, 100)
    }


@pytest.fixture
def world(store: GraphStore) -> GraphStore:
    assert ingest_conversations(store).stored == 9
    assert import_customers(store) == IngestCounts(read=6, stored=4, duplicates=0, rejected=2)
    return store


def test_a_crm_import_is_lossless_and_idempotent(world: GraphStore) -> None:
    reasons = {entry.position: entry.reason for entry in world.quarantined(format="crm-csv")}
    assert reasons == {
        "row 6": "wrong type for lifetime_value: not a number",
        "row 7": "invalid customer_id: Field required",
    }
    assert import_customers(world) == IngestCounts(read=6, stored=0, duplicates=4, rejected=2)
    giulia = customer_by_id(world, "C-100")
    assert giulia is not None and giulia.handles == ("mastodon:giulia@mastodon.social",)
    assert giulia.lifetime_value == 420.5

    # JSON lines: one known customer unchanged, one new, one bad email, two unreadable.
    counts = import_customers(world, "customers.jsonl")
    assert counts == IngestCounts(read=5, stored=1, duplicates=1, rejected=3)
    ioana = customer_by_id(world, "C-600")
    assert ioana is not None and (ioana.last_name, ioana.city) == ("Mureșan", "Iași")
    reasons = {entry.position: entry.reason for entry in world.quarantined(format="crm-jsonl")}
    assert reasons["line 3"] == "invalid email: Value error, not an email address"
    assert reasons["line 5"] == "wrong type: a customer record is an object"


def test_links_apply_on_strong_evidence_and_wait_on_a_name_alone(world: GraphStore) -> None:
    report = linking.resolve(world, T0, THRESHOLDS)
    giulia = person_of(world, "giulia@mastodon.social")
    giulia_x = person_of(world, "giuliarossi", "x")
    marco = person_of(world, "marco.bianchi82", "x")
    luca = person_of(world, "lucastudio", "x")
    ana = person_of(world, "ana_c", "reddit")
    sara, sara_x = person_of(world, "sara_neri@mastodon.social"), person_of(world, "saraneri", "x")
    links = links_by_pair(world)

    # A handle listed in the CRM links directly.
    direct = links[(giulia, "C-100")]
    assert direct.status is LinkStatus.APPLIED and direct.decided_by == linking.AUTO_ACTOR
    assert [e.kind for e in direct.evidence] == [EvidenceKind.HANDLE]
    # An email-like handle links.
    for person, customer in ((marco, "C-200"), (giulia_x, "C-100")):
        link = links[(person, customer)]
        assert link.status is LinkStatus.APPLIED
        assert EvidenceKind.EMAIL in {e.kind for e in link.evidence}
    # A fuzzy name links with supporting evidence (a profile link on the email's domain)...
    supported = links[(luca, "C-300")]
    assert {e.kind for e in supported.evidence} == {EvidenceKind.NAME, EvidenceKind.LINK}
    assert supported.status is LinkStatus.APPLIED
    # ... and only waits for review without it.
    alone = links[(ana, "C-400")]
    assert [e.kind for e in alone.evidence] == [EvidenceKind.NAME]
    assert alone.status is LinkStatus.PROPOSED and alone.confidence < THRESHOLDS.customer
    assert world.customer_links_of([ana]) == {ana: []}
    assert [k.customer_id for k in world.customer_links_of([luca])[luca]] == ["C-300"]

    # Two accounts of one person on two platforms are proposed as one, not merged.
    pair = links[tuple(sorted((sara, sara_x)))]  # type: ignore[index]
    assert pair.kind is LinkKind.PERSON_PERSON and pair.status is LinkStatus.PROPOSED
    assert {e.kind for e in pair.evidence} == {EvidenceKind.HANDLE, EvidenceKind.DISPLAY_NAME}
    # Giulia's two accounts meet through the customer both are linked to.
    shared = links[tuple(sorted((giulia, giulia_x)))]  # type: ignore[index]
    assert [e.kind for e in shared.evidence] == [EvidenceKind.CUSTOMER]
    assert shared.status is LinkStatus.PROPOSED
    # So do two accounts whose profiles link to the same page.
    paolo, paolo_x = person_of(world, "paolo_g@mastodon.social"), person_of(world, "pgcaffe", "x")
    linked = links[tuple(sorted((paolo, paolo_x)))]  # type: ignore[index]
    assert [e.kind for e in linked.evidence] == [EvidenceKind.LINK]
    assert linked.status is LinkStatus.PROPOSED and linked.confidence == 0.7
    assert report == linking.Resolution(proposed=len(links), applied=4, waiting=4)

    # Resolving again proposes and applies nothing new.
    assert linking.resolve(world, T0, THRESHOLDS) == linking.Resolution(0, 0, 4)


def _person_state(store: GraphStore, *people: str) -> dict[str, object]:
    found = store.get_people(list(people))
    posts = store.posts_of(list(people), 10, 0)
    return {
        "people": {
            p: (
                found[p].display_name,
                dict(found[p].scores),
                {name: dict(values) for name, values in found[p].factors.items()},
                dict(found[p].labels),
                found[p].community_id,
            )
            for p in found
        },
        "accounts": {
            p: sorted(a.uid for a in accs) for p, accs in store.accounts_of(list(people)).items()
        },
        "posts": {p: [post.uid for post in page.posts] for p, page in posts.items()},
        "customers": store.customer_links_of(list(people)),
        "programme": {
            p: [(c.status, c.note) for c in changes]
            for p, changes in store.programme_history(list(people)).items()
        },
    }


def test_a_wrong_merge_is_undone_and_the_graph_returns_to_its_state(world: GraphStore) -> None:
    linking.resolve(world, T0, THRESHOLDS)
    sara, sara_x = person_of(world, "sara_neri@mastodon.social"), person_of(world, "saraneri", "x")
    world.write_scores(
        "advocacy",
        {sara: 0.4, sara_x: 0.7},
        T0,
        factors={sara_x: {"influence": 0.9, "sentiment": 0.6}},
        classes={sara: "neutral", sara_x: "potential_advocate"},
    )
    world.write_communities({sara: "c1", sara_x: "c2"}, T0)
    set_programme_status(world, sara_x, ProgrammeStatus.INVITED, "loves tastings", "key:m", T0)
    before = _person_state(world, sara, sara_x)
    pair = links_by_pair(world)[tuple(sorted((sara, sara_x)))]  # type: ignore[index]

    later = T0 + timedelta(hours=1)
    merged = linking.confirm(world, pair.id, "key:reviewer", later, "same shop photos")
    assert merged.status is LinkStatus.APPLIED and merged.merge_event_id is not None
    survivor, gone = pair.person_id, pair.target_id
    assert list(world.get_people([sara, sara_x])) == [survivor]
    assert len(world.accounts_of([survivor])[survivor]) == 2

    undone = linking.undo(world, pair.id, "key:reviewer", later + timedelta(hours=1), "two Saras")
    assert undone.status is LinkStatus.REJECTED and undone.note == "undone: two Saras"
    assert _person_state(world, sara, sara_x) == before
    events = world.identity_events([gone])[gone]
    assert [e.kind.value for e in events] == ["merge", "split"]
    assert events[0].undone_by == events[1].id
    # The rejected pair is not proposed again, and cannot be undone twice.
    assert linking.resolve(world, later, THRESHOLDS).proposed == 0
    assert links_by_pair(world)[(survivor, gone)].status is LinkStatus.REJECTED
    with pytest.raises(IdentityError, match="not applied"):
        linking.undo(world, pair.id, "key:reviewer", later, "again")


def test_an_applied_customer_link_is_undone_and_stays_rejected(world: GraphStore) -> None:
    linking.resolve(world, T0, THRESHOLDS)
    marco = person_of(world, "marco.bianchi82", "x")
    link = links_by_pair(world)[(marco, "C-200")]
    linking.undo(world, link.id, "key:reviewer", T0, "a namesake")
    assert world.customer_links_of([marco]) == {marco: []}
    linking.resolve(world, T0, THRESHOLDS)
    assert world.customer_links_of([marco]) == {marco: []}
    reviewed = linking.reject(
        world,
        links_by_pair(world)[(person_of(world, "ana_c", "reddit"), "C-400")].id,
        "key:reviewer",
        T0,
        "another Anna",
    )
    assert reviewed.status is LinkStatus.REJECTED
    with pytest.raises(IdentityError, match="the link is rejected"):
        linking.reject(world, reviewed.id, "key:reviewer", T0, "twice")
    waiting = world.identity_links(None, LinkStatus.PROPOSED, 1)[0]
    with pytest.raises(IdentityError, match="a reason is required"):
        linking.reject(world, waiting.id, "key:reviewer", T0, " ")


def test_a_merge_by_hand_is_recorded_as_a_link_and_a_split_undoes_it(store: GraphStore) -> None:
    ingest_conversations(store)
    sara, sara_x = person_of(store, "sara_neri@mastodon.social"), person_of(store, "saraneri", "x")
    event = linking.merge_by_hand(store, sara, sara_x, ["same person, asked her"], "key:m", T0)
    (link,) = store.links_of_merges([event.id])
    assert (link.status, link.evidence[0].kind) == (LinkStatus.APPLIED, EvidenceKind.REVIEWER)
    linking.split_by_hand(store, sara, list(event.account_uids), "she has two shops", "key:m", T0)
    assert store.get_identity_links([link.id])[link.id].status is LinkStatus.REJECTED


def test_osmosi_crm_import_prints_the_ingest_summary(tmp_path: Path) -> None:
    env = clean_env(OSMOSI_DATA_DIR=str(tmp_path / "data"), OSMOSI_ENRICH="false")
    subprocess.run(
        [OSMOSI, "ingest", str(FIXTURES / "conversations.jsonl"), "--format", "jsonl", "--json"],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    command = [OSMOSI, "crm", "import", str(FIXTURES / "customers.csv"), "--json"]
    first = json.loads(subprocess.run(command, env=env, check=True, capture_output=True).stdout)
    assert {k: first[k] for k in ("read", "stored", "duplicates", "rejected")} == {
        "read": 6, "stored": 4, "duplicates": 0, "rejected": 2,
    }  # fmt: skip
    assert first["links"]["applied"] == 4
    again = json.loads(subprocess.run(command, env=env, check=True, capture_output=True).stdout)
    assert (again["stored"], again["duplicates"], again["links"]["proposed"]) == (0, 4, 0)


def test_a_crm_export_with_columns_osmosi_does_not_know_imports_every_customer(
    tmp_path: Path,
) -> None:
    # Real CRM exports carry dozens of columns: they are ignored and named, never a reason
    # to refuse a customer.
    export = tmp_path / "crm.csv"
    export.write_text(
        "customer_id,first_name,last_name,Segment,Owner,Created On\n"
        "C-1,Ada,Lovelace,gold,Marta,2024-01-02\n"
        "C-2,Bob,Rossi,silver,Luca,2024-02-03\n"
    )
    env = clean_env(OSMOSI_DATA_DIR=str(tmp_path / "data"), OSMOSI_ENRICH="false")
    command = [OSMOSI, "crm", "import", str(export), "--no-resolve", "--json"]
    done = json.loads(subprocess.run(command, env=env, check=True, capture_output=True).stdout)
    assert (done["read"], done["stored"], done["rejected"]) == (2, 2, 0)
    assert done["ignored_columns"] == ["Created On", "Owner", "Segment"]


def test_names_many_people_share_are_not_proposed_on_their_own() -> None:
    namesakes = [
        Account("x", f"gr{n}", "Giulia Rossi", person_id=f"p{n}") for n in range(MAX_NAME_ONLY + 1)
    ]
    listed = Account("mastodon", "giulia", "Giulia Rossi", person_id="listed")
    crm = Customer("C-1", "Giulia", "Rossi", handles=("mastodon:giulia",))
    found = customer_candidates([crm], [*namesakes, listed])
    assert [(c.person_id, c.target_id) for c in found] == [("listed", "C-1")]
    # A few namesakes are still worth a review.
    few = customer_candidates([crm], namesakes[:MAX_NAME_ONLY])
    assert [c.person_id for c in few] == [f"p{n}" for n in range(MAX_NAME_ONLY)]
    # A last name in a handle, alone, is too weak to propose.
    assert customer_candidates([crm], [Account("x", "rossi_fan", person_id="f")]) == []
