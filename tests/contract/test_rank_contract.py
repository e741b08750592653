"""One world ranked on both stores: the same conversation, ranked with the same seed, gives
the same rankings whichever store it is read from (each reads its rows in its own order)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from graph.embedded import EmbeddedGraphStore
from graph.neo4j import Neo4jGraphStore
from graph.rankings.service import RankOptions, RankReport, recompute
from graph.store.contract import GraphStore
from ingestion.synthetic import NOW, generate_world, world_posts

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def communities_of(store: GraphStore, people: list[str]) -> set[frozenset[str]]:
    """The stored communities as sets of members (ids aside)."""
    members = defaultdict(set)
    for person_id, person in store.get_people(people).items():
        members[person.community_id].add(person_id)
    return {frozenset(group) for group in members.values()}


def test_one_world_ranks_the_same_on_both_stores(
    embedded_store: EmbeddedGraphStore, neo4j_store: Neo4jGraphStore
) -> None:
    # Mixed communities (40% of interactions cross them), where the order of the rows could
    # tip Leiden, the sampled betweenness and the shortlist's cascades one way or the other.
    world = generate_world(people=1000, communities=8, interactions=6000, mixing=0.4, seed=4)
    reports: list[RankReport] = []
    for store in (embedded_store, neo4j_store):
        for batch in world_posts(world, seed=4):
            store.upsert_posts(batch)
        reports.append(recompute(store, NOW, RankOptions(shortlist_size=5, samples=2000, seed=3)))
    embedded, neo4j = reports
    assert embedded.people == 1000
    assert (neo4j.people, neo4j.ties) == (embedded.people, embedded.ties)

    assert {p: r.score for p, r in neo4j.influence.items()} == pytest.approx(
        {p: r.score for p, r in embedded.influence.items()}, rel=1e-6
    )
    for person, ranked in embedded.influence.items():
        assert neo4j.influence[person].factors == pytest.approx(ranked.factors, rel=1e-6), person
    assert {p: a.klass for p, a in neo4j.advocacy.items()} == {
        p: a.klass for p, a in embedded.advocacy.items()
    }

    people = sorted(embedded.influence)
    assert len(embedded.communities) > 1
    assert communities_of(neo4j_store, people) == communities_of(embedded_store, people)
    assert [(c.id, c.size, c.top_voices) for c in neo4j.communities] == [
        (c.id, c.size, c.top_voices) for c in embedded.communities
    ]

    embedded_ties = sorted(embedded_store.map_ties(people))
    neo4j_ties = sorted(neo4j_store.map_ties(people))
    assert embedded_ties
    assert [(t.source, t.target, t.interactions) for t in neo4j_ties] == [
        (t.source, t.target, t.interactions) for t in embedded_ties
    ]
    assert [t.weight for t in neo4j_ties] == pytest.approx([t.weight for t in embedded_ties])

    mine, theirs = embedded.shortlist, neo4j.shortlist
    assert len(mine.members) == 5
    assert (theirs.members, theirs.baseline) == (mine.members, mine.baseline)
    assert (theirs.expected_reach, theirs.baseline_reach) == pytest.approx(
        (mine.expected_reach, mine.baseline_reach)
    )
