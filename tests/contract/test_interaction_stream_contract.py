"""The interaction stream the rankings project: the same interactions as `interactions`,
read page by page, on both stores."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import numpy as np
import pytest

from graph.model.nodes import ShareKind
from graph.ranking.indexed import IndexedGraph
from graph.ranking.interactions import interaction_graph, project
from graph.store.contract import GraphStore
from ingestion.synthetic import NOW, generate_world, world_posts
from tests.helpers.factories import T0, post


def assert_same_graph(found: IndexedGraph, expected: IndexedGraph) -> None:
    assert found.people == expected.people
    for name in ("sources", "targets", "weights", "counts"):
        assert np.array_equal(getattr(found, name), getattr(expected, name)), name
    assert found.undirected.edges() == expected.undirected.edges()


def test_the_stream_projects_as_the_interactions_do(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pages of a few accounts or posts, so that the world takes many of them.
    monkeypatch.setattr("graph.neo4j.base._NODES_PER_PAGE", 7)
    monkeypatch.setattr("graph.embedded.base._WINDOW", 13)
    world = generate_world(people=120, communities=3, interactions=600, seed=5)
    for batch in world_posts(world, seed=5):
        store.upsert_posts(batch)
    # Every kind, a self-mention and times with microseconds.
    store.upsert_posts(
        [
            post("r1", "ada", mentions=("bob", "ada"), minutes=0),
            post("r2", "bob", reply_to="r1", minutes=1),
            post("r3", "cy", shares="r1", share_kind=ShareKind.REPOST, minutes=2),
            post("r4", "dan", "so true", shares="r1", share_kind=ShareKind.QUOTE, minutes=3),
            replace(
                post("r5", "eve", mentions=("ada",)),
                created_at=T0 + timedelta(seconds=7, microseconds=123_457),
            ),
        ]
    )
    everything = project(store.interaction_stream(), NOW)
    assert everything.number_of_nodes() > 120
    assert_same_graph(everything, interaction_graph(store.interactions(), NOW))

    since, until = NOW - timedelta(days=60), NOW - timedelta(days=5)
    window = project(store.interaction_stream(since, until), NOW)
    assert 0 < window.counts.sum() < everything.counts.sum()
    assert_same_graph(window, interaction_graph(store.interactions(since, until), NOW))
