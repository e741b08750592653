"""An embedded store written by an older version is brought up to date in place."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from graph.embedded import EmbeddedGraphStore
from graph.embedded.base import DATABASE_FILE
from graph.model.identity import (
    Evidence,
    EvidenceKind,
    IdentityLink,
    LinkKind,
    LinkOrder,
    LinkStatus,
)
from tests.helpers.factories import T0


def _link(link_id: str, confidence: float) -> IdentityLink:
    return IdentityLink(
        id=link_id,
        kind=LinkKind.PERSON_CUSTOMER,
        person_id=f"p-{link_id}",
        target_id=f"c-{link_id}",
        confidence=confidence,
        evidence=(Evidence(EvidenceKind.NAME, "same name", confidence),),
        status=LinkStatus.PROPOSED,
        proposed_at=T0,
    )


def _reopened(path: Path, version: int, *statements: str) -> EmbeddedGraphStore:
    """The store at ``path`` as an older version left it, opened by this one."""
    with sqlite3.connect(path / DATABASE_FILE) as con:
        for statement in statements:
            con.execute(statement)
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
    store = EmbeddedGraphStore(path)
    store.ensure_schema()
    return store


def test_links_decided_before_the_decision_order_list_after_new_decisions(tmp_path: Path) -> None:
    store = EmbeddedGraphStore(tmp_path)
    store.ensure_schema()
    store.save_identity_links([_link("old", 0.9), _link("new", 0.6)])
    old = store.get_identity_links(["old"])["old"]
    store.update_identity_link(
        replace(old, status=LinkStatus.APPLIED, decided_at=T0), LinkStatus.PROPOSED
    )
    store.close()

    store = _reopened(
        tmp_path,
        7,
        "DROP INDEX identity_link_decided",
        "ALTER TABLE identity_link DROP COLUMN decided_at",
    )
    new = store.get_identity_links(["new"])["new"]
    decided = replace(new, status=LinkStatus.APPLIED, decided_at=T0 + timedelta(days=1))
    assert store.update_identity_link(decided, LinkStatus.PROPOSED)
    latest = store.identity_links(None, LinkStatus.APPLIED, 10, order=LinkOrder.LATEST_DECISION)
    assert [link.id for link in latest] == ["new", "old"]
    store.close()


def test_a_store_from_before_identity_links_gets_them_whole(tmp_path: Path) -> None:
    store = EmbeddedGraphStore(tmp_path)
    store.ensure_schema()
    store.close()

    store = _reopened(tmp_path, 5, "DROP TABLE identity_link")
    assert store.save_identity_links([_link("a", 0.7)]) == 1
    assert [link.id for link in store.identity_links(None, None, 10)] == ["a"]
    store.close()
