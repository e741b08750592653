"""Synthetic data for load tests, benchmarks and the tests that share their worlds: platform
exports with the shape of real ones, and a generated conversation world with planted
communities and hubs (as interactions, or as the posts that make them).

The world: ``communities`` groups of people; in each, a few hubs draw most of the attention.
Every interaction stays inside its community with probability ``1 - mixing`` and goes to a
hub with probability ``hub_share``. Kinds follow a realistic mix (mostly replies and
mentions), times spread over the last half year.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import IO

from graph.model.nodes import (
    BRAND_KEY,
    Account,
    Aspect,
    AspectTarget,
    Interaction,
    InteractionKind,
    Post,
    Sentiment,
)


def write_mastodon_statuses(out: IO[str], count: int, seed: int = 42, people: int = 5000) -> None:
    """``count`` Mastodon Status entities as JSON lines: a few loud authors, replies,
    mentions, hashtags, reblogs, Italian and English, emoji and HTML."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    hosts = ("mastodon.social", "mastodon.uno", "fosstodon.org", "mastodon.online")

    def account(n: int) -> dict[str, object]:
        host = hosts[n % len(hosts)]
        return {
            "id": str(n),
            "username": f"user{n}",
            "acct": f"user{n}@{host}",
            "display_name": f"User {n} ☕",
            "url": f"https://{host}/@user{n}",
            "followers_count": int(rng.paretovariate(1.2) * 20),
        }

    for number in range(count):
        author = min(int(rng.paretovariate(1.1)), people) * 7 % people
        mentioned = rng.sample(range(people), rng.randint(0, 2))
        tags = rng.sample(
            ("caffe", "colazione", "Espresso", "coffee", "Aurora", "barista"), rng.randint(0, 2)
        )
        mention_html = " ".join(
            f'<span class="h-card"><a href="https://{hosts[m % 4]}/@user{m}" '
            f'class="u-url mention">@<span>user{m}</span></a></span>'
            for m in mentioned
        )
        tag_html = " ".join(
            f'<a href="https://x/tags/{t}" class="mention hashtag">#{t}</a>' for t in tags
        )
        text = rng.choice(
            (
                "La nuova miscela è ottima &amp; la consegna veloce! ☕",
                "Assistenza clienti pessima, aspetto ancora il rimborso 😡",
                "Does anyone know when the oat latte is back?",
                "Not bad at all, but the price is high",
            )
        )
        status = {
            "id": str(10**17 + number),
            "created_at": (start + timedelta(seconds=number * 7))
            .isoformat()
            .replace("+00:00", "Z"),
            "in_reply_to_id": str(10**17 + rng.randrange(number))
            if number and rng.random() < 0.3
            else None,
            "language": rng.choice(("it", "en")),
            "url": f"https://mastodon.social/@user{author}/{10**17 + number}",
            "replies_count": rng.randint(0, 3),
            "reblogs_count": rng.randint(0, 5),
            "favourites_count": rng.randint(0, 40),
            "content": f"<p>{mention_html} {text} {tag_html}</p>",
            "reblog": None,
            "spoiler_text": "",
            "account": account(author),
            "mentions": [
                {
                    "id": str(m),
                    "username": f"user{m}",
                    "acct": f"user{m}@{hosts[m % 4]}",
                    "url": f"https://{hosts[m % 4]}/@user{m}",
                }
                for m in mentioned
            ],
            "tags": [{"name": t, "url": f"https://x/tags/{t}"} for t in tags],
        }
        out.write(json.dumps(status, ensure_ascii=False) + "\n")


NOW = datetime(2026, 6, 1, tzinfo=UTC)
"""The generated world's "now": its interactions fall in the half year before."""
WORLD_PLATFORM = "world"
WORLD_BATCH = 5000
"""Posts per list that `world_posts` yields."""
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


def world_posts(world: World, seed: int) -> Iterator[list[Post]]:
    """The world's interactions as posts, each one about the brand, in the mood of a lean
    drawn for its author (uniform: some people mostly praise, some mostly complain), so that
    advocacy has opinions to weigh and the shortlist candidates to choose from."""
    rng = random.Random(seed)
    leans: dict[str, float] = {}
    batch: list[Post] = []
    for number, edge in enumerate(world.interactions):
        lean = leans.setdefault(edge.source, rng.random())
        score = rng.uniform(0.1, 1.0) * (1 if rng.random() < lean else -1)
        label = Sentiment.POSITIVE if score > 0 else Sentiment.NEGATIVE
        batch.append(
            Post(
                WORLD_PLATFORM,
                str(number),
                Account(WORLD_PLATFORM, edge.source, followers=world.followers[edge.source]),
                f"@{edge.target} ciao",
                edge.at,
                mentions=(Account(WORLD_PLATFORM, edge.target),),
                aspects=(Aspect(AspectTarget.BRAND, BRAND_KEY, label, round(score, 3)),),
                sentiment=label,
                sentiment_score=round(score, 3),
            )
        )
        if len(batch) == WORLD_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
