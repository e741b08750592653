"""The ties among the most influential people, that the ranking stores for the influencer
map."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import networkx as nx

from graph.people import MapTie

MAP_PEOPLE = 500
"""How many of the most influential people the stored map ties cover."""


def ties_among(graph: nx.DiGraph[str], people: Collection[str]) -> list[MapTie]:
    """Both directions of each edge between two of ``people`` summed into one tie
    (``source < target``), strongest first (ties by ids).

    >>> G = nx.DiGraph()
    >>> G.add_edge("b", "a", weight=1.0, count=2)
    >>> G.add_edge("a", "b", weight=0.5, count=1)
    >>> G.add_edge("a", "c", weight=9.0, count=9)
    >>> ties_among(G, {"a", "b"})
    [MapTie(source='a', target='b', weight=1.5, interactions=3)]
    """
    chosen = set(people)
    summed: dict[tuple[str, str], list[float]] = {}
    for person in chosen:
        if person not in graph:
            continue
        for other, data in graph[person].items():
            if other in chosen and other != person:
                pair = (person, other) if person < other else (other, person)
                entry = summed.setdefault(pair, [0.0, 0])
                entry[0] += data["weight"]
                entry[1] += data["count"]
    ties = [MapTie(a, b, weight, int(count)) for (a, b), (weight, count) in summed.items()]
    return sorted(ties, key=lambda tie: (-tie.weight, tie.source, tie.target))


def top_people(scores: Mapping[str, float], size: int = MAP_PEOPLE) -> list[str]:
    """The ``size`` highest scores, highest first (ties by id)."""
    return sorted(scores, key=lambda person: (-scores[person], person))[:size]
