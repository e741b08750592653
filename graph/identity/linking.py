"""Identity links as a service: resolve, apply above a threshold, review, undo.

Applying a person ↔ customer link records the customer link with its evidence; applying a
person ↔ person link merges the two people (`graph.identity.service.merge_people`), and undoing it
splits them again, which restores the merged person exactly. Merges and splits made by hand
go through here too, so the link list is the audit trail of every identity decision.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from graph.identity import service as identity
from graph.identity.service import IdentityError
from graph.model.identity import Evidence, EvidenceKind, IdentityLink, LinkKind, LinkStatus
from graph.model.nodes import Account, Customer, CustomerLink
from graph.model.people import IdentityEvent
from graph.model.resolution import Candidate, customer_candidates, person_candidates
from graph.store.contract import GraphStore

AUTO_ACTOR = "osmosi:resolver"
PAGE = 5_000

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Confidence from which links are applied without review."""

    customer: float = 0.75
    person: float = 0.9

    def of(self, kind: LinkKind) -> float:
        return self.customer if kind is LinkKind.PERSON_CUSTOMER else self.person


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a resolution run did: links new to the list, applied now, waiting for review."""

    proposed: int
    applied: int
    waiting: int


def _all(read: Callable[[str | None, int], list[T]], key: Callable[[T], str]) -> Iterator[T]:
    after: str | None = None
    while True:
        page = read(after, PAGE)
        yield from page
        if len(page) < PAGE:
            return
        after = key(page[-1])


def _accounts(store: GraphStore) -> list[Account]:
    return list(_all(store.account_page, lambda account: account.uid))


def _customers(store: GraphStore) -> list[Customer]:
    return list(_all(store.customer_page, lambda customer: customer.external_id))


def _link(candidate: Candidate, now: datetime) -> IdentityLink:
    return IdentityLink(
        id=candidate.id,
        kind=candidate.kind,
        person_id=candidate.person_id,
        target_id=candidate.target_id,
        confidence=candidate.confidence,
        evidence=candidate.evidence,
        status=LinkStatus.PROPOSED,
        proposed_at=now,
    )


def _customers_of(store: GraphStore, people: Sequence[str]) -> dict[str, list[str]]:
    linked: dict[str, list[str]] = defaultdict(list)
    for start in range(0, len(people), PAGE):
        for person, links in store.customer_links_of(people[start : start + PAGE]).items():
            linked[person] = [link.customer_id for link in links]
    return linked


def _propose_and_apply(
    store: GraphStore, candidates: Sequence[Candidate], now: datetime, thresholds: Thresholds
) -> Resolution:
    proposed = store.save_identity_links([_link(c, now) for c in candidates])
    stored = store.get_identity_links([c.id for c in candidates])
    applied = waiting = 0
    for link in sorted(stored.values(), key=lambda link: (-link.confidence, link.id)):
        if link.status is not LinkStatus.PROPOSED:
            continue
        if link.confidence >= thresholds.of(link.kind):
            note = f"confidence {link.confidence:.3f} ≥ {thresholds.of(link.kind):.2f}"
            try:
                apply(store, link, AUTO_ACTOR, now, note)
                applied += 1
                continue
            except IdentityError:
                pass  # one of the people was merged away by an earlier link of this run
        waiting += 1
    return Resolution(proposed=proposed, applied=applied, waiting=waiting)


def resolve(store: GraphStore, now: datetime, thresholds: Thresholds) -> Resolution:
    """Propose every candidate link and apply those at or above their threshold: customer
    links first, then people, so that two people linked to one customer meet.

    Idempotent: a pair already linked, applied or rejected is not proposed again.
    """
    accounts = _accounts(store)
    people = sorted({a.person_id for a in accounts if a.person_id is not None})
    linked = _customers_of(store, people)
    customers = [
        candidate
        for candidate in customer_candidates(_customers(store), accounts)
        if candidate.target_id not in linked.get(candidate.person_id, ())
    ]
    first = _propose_and_apply(store, customers, now, thresholds)
    together = person_candidates(accounts, _customers_of(store, people))
    second = _propose_and_apply(store, together, now, thresholds)
    return Resolution(
        proposed=first.proposed + second.proposed,
        applied=first.applied + second.applied,
        waiting=first.waiting + second.waiting,
    )


def _decided(
    store: GraphStore,
    link: IdentityLink,
    status: LinkStatus,
    actor: str,
    now: datetime,
    note: str | None,
    merge_event_id: str | None = None,
) -> IdentityLink:
    decided = replace(
        link,
        status=status,
        decided_at=now,
        decided_by=actor,
        note=note,
        merge_event_id=merge_event_id or link.merge_event_id,
    )
    if not store.update_identity_link(decided, expected=link.status):
        raise IdentityError("the link was decided meanwhile; reload it")
    return decided


def apply(
    store: GraphStore, link: IdentityLink, actor: str, now: datetime, note: str | None
) -> IdentityLink:
    """Apply a proposed link: link the customer, or merge the two people."""
    if link.status is not LinkStatus.PROPOSED:
        raise IdentityError(f"the link is {link.status.value}, not proposed")
    reasons = [f"{item.kind.value}: {item.detail}" for item in link.evidence]
    if link.kind is LinkKind.PERSON_CUSTOMER:
        customer_link = CustomerLink(
            link.person_id, link.target_id, link.confidence, tuple(reasons)
        )
        if not store.link_customers([customer_link]):
            raise IdentityError("no such person or customer")
        return _decided(store, link, LinkStatus.APPLIED, actor, now, note)
    event = identity.merge_people(store, link.person_id, link.target_id, reasons, actor, now)
    return _decided(store, link, LinkStatus.APPLIED, actor, now, note, event.id)


def _one(store: GraphStore, link_id: str) -> IdentityLink:
    link = store.get_identity_links([link_id]).get(link_id)
    if link is None:
        raise IdentityError("no such identity link")
    return link


def confirm(
    store: GraphStore, link_id: str, actor: str, now: datetime, note: str | None = None
) -> IdentityLink:
    """A reviewer applies a proposed link."""
    return apply(store, _one(store, link_id), actor, now, note)


def reject(store: GraphStore, link_id: str, actor: str, now: datetime, reason: str) -> IdentityLink:
    """A reviewer refuses a proposed link; it will not be proposed again."""
    link = _one(store, link_id)
    if link.status is not LinkStatus.PROPOSED:
        raise IdentityError(f"the link is {link.status.value}; undo an applied one instead")
    return _decided(store, link, LinkStatus.REJECTED, actor, now, _reason(reason))


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise IdentityError("a reason is required")
    if len(reason) > identity.MAX_NOTE:
        raise IdentityError(f"the reason is longer than {identity.MAX_NOTE} characters")
    return reason


def _merge_event(store: GraphStore, link: IdentityLink) -> IdentityEvent:
    events = store.identity_events([link.person_id])[link.person_id]
    event = next((e for e in events if e.id == link.merge_event_id), None)
    if event is None or event.undone_by is not None:
        raise IdentityError("the merge of this link is already undone")
    return event


def undo(store: GraphStore, link_id: str, actor: str, now: datetime, reason: str) -> IdentityLink:
    """Undo an applied link: unlink the customer, or split the merged person off again
    (as they were before the merge). The link ends rejected, with the reason."""
    link = _one(store, link_id)
    if link.status is not LinkStatus.APPLIED:
        raise IdentityError(f"the link is {link.status.value}, not applied")
    why = _reason(reason)
    if link.kind is LinkKind.PERSON_CUSTOMER:
        store.unlink_customer(link.person_id, link.target_id)
    else:
        event = _merge_event(store, link)
        identity.split_person(store, link.person_id, event.account_uids, why, actor, now)
    return _decided(store, link, LinkStatus.REJECTED, actor, now, f"undone: {why}")


def merge_by_hand(
    store: GraphStore,
    person_id: str,
    other_id: str,
    evidence: Sequence[str],
    actor: str,
    now: datetime,
) -> IdentityEvent:
    """A reviewer's merge, recorded as an applied link with their evidence."""
    event = identity.merge_people(store, person_id, other_id, evidence, actor, now)
    given = tuple(Evidence(EvidenceKind.REVIEWER, text, 1.0) for text in event.evidence)
    candidate = Candidate(LinkKind.PERSON_PERSON, person_id, other_id, given)
    link = replace(
        _link(candidate, now),
        status=LinkStatus.APPLIED,
        decided_at=now,
        decided_by=actor,
        merge_event_id=event.id,
    )
    existing = store.get_identity_links([link.id]).get(link.id)
    if existing is None:
        store.save_identity_links([link])
    else:
        store.update_identity_link(replace(link, proposed_at=existing.proposed_at), existing.status)
    return event


def split_by_hand(
    store: GraphStore,
    person_id: str,
    account_uids: Sequence[str],
    reason: str,
    actor: str,
    now: datetime,
) -> IdentityEvent:
    """A reviewer's split; when it undoes a merge, that merge's link ends rejected."""
    event = identity.split_person(store, person_id, account_uids, reason, actor, now)
    if event.undoes is not None:
        for link in store.links_of_merges([event.undoes]):
            if link.status is LinkStatus.APPLIED:
                _decided(store, link, LinkStatus.REJECTED, actor, now, f"undone: {reason}")
    return event
