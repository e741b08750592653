"""Neo4j writes a ranking's scores in batches, two transactions at a time: every batch lands
and the counts add up across them."""

from __future__ import annotations

import pytest

from graph.model.rankings import ScoreSet
from graph.neo4j import Neo4jGraphStore
from graph.neo4j import base as neo4j_base
from tests.helpers.factories import T0, person_of, post

pytestmark = pytest.mark.neo4j


def test_scores_written_in_concurrent_batches_all_land(
    neo4j_store: Neo4jGraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(neo4j_base, "_ROWS_PER_WRITE", 2)  # 7 people: 4 batches
    handles = [f"u{i}" for i in range(7)]
    neo4j_store.upsert_posts([post(str(i), handle) for i, handle in enumerate(handles)])
    people = [person_of(neo4j_store, handle) for handle in handles]
    influence = {person: float(i) for i, person in enumerate(people)}
    advocacy = {person: -float(i) for i, person in enumerate(people) if i % 2}
    written = neo4j_store.write_score_sets(
        [
            ScoreSet("influence", influence, {p: {"pagerank": v} for p, v in influence.items()}),
            ScoreSet("advocacy", advocacy, classes=dict.fromkeys(advocacy, "detractor")),
        ],
        T0,
    )
    assert written == {"influence": 7, "advocacy": 3}
    stored = neo4j_store.get_people(people)
    assert {p: dict(stored[p].scores) for p in people} == {
        p: {"influence": influence[p]} | ({"advocacy": advocacy[p]} if p in advocacy else {})
        for p in people
    }
    assert {p for p in people if stored[p].labels == {"advocacy": "detractor"}} == set(advocacy)
    assert all(stored[p].factors == {"influence": {"pagerank": influence[p]}} for p in people)
