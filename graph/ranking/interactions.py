"""The weighted person-to-person interaction graph the rankings run on.

Each interaction adds ``weight(kind) * 0.5 ** (age / half_life)`` to the edge from the
person who acted to the person acted upon. The weights say how much attention an
interaction shows (documented in `DEFAULT_WEIGHTS`); the half-life makes last month's
conversation count more than last year's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta

import networkx as nx

from graph.model import Interaction, InteractionKind

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


def weighted_interactions(
    interactions: Iterable[Interaction],
    now: datetime,
    *,
    half_life: timedelta = DEFAULT_HALF_LIFE,
    weights: Mapping[InteractionKind, float] = DEFAULT_WEIGHTS,
    since: datetime | None = None,
    until: datetime | None = None,
    keep_post: Callable[[str], bool] | None = None,
) -> nx.DiGraph[str]:
    """One weighted edge per ordered pair of people, from their interactions.

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
    DiGraph
        Edges carry ``weight`` (decayed sum) and ``count`` (interactions); every person of
        the kept interactions is a node.

    Examples
    --------
    >>> from datetime import UTC
    >>> now = datetime(2026, 4, 1, tzinfo=UTC)
    >>> G = weighted_interactions([
    ...     Interaction("ada", "bob", InteractionKind.REPOST, now, "x:1"),
    ...     Interaction("ada", "bob", InteractionKind.REPLY, now - DEFAULT_HALF_LIFE, "x:2"),
    ... ], now)
    >>> round(G["ada"]["bob"]["weight"], 2), G["ada"]["bob"]["count"]
    (1.3, 2)
    """
    edges = weighted_pairs(
        interactions,
        now,
        half_life=half_life,
        weights=weights,
        since=since,
        until=until,
        keep_post=keep_post,
    )
    return directed_graph(edges)


Pairs = dict[tuple[str, str], list[float]]


def weighted_pairs(
    interactions: Iterable[Interaction],
    now: datetime,
    *,
    half_life: timedelta = DEFAULT_HALF_LIFE,
    weights: Mapping[InteractionKind, float] = DEFAULT_WEIGHTS,
    since: datetime | None = None,
    until: datetime | None = None,
    keep_post: Callable[[str], bool] | None = None,
) -> Pairs:
    """(source, target) -> [decayed weight, count]: the pass behind `weighted_interactions`,
    for callers that build several graphs from it (see `undirected_graph`)."""
    if half_life <= timedelta(0):
        raise ValueError("half_life must be positive")
    scale = half_life.total_seconds()
    edges: Pairs = {}
    for interaction in interactions:
        at = interaction.at
        if (since is not None and at < since) or (until is not None and at >= until):
            continue
        if keep_post is not None and not keep_post(interaction.post_uid):
            continue
        age = max((now - at).total_seconds(), 0.0)
        value = weights[interaction.kind] * 0.5 ** (age / scale)
        edge = edges.get((interaction.source, interaction.target))
        if edge is None:
            edges[interaction.source, interaction.target] = [value, 1]
        else:
            edge[0] += value
            edge[1] += 1
    return edges


def directed_graph(edges: Pairs) -> nx.DiGraph[str]:
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_edges_from(
        (source, target, {"weight": weight, "count": int(count)})
        for (source, target), (weight, count) in edges.items()
    )
    return graph


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
