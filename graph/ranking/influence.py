"""Who matters in the conversation: influence, topic influence, reach, brokers, cores.

Influence is weighted PageRank on the interaction graph: attention flows from the person who
acts (replies, mentions, shares) to the person acted upon, so people whose posts draw
attention from people who themselves draw attention rank high. Every score comes with the
factors that explain it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from graph.model.factors import FactorTable
from graph.ranking.compiled import compiled
from graph.ranking.indexed import Floats, IndexedGraph, Indices, adjacency

# Exact betweenness is O(nm). Beyond BROKER_SAMPLES people it is estimated from that many
# sampled sources (Brandes & Pich, 2007), and beyond BACKBONE people it is measured on the
# backbone: the BACKBONE people with the strongest ties, where brokers between communities
# sit (a broker needs ties into several communities).
BROKER_SAMPLES = 64
BACKBONE = 3000
INFLUENCE_FACTORS = ("pagerank", "attention", "audience", "followers", "core", "broker")
# PageRank stops when its scores (summing to 1) change by less than this in all. A tolerance
# per person (networkx's 1e-6, multiplied by the number of people) leaves a total error of
# 0.1 on 200k people, enough to reorder the top 20; this one costs a few more iterations
# (about 150 at alpha 0.85), well within the cap.
PAGERANK_TOLERANCE = 1e-9
PAGERANK_MAX_ITERATIONS = 1000


@dataclass(frozen=True, slots=True)
class Ranked:
    """A person's score and the factors behind it."""

    score: float
    factors: Mapping[str, float] = field(default_factory=dict)


