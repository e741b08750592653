"""Communities of the interaction graph: Leiden, ids that survive recomputation, and what
each community is about.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

import networkx as nx

from graph.model.nodes import Community
from graph.ranking.indexed import IndexedGraph
from graph.ranking.interactions import undirected_graph
from graph.ranking.leiden import leiden

# A new community takes over an old id when at least this share of the two memberships
# (Jaccard) is the same.
KEEP_ID_OVERLAP = 0.5


def undirected_weights(graph: nx.Graph[str]) -> nx.Graph[str]:
    """The undirected graph with the weights of both directions added.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_weighted_edges_from([("a", "b", 1.0), ("b", "a", 0.5)])
    >>> undirected_weights(G)["a"]["b"]["weight"]
    1.5
    """
    pairs = {(a, b): [w, 1] for a, b, w in graph.edges(data="weight", default=1.0)}
    undirected = undirected_graph(pairs)
    undirected.add_nodes_from(graph)  # people whose only ties are to themselves
    return undirected


def detect_communities(
    graph: IndexedGraph,
    *,
    resolution: float = 1.0,
    seed: int | None = 0,
) -> list[set[str]]:
    """Leiden communities (Traag, Waltman & van Eck, 2019) of the undirected, weighted
    interaction graph, largest first; people without interactions are left out.

    Leiden improves on Louvain by refining communities before aggregating them, so none
    comes out internally disconnected. The implementation is `graph.ranking.leiden` (numba),
    which repeats Leiden's passes until they stop raising modularity: on LFR graphs it finds
    communities at least as close to the planted ones as igraph's Leiden, in about its time
    (``python -m bench.communities``). The same graph and ``seed`` give the same communities.

    Examples
    --------
    >>> G = IndexedGraph.of(nx.DiGraph(nx.karate_club_graph()))
    >>> parts = detect_communities(G, seed=1)
    >>> sum(map(len, parts)) == G.number_of_nodes()
    True
    >>> parts == detect_communities(G, seed=1)
    True
    """
    ties = graph.undirected
    labels = leiden(
        len(graph.people), ties.low, ties.high, ties.weights, resolution=resolution, seed=seed
    )
    parts: dict[int, set[str]] = {}
    for person, label in zip(graph.people, labels.tolist(), strict=True):
        if label >= 0:
            parts.setdefault(label, set()).add(person)
    return sorted(parts.values(), key=lambda part: (-len(part), min(part)))


def merge_to(graph: nx.DiGraph[str], communities: Sequence[set[str]], count: int) -> list[set[str]]:
    """Merge communities, the pair that raises modularity most first, until ``count`` remain.

    Leiden stops at the partition of best modularity; a coarser view ("the two camps")
    merges its communities the way agglomerative modularity clustering would (Clauset,
    Newman & Moore, 2004).

    Examples
    --------
    >>> G = nx.DiGraph(nx.karate_club_graph())
    >>> halves = merge_to(G, detect_communities(IndexedGraph.of(G), seed=1), 2)
    >>> len(halves), sum(map(len, halves))
    (2, 34)
    """
    undirected = undirected_weights(graph)
    total = undirected.size(weight="weight")
    parts = [set(part) for part in communities]
    if total == 0:
        return parts[:count] + ([set().union(*parts[count:])] if len(parts) > count else [])
    owner = {person: index for index, part in enumerate(parts) for person in part}
    between: defaultdict[tuple[int, int], float] = defaultdict(float)
    degree: defaultdict[int, float] = defaultdict(float)
    for a, b, weight in undirected.edges(data="weight", default=1.0):
        i, j = owner[a], owner[b]
        degree[i] += weight
        degree[j] += weight
        if i != j:
            between[min(i, j), max(i, j)] += weight
    alive = set(range(len(parts)))
    while len(alive) > count:
        pairs = [(i, j) for i in alive for j in alive if i < j]
        # Modularity gain of merging i and j: e_ij - 2 a_i a_j (edge shares of the total).
        i, j = max(
            pairs,
            key=lambda p: between[p] / total - 2 * degree[p[0]] * degree[p[1]] / (2 * total) ** 2,
        )
        parts[i] |= parts[j]
        degree[i] += degree[j]
        alive.discard(j)
        for other in alive - {i}:
            moved = between.pop((min(j, other), max(j, other)), 0.0)
            if moved:
                between[min(i, other), max(i, other)] += moved
        between.pop((i, j), None)
    return sorted((parts[i] for i in alive), key=lambda part: (-len(part), min(part)))


def _fresh_id(members: Iterable[str]) -> str:
    digest = hashlib.sha1("\n".join(sorted(members)).encode(), usedforsecurity=False)
    return "c-" + digest.hexdigest()[:12]


def stable_ids(communities: Sequence[set[str]], previous: Mapping[str, str]) -> dict[str, set[str]]:
    """Name communities, keeping the id of the previous community each one mostly continues.

    ``previous`` is the last membership (person -> community id). Larger communities choose
    first; a community that continues none gets an id derived from its members.

    Examples
    --------
    >>> old = {"a": "c-old", "b": "c-old", "c": "c-old", "x": "c-gone"}
    >>> named = stable_ids([{"a", "b", "c", "d"}, {"y", "z"}], old)
    >>> sorted(named["c-old"]), "c-gone" in named
    (['a', 'b', 'c', 'd'], False)
    """
    sizes = Counter(previous.values())
    named: dict[str, set[str]] = {}
    for members in sorted(communities, key=lambda part: (-len(part), min(part))):
        # Counted in C: members new to the ranking (no previous id) are filtered out.
        overlaps = Counter(filter(None, map(previous.get, members)))
        chosen = None
        for old_id, shared in overlaps.most_common():
            union = len(members) + sizes[old_id] - shared
            if old_id not in named and shared / union >= KEEP_ID_OVERLAP:
                chosen = old_id
                break
        named[chosen or _fresh_id(members)] = members
    return named


def describe(
    community_id: str,
    members: set[str],
    influence: Mapping[str, float],
    topics: Mapping[str, Mapping[str, int]],
    channels: Mapping[str, Mapping[str, int]],
    sentiment: Mapping[str, float],
    top: int = 5,
) -> Community:
    """Profile one community from per-person activity.

    ``topics`` and ``channels`` count each person's posts per topic and channel;
    ``sentiment`` is each person's average post sentiment (people without scored posts
    are absent).

    Examples
    --------
    >>> profile = describe("c-1", {"a", "b"}, {"a": 2.0, "b": 1.0},
    ...     {"a": Counter(caffe=3), "b": Counter(caffe=1, latte=2)}, {}, {"a": 0.5})
    >>> profile.top_voices, profile.top_topics, profile.average_sentiment
    (('a', 'b'), ('caffe', 'latte'), 0.5)
    """
    topic_counts: Counter[str] = Counter()
    channel_counts: Counter[str] = Counter()
    for person in members:
        topic_counts.update(topics.get(person, {}))
        channel_counts.update(channels.get(person, {}))
    voices = heapq.nsmallest(top, members, key=lambda p: (-influence.get(p, 0.0), p))
    scored = [sentiment[p] for p in members if p in sentiment]
    return Community(
        community_id,
        len(members),
        top_voices=tuple(voices),
        top_topics=_most_common(topic_counts, top),
        main_channels=_most_common(channel_counts, top),
        # fsum: the same last bit whatever order the set of members iterates in.
        average_sentiment=math.fsum(scored) / len(scored) if scored else None,
    )


def _most_common(counts: Counter[str], top: int) -> tuple[str, ...]:
    """The ``top`` keys by count, ties by key (`Counter.most_common` keeps insertion order)."""
    return tuple(key for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top])
