"""The ties between people as the stores sum them: per interaction kind (`KindTie`), and the
ties among the most influential people that the influencer map draws (`MapTie`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from graph.model.nodes import InteractionKind


@dataclass(frozen=True, slots=True)
class KindTie:
    """Interactions of one kind from ``source`` to ``target``, summed by the store.

    ``decayed`` is the sum over those interactions of ``0.5 ** (age / half_life)``.
    """

    source: str
    target: str
    kind: InteractionKind
    count: int
    decayed: float


class MapTie(NamedTuple):
    """Interactions between two people both ways (``source < target``): their kind-weighted,
    decayed sum and how many."""

    source: str
    target: str
    weight: float
    interactions: int