def pagerank(
    graph: IndexedGraph,
    alpha: float = 0.85,
    personalization: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """Weighted PageRank, scaled so that the average person scores 1.

    networkx's algorithm (dangling people's attention spread like the restarts), as a
    compiled power iteration over the graph's edge arrays: no graph object is built, so ten
    million ties cost their arrays and nothing more. Iterations stop once the scores change
    by less than `PAGERANK_TOLERANCE` in all (L1, on scores summing to 1), whatever the
    graph's size: ``bench/rank.py`` compares the result with igraph's exact PRPACK on the
    same graph.

    Raises
    ------
    ArithmeticError
        If the scores have not settled after `PAGERANK_MAX_ITERATIONS` iterations.

    Examples
    --------
    >>> star = IndexedGraph.of(nx.DiGraph([(leaf, "hub") for leaf in "abcd"]))
    >>> scores = pagerank(star)
    >>> max(scores, key=scores.get)
    'hub'
    >>> round(sum(scores.values()), 6) == star.number_of_nodes()
    True
    """
    return dict(zip(graph.people, _pagerank(graph, alpha, personalization).tolist(), strict=True))


def _pagerank(
    graph: IndexedGraph, alpha: float, personalization: Mapping[str, float] | None = None
) -> Floats:
    """`pagerank` as an array in the graph's order: each step of a ranking keeps its people's
    values in arrays, since a dictionary of two million people costs seconds to fill and to
    read."""
    n = graph.number_of_nodes()
    if n == 0:
        return np.zeros(0)
    restarts = np.full(n, 1.0 / n)
    if personalization is not None:
        restarts[:] = 0.0
        for person, value in personalization.items():
            restarts[graph.index[person]] = value
        restarts /= restarts.sum()
    ranks, iterations = _power_iteration(
        graph.sources,
        graph.targets,
        graph.weights,
        restarts,
        alpha,
        PAGERANK_TOLERANCE,
        PAGERANK_MAX_ITERATIONS,
    )
    if iterations > PAGERANK_MAX_ITERATIONS:
        raise ArithmeticError(f"PageRank did not settle in {PAGERANK_MAX_ITERATIONS} iterations")
    return ranks * n


@compiled
def _power_iteration(
    sources: Indices,
    targets: Indices,
    weights: Floats,
    restarts: Floats,
    alpha: float,
    tolerance: float,
    max_iterations: int,
) -> tuple[Floats, int]:
    """Scores and the iterations they took (``max_iterations + 1``: they did not settle)."""
    n = len(restarts)
    out = np.zeros(n)
    for e in range(len(sources)):
        out[sources[e]] += weights[e]
    share = np.zeros(len(sources))
    for e in range(len(sources)):
        if out[sources[e]] > 0.0:
            share[e] = weights[e] / out[sources[e]]
    ranks = np.full(n, 1.0 / n)
    for iteration in range(1, max_iterations + 1):
        passed = np.zeros(n)
        for e in range(len(sources)):
            passed[targets[e]] += ranks[sources[e]] * share[e]
        dangling = 0.0
        for i in range(n):
            if out[i] == 0.0:
                dangling += ranks[i]
        change = 0.0
        for i in range(n):
            value = alpha * (passed[i] + dangling * restarts[i]) + (1.0 - alpha) * restarts[i]
            change += abs(value - ranks[i])
            passed[i] = value
        ranks = passed
        if change < tolerance:
            return ranks, iteration
    return ranks, max_iterations + 1


def topic_influence(
    graph: IndexedGraph, seeds: Mapping[str, float], alpha: float = 0.85
) -> dict[str, float]:
    """Influence within a topic: PageRank personalised on the people who post about it.

    ``seeds`` maps people to how much they post about the topic; the random surfer restarts
    among them, so influence is measured from inside the topic's conversation. People the
    surfer cannot reach from them score exactly 0 (the iteration would leave them a residue
    of its uniform start).

    Examples
    --------
    >>> G = IndexedGraph.of(nx.DiGraph([("a", "b"), ("c", "d"), ("d", "c")]))
    >>> scores = topic_influence(G, {"a": 1.0})
    >>> scores["b"] > 0, scores["c"], scores["d"]
    (True, 0.0, 0.0)
    """
    present = {
        person: weight for person, weight in seeds.items() if person in graph.index and weight > 0
    }
    if not present:
        return dict.fromkeys(graph.people, 0.0)
    ranks = pagerank(graph, alpha=alpha, personalization=present)
    reached = _reachable(graph, [graph.index[person] for person in present])
    return {person: value if person in reached else 0.0 for person, value in ranks.items()}


def _reachable(graph: IndexedGraph, sources: Iterable[int]) -> set[str]:
    """``sources`` and everyone their out-edges lead to."""
    successors = graph.successors()
    reached = set(sources)
    frontier = list(reached)
    while frontier:
        for other in successors[frontier.pop()]:
            if other not in reached:
                reached.add(other)
                frontier.append(other)
    return {graph.people[i] for i in reached}


def brokers(
    graph: IndexedGraph, samples: int = BROKER_SAMPLES, seed: int | None = None
) -> dict[str, float]:
    """Betweenness on the undirected interaction graph: people on the paths between others
    (often between communities). Estimated from ``samples`` sources on large graphs, and
    measured on the backbone (the `BACKBONE` people of the strongest ties, ties by position)
    beyond it.

    Examples
    --------
    >>> chain = IndexedGraph.of(nx.path_graph(["a", "b", "c", "d", "e"], nx.DiGraph))
    >>> scores = brokers(chain)
    >>> max(scores, key=scores.get)
    'c'
    """
    return dict(zip(graph.people, _brokers(graph, samples, seed).tolist(), strict=True))


def _brokers(graph: IndexedGraph, samples: int, seed: int | None) -> Floats:
    """`brokers` as an array in the graph's order."""
    n = graph.number_of_nodes()
    kept = np.ones(n, bool)
    if n > BACKBONE:
        kept[:] = False
        kept[np.argsort(-graph.strength(), kind="stable")[:BACKBONE]] = True
    ties = kept[graph.sources] & kept[graph.targets] & (graph.sources != graph.targets)
    # A small networkx graph (betweenness is unweighted), its people in the graph's order:
    # the sampled sources depend on it.
    backbone: nx.Graph[int] = nx.Graph()
    backbone.add_nodes_from(np.flatnonzero(kept).tolist())
    backbone.add_edges_from(
        zip(graph.sources[ties].tolist(), graph.targets[ties].tolist(), strict=True)
    )
    k = samples if backbone.number_of_nodes() > samples else None
    scores = nx.betweenness_centrality(backbone, k=k, normalized=True, seed=seed)
    between = np.zeros(n)
    between[list(scores)] = list(scores.values())
    return between


def core_numbers(graph: IndexedGraph) -> dict[str, int]:
    """k-core number of each person on the undirected graph: the dense centre of a community
    has a high core number, its periphery a low one.

    Batagelj & Zaversnik's O(m) algorithm (networkx's), compiled over the graph's arrays.

    Examples
    --------
    >>> G = nx.DiGraph(nx.complete_graph(4))
    >>> G.add_edge(0, "tail")
    >>> cores = core_numbers(IndexedGraph.of(G))
    >>> cores["tail"], cores[1]
    (1, 3)
    """
    return dict(zip(graph.people, _core_numbers(graph).tolist(), strict=True))


def _core_numbers(graph: IndexedGraph) -> Indices:
    """`core_numbers` as an array in the graph's order."""
    ties = graph.undirected
    indptr, neighbours, _ = adjacency(graph.number_of_nodes(), ties.low, ties.high, ties.weights)
    return _cores(indptr, neighbours)


@compiled
def _cores(indptr: Indices, neighbours: Indices) -> Indices:
    n = len(indptr) - 1
    degree = indptr[1:] - indptr[:-1]
    # People in bins of equal degree, the bins in increasing order; peeling a person lowers
    # each neighbour of higher degree by one, moving it to the start of its bin.
    start = np.zeros(degree.max() + 2 if n else 1, np.int64)
    for i in range(n):
        start[degree[i] + 1] += 1
    start = np.cumsum(start)
    order = np.empty(n, np.int64)
    position = np.empty(n, np.int64)
    fill = start.copy()
    for i in range(n):
        position[i] = fill[degree[i]]
        order[position[i]] = i
        fill[degree[i]] += 1
    for k in range(n):
        v = order[k]
        for e in range(indptr[v], indptr[v + 1]):
            u = neighbours[e]
            if degree[u] > degree[v]:
                first = start[degree[u]]
                w = order[first]
                if u != w:
                    order[position[u]], order[first] = w, u
                    position[w], position[u] = position[u], first
                start[degree[u]] += 1
                degree[u] -= 1
    return degree


def influence(
    graph: IndexedGraph,
    followers: Mapping[str, int] | None = None,
    *,
    alpha: float = 0.85,
    broker_samples: int = BROKER_SAMPLES,
    seed: int | None = None,
) -> dict[str, Ranked]:
    """Influence of everyone in the interaction graph, with its factors.

    The score is `pagerank` (1 = average). The factors: ``pagerank``, ``attention`` (the
    decayed weight of interactions received), ``audience`` (distinct people who interacted
    with them), ``followers`` (across their accounts), ``core`` (k-core number) and
    ``broker`` (betweenness).

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_weighted_edges_from([("a", "hub", 1.0), ("b", "hub", 1.0), ("hub", "a", 0.2)])
    >>> ranked = influence(IndexedGraph.of(G), {"hub": 1200}, seed=1)
    >>> ranked["hub"].factors["audience"], ranked["hub"].factors["followers"]
    (2.0, 1200.0)
    """
    followers = followers or {}
    people, n = graph.people, graph.number_of_nodes()
    ranks = _pagerank(graph, alpha)
    columns = {
        "pagerank": ranks,
        "attention": np.bincount(graph.targets, graph.weights, n),
        "audience": np.bincount(graph.targets, minlength=n),
        "followers": np.fromiter((followers.get(person, 0) for person in people), float, n),
        "core": _core_numbers(graph),
        "broker": _brokers(graph, broker_samples, seed),
    }
    # Six significant digits: factors explain a score, and are stored per person.
    table = FactorTable(
        INFLUENCE_FACTORS,
        np.column_stack([six_digits(columns[name]) for name in INFLUENCE_FACTORS]),
    )
    return {
        person: Ranked(rank, table.row(i))
        for i, (person, rank) in enumerate(zip(people, ranks.tolist(), strict=True))
    }


def six_digits(values: Floats) -> Floats:
    """``values`` rounded to six significant digits, as ``float(f"{v:.6g}")`` rounds each.

    Integers below a million (counts, core numbers, a broker score of 0) are their own six
    digits and are kept as they are; only the others are formatted, one by one.

    >>> six_digits(np.array([1234567.0, 0.123456789, 42.0, -0.0])).tolist()
    [1234570.0, 0.123457, 42.0, -0.0]
    """
    rounded = np.array(values, np.float64)
    inexact = np.flatnonzero((rounded != np.round(rounded)) | ~(np.abs(rounded) < 1e6))
    rounded[inexact] = [float(f"{v:.6g}") for v in rounded[inexact].tolist()]
    return rounded
