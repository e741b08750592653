"""The weighted person-to-person interaction graph the rankings run on.

Each interaction adds ``weight(kind) * 0.5 ** (age / half_life)`` to the edge from the
person who acted to the person acted upon. The weights say how much attention an
interaction shows (documented in `DEFAULT_WEIGHTS`); the half-life makes last month's
conversation count more than last year's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

import networkx as nx
import numpy as np

from graph.model.nodes import Interaction, InteractionKind
from graph.model.stream import KINDS, InteractionStream, stream_of
from graph.ranking.indexed import Floats, IndexedGraph, Indices

DEFAULT_WEIGHTS: Mapping[InteractionKind, float] = {
    # Passing a message on to one's own audience is the strongest endorsement of its author.
    InteractionKind.REPOST: 1.0,
    # A quote passes it on with a comment, which may disagree.
    InteractionKind.QUOTE: 0.8,
    # A reply is attention paid in conversation.
    InteractionKind.REPLY: 0.6,
    # A mention may be a broadcast tag; it shows the least attention.
    InteractionKind.MENTION: 0.3,
}
DEFAULT_HALF_LIFE = timedelta(days=90)


def interaction_graph(
    interactions: Iterable[Interaction],
    now: datetime,
    *,
    half_life: timedelta = DEFAULT_HALF_LIFE,
    weights: Mapping[InteractionKind, float] = DEFAULT_WEIGHTS,
    since: datetime | None = None,
    until: datetime | None = None,
    keep_post: Callable[[str], bool] | None = None,
) -> IndexedGraph:
    """One weighted edge per ordered pair of people, from their interactions.

    The same interactions in any order give the same graph, to the last bit: people are
    numbered by sorted id, edges sorted, and each edge's interactions summed smallest first.

    Parameters
    ----------
    interactions : iterable of Interaction
        As the stores yield them (`GraphStore.interactions`).
    now : datetime
        The moment ages are measured from.
    half_life : timedelta
        Age at which an interaction counts half.
    weights : mapping
        Weight of each interaction kind.
    since, until : datetime, optional
        Keep interactions in ``[since, until)`` only.
    keep_post : callable, optional
        Keep interactions whose carrying post uid passes (a platform, channel or topic
        filter).

    Returns
    -------
    IndexedGraph
        Edges carry the decayed sum of their interactions' weights and their count; every
        person of the kept interactions is a node.

    Examples
    --------
    >>> from datetime import UTC
    >>> now = datetime(2026, 4, 1, tzinfo=UTC)
    >>> G = interaction_graph([
    ...     Interaction("bob", "ada", InteractionKind.MENTION, now, "x:3"),
    ...     Interaction("ada", "bob", InteractionKind.REPOST, now, "x:1"),
    ...     Interaction("ada", "bob", InteractionKind.REPLY, now - DEFAULT_HALF_LIFE, "x:2"),
    ... ], now)
    >>> G.people, G.weights.round(2).tolist(), G.counts.tolist()
    (['ada', 'bob'], [1.3, 0.3], [2, 1])
    """
    if since is not None or until is not None or keep_post is not None:
        interactions = (
            interaction
            for interaction in interactions
            if (since is None or interaction.at >= since)
            and (until is None or interaction.at < until)
            and (keep_post is None or keep_post(interaction.post_uid))
        )
    return project(stream_of(interactions), now, half_life=half_life, weights=weights)


def project(
    stream: InteractionStream,
    now: datetime,
    *,
    half_life: timedelta = DEFAULT_HALF_LIFE,
    weights: Mapping[InteractionKind, float] = DEFAULT_WEIGHTS,
) -> IndexedGraph:
    """`interaction_graph` of a store's stream (`GraphStore.interaction_stream`): each batch
    is decayed as it arrives and only three numbers per interaction are kept.

    Examples
    --------
    >>> from datetime import UTC
    >>> from graph.model.stream import stream_of
    >>> now = datetime(2026, 4, 1, tzinfo=UTC)
    >>> stream = stream_of([Interaction("bob", "ada", InteractionKind.MENTION, now, "x:3")])
    >>> G = project(stream, now)
    >>> G.people, G.sources.tolist(), G.weights.tolist()
    (['ada', 'bob'], [1], [0.3])
    """
    if half_life <= timedelta(0):
        raise ValueError("half_life must be positive")
    kind_weight = np.array([weights[kind] for kind in KINDS])
    now_seconds, half_life_seconds = now.timestamp(), half_life.total_seconds()
    sources: list[Indices] = []
    targets: list[Indices] = []
    decays: list[Floats] = []
    for batch in stream.batches:
        sources.append(batch.sources)
        targets.append(batch.targets)
        ages = np.maximum(now_seconds - batch.seconds, 0.0)
        decays.append(kind_weight[batch.kinds] * 0.5 ** (ages / half_life_seconds))
    source_ids, target_ids = _joined(sources, np.intp), _joined(targets, np.intp)
    # People numbered by sorted id, those who interact only (a mask over the stream's
    # numbers: np.unique's hashing took 1.6 s of 2M ends).
    seen = np.zeros(len(stream.people), bool)
    seen[source_ids] = True
    seen[target_ids] = True
    met = np.flatnonzero(seen)
    by_id = sorted(range(len(met)), key=[stream.people[i] for i in met.tolist()].__getitem__)
    renumber = np.zeros(len(stream.people), np.intp)
    renumber[met[by_id]] = np.arange(len(met))
    people = [stream.people[i] for i in met[by_id].tolist()]
    n = max(len(people), 1)
    pair = renumber[source_ids] * n + renumber[target_ids]
    del source_ids, target_ids  # bounded memory: a few arrays of the interactions at a time
    decayed = _joined(decays, np.float64)
    # Sorted by edge, then by value: each edge's sum is the same in any reading order.
    order = np.lexsort((decayed, pair))
    pair, decayed = pair[order], decayed[order]
    first = np.flatnonzero(np.diff(pair, prepend=-1))
    edges = pair[first]
    return IndexedGraph.from_edges(
        people,
        edges // n,
        edges % n,
        np.add.reduceat(decayed, first),
        np.diff(first, append=len(pair)),
    )


def _joined(parts: list[Any], dtype: type[Any]) -> Any:
    return np.concatenate(parts) if parts else np.empty(0, dtype)


Pairs = dict[tuple[str, str], list[float]]
"""(source, target) -> [weight, count]."""


def undirected_graph(edges: Pairs) -> nx.Graph[str]:
    """Both directions of each pair in one edge, weights added (for communities and cores).

    >>> undirected_graph({("a", "b"): [1.0, 1], ("b", "a"): [0.5, 2]})["a"]["b"]["weight"]
    1.5
    """
    summed: dict[tuple[str, str], float] = {}
    for (source, target), (weight, _) in edges.items():
        if source == target:
            continue
        pair = (target, source) if (target, source) in summed else (source, target)
        summed[pair] = summed.get(pair, 0.0) + weight
    graph: nx.Graph[str] = nx.Graph()
    graph.add_edges_from((a, b, {"weight": w}) for (a, b), w in summed.items())
    return graph
