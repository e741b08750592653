"""The interaction graph as integer-indexed edge lists, the form the Rust libraries take.

The rankings' heavy steps (PageRank, cores, Leiden) run in rustworkx and graspologic-native,
which number their nodes. Walking a networkx graph of a million edges to number it takes
seconds, so a ranking numbers it once and every step shares the result.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import rustworkx as rx


@dataclass(frozen=True, slots=True)
class IndexedGraph:
    """``people[i]`` is node ``i``; edges are ``(i, j, weight)``."""

    people: list[str]
    index: dict[str, int]
    """The inverse of ``people``."""
    directed: list[tuple[int, int, float]]
    """Every edge of the graph as it is (both directions of an undirected edge, once)."""
    undirected: list[tuple[int, int, float]]
    """One edge per pair of distinct people, the weights of both directions added."""

    @classmethod
    def of(cls, graph: nx.DiGraph[str] | nx.Graph[str]) -> IndexedGraph:
        """Number ``graph``'s people in its node order.

        Examples
        --------
        >>> G = nx.DiGraph()
        >>> G.add_weighted_edges_from([("a", "b", 1.0), ("b", "a", 0.5), ("b", "b", 2.0)])
        >>> indexed = IndexedGraph.of(G)
        >>> indexed.people, indexed.undirected
        (['a', 'b'], [(0, 1, 1.5)])
        """
        people = list(graph)
        index = {person: i for i, person in enumerate(people)}
        directed = []
        summed: dict[tuple[int, int], float] = {}
        undirected_input = not graph.is_directed()
        for a, neighbours in graph.adjacency():
            i = index[a]
            for b, data in neighbours.items():
                j = index[b]
                if undirected_input and j < i:
                    continue  # seen from b's side
                weight = float(data.get("weight", 1.0))
                directed.append((i, j, weight))
                if i != j:
                    pair = (i, j) if i < j else (j, i)
                    summed[pair] = summed.get(pair, 0.0) + weight
        return cls(people, index, directed, [(a, b, w) for (a, b), w in summed.items()])

    def strength(self) -> list[float]:
        """Each person's weighted degree in the undirected graph."""
        totals = [0.0] * len(self.people)
        for a, b, weight in self.undirected:
            totals[a] += weight
            totals[b] += weight
        return totals

    # The edge lists hold no parallel edges: adding them unchecked (as a multigraph) saves
    # rustworkx a search of the adjacency per edge, quadratic around the hubs.

    def rx_directed(self) -> rx.PyDiGraph[str, float]:
        graph: rx.PyDiGraph[str, float] = rx.PyDiGraph()
        graph.add_nodes_from(self.people)
        graph.add_edges_from(self.directed)
        return graph

    def rx_undirected(self) -> rx.PyGraph[str, float]:
        graph: rx.PyGraph[str, float] = rx.PyGraph()
        graph.add_nodes_from(self.people)
        graph.add_edges_from(self.undirected)
        return graph
