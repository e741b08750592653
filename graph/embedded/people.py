"""The people part of the embedded store: programme history, identity events, erasure and
API keys (see `graph.store.people.PeopleContract`)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from graph.embedded.base import SqliteBase
from graph.embedded.sql import iso, json_list, parse
from graph.model.access import ApiKey, Role
from graph.model.factors import factors_json
from graph.model.nodes import Affiliation, CustomerLink
from graph.model.people import IdentityEvent, PersonSnapshot, ProgrammeStatus, StatusChange
from graph.model.rankings import AffiliatedAccount
from graph.store.rows import event_from_row, event_row, status_from_row, status_row

_EVENT_COLUMNS = (
    "id, kind, person_id, other_id, account_uids, evidence, actor, at, snapshot, undoes, undone_by"
)
_KEY_COLUMNS = "id, digest, role, name, created_at, revoked_at"

# Per-person rows that go with the person (derived data and programme history).
_PERSON_TABLES = ("person_score", "person_label", "membership", "customer_link", "programme_change")


def _api_key(row: tuple[Any, ...]) -> ApiKey:
    key_id, digest, role, name, created_at, revoked_at = row
    created = parse(created_at)
    assert created is not None
    return ApiKey(key_id, digest, Role(role), name, created, parse(revoked_at))


def delete_person(con: sqlite3.Connection, person_id: str) -> None:
    """The person row and everything derived from it (their accounts are moved or deleted by
    the caller)."""
    for table in _PERSON_TABLES:
        con.execute(f"DELETE FROM {table} WHERE person_id = ?", (person_id,))
    con.execute("DELETE FROM map_tie WHERE source = ?1 OR target = ?1", (person_id,))
    con.execute("DELETE FROM person WHERE id = ?", (person_id,))


class PeopleMixin(SqliteBase):
    """`PeopleContract` for `EmbeddedGraphStore` (on the connection helpers of `SqliteBase`)."""

    # -- the advocacy programme ------------------------------------------------------------

    @staticmethod
    def _insert_changes(con: sqlite3.Connection, changes: Sequence[StatusChange]) -> None:
        con.executemany(
            "INSERT INTO programme_change(person_id, status, note, actor, at) "
            "VALUES (:person_id, :status, :note, :actor, :at)",
            [{**status_row(change), "at": iso(change.at)} for change in changes],
        )

    def add_status_change(self, change: StatusChange) -> bool:
        with self._transaction() as con:
            if not con.execute("SELECT 1 FROM person WHERE id = ?", (change.person_id,)).fetchone():
                return False
            self._insert_changes(con, [change])
        return True

    def programme_history(self, person_ids: Sequence[str]) -> dict[str, list[StatusChange]]:
        result: dict[str, list[StatusChange]] = {person: [] for person in person_ids}
        for person, status, note, actor, at in self._query(
            "SELECT person_id, status, note, actor, at FROM programme_change "
            "WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY person_id, id",
            (json_list(person_ids),),
        ):
            result[person].append(
                status_from_row(
                    {"person_id": person, "status": status, "note": note, "actor": actor, "at": at}
                )
            )
        return result

    def programme_members(
        self, status: ProgrammeStatus, first: int, offset: int = 0
    ) -> tuple[list[StatusChange], int]:
        rows = self._query(
            "WITH latest AS (SELECT person_id, status, note, actor, at, row_number() OVER "
            "(PARTITION BY person_id ORDER BY at DESC, id DESC) AS n FROM programme_change) "
            "SELECT person_id, status, note, actor, at, count(*) OVER () FROM latest "
            "WHERE n = 1 AND status = :status ORDER BY at DESC, person_id "
            "LIMIT :first OFFSET :offset",
            {"status": status.value, "first": first, "offset": offset},
        )
        if not rows and offset:
            # Past the end: the window function has no row to carry the total.
            return [], self.programme_members(status, 1)[1]
        columns = ("person_id", "status", "note", "actor", "at")
        changes = [status_from_row(dict(zip(columns, row[:5], strict=True))) for row in rows]
        return changes, rows[0][5] if rows else 0

    # -- identity --------------------------------------------------------------------------

    @staticmethod
    def _insert_event(con: sqlite3.Connection, event: IdentityEvent) -> None:
        row = event_row(event)
        con.execute(
            f"INSERT INTO identity_event({_EVENT_COLUMNS}) VALUES (:id, :kind, :person_id, "
            ":other_id, :account_uids, :evidence, :actor, :at, :snapshot, :undoes, :undone_by)",
            {**row, "at": iso(event.at)},
        )

    @staticmethod
    def _restore_rankings(con: sqlite3.Connection, person: str, snapshot: PersonSnapshot) -> None:
        """The scores, factors and classes a person merged away had, and their community if
        it is still there."""
        factors = dict(snapshot.factors)
        con.executemany(
            "INSERT INTO person_score(person_id, name, value, factors) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET value = excluded.value, factors = excluded.factors",
            [
                (person, name, value, factors_json(dict(factors.get(name, ()))))
                for name, value in snapshot.scores
            ],
        )
        con.executemany(
            "INSERT INTO person_label(person_id, name, value) VALUES (?, ?, ?) "
            "ON CONFLICT DO UPDATE SET value = excluded.value",
            [(person, name, value) for name, value in snapshot.labels],
        )
        con.execute(
            "INSERT INTO membership(person_id, community_id) SELECT ?, id FROM community "
            "WHERE id = ? ON CONFLICT DO NOTHING",
            (person, snapshot.community_id),
        )

    def merge_people(self, event: IdentityEvent) -> None:
        into, other = event.person_id, event.other_id
        with self._transaction() as con:
            con.execute(
                "UPDATE account SET person_id = ? "
                "WHERE person_id = ? AND uid IN (SELECT value FROM json_each(?))",
                (into, other, json_list(event.account_uids)),
            )
            con.execute(
                "INSERT INTO customer_link(person_id, customer_id, confidence, evidence) "
                "SELECT ?, customer_id, confidence, evidence FROM customer_link "
                "WHERE person_id = ? ON CONFLICT DO NOTHING",
                (into, other),
            )
            delete_person(con, other)
            self._insert_event(con, event)

    def split_person(self, event: IdentityEvent) -> None:
        snapshot = event.snapshot
        with self._transaction() as con:
            con.execute(
                "INSERT INTO person(id, display_name, created_at) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET display_name = excluded.display_name",
                (event.other_id, snapshot.display_name, iso(event.at)),
            )
            con.execute(
                "UPDATE account SET person_id = ? "
                "WHERE person_id = ? AND uid IN (SELECT value FROM json_each(?))",
                (event.other_id, event.person_id, json_list(event.account_uids)),
            )
            # Links the merge brought along go back to the person they came with.
            con.execute(
                "DELETE FROM customer_link WHERE person_id = ? "
                "AND customer_id IN (SELECT value FROM json_each(?))",
                (event.person_id, json_list(snapshot.brought_customers)),
            )
            con.executemany(
                "INSERT INTO customer_link(person_id, customer_id, confidence, evidence) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [
                    (event.other_id, cid, confidence, json.dumps(list(evidence)))
                    for cid, confidence, evidence in snapshot.customer_links
                ],
            )
            self._insert_changes(con, snapshot.programme)
            self._restore_rankings(con, event.other_id, snapshot)
            self._insert_event(con, event)
            if event.undoes:
                con.execute(
                    "UPDATE identity_event SET undone_by = ? WHERE id = ?",
                    (event.id, event.undoes),
                )

    def identity_events(self, person_ids: Sequence[str]) -> dict[str, list[IdentityEvent]]:
        result: dict[str, list[IdentityEvent]] = {person: [] for person in person_ids}
        names = _EVENT_COLUMNS.split(", ")
        rows = self._query(
            f"SELECT {_EVENT_COLUMNS} FROM identity_event "
            "WHERE person_id IN (SELECT value FROM json_each(:ids)) "
            "OR other_id IN (SELECT value FROM json_each(:ids)) ORDER BY at, id",
            {"ids": json_list(person_ids)},
        )
        for row in rows:
            event = event_from_row(dict(zip(names, row, strict=True)))
            for person in {event.person_id, event.other_id} & result.keys():
                result[person].append(event)
        return result

    def customer_links_of(self, person_ids: Sequence[str]) -> dict[str, list[CustomerLink]]:
        result: dict[str, list[CustomerLink]] = {person: [] for person in person_ids}
        for person, customer, confidence, evidence in self._query(
            "SELECT person_id, customer_id, confidence, evidence FROM customer_link "
            "WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY person_id, customer_id",
            (json_list(person_ids),),
        ):
            result[person].append(
                CustomerLink(person, customer, confidence, tuple(json.loads(evidence)))
            )
        return result

    # -- erasure ---------------------------------------------------------------------------

    def set_affiliations(self, accounts: Mapping[str, Affiliation | None]) -> int:
        marked = [(uid, a.value) for uid, a in accounts.items() if a is not None]
        cleared = [(uid,) for uid, a in accounts.items() if a is None]
        with self._transaction() as con:
            changed = con.executemany(
                "INSERT INTO brand_account(account_uid, affiliation) VALUES (?, ?) "
                "ON CONFLICT(account_uid) DO UPDATE SET affiliation = excluded.affiliation "
                "WHERE affiliation <> excluded.affiliation",
                marked,
            ).rowcount
            changed += con.executemany(
                "DELETE FROM brand_account WHERE account_uid = ?", cleared
            ).rowcount
        return max(changed, 0)

    def affiliated_accounts(self) -> list[AffiliatedAccount]:
        return [
            AffiliatedAccount(uid, Affiliation(affiliation), person)
            for uid, affiliation, person in self._query(
                "SELECT b.account_uid, b.affiliation, a.person_id FROM brand_account b "
                "LEFT JOIN account a ON a.uid = b.account_uid ORDER BY b.account_uid"
            )
        ]

    def suppressed(self, keys: Sequence[str]) -> set[str]:
        rows = self._query(
            "SELECT key FROM suppression WHERE key IN (SELECT value FROM json_each(?))",
            (json_list(keys),),
        )
        return {key for (key,) in rows}

    # -- API keys --------------------------------------------------------------------------

    def save_api_key(self, key: ApiKey) -> None:
        with self._transaction() as con:
            con.execute(
                f"INSERT INTO api_key({_KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    key.id,
                    key.digest,
                    key.role.value,
                    key.name,
                    iso(key.created_at),
                    iso(key.revoked_at) if key.revoked_at else None,
                ),
            )

    def api_key(self, digest: str) -> ApiKey | None:
        rows = self._query(f"SELECT {_KEY_COLUMNS} FROM api_key WHERE digest = ?", (digest,))
        return _api_key(rows[0]) if rows else None

    def api_keys(self) -> list[ApiKey]:
        rows = self._query(f"SELECT {_KEY_COLUMNS} FROM api_key ORDER BY created_at, id")
        return [_api_key(row) for row in rows]

    def revoke_api_key(self, key_id: str, at: datetime) -> bool:
        with self._transaction() as con:
            cursor = con.execute(
                "UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                (iso(at), key_id),
            )
            return cursor.rowcount == 1
