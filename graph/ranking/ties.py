"""The ties among the most influential people, that the ranking stores for the influencer
map."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np

from graph.model.network import MapTie
from graph.ranking.indexed import IndexedGraph

MAP_PEOPLE = 500
"""How many of the most influential people the stored map ties cover."""


def ties_among(graph: IndexedGraph, people: Collection[str]) -> list[MapTie]:
    """Both directions of each edge between two of ``people`` summed into one tie
    (``source < target``), strongest first (ties by ids).

    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_edge("b", "a", weight=1.0, count=2)
    >>> G.add_edge("a", "b", weight=0.5, count=1)
    >>> G.add_edge("a", "c", weight=9.0, count=9)
    >>> ties_among(IndexedGraph.of(G), {"a", "b"})
    [MapTie(source='a', target='b', weight=1.5, interactions=3)]
    """
    chosen = np.zeros(graph.number_of_nodes(), bool)
    chosen[[graph.index[person] for person in people if person in graph.index]] = True
    among = chosen[graph.sources] & chosen[graph.targets] & (graph.sources != graph.targets)
    summed: dict[tuple[str, str], list[float]] = {}
    for i, j, weight, count in zip(
        graph.sources[among].tolist(),
        graph.targets[among].tolist(),
        graph.weights[among].tolist(),
        graph.counts[among].tolist(),
        strict=True,
    ):
        a, b = graph.people[i], graph.people[j]
        entry = summed.setdefault((a, b) if a < b else (b, a), [0.0, 0])
        entry[0] += weight
        entry[1] += count
    ties = [MapTie(a, b, weight, int(count)) for (a, b), (weight, count) in summed.items()]
    return sorted(ties, key=lambda tie: (-tie.weight, tie.source, tie.target))


def top_people(scores: Mapping[str, float], size: int = MAP_PEOPLE) -> list[str]:
    """The ``size`` highest scores, highest first (ties by id).

    Only the people scoring at least the ``size``-th highest score are sorted: sorting
    everyone took seconds at 2M people.

    >>> top_people({"a": 1.0, "b": 3.0, "c": 2.0, "d": 3.0}, 3)
    ['b', 'd', 'c']
    """
    people = list(scores)
    if len(people) > size > 0:
        values = np.fromiter(scores.values(), np.float64, len(people))
        least = np.partition(values, len(people) - size)[len(people) - size]
        people = [people[i] for i in np.flatnonzero(values >= least).tolist()]
    return sorted(people, key=lambda person: (-scores[person], person))[:size]
