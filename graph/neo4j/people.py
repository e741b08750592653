"""The people part of `Neo4jGraphStore`: programme history, identity events, erasure and
API keys (see `graph.store.people.PeopleContract`)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from neo4j import ManagedTransaction

from graph.model.access import ApiKey, Role
from graph.model.nodes import Affiliation, CustomerLink
from graph.model.people import IdentityEvent, ProgrammeStatus, StatusChange
from graph.model.rankings import AffiliatedAccount
from graph.neo4j import people_cypher as cypher
from graph.neo4j.base import Neo4jBase
from graph.neo4j.cypher import LINK_CUSTOMERS
from graph.neo4j.rankings import restored_props
from graph.store.rows import event_from_row, event_row, status_from_row, status_row


def _status_rows(changes: Sequence[StatusChange]) -> list[dict[str, Any]]:
    return [{**status_row(change), "id": str(uuid.uuid4())} for change in changes]


def _api_key(props: dict[str, Any]) -> ApiKey:
    revoked = props.get("revoked_at")
    return ApiKey(
        props["id"],
        props["digest"],
        Role(props["role"]),
        props["name"],
        datetime.fromisoformat(props["created_at"]),
        datetime.fromisoformat(revoked) if revoked else None,
    )


class PeopleMixin(Neo4jBase):
    """`PeopleContract` for `Neo4jGraphStore` (on the driver helpers of `Neo4jBase`)."""

    # -- the advocacy programme ------------------------------------------------------------

    def add_status_change(self, change: StatusChange) -> bool:
        records = self._write_statement(cypher.ADD_STATUS_CHANGES, rows=_status_rows([change]))
        return bool(records and records[0]["written"])

    def programme_history(self, person_ids: Sequence[str]) -> dict[str, list[StatusChange]]:
        result: dict[str, list[StatusChange]] = {person: [] for person in person_ids}
        for record in self._read(cypher.PROGRAMME_HISTORY, ids=list(person_ids)):
            result[record["person_id"]].append(status_from_row(record.data()))
        return result

    def programme_members(
        self, status: ProgrammeStatus, first: int, offset: int = 0
    ) -> tuple[list[StatusChange], int]:
        record = self._read(
            cypher.PROGRAMME_MEMBERS, status=status.value, first=first, offset=offset
        )[0]
        return [status_from_row(row) for row in record["page"]], record["total"]

    # -- identity --------------------------------------------------------------------------

    def merge_people(self, event: IdentityEvent) -> None:
        moves = {"source": event.other_id, "target": event.person_id}

        def work(tx: ManagedTransaction) -> None:
            self._run(tx, cypher.MOVE_ACCOUNTS, uids=list(event.account_uids), **moves)
            self._run(tx, cypher.COPY_CUSTOMER_LINKS, **moves)
            self._run(tx, cypher.DELETE_PERSON, id=event.other_id)
            self._run(tx, cypher.RECORD_EVENT, row=event_row(event))

        self._write(work)

    def split_person(self, event: IdentityEvent) -> None:
        snapshot = event.snapshot
        links = [
            {
                "person_id": event.other_id,
                "customer_id": cid,
                "confidence": confidence,
                "evidence": list(evidence),
            }
            for cid, confidence, evidence in snapshot.customer_links
        ]

        def work(tx: ManagedTransaction) -> None:
            self._run(
                tx,
                cypher.ENSURE_PERSON,
                id=event.other_id,
                display_name=snapshot.display_name,
                now=datetime.now(UTC),
            )
            self._run(
                tx,
                cypher.MOVE_ACCOUNTS,
                uids=list(event.account_uids),
                source=event.person_id,
                target=event.other_id,
            )
            self._run(
                tx,
                cypher.DROP_CUSTOMER_LINKS,
                id=event.person_id,
                customers=list(snapshot.brought_customers),
            )
            self._run(tx, LINK_CUSTOMERS, rows=links)
            self._run(tx, cypher.ADD_STATUS_CHANGES, rows=_status_rows(snapshot.programme))
            self._run(
                tx,
                cypher.RESTORE_RANKINGS,
                id=event.other_id,
                props=restored_props(snapshot),
                community=snapshot.community_id,
            )
            self._run(tx, cypher.RECORD_EVENT, row=event_row(event))
            if event.undoes:
                self._run(tx, cypher.MARK_UNDONE, undoes=event.undoes, id=event.id)

        self._write(work)

    def identity_events(self, person_ids: Sequence[str]) -> dict[str, list[IdentityEvent]]:
        result: dict[str, list[IdentityEvent]] = {person: [] for person in person_ids}
        for record in self._read(cypher.IDENTITY_EVENTS, ids=list(person_ids)):
            props = record["event"]
            result[record["person"]].append(
                event_from_row({"undoes": None, "undone_by": None, **props})
            )
        return result

    def customer_links_of(self, person_ids: Sequence[str]) -> dict[str, list[CustomerLink]]:
        result: dict[str, list[CustomerLink]] = {person: [] for person in person_ids}
        for r in self._read(cypher.CUSTOMER_LINKS_OF, ids=list(person_ids)):
            result[r["person_id"]].append(
                CustomerLink(
                    r["person_id"], r["customer_id"], r["confidence"], tuple(r["evidence"])
                )
            )
        return result

    # -- the brand's own accounts -----------------------------------------------------------

    def set_affiliations(self, accounts: Mapping[str, Affiliation | None]) -> int:
        marked = [{"uid": uid, "affiliation": a.value} for uid, a in accounts.items() if a]
        cleared = [uid for uid, a in accounts.items() if a is None]

        def work(tx: ManagedTransaction) -> int:
            changed = self._run(tx, cypher.SET_AFFILIATIONS, marked=marked)
            removed = self._run(tx, cypher.CLEAR_AFFILIATIONS, cleared=cleared)
            return int(changed[0]["changed"]) + int(removed[0]["changed"])

        result: int = self._write(work)
        return result

    def affiliated_accounts(self) -> list[AffiliatedAccount]:
        return [
            AffiliatedAccount(r["uid"], Affiliation(r["affiliation"]), r["person"])
            for r in self._read(cypher.AFFILIATED_ACCOUNTS)
        ]

    # -- erasure ---------------------------------------------------------------------------

    def suppressed(self, keys: Sequence[str]) -> set[str]:
        records = self._read(cypher.SUPPRESSED, keys=list(keys))
        return set(records[0]["keys"]) if records else set()

    # -- API keys --------------------------------------------------------------------------

    def save_api_key(self, key: ApiKey) -> None:
        row = {
            "id": key.id,
            "digest": key.digest,
            "role": key.role.value,
            "name": key.name,
            "created_at": key.created_at.isoformat(),
            "revoked_at": key.revoked_at.isoformat() if key.revoked_at else None,
        }
        self._write_statement(cypher.SAVE_API_KEY, row=row)

    def api_key(self, digest: str) -> ApiKey | None:
        records = self._read(cypher.API_KEY, digest=digest)
        return _api_key(records[0]["key"]) if records else None

    def api_keys(self) -> list[ApiKey]:
        return [_api_key(record["key"]) for record in self._read(cypher.API_KEYS)]

    def revoke_api_key(self, key_id: str, at: datetime) -> bool:
        records = self._write_statement(cypher.REVOKE_API_KEY, id=key_id, at=at.isoformat())
        return bool(records and records[0]["revoked"])
