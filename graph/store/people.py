"""The store contract's people part: programme status, identity decisions, erasure and API
keys. `graph.store.contract.GraphStore` inherits it; both backends implement it and pass the
contract suite."""

from __future__ import annotations

import abc
from collections.abc import Mapping, Sequence
from datetime import datetime

from graph.model.access import ApiKey
from graph.model.nodes import Affiliation, CustomerLink
from graph.model.people import Erasure, IdentityEvent, ProgrammeStatus, Redaction, StatusChange
from graph.model.rankings import AffiliatedAccount


class PeopleContract(abc.ABC):
    # -- the advocacy programme ------------------------------------------------------------

    @abc.abstractmethod
    def add_status_change(self, change: StatusChange) -> bool:
        """Append a step to a person's programme history; False if there is no such person."""

    @abc.abstractmethod
    def programme_history(self, person_ids: Sequence[str]) -> dict[str, list[StatusChange]]:
        """Each person's programme history, oldest first (batched; people without one map
        to [])."""

    @abc.abstractmethod
    def programme_members(
        self, status: ProgrammeStatus, first: int, offset: int = 0
    ) -> tuple[list[StatusChange], int]:
        """The latest change of each person whose current programme status is ``status``,
        most recent first (ties by person id): a page of ``first`` from ``offset``, and how
        many such people there are in all."""

    # -- identity --------------------------------------------------------------------------

    @abc.abstractmethod
    def merge_people(self, event: IdentityEvent) -> None:
        """Apply a merge in one transaction: move ``event.account_uids`` and the customer
        links of ``event.other_id`` to ``event.person_id``, remove ``event.other_id`` with
        its scores, class, community membership and programme history, and record the
        event (whose snapshot holds what was removed)."""

    @abc.abstractmethod
    def split_person(self, event: IdentityEvent) -> None:
        """Apply a split in one transaction: create ``event.other_id`` from the snapshot
        (name, customer links, programme history), move ``event.account_uids`` to it,
        record the event and, when it undoes a merge, mark that merge undone."""

    @abc.abstractmethod
    def identity_events(self, person_ids: Sequence[str]) -> dict[str, list[IdentityEvent]]:
        """Identity events naming each person on either side, oldest first (batched)."""

    @abc.abstractmethod
    def customer_links_of(self, person_ids: Sequence[str]) -> dict[str, list[CustomerLink]]:
        """Each person's customer links, by customer id (batched; none maps to [])."""

    # -- the brand's own accounts -----------------------------------------------------------

    @abc.abstractmethod
    def set_affiliations(self, accounts: Mapping[str, Affiliation | None]) -> int:
        """Mark accounts (by uid, seen yet or not) as the brand's own or an employee's, or
        unmark them (None), in one transaction; how many marks changed."""

    @abc.abstractmethod
    def affiliated_accounts(self) -> list[AffiliatedAccount]:
        """Every marked account, by uid, with the person holding it when it has been seen."""

    # -- erasure ---------------------------------------------------------------------------

    @abc.abstractmethod
    def erase_person(
        self,
        person_id: str,
        suppression_keys: Sequence[str],
        quarantine_needles: Sequence[str],
        redaction: Redaction,
    ) -> Erasure | None:
        """Remove a person everywhere in one transaction: their accounts, the posts those
        accounts wrote (with their mentions, tags, opinions and conversations), scores,
        classes, community membership and mentions in community profiles, map ties,
        customer links and the linked customer records, programme history, identity events
        and links, alerts about them with their deliveries, topics and channels only their
        posts used, and quarantined records whose raw payload contains one of
        ``quarantine_needles`` (case-insensitive). Others' posts lose what was hers: links
        to her posts are cut, a plain repost of one reads `graph.model.people.ERASED` (with no
        sentiment, intent, opinions or tags, which came from her words) and any text
        holding one of ``redaction.needles`` (case-insensitive) is passed through
        ``redaction.apply``. Then remember ``suppression_keys`` so that a re-import of
        those accounts stores nothing, and `graph.model.people.post_suppression_key` of each
        erased post so that a repost or reply of it arriving later keeps nothing of it.
        None if there is no such person."""

    @abc.abstractmethod
    def drop_posts_older_than(self, cutoff: datetime) -> int:
        """Remove in one transaction the posts made before ``cutoff`` and the plain reposts
        of them (copies of their words), with their mentions, tags, opinions and
        conversations; cut others' links to them and drop the topics and channels no post
        uses any more. How many posts went."""

    @abc.abstractmethod
    def suppressed(self, keys: Sequence[str]) -> set[str]:
        """Those of ``keys`` (`graph.model.people.suppression_key` of account uids) erased."""

    # -- API keys --------------------------------------------------------------------------

    @abc.abstractmethod
    def save_api_key(self, key: ApiKey) -> None: ...

    @abc.abstractmethod
    def api_key(self, digest: str) -> ApiKey | None:
        """The key with this digest, revoked or not."""

    @abc.abstractmethod
    def api_keys(self) -> list[ApiKey]:
        """Every key, oldest first."""

    @abc.abstractmethod
    def revoke_api_key(self, key_id: str, at: datetime) -> bool:
        """Revoke a key by id; False if there is no such active key."""
