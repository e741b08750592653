"""Osmosi's communities against igraph's Leiden and networkx's Louvain on the LFR grid.

LFR benchmark graphs (networkx's ``LFR_benchmark_graph``: degree exponent 3, community-size
exponent 1.5, average degree 10, smallest community 20, the rest networkx's defaults) of
1,000 and 10,000 people at mixing 0.1, 0.3 and 0.5, three generated graphs each: some seeds
fail to generate, so each cell takes the first three that do, from ``--first-seed``, and
prints them. For every graph and in the same process: Osmosi's ``detect_communities``, igraph's
Leiden (modularity, weights, its defaults: two iterations, beta 0.01) and networkx's Louvain.
Printed per cell, medians over the graphs: NMI against the planted communities, modularity
and seconds; then Osmosi's NMI minus igraph's, Osmosi's time over igraph's, and PASS when the
first is at least -0.01 and the second at most 1.5 (issue 16).

Both Leiden times start from the same integer edge list, the one the ranking hands
``detect_communities``: igraph's includes building its graph from it, Osmosi's turning the
labels into sets of people. Each is the median of ``--repeat`` runs; Osmosi's first call in a
process, which loads (or, the first time ever, compiles) the numba code, is timed apart.
Needs the bench extra (igraph, scikit-learn).

    python -m bench.communities [--sizes 1000,10000] [--mixing 0.1,0.3,0.5] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import igraph as ig
import networkx as nx

from bench.rank import nmi
from graph.ranking.communities import detect_communities
from graph.ranking.indexed import IndexedGraph

NMI_MARGIN = -0.01
TIME_RATIO = 1.5
METHODS = ("Osmosi", "igraph Leiden", "networkx Louvain")


@dataclass
class Cell:
    people: int
    mixing: float
    seeds: list[int] = field(default_factory=list)
    failed_seeds: list[int] = field(default_factory=list)
    runs: dict[str, list[tuple[float, float, float]]] = field(default_factory=dict)
    """Method -> (NMI, modularity, seconds) per graph."""

    def median(self, method: str, column: int) -> float:
        return statistics.median(run[column] for run in self.runs[method])

    @property
    def nmi_gain(self) -> float:
        return self.median("Osmosi", 0) - self.median("igraph Leiden", 0)

    @property
    def time_ratio(self) -> float:
        return self.median("Osmosi", 2) / self.median("igraph Leiden", 2)

    @property
    def passed(self) -> bool:
        return self.nmi_gain >= NMI_MARGIN and self.time_ratio <= TIME_RATIO


def lfr(people: int, mixing: float, seed: int) -> nx.Graph[int]:
    return nx.LFR_benchmark_graph(
        people, 3, 1.5, mixing, average_degree=10, min_community=20, seed=seed
    )


def timed(run: Callable[[], list[set[str]]], repeat: int) -> tuple[list[set[str]], float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        found = run()
        times.append(time.perf_counter() - started)
    return found, statistics.median(times)


def igraph_leiden(indexed: IndexedGraph, seed: int) -> list[set[str]]:
    random.seed(seed)  # igraph draws from Python's random
    graph = ig.Graph(n=len(indexed.people), edges=[(a, b) for a, b, _ in indexed.undirected])
    graph.es["weight"] = [w for _, _, w in indexed.undirected]
    found = graph.community_leiden(objective_function="modularity", weights="weight")
    return [{indexed.people[i] for i in members} for members in found]


def measure(cell: Cell, graph: nx.Graph[int], seed: int, repeat: int) -> None:
    people: nx.Graph[str] = nx.Graph()  # people are named by strings in Osmosi
    people.add_nodes_from(map(str, graph))
    people.add_edges_from((str(a), str(b)) for a, b in graph.edges() if a != b)
    planted = {str(v): min(graph.nodes[v]["community"]) for v in graph}
    indexed = IndexedGraph.of(people)
    runs: dict[str, tuple[list[set[str]], float]] = {
        "Osmosi": timed(lambda: detect_communities(people, seed=seed, indexed=indexed), repeat),
        "igraph Leiden": timed(lambda: igraph_leiden(indexed, seed), repeat),
        "networkx Louvain": timed(lambda: nx.community.louvain_communities(people, seed=seed), 1),
    }
    for method, (found, seconds) in runs.items():
        label = {person: str(index) for index, part in enumerate(found) for person in part}
        quality = nx.community.modularity(people, found)
        cell.runs.setdefault(method, []).append((nmi(planted, label), quality, seconds))


def run_cell(people: int, mixing: float, first_seed: int, graphs: int, repeat: int) -> Cell:
    cell = Cell(people, mixing)
    seed = first_seed
    while len(cell.seeds) < graphs:
        try:
            graph = lfr(people, mixing, seed)
        except nx.ExceededMaxIterations:
            cell.failed_seeds.append(seed)
        else:
            cell.seeds.append(seed)
            measure(cell, graph, seed, repeat)
        seed += 1
    return cell


def report(cell: Cell) -> str:
    skipped = f" (seeds {cell.failed_seeds} did not generate)" if cell.failed_seeds else ""
    lines = [
        f"n = {cell.people:,}, mu = {cell.mixing}: LFR seeds {cell.seeds}{skipped}",
        f"  {'':18} {'NMI':>7} {'modularity':>11} {'seconds':>9}",
    ]
    for method in METHODS:
        nmi_, quality, seconds = (cell.median(method, column) for column in range(3))
        lines.append(f"  {method:18} {nmi_:7.4f} {quality:11.4f} {seconds:9.4f}")
    verdict = "PASS" if cell.passed else "FAIL"
    lines.append(
        f"  Osmosi - igraph NMI {cell.nmi_gain:+.4f} (target >= {NMI_MARGIN}), "
        f"Osmosi / igraph time {cell.time_ratio:.2f}x (target <= {TIME_RATIO}): {verdict}"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--mixing", default="0.1,0.3,0.5")
    parser.add_argument("--graphs", type=int, default=3, help="LFR graphs per cell")
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each Leiden")
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    args = parser.parse_args()

    started = time.perf_counter()
    detect_communities(nx.path_graph(["a", "b", "c"]))
    print(f"Osmosi's first call (loads the compiled code): {time.perf_counter() - started:.2f} s")
    cells: list[Cell] = []
    for people in map(int, args.sizes.split(",")):
        for mixing in map(float, args.mixing.split(",")):
            cells.append(run_cell(people, mixing, args.first_seed, args.graphs, args.repeat))
            print(report(cells[-1]), flush=True)
    print("\n    n    mu  Osmosi NMI  igraph NMI  difference  time ratio")
    for cell in cells:
        print(
            f"{cell.people:6} {cell.mixing:4}  {cell.median('Osmosi', 0):10.4f}  "
            f"{cell.median('igraph Leiden', 0):10.4f}  {cell.nmi_gain:+10.4f}  "
            f"{cell.time_ratio:9.2f}x  {'PASS' if cell.passed else 'FAIL'}"
        )
    if args.json:
        rows: list[dict[str, Any]] = [
            asdict(cell)
            | {"nmi_gain": cell.nmi_gain, "time_ratio": cell.time_ratio, "passed": cell.passed}
            for cell in cells
        ]
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
