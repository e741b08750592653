"""The Leiden algorithm (Traag, Waltman & van Eck, 2019) for modularity, compiled with numba.

One pass is the paper's loop: fast local moving with a queue, refinement of each community
into well-connected parts, aggregation of the refined parts (the unrefined communities are
the aggregate's starting partition), until local moving leaves every aggregate node alone.
Passes repeat, each from the last one's partition, until one changes nothing or raises
modularity by less than `MIN_GAIN`. One pass is not enough: graspologic-native's default,
one pass, found communities of LFR graphs (10,000 nodes, mixing 0.3) with an NMI 0.02 below
igraph's two; ``python -m bench.communities`` compares the two on the LFR grid.

The gains are in edge-weight units, as in igraph and leidenalg, so ``randomness`` means what
their ``beta`` means. The only random draws come from ``seed``: same graph, same seed, same
communities."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from graph.ranking.compiled import compiled
from graph.ranking.indexed import adjacency

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

# Passes stop once one raises modularity by less than this: on mixed graphs (LFR at mixing
# 0.5) they go on gaining ten-thousandths for dozens of passes, ten times the time for an
# NMI 0.003 higher.
MIN_GAIN = 1e-3
# A partition changes only when modularity rises, so passes end; the cap guards against
# rounding making two partitions each look better than the other.
MAX_PASSES = 50


def leiden(
    n: int,
    sources: npt.ArrayLike,
    targets: npt.ArrayLike,
    weights: npt.ArrayLike,
    *,
    resolution: float = 1.0,
    randomness: float = 0.01,
    seed: int | None = 0,
) -> IntArray:
    """Leiden communities of maximum modularity: ``labels[i]`` is node ``i``'s community.

    Edge ``e`` joins ``sources[e]`` and ``targets[e]`` (``0 <= i, j < n``) with
    ``weights[e]``; each pair of distinct nodes at most once, weights positive. Communities
    are numbered in the order of their first node; a node without edges is in none (-1).

    Examples
    --------
    >>> two_triangles = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]
    >>> sources, targets = zip(*two_triangles)
    >>> leiden(7, sources, targets, [1.0] * 6 + [0.5], seed=1).tolist()
    [0, 0, 0, 1, 1, 1, -1]
    """
    if len(ends := np.asarray(sources, np.int64)) == 0:
        return np.full(n, -1, np.int64)
    indptr, indices, both = adjacency(
        n, ends, np.asarray(targets, np.int64), np.asarray(weights, np.float64)
    )
    strength = np.bincount(indices, both, minlength=n).astype(np.float64)
    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1)[0])
    scale = resolution / strength.sum()
    labels = _leiden(indptr, indices, both, strength, scale, randomness, seed % 2**32, MIN_GAIN)
    linked = np.diff(indptr) > 0
    labels[~linked] = -1
    labels[linked] = np.unique(labels[linked], return_inverse=True)[1]  # no gaps
    return labels


@compiled
def _leiden(
    indptr: IntArray,
    indices: IntArray,
    weights: FloatArray,
    strength: FloatArray,
    scale: float,
    randomness: float,
    seed: int,
    min_gain: float,
) -> IntArray:
    """Passes from single nodes until one changes nothing or gains less than ``min_gain``."""
    np.random.seed(seed)  # numba's own generator, apart from numpy's
    labels, _ = _first_seen_order(np.arange(len(strength)))
    quality = _modularity(indptr, indices, weights, strength, labels, scale)
    for _ in range(MAX_PASSES):
        found, _ = _first_seen_order(
            _one_pass(indptr, indices, weights, strength, labels, scale, randomness)
        )
        if np.array_equal(found, labels):
            break
        labels = found
        gained = _modularity(indptr, indices, weights, strength, labels, scale) - quality
        quality += gained
        if gained < min_gain:
            break
    return labels


@compiled
def _modularity(
    indptr: IntArray,
    indices: IntArray,
    weights: FloatArray,
    strength: FloatArray,
    labels: IntArray,
    scale: float,
) -> float:
    """Modularity at resolution ``scale`` times the total strength."""
    inside = 0.0
    for v in range(len(strength)):
        for e in range(indptr[v], indptr[v + 1]):
            if labels[indices[e]] == labels[v]:
                inside += weights[e]
    total = np.zeros(len(strength))
    for v in range(len(strength)):
        total[labels[v]] += strength[v]
    return (inside - scale * np.sum(total * total)) / np.sum(strength)


@compiled
def _one_pass(
    indptr: IntArray,
    indices: IntArray,
    weights: FloatArray,
    strength: FloatArray,
    start: IntArray,
    scale: float,
    randomness: float,
) -> IntArray:
    """Local moving, refinement and aggregation until every community is one node."""
    aggregate_of = np.arange(len(strength))  # original node -> aggregate node
    membership = start.copy()  # aggregate node -> community
    while True:
        _move_nodes(indptr, indices, weights, strength, membership, scale)
        membership, count = _first_seen_order(membership)
        nodes = len(strength)
        if count == nodes:
            return membership[aggregate_of]
        refined, parts = _first_seen_order(
            _refine(indptr, indices, weights, strength, membership, scale, randomness)
        )
        if parts == nodes:  # refinement merged nothing: aggregate the communities
            refined, parts = membership, count
        parent = np.empty(parts, np.int64)
        parent[refined] = membership
        aggregate_of = refined[aggregate_of]
        indptr, indices, weights, strength = _aggregate(
            indptr, indices, weights, strength, refined, parts
        )
        membership = parent


@compiled
def _move_nodes(
    indptr: IntArray,
    indices: IntArray,
    weights: FloatArray,
    strength: FloatArray,
    membership: IntArray,
    scale: float,
) -> None:
    """Fast local moving: visit queued nodes, move each to its best community, and queue the
    neighbours it left behind, until the queue is empty."""
    n = len(strength)
    total = np.zeros(n)  # strength of each community
    size = np.zeros(n, np.int64)
    for v in range(n):
        total[membership[v]] += strength[v]
        size[membership[v]] += 1
    empty = np.empty(n, np.int64)
    empties = 0
    for c in range(n):
        if size[c] == 0:
            empty[empties] = c
            empties += 1
    queue = np.random.permutation(n)
    queued = np.ones(n, np.bool_)
    head, waiting = 0, n
    tie = np.zeros(n)  # weight from the node at hand to each community
    touched = np.empty(n, np.int64)
    while waiting:
        v = queue[head]
        head = (head + 1) % n
        waiting -= 1
        queued[v] = False
        current = membership[v]
        total[current] -= strength[v]
        size[current] -= 1
        if size[current] == 0:
            # Exactly nothing: the subtractions leave rounding behind, and a residue would
            # make staying alone look like a loss and send v to a free label when none is
            # left (it read past the list of free labels and wrote at a random address).
            total[current] = 0.0
        reached = 0
        for e in range(indptr[v], indptr[v + 1]):
            c = membership[indices[e]]
            if tie[c] == 0.0:
                touched[reached] = c
                reached += 1
            tie[c] += weights[e]
        best = current
        best_gain = tie[current] - scale * strength[v] * total[current]
        for t in range(reached):
            c = touched[t]
            gain = tie[c] - scale * strength[v] * total[c]
            if gain > best_gain:
                best, best_gain = c, gain
            tie[c] = 0.0
        if best_gain < 0.0:  # better alone: an empty community gains nothing, loses nothing
            empties -= 1
            best = empty[empties]
        membership[v] = best
        total[best] += strength[v]
        size[best] += 1
        if size[current] == 0 and best != current:
            empty[empties] = current
            empties += 1
        if best != current:
            for e in range(indptr[v], indptr[v + 1]):
                u = indices[e]
                if not queued[u] and membership[u] != best:
                    queue[(head + waiting) % n] = u
                    waiting += 1
                    queued[u] = True


@compiled
def _refine(
    indptr: IntArray,
    indices: IntArray,
    weights: FloatArray,
    strength: FloatArray,
    membership: IntArray,
    scale: float,
    randomness: float,
) -> IntArray:
    """Split each community into well-connected parts: starting from single nodes, merge a
    node still alone into a part of its community, at random among those that do not lower
    modularity, likelier the more they raise it."""
    n = len(strength)
    community = np.zeros(n)
    for v in range(n):
        community[membership[v]] += strength[v]
    part = np.arange(n)
    part_strength = strength.copy()
    outside = np.zeros(n)  # weight from each part to the rest of its community
    for v in range(n):
        for e in range(indptr[v], indptr[v + 1]):
            if membership[indices[e]] == membership[v]:
                outside[v] += weights[e]
    joined = np.zeros(n, np.bool_)  # a part that is no longer a single node
    tie = np.zeros(n)
    seen = np.zeros(n, np.bool_)
    touched = np.empty(n, np.int64)
    cumulative = np.empty(n)
    for v in np.random.permutation(n):
        whole = community[membership[v]]
        if joined[v] or outside[v] < scale * strength[v] * (whole - strength[v]):
            continue
        reached = 0
        for e in range(indptr[v], indptr[v + 1]):
            u = indices[e]
            if membership[u] == membership[v] and u != v:
                p = part[u]
                if not seen[p]:
                    seen[p] = True
                    touched[reached] = p
                    reached += 1
                tie[p] += weights[e]
        # The candidates: staying alone (gain 0), or a well-connected part it would not
        # lower modularity by joining; drawn with odds exp(gain / randomness).
        best_gain = 0.0
        for t in range(reached):
            p = touched[t]
            gain = tie[p] - scale * strength[v] * part_strength[p]
            if gain >= 0.0 and outside[p] >= scale * part_strength[p] * (whole - part_strength[p]):
                best_gain = max(best_gain, gain)
                cumulative[t] = gain
            else:
                cumulative[t] = -1.0
        alone = np.exp(-best_gain / randomness)
        running = alone
        for t in range(reached):
            # Odds below exp(-50) of the best's are nil next to it: exp is slow, skip it.
            if cumulative[t] >= 0.0 and cumulative[t] - best_gain > -50.0 * randomness:
                running += np.exp((cumulative[t] - best_gain) / randomness)
            cumulative[t] = running
        draw = np.random.random() * running
        chosen = v
        if draw >= alone:
            for t in range(reached):
                if draw < cumulative[t]:
                    chosen = touched[t]
                    break
        if chosen != v:
            part[v] = chosen
            part_strength[chosen] += strength[v]
            part_strength[v] = 0.0
            outside[chosen] += outside[v] - 2.0 * tie[chosen]
            joined[chosen] = True
        for t in range(reached):
            p = touched[t]
            tie[p] = 0.0
            seen[p] = False
    return part


@compiled
def _aggregate(
    indptr: IntArray,
    indices: IntArray,
    weights: FloatArray,
    strength: FloatArray,
    part: IntArray,
    parts: int,
) -> tuple[IntArray, IntArray, FloatArray, FloatArray]:
    """The graph of the parts: one node each, edges summed, ties inside a part dropped (a
    part's strength keeps them)."""
    n = len(strength)
    first = np.zeros(
        parts + 1, np.int64
    )  # the members of part a are members[first[a]:first[a + 1]]
    new_strength = np.zeros(parts)
    for v in range(n):
        first[part[v] + 1] += 1
        new_strength[part[v]] += strength[v]
    first = np.cumsum(first)
    fill = first[:-1].copy()
    members = np.empty(n, np.int64)
    for v in range(n):
        members[fill[part[v]]] = v
        fill[part[v]] += 1
    new_indptr = np.zeros(parts + 1, np.int64)
    new_indices = np.empty(len(indices), np.int64)
    new_weights = np.empty(len(indices))
    tie = np.zeros(parts)
    touched = np.empty(parts, np.int64)
    edges = 0
    for a in range(parts):
        reached = 0
        for v in members[first[a] : first[a + 1]]:
            for e in range(indptr[v], indptr[v + 1]):
                b = part[indices[e]]
                if b != a:
                    if tie[b] == 0.0:
                        touched[reached] = b
                        reached += 1
                    tie[b] += weights[e]
        for t in range(reached):
            b = touched[t]
            new_indices[edges] = b
            new_weights[edges] = tie[b]
            edges += 1
            tie[b] = 0.0
        new_indptr[a + 1] = edges
    return new_indptr, new_indices[:edges].copy(), new_weights[:edges].copy(), new_strength


@compiled
def _first_seen_order(labels: IntArray) -> tuple[IntArray, int]:
    """Labels renumbered 0, 1, ... in the order they first appear, and how many there are."""
    number = np.full(len(labels), -1, np.int64)
    out = np.empty(len(labels), np.int64)
    count = 0
    for i in range(len(labels)):
        if number[labels[i]] < 0:
            number[labels[i]] = count
            count += 1
        out[i] = number[labels[i]]
    return out, count
