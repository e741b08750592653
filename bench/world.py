"""A generated conversation world with planted communities and hubs, for tests and benchmarks.

``communities`` groups of people; in each, a few hubs draw most of the attention. Every
interaction stays inside its community with probability ``1 - mixing`` and goes to a hub
with probability ``hub_share``. Kinds follow a realistic mix (mostly replies and mentions),
times spread over the last half year.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from graph.model import Interaction, InteractionKind

NOW = datetime(2026, 6, 1, tzinfo=UTC)
_KINDS = (
    (InteractionKind.REPLY, 0.45),
    (InteractionKind.MENTION, 0.3),
    (InteractionKind.REPOST, 0.15),
    (InteractionKind.QUOTE, 0.1),
)


@dataclass(frozen=True, slots=True)
class World:
    interactions: list[Interaction]
    membership: dict[str, int]
    """Person -> planted community."""
    hubs: set[str]
    followers: dict[str, int]


def generate_world(
    people: int = 2000,
    communities: int = 8,
    hubs_per_community: int = 2,
    interactions: int = 20_000,
    mixing: float = 0.1,
    hub_share: float = 0.3,
    seed: int = 0,
) -> World:
    """Generate a world; deterministic for a seed.

    >>> world = generate_world(people=100, communities=4, interactions=500, seed=1)
    >>> len(world.interactions), len(world.hubs), len(set(world.membership.values()))
    (500, 8, 4)
    """
    rng = random.Random(seed)
    ids = [f"p{i:07d}" for i in range(people)]
    membership = {person: i % communities for i, person in enumerate(ids)}
    groups: list[list[str]] = [[] for _ in range(communities)]
    for person, group in membership.items():
        groups[group].append(person)
    hubs_of = [group[:hubs_per_community] for group in groups]
    hubs = {hub for group in hubs_of for hub in group}
    followers = {
        person: rng.randint(5_000, 50_000) if person in hubs else rng.randint(0, 800)
        for person in ids
    }
    kinds = [kind for kind, _ in _KINDS]
    weights = [weight for _, weight in _KINDS]
    edges: list[Interaction] = []
    for number in range(interactions):
        source = ids[rng.randrange(people)]
        group = membership[source]
        if rng.random() < mixing:
            group = rng.randrange(communities)
        if rng.random() < hub_share:
            target = rng.choice(hubs_of[group])
        else:
            target = rng.choice(groups[group])
        if target == source:
            target = groups[group][(groups[group].index(source) + 1) % len(groups[group])]
        at = NOW - timedelta(seconds=rng.randrange(180 * 24 * 3600))
        kind = rng.choices(kinds, weights)[0]
        edges.append(Interaction(source, target, kind, at, f"world:{number}"))
    return World(edges, membership, hubs, followers)
