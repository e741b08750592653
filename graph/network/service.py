"""Relationship views of the interaction graph: the people someone interacts with most, an
influencer map to draw, and the warmest short path between two people.

Ties are the stores' per-kind sums (`GraphStore.ties`) weighted as the rankings weigh
interactions (`graph.ranking.interactions.DEFAULT_WEIGHTS`), both directions together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from graph.model.network import KindTie, MapTie
from graph.model.nodes import InteractionKind
from graph.ranking.interactions import DEFAULT_HALF_LIFE, DEFAULT_WEIGHTS
from graph.ranking.ties import MAP_PEOPLE
from graph.rankings.views import Entry, GraphFilter, filtered_influencers, stored_influencers
from graph.store.contract import GraphStore

EDGES_PER_PERSON = 5
"""An influencer map keeps at most this many edges per node, the strongest."""
MAX_PATH_HOPS = 6
MAX_FRONTIER = 2_000
"""People expanded per hop of a path search: the strongest ties when more are reached."""


@dataclass(frozen=True, slots=True)
class Tie:
    """Interactions between two people, both directions: ``weight`` is their decayed,
    kind-weighted sum, ``outgoing`` the part from ``person`` to ``other``."""

    person: str
    other: str
    weight: float
    outgoing: float
    interactions: int


def _kind_weight(tie: KindTie, weights: Mapping[InteractionKind, float]) -> float:
    return weights[tie.kind] * tie.decayed


def pair_weights(
    ties: Iterable[KindTie], weights: Mapping[InteractionKind, float] = DEFAULT_WEIGHTS
) -> dict[tuple[str, str], list[float]]:
    """Unordered pair (smaller id first) -> [weight, weight from the first, interactions].

    >>> from graph.model.nodes import InteractionKind as K
    >>> pair_weights([KindTie("b", "a", K.REPOST, 2, 2.0), KindTie("a", "b", K.MENTION, 1, 1.0)])
    {('a', 'b'): [2.3, 0.3, 3]}
    """
    pairs: dict[tuple[str, str], list[float]] = {}
    for tie in ties:
        pair = (tie.source, tie.target) if tie.source < tie.target else (tie.target, tie.source)
        value = _kind_weight(tie, weights)
        entry = pairs.setdefault(pair, [0.0, 0.0, 0])
        entry[0] += value
        entry[1] += value if tie.source == pair[0] else 0.0
        entry[2] += tie.count
    return pairs


def ties_by_person(ties: Iterable[KindTie], people: Sequence[str]) -> dict[str, list[Tie]]:
    """Each person's ties, strongest first (ties by the other's id)."""
    wanted = set(people)
    result: dict[str, list[Tie]] = {person: [] for person in people}
    for (a, b), (weight, from_a, count) in pair_weights(ties).items():
        if a in wanted:
            result[a].append(Tie(a, b, weight, from_a, int(count)))
        if b in wanted:
            result[b].append(Tie(b, a, weight, weight - from_a, int(count)))
    for found in result.values():
        found.sort(key=lambda tie: (-tie.weight, tie.other))
    return result


@dataclass(frozen=True, slots=True)
class InfluencerMap:
    nodes: tuple[Entry, ...]
    edges: tuple[MapTie, ...]
    truncated: bool
    """Whether edges were left out to respect `EDGES_PER_PERSON`."""


def strongest_edges(ties: Iterable[MapTie], per_node: int) -> tuple[list[MapTie], bool]:
    """The edges kept for drawing: each node keeps its ``per_node`` strongest, and an edge
    stays if either end keeps it. Returns the edges, strongest first, and whether any went.

    >>> edges, cut = strongest_edges([MapTie("a", "b", 3, 1), MapTie("a", "c", 1, 1),
    ...                               MapTie("b", "c", 2, 1)], 1)
    >>> [(e.source, e.target) for e in edges], cut
    ([('a', 'b'), ('b', 'c')], True)
    """
    ranked = sorted(ties, key=lambda tie: (-tie.weight, tie.source, tie.target))
    kept_per_node: dict[str, int] = {}
    edges = []
    for tie in ranked:
        a, b = tie.source, tie.target
        if kept_per_node.get(a, 0) < per_node or kept_per_node.get(b, 0) < per_node:
            kept_per_node[a] = kept_per_node.get(a, 0) + 1
            kept_per_node[b] = kept_per_node.get(b, 0) + 1
            edges.append(tie)
    return edges, len(edges) < len(ranked)


def influencer_map(
    store: GraphStore,
    now: datetime,
    first: int,
    where: GraphFilter,
    community_id: str | None = None,
    half_life: timedelta = DEFAULT_HALF_LIFE,
) -> InfluencerMap:
    """The ``first`` most influential people (as `graph.rankings.views` ranks them for the
    filter) and the strongest ties among them.

    Without a filter these are the last ranking's: its people, and the ties among them it
    stored (`graph.ranking.ties`). A filter recomputes both on its part of the graph (a
    community's members are ranked by the stored scores, their ties read now).
    """
    if not 1 <= first <= MAP_PEOPLE:
        raise ValueError(f"first must be between 1 and {MAP_PEOPLE}")
    if where.changes_graph:
        nodes = filtered_influencers(store, now, first, 0, where, community_id)
    else:
        nodes = stored_influencers(store, first, 0, community_id)
    ids = [node.person_id for node in nodes]
    if where.changes_graph or community_id is not None:
        ties = [
            MapTie(a, b, weight, int(count))
            for (a, b), (weight, _, count) in pair_weights(
                store.ties(ids, now, half_life, among=True, since=where.since, until=where.until)
            ).items()
        ]
    else:
        ties = store.map_ties(ids)
    edges, truncated = strongest_edges(ties, EDGES_PER_PERSON)
    return InfluencerMap(tuple(nodes), tuple(edges), truncated)


@dataclass(frozen=True, slots=True)
class ConnectionPath:
    """People from one end to the other, and the tie weight of each step."""

    people: tuple[str, ...]
    weights: tuple[float, ...]

    @property
    def hops(self) -> int:
        return len(self.people) - 1


def _expand(
    store: GraphStore, frontier: Sequence[str], seen: Mapping[str, object], now: datetime
) -> dict[str, tuple[str, float]]:
    """People one hop from ``frontier`` not in ``seen``: each with the frontier person they
    are most strongly tied to, and that weight; the strongest `MAX_FRONTIER` only."""
    best: dict[str, tuple[str, float]] = {}
    for (a, b), (weight, _, _) in pair_weights(
        store.ties(frontier, now, DEFAULT_HALF_LIFE)
    ).items():
        for near, far in ((a, b), (b, a)):
            if near in frontier and far not in seen and weight > best.get(far, ("", -1.0))[1]:
                best[far] = (near, weight)
    strongest = sorted(best, key=lambda person: (-best[person][1], person))[:MAX_FRONTIER]
    return {person: best[person] for person in strongest}


def connection_path(
    store: GraphStore, source: str, target: str, max_hops: int, now: datetime
) -> ConnectionPath | None:
    """The shortest path of interaction ties from ``source`` to ``target`` (at most
    ``max_hops``), searched from both ends a hop at a time; among the paths found at the
    shortest length, the one whose weakest step is strongest. None if there is none."""
    if not 1 <= max_hops <= MAX_PATH_HOPS:
        raise ValueError(f"maxHops must be between 1 and {MAX_PATH_HOPS}")
    if source == target:
        return ConnectionPath((source,), ())
    # person -> (the neighbour one step nearer that side's end, tie weight)
    sides: list[dict[str, tuple[str, float]]] = [{source: ("", 0.0)}, {target: ("", 0.0)}]
    frontiers: list[list[str]] = [[source], [target]]
    for _ in range(max_hops):
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        reached = _expand(store, frontiers[side], sides[side], now)
        if not reached:
            return None
        sides[side].update(reached)
        frontiers[side] = list(reached)
        meeting = [person for person in reached if person in sides[1 - side]]
        if meeting:
            paths = [_join(sides, person) for person in meeting]
            return max(paths, key=lambda p: (min(p.weights), sum(p.weights), p.people))
    return None


def _join(sides: Sequence[Mapping[str, tuple[str, float]]], middle: str) -> ConnectionPath:
    halves: list[list[tuple[str, float]]] = []
    for side in sides:
        steps, person = [], middle
        while side[person][0]:
            parent, weight = side[person]
            steps.append((parent, weight))
            person = parent
        halves.append(steps)
    to_source, to_target = halves
    people = [p for p, _ in reversed(to_source)] + [middle] + [p for p, _ in to_target]
    weights = [w for _, w in reversed(to_source)] + [w for _, w in to_target]
    return ConnectionPath(tuple(people), tuple(weights))
