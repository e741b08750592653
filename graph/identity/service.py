"""Identity decisions, the advocacy programme and erasure, as domain services over a store.

A merge never happens without its evidence, and every merge can be undone: the person merged
away is kept as a snapshot in the merge's event, and splitting the same accounts off again
restores them (same id, name, customer links, programme history, scores with their factors,
classes and community; the influencer map's ties come back with the next ranking).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from graph.model.keys import person_id_for_account
from graph.model.people import (
    Erasure,
    IdentityEvent,
    IdentityEventKind,
    PersonSnapshot,
    ProgrammeStatus,
    StatusChange,
    redaction_of,
    suppression_key,
)
from graph.store.contract import GraphStore

MAX_NOTE = 2_000


class IdentityError(ValueError):
    """An identity or programme change that cannot be made; the message says why."""


def _clean(texts: Sequence[str], what: str) -> tuple[str, ...]:
    cleaned = tuple(text.strip() for text in texts if text.strip())
    if not cleaned:
        raise IdentityError(f"{what} is required")
    if any(len(text) > MAX_NOTE for text in cleaned):
        raise IdentityError(f"{what} is longer than {MAX_NOTE} characters")
    return cleaned


def set_programme_status(
    store: GraphStore,
    person_id: str,
    status: ProgrammeStatus,
    note: str | None,
    actor: str,
    now: datetime,
) -> StatusChange:
    """Move a person to ``status`` in the advocacy programme; the history keeps every step."""
    if note is not None and len(note) > MAX_NOTE:
        raise IdentityError(f"the note is longer than {MAX_NOTE} characters")
    change = StatusChange(person_id, status, note, actor, now)
    if not store.add_status_change(change):
        raise IdentityError("no such person")
    return change


def merge_people(
    store: GraphStore,
    person_id: str,
    other_id: str,
    evidence: Sequence[str],
    actor: str,
    now: datetime,
) -> IdentityEvent:
    """Merge ``other_id`` into ``person_id`` (the same human), recording why."""
    reasons = _clean(evidence, "evidence")
    if person_id == other_id:
        raise IdentityError("a person cannot be merged with themself")
    people = store.get_people([person_id, other_id])
    if len(people) != 2:
        raise IdentityError("no such person")
    accounts = store.accounts_of([other_id])[other_id]
    links_of = store.customer_links_of([person_id, other_id])
    links, already = links_of[other_id], {link.customer_id for link in links_of[person_id]}
    other = people[other_id]
    event = IdentityEvent(
        id=str(uuid.uuid4()),
        kind=IdentityEventKind.MERGE,
        person_id=person_id,
        other_id=other_id,
        account_uids=tuple(account.uid for account in accounts),
        evidence=reasons,
        actor=actor,
        at=now,
        snapshot=PersonSnapshot(
            display_name=other.display_name,
            customer_links=tuple((k.customer_id, k.confidence, k.evidence) for k in links),
            programme=tuple(store.programme_history([other_id])[other_id]),
            brought_customers=tuple(
                link.customer_id for link in links if link.customer_id not in already
            ),
            scores=tuple(sorted(other.scores.items())),
            factors=tuple(
                (name, tuple(sorted(values.items())))
                for name, values in sorted(other.factors.items())
            ),
            labels=tuple(sorted(other.labels.items())),
            community_id=other.community_id,
        ),
    )
    store.merge_people(event)
    return event


def split_person(
    store: GraphStore,
    person_id: str,
    account_uids: Sequence[str],
    reason: str,
    actor: str,
    now: datetime,
) -> IdentityEvent:
    """Split accounts off a person into a person of their own, recording why.

    When the accounts are exactly those a merge brought in, the merge is undone: the person
    it removed comes back as they were. Otherwise the new person takes the id an account
    gets when first seen, so splitting off an account that was merged by hand restores it.
    """
    reasons = _clean([reason], "a reason")
    owned = {account.uid: account for account in store.accounts_of([person_id])[person_id]}
    moving = tuple(sorted(set(account_uids)))
    if not moving:
        raise IdentityError("name the accounts to split off")
    if not set(moving) <= owned.keys():
        raise IdentityError("every account split off must belong to the person")
    if set(moving) == owned.keys():
        raise IdentityError("a split must leave the person at least one account")
    merges = [
        event
        for event in store.identity_events([person_id])[person_id]
        if event.kind is IdentityEventKind.MERGE
        and event.person_id == person_id
        and event.undone_by is None
        and set(event.account_uids) == set(moving)
    ]
    if merges:
        undone = merges[-1]
        other_id, snapshot, undoes = undone.other_id, undone.snapshot, undone.id
    else:
        other_id = person_id_for_account(moving[0])
        if other_id == person_id:
            other_id = str(uuid.uuid4())
        snapshot, undoes = PersonSnapshot(display_name=owned[moving[0]].display_name), None
    event = IdentityEvent(
        id=str(uuid.uuid4()),
        kind=IdentityEventKind.SPLIT,
        person_id=person_id,
        other_id=other_id,
        account_uids=moving,
        evidence=reasons,
        actor=actor,
        at=now,
        snapshot=snapshot,
        undoes=undoes,
    )
    store.split_person(event)
    return event


def quarantine_needles(handles: Sequence[str]) -> list[str]:
    """What a quarantined raw record holding one of ``handles`` contains: the handle (or
    its part before a server) as a JSON string, with or without ``@``.

    >>> quarantine_needles(["giulia@mastodon.social"])
    ['"@giulia"', '"@giulia@mastodon.social"', '"giulia"', '"giulia@mastodon.social"']
    """
    names = {name for handle in handles for name in (handle, handle.split("@", 1)[0]) if name}
    return sorted(f'"{prefix}{name}"' for name in names for prefix in ("", "@"))


def erase_person(store: GraphStore, person_id: str) -> Erasure:
    """Remove a person and everything derived from them, and block their re-import.

    Others' posts keep their place in the conversation but lose what was hers: a plain
    repost of her post reads `graph.model.people.ERASED` and its links to her posts are cut,
    and her handle and full name in any other text are redacted."""
    accounts = store.accounts_of([person_id])[person_id]
    person = store.get_people([person_id]).get(person_id)
    names = [person.display_name if person else None, *(a.display_name for a in accounts)]
    erased = store.erase_person(
        person_id,
        [suppression_key(a.uid) for a in accounts],
        quarantine_needles([a.handle for a in accounts]),
        redaction_of([a.handle for a in accounts], names),
    )
    if erased is None:
        raise IdentityError("no such person")
    return erased
