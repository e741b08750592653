"""Neo4j reads what the rankings need about people a page of people at a time, and so do
their writes to find the scores and memberships a run no longer has: however the people
fall into pages, nobody is lost or counted twice at a page's edge."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from graph.model.nodes import Customer, CustomerLink, Sentiment
from graph.model.rankings import PeopleActivity, ScoreSet
from graph.neo4j import Neo4jGraphStore
from graph.neo4j import base as neo4j_base
from tests.helpers.factories import T0, account, person_of, post

pytestmark = pytest.mark.neo4j


def test_people_activity_is_the_same_in_pages_of_any_size(
    neo4j_store: Neo4jGraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    handles = [f"u{i:02}" for i in range(23)]
    neo4j_store.upsert_posts(
        [
            post(
                f"{i}-{k}",
                account(handle, followers=10 * i + 1),
                topics=(f"#t{i % 3}", f"#t{k}"),
                minutes=i + k,
                mentions=(handles[(i + 1) % len(handles)],),
                sentiment=(Sentiment.POSITIVE, Sentiment.NEGATIVE)[(i + k) % 2],
                sentiment_score=(i - k) / 25,
            )
            for i, handle in enumerate(handles)
            for k in range(i % 4)
        ]
    )
    people = [person_of(neo4j_store, handle) for handle in handles]
    neo4j_store.upsert_customers([Customer(f"C-{i}", "Someone") for i in range(0, 23, 5)])
    neo4j_store.link_customers(
        [CustomerLink(people[i], f"C-{i}", 0.9, ("handle",)) for i in range(0, 23, 5)]
    )
    neo4j_store.write_communities({p: f"c{i % 4}" for i, p in enumerate(people)}, T0)

    def activity(page: int) -> PeopleActivity:
        monkeypatch.setattr(neo4j_base, "_NODES_PER_PAGE", page)
        return neo4j_store.people_activity(T0 + timedelta(days=3), timedelta(days=30))

    whole = activity(1000)
    writers = 23 - 6  # u00, u04, ... u20 wrote nothing (they are mentioned only)
    assert len(whole.opinions) == len(whole.followers) == len(whole.topics) == writers
    assert len(whole.channels) == writers
    assert len(whole.customers) == 5
    assert len(whole.communities) == 23
    # 23 people: pages that end mid-list, on its last person, and of one person each.
    for page in (5, 23, 1):
        assert activity(page) == whole, page


def test_a_rerun_clears_what_it_no_longer_has_in_pages_of_any_size(
    neo4j_store: Neo4jGraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    handles = [f"u{i:02}" for i in range(23)]
    neo4j_store.upsert_posts([post(str(i), handle) for i, handle in enumerate(handles)])
    people = [person_of(neo4j_store, handle) for handle in handles]
    # 23 people: pages that end mid-list, on its last person, and of one person each; each
    # run scores and groups other people than the one before it.
    for run, page in enumerate((5, 23, 1, 1000)):
        monkeypatch.setattr(neo4j_base, "_NODES_PER_PAGE", page)
        influence = {p: float(i) for i, p in enumerate(people) if (i + run) % 3}
        advocacy = {p: -float(i) for i, p in enumerate(people) if (i + run) % 2}
        membership = {p: f"c{(i + run) % 4}" for i, p in enumerate(people) if (i * run) % 5}
        neo4j_store.write_score_sets(
            [
                ScoreSet("influence", influence, {p: {"pagerank": 1.0} for p in influence}),
                ScoreSet("advocacy", advocacy, classes=dict.fromkeys(advocacy, "detractor")),
            ],
            T0,
        )
        neo4j_store.write_communities(membership, T0)
        stored = neo4j_store.get_people(people)
        assert {p: dict(stored[p].scores) for p in people} == {
            p: {
                name: scores[p]
                for name, scores in (("influence", influence), ("advocacy", advocacy))
                if p in scores
            }
            for p in people
        }, page
        assert {p for p in people if stored[p].factors} == set(influence), page
        assert {p for p in people if stored[p].labels} == set(advocacy), page
        assert {p: stored[p].community_id for p in people} == {
            p: membership.get(p) for p in people
        }, page
        sizes = {c.id: c.size for c in neo4j_store.list_communities(10, 0)}
        assert sizes == Counter(membership.values()), page
