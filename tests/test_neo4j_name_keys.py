"""People are searched by name through an index on Neo4j, on stores written before it too."""

from __future__ import annotations

import pytest

from graph.neo4j import Neo4jGraphStore
from tests.helpers.factories import account, person_of, post

pytestmark = pytest.mark.neo4j


def test_a_store_written_before_name_keys_finds_people_by_name_after_its_next_start(
    neo4j_store: Neo4jGraphStore,
) -> None:
    neo4j_store.upsert_posts([post("1", account("ada", display_name="Ada Lovelace"))])
    ada = person_of(neo4j_store, "ada")
    assert neo4j_store.search_people("lovelace", 10) == [ada]
    with neo4j_store._driver.session(database=neo4j_store.database) as session:
        session.run("MATCH (n) REMOVE n.name_key").consume()  # as an older Osmosi wrote it
    assert neo4j_store.search_people("lovelace", 10) == [], "the search reads the key alone"
    neo4j_store.ensure_schema()
    assert neo4j_store.search_people("LOVELACE", 10) == [ada]
