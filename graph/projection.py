"""Projection of the stored conversation graph into networkx for the algorithms."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import networkx as nx

from graph.model import Interaction
from graph.store import GraphStore


def interaction_multigraph(interactions: Iterable[Interaction]) -> nx.MultiDiGraph[str]:
    """One edge per interaction, from the acting person to the person acted upon.

    Each edge is keyed by ``(post uid, kind)`` (a reply that also mentions its parent's
    author is two interactions) and has the attributes ``kind`` (an `InteractionKind`),
    ``at`` (when the post was made) and ``post``.

    Examples
    --------
    >>> from datetime import datetime, UTC
    >>> from graph.model import Interaction, InteractionKind
    >>> at = datetime(2026, 1, 1, tzinfo=UTC)
    >>> G = interaction_multigraph([
    ...     Interaction("ada", "bob", InteractionKind.REPLY, at, "x:1"),
    ...     Interaction("ada", "bob", InteractionKind.MENTION, at, "x:1"),
    ... ])
    >>> G.number_of_edges("ada", "bob")
    2
    """
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for edge in interactions:
        graph.add_edge(
            edge.source,
            edge.target,
            key=(edge.post_uid, edge.kind.value),
            kind=edge.kind,
            at=edge.at,
            post=edge.post_uid,
        )
    return graph


def project_interactions(
    store: GraphStore, since: datetime | None = None, until: datetime | None = None
) -> nx.MultiDiGraph[str]:
    """The interaction graph of a store, optionally restricted to ``[since, until)``."""
    return interaction_multigraph(store.interactions(since=since, until=until))
