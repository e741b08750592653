"""The interaction graph as integer-indexed edge arrays, the form the rankings run on.

The rankings' heavy steps (PageRank, cores, Leiden) run in numba code over these arrays,
and the rest walk numpy arrays: a million edges as arrays are
summed, sorted and filtered in a fraction of a second, where a networkx graph of them takes
seconds to build and to walk. A ranking builds the graph once and every step shares it.

Seeded algorithms (Leiden, sampled betweenness, the shortlist's cascades) give their result
for a seed *and an order* of people and edges. An interaction graph
(`graph.ranking.interactions.interaction_graph`) numbers people by sorted id and every graph
keeps its edges sorted, so that the order a store reads rows in changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt

from graph.ranking.compiled import compiled

Indices = npt.NDArray[np.intp]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Undirected:
    """Edge ``e`` joins ``low[e] < high[e]`` with ``weights[e]``; sorted by ``low`` then
    ``high``. Arrays, not tuples: ten million ties as Python tuples take 1.5 GB."""

    low: Indices
    high: Indices
    weights: Floats

    def edges(self) -> list[tuple[int, int, float]]:
        """The edges as ``(i, j, weight)`` tuples, for libraries that take them."""
        return list(zip(self.low.tolist(), self.high.tolist(), self.weights.tolist(), strict=True))


@dataclass(frozen=True, slots=True)
class IndexedGraph:
    """``people[i]`` is node ``i``; directed edge ``e`` runs from ``sources[e]`` to
    ``targets[e]``, sorted by source then target, without parallel edges."""

    people: list[Any]
    index: dict[Any, int]
    """The inverse of ``people``."""
    sources: Indices
    targets: Indices
    weights: Floats
    """The decayed weight of each edge's interactions."""
    counts: Indices
    """How many interactions each edge sums."""
    undirected: Undirected
    """One edge per pair of distinct people, the weights of both directions added."""

    @classmethod
    def from_edges(
        cls,
        people: Sequence[Any],
        sources: Indices,
        targets: Indices,
        weights: Floats,
        counts: Indices,
    ) -> IndexedGraph:
        """The graph of edges ``sources[e] -> targets[e]`` (indices into ``people``), which
        must be distinct; they are sorted here.

        Examples
        --------
        >>> import numpy as np
        >>> sources, targets = np.array([1, 0, 1]), np.array([1, 1, 0])
        >>> G = IndexedGraph.from_edges(
        ...     ["a", "b"], sources, targets, np.array([2.0, 1.0, 0.5]), np.array([1, 1, 1]))
        >>> G.sources.tolist(), G.targets.tolist(), G.undirected.edges()
        ([0, 1, 1], [1, 0, 1], [(0, 1, 1.5)])
        """
        n = len(people)
        # Stable: timsort takes one pass over edges that came sorted (an interaction graph's).
        order = np.argsort(sources * n + targets, kind="stable")
        sources, targets, weights = sources[order], targets[order], weights[order]
        return cls(
            list(people),
            {person: i for i, person in enumerate(people)},
            sources,
            targets,
            weights,
            counts[order],
            _undirected(n, sources, targets, weights),
        )

    @classmethod
    def of(cls, graph: nx.DiGraph[Any]) -> IndexedGraph:
        """Number a networkx graph's people in its node order (an edge's ``weight`` and
        ``count`` default to 1).

        Examples
        --------
        >>> G = nx.DiGraph()
        >>> G.add_weighted_edges_from([("a", "b", 1.0), ("b", "a", 0.5), ("b", "b", 2.0)])
        >>> indexed = IndexedGraph.of(G)
        >>> indexed.people, indexed.undirected.edges()
        (['a', 'b'], [(0, 1, 1.5)])
        """
        people = list(graph)
        index = {person: i for i, person in enumerate(people)}
        edges = np.array(
            [
                (index[a], index[b], data.get("weight", 1.0), data.get("count", 1))
                for a, b, data in graph.edges(data=True)
            ],
            dtype=np.float64,
        ).reshape(-1, 4)
        ends, counts = edges[:, :2].astype(np.intp), edges[:, 3].astype(np.intp)
        return cls.from_edges(people, ends[:, 0], ends[:, 1], edges[:, 2], counts)

    def number_of_nodes(self) -> int:
        return len(self.people)

    def number_of_edges(self) -> int:
        return len(self.sources)

    def strength(self) -> Floats:
        """Each person's weighted degree in the undirected graph (self-loops left out)."""
        n = len(self.people)
        ties = self.sources != self.targets
        weights = self.weights[ties]
        total = np.bincount(self.sources[ties], weights, n) + np.bincount(
            self.targets[ties], weights, n
        )
        return total.astype(np.float64, copy=False)  # bincount's stub says int

    def successors(self) -> list[list[int]]:
        """Each person's out-neighbours, in order."""
        ends = np.searchsorted(self.sources, np.arange(len(self.people) + 1)).tolist()
        targets = self.targets.tolist()
        return [targets[ends[i] : ends[i + 1]] for i in range(len(self.people))]

    def to_networkx(self) -> nx.DiGraph[Any]:
        """The graph as a networkx DiGraph with ``weight`` and ``count`` on its edges."""
        graph: nx.DiGraph[Any] = nx.DiGraph()
        graph.add_nodes_from(self.people)
        people = self.people
        graph.add_edges_from(
            (people[a], people[b], {"weight": w, "count": c})
            for a, b, w, c in zip(
                self.sources.tolist(),
                self.targets.tolist(),
                self.weights.tolist(),
                self.counts.tolist(),
                strict=True,
            )
        )
        return graph


def _undirected(n: int, sources: Indices, targets: Indices, weights: Floats) -> Undirected:
    """Both directions of each pair summed (two addends: the same sum in either order)."""
    ties = sources != targets
    low = np.minimum(sources[ties], targets[ties])
    high = np.maximum(sources[ties], targets[ties])
    pairs, position = np.unique(low * n + high, return_inverse=True)
    summed = np.bincount(position, weights[ties], minlength=len(pairs))
    return Undirected(pairs // n, pairs % n, summed.astype(np.float64, copy=False))


@compiled
def adjacency(
    n: int, sources: Indices, targets: Indices, weights: Floats
) -> tuple[Indices, Indices, Floats]:
    """Both directions of every undirected edge, grouped by their first node: node ``i``'s
    neighbours are ``neighbours[indptr[i]:indptr[i + 1]]``, with their weights.

    >>> import numpy as np
    >>> indptr, neighbours, _ = adjacency(3, np.array([0, 0]), np.array([1, 2]), np.ones(2))
    >>> indptr.tolist(), neighbours.tolist()
    ([0, 2, 3, 4], [1, 2, 0, 0])
    """
    indptr = np.zeros(n + 1, np.int64)
    for e in range(len(sources)):
        indptr[sources[e] + 1] += 1
        indptr[targets[e] + 1] += 1
    indptr = np.cumsum(indptr)
    fill = indptr[:-1].copy()
    neighbours = np.empty(2 * len(sources), np.int64)
    out = np.empty(2 * len(sources), np.float64)
    for e in range(len(sources)):
        a, b = sources[e], targets[e]
        neighbours[fill[a]], out[fill[a]] = b, weights[e]
        neighbours[fill[b]], out[fill[b]] = a, weights[e]
        fill[a] += 1
        fill[b] += 1
    return indptr, neighbours, out
