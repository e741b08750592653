"""Neo4j's schema is set up once per version of it, and people are searched by name through
an index and by handle through their accounts' copy of their id, on stores written before
either existed too."""

from __future__ import annotations

from typing import Any

import pytest

from graph.neo4j import Neo4jGraphStore, schema
from tests.helpers.factories import account, person_of, post

pytestmark = pytest.mark.neo4j


def _run(store: Neo4jGraphStore, statement: str) -> list[Any]:
    """``statement`` run on the store's database as it is, behind the store's back."""
    with store._driver.session(database=store.database) as session:
        return list(session.run(statement))


def _statements_of_a_start(store: Neo4jGraphStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The statements one `ensure_schema` writes with."""
    written: list[str] = []
    write, auto_commit = store._write_statement, store._auto_commit

    def counted_write(statement: str, **params: object) -> object:
        written.append(statement)
        return write(statement, **params)

    def counted_auto_commit(statement: str) -> None:
        written.append(statement)
        auto_commit(statement)

    with monkeypatch.context() as patched:
        patched.setattr(store, "_write_statement", counted_write)
        patched.setattr(store, "_auto_commit", counted_auto_commit)
        store.ensure_schema()
    return written


def test_a_store_written_by_an_older_osmosi_finds_people_after_its_next_start(
    neo4j_store: Neo4jGraphStore,
) -> None:
    neo4j_store.upsert_posts([post("1", account("adalove", display_name="Ada Lovelace"))])
    ada = person_of(neo4j_store, "adalove")
    assert neo4j_store.search_people("lovelace", 10) == [ada]
    assert neo4j_store.search_people("dalo", 10) == [ada]  # in the handle alone
    # As an older Osmosi wrote it: no name keys, no person ids on accounts, and no version
    # of the schema recorded.
    _run(neo4j_store, "MATCH (n) REMOVE n.name_key")
    _run(neo4j_store, "MATCH (a:Account) REMOVE a.person_id")
    _run(neo4j_store, "MATCH (v:SchemaVersion) DELETE v")
    assert neo4j_store.search_people("lovelace", 10) == [], "the search reads the key alone"
    assert neo4j_store.search_people("dalo", 10) == [], "and the account's copy of the id"
    neo4j_store.ensure_schema()
    assert neo4j_store.search_people("LOVELACE", 10) == [ada]
    assert neo4j_store.search_people("dalo", 10) == [ada]


def test_a_start_on_a_database_set_up_by_this_version_writes_nothing(
    neo4j_store: Neo4jGraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    neo4j_store.ensure_schema()
    assert _statements_of_a_start(neo4j_store, monkeypatch) == []


def test_another_version_of_the_schema_is_set_up_again_at_the_next_start(
    neo4j_store: Neo4jGraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    neo4j_store.ensure_schema()
    _run(neo4j_store, "DROP INDEX post_created_at")  # what another version may lack
    _run(neo4j_store, "MATCH (v:SchemaVersion) SET v.digest = 'older'")
    written = _statements_of_a_start(neo4j_store, monkeypatch)
    assert set(schema.SCHEMA) <= set(written)
    assert set(schema.FILLS) <= set(written)
    [indexes] = _run(neo4j_store, "SHOW INDEXES YIELD name RETURN collect(name) AS names")
    assert "post_created_at" in indexes["names"]
    assert _statements_of_a_start(neo4j_store, monkeypatch) == []
