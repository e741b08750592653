"""The ranking's kernels against igraph's on the same graphs, at 100k, 1M and 10M interactions.

For each size, a generated world (``ingestion/synthetic.py``, as ``bench.rank`` makes it: a
person per 5 interactions, 50 planted communities of 3 hubs each) is projected as ``osmosi
rank`` projects it. Then on that graph, in the same process, each kernel of the ranking runs
beside igraph's (its graph built beforehand, not timed):

- PageRank: Osmosi's compiled power iteration against igraph's PRPACK, which solves the
  system exactly: the top 100 in common and the L1 distance (scores summing to 1);
- core numbers against igraph's ``coreness``: the people whose numbers differ;
- communities: Osmosi's Leiden against igraph's (modularity, igraph's defaults), each
  partition's modularity and its NMI against the planted communities.

Seconds are medians of ``--repeat`` runs, the two libraries alternating. The last table is
the curve: each kernel's seconds per million ties at each size, for both libraries, and its
growth from one size to the next against the graph's. Needs the bench extra (igraph,
scikit-learn).

    python -m bench.kernels [--sizes 100000,1000000,10000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import igraph as ig
import numpy as np

from bench.rank import nmi
from graph.ranking.communities import detect_communities
from graph.ranking.indexed import IndexedGraph
from graph.ranking.influence import core_numbers, pagerank
from graph.ranking.interactions import interaction_graph
from ingestion.synthetic import NOW, generate_world

KERNELS = ("PageRank", "core numbers", "Leiden")


@dataclass(frozen=True, slots=True)
class Row:
    kernel: str
    osmosi: float
    igraph: float
    agreement: str


def alternately(
    osmosi: Callable[[], Any], other: Callable[[], Any], repeat: int
) -> tuple[float, float, Any, Any]:
    """Median seconds of each, run in turn (so that both meet the same load), and the last
    result of each."""
    times: tuple[list[float], list[float]] = ([], [])
    found: list[Any] = [None, None]
    for _ in range(repeat):
        for side, run in enumerate((osmosi, other)):
            started = time.perf_counter()
            found[side] = run()
            times[side].append(time.perf_counter() - started)
    return float(np.median(times[0])), float(np.median(times[1])), found[0], found[1]


def measure(indexed: IndexedGraph, planted: dict[str, int], repeat: int) -> list[Row]:
    n = indexed.number_of_nodes()
    directed = ig.Graph(
        n=n,
        edges=list(zip(indexed.sources.tolist(), indexed.targets.tolist(), strict=True)),
        directed=True,
    )
    weights = indexed.weights.tolist()
    ties = indexed.undirected
    undirected = ig.Graph(n=n, edges=list(zip(ties.low.tolist(), ties.high.tolist(), strict=True)))
    tie_weights = ties.weights.tolist()
    rows = []

    ours, theirs, scores, exact = alternately(
        lambda: pagerank(indexed),
        lambda: directed.pagerank(weights=weights, implementation="prpack"),
        repeat,
    )
    x = np.array([scores[person] for person in indexed.people]) / n
    y = np.array(exact) / sum(exact)
    top = len(set(np.argsort(-x)[:100].tolist()) & set(np.argsort(-y)[:100].tolist()))
    agreement = f"top-100 {top}/100, L1 {np.abs(x - y).sum():.1e}"
    rows.append(Row("PageRank", ours, theirs, agreement))

    ours, theirs, cores, coreness = alternately(
        lambda: core_numbers(indexed), lambda: undirected.coreness(), repeat
    )
    differ = sum(cores[person] != k for person, k in zip(indexed.people, coreness, strict=True))
    rows.append(Row("core numbers", ours, theirs, f"{differ} people differ"))

    def igraph_leiden() -> list[int]:
        found = undirected.community_leiden(objective_function="modularity", weights=tie_weights)
        return list(found.membership)

    ours, theirs, parts, membership = alternately(
        lambda: detect_communities(indexed, seed=0), igraph_leiden, repeat
    )
    labels = [0] * n
    for label, part in enumerate(parts):
        for person in part:
            labels[indexed.index[person]] = label
    quality = [undirected.modularity(found, weights=tie_weights) for found in (labels, membership)]
    named = [
        {p: str(found[i]) for i, p in enumerate(indexed.people)} for found in (labels, membership)
    ]
    agreement = (
        f"modularity {quality[0]:.4f} vs {quality[1]:.4f}, "
        f"NMI {nmi(planted, named[0]):.4f} vs {nmi(planted, named[1]):.4f}"
    )
    rows.append(Row("Leiden", ours, theirs, agreement))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000,10000000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    # The compiled kernels' first call loads (the first time ever, compiles) their code.
    warm = IndexedGraph.from_edges(
        ["a", "b"], np.array([0]), np.array([1]), np.ones(1), np.ones(1, np.intp)
    )
    pagerank(warm), core_numbers(warm), detect_communities(warm)

    curve: dict[int, tuple[int, list[Row]]] = {}
    for size in map(int, args.sizes.split(",")):
        world = generate_world(
            people=size // 5,
            communities=50,
            hubs_per_community=3,
            interactions=size,
            seed=args.seed,
        )
        indexed = interaction_graph(world.interactions, NOW)
        planted = world.membership
        del world
        gc.collect()
        ties = indexed.number_of_edges()
        print(f"\n{size:,} interactions: {indexed.number_of_nodes():,} people, {ties:,} ties")
        print(f"  {'':14} {'Osmosi s':>9} {'igraph s':>9} {'ratio':>6}  agreement")
        rows = measure(indexed, planted, args.repeat)
        for row in rows:
            print(
                f"  {row.kernel:14} {row.osmosi:9.2f} {row.igraph:9.2f} "
                f"{row.osmosi / row.igraph:5.2f}x  {row.agreement}",
                flush=True,
            )
        curve[size] = (ties, rows)
        del indexed

    print("\nSeconds per million ties (growth from the size before; the graph's in the header)")
    sizes = sorted(curve)
    header = "".join(f"{size:>22,}" for size in sizes)
    print(f"  {'':22}{header}")
    for index, kernel in enumerate(KERNELS):
        for side in ("osmosi", "igraph"):
            cells = []
            for position, size in enumerate(sizes):
                ties, rows = curve[size]
                seconds = getattr(rows[index], side)
                cell = f"{seconds / ties * 1e6:.2f}"
                if position:
                    before = getattr(curve[sizes[position - 1]][1][index], side)
                    cell += f" ({seconds / before:.1f}x)"
                cells.append(f"{cell:>22}")
            print(f"  {kernel + ', ' + side:22}{''.join(cells)}")
    growth = [f"{curve[b][0] / curve[a][0]:.1f}x" for a, b in itertools.pairwise(sizes)]
    print(f"  {'ties grow':22}{'':>22}" + "".join(f"{g:>22}" for g in growth))


if __name__ == "__main__":
    main()
