"""A small built-in demo conversation so that a first start shows a living graph.

Generated deterministically from a seed: a fictional coffee brand ("Caffè Aurora") discussed in
Italian and English on Mastodon and Reddit, with replies, mentions, reposts and hashtags.
Loading it twice adds nothing.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from graph.model import Account, Channel, ChannelKind, Post, ShareKind, Topic, UpsertResult
from graph.store import GraphStore

_PEOPLE = (
    "giulia_caffe",
    "marco.rossi",
    "ana_pop",
    "luca_b",
    "sofia_m",
    "davide",
    "elena_v",
    "tom_brews",
    "sara_k",
    "paolo_roma",
    "irina_d",
    "matteo",
    "chiara_l",
    "james_o",
    "francesca",
    "andrea_t",
    "bianca",
    "nicola_g",
    "laura_p",
    "ioana_m",
    "roberto",
    "emma_w",
    "stefano",
    "valentina",
    "alex_c",
    "martina",
    "gabriele",
    "noah_j",
    "ilaria",
    "simone",
)
_BRAND = "aurora_caffe"
_TEXTS = (
    ("it", "La nuova miscela di {brand} è ottima, consegna veloce! #caffè #colazione"),
    ("it", "Assistenza clienti pessima, aspetto un rimborso da due settimane #Aurora"),
    ("it", "Qualcuno sa se la capsula compatibile funziona con la mia macchina? #caffè"),
    ("it", "Non è male il decaffeinato, ma il prezzo è alto"),
    ("it", "Consiglio a tutti il negozio di via Roma, personale gentilissimo #Aurora"),
    ("en", "Tried the {brand} espresso blend today, really smooth ☕ #coffee"),
    ("en", "Delivery was late again and support never answered. Not happy #Aurora"),
    ("en", "Does anyone know when the oat milk latte comes back? #coffee"),
    ("en", "Great idea: a refill programme for the tins! #sustainability"),
    ("ro", "Cafeaua de la {brand} este foarte bună, recomand! #cafea"),
)
_REPLIES = (
    ("it", "Concordo, anche per me! #caffè"),
    ("it", "Mi dispiace, a me è andata meglio"),
    ("en", "Same here, totally agree"),
    ("en", "Have you tried contacting them on the forum?"),
)
_CHANNELS = (
    Channel("mastodon", "mastodon.social", ChannelKind.APPEAL),
    Channel("reddit", "r/espresso", ChannelKind.VERTICAL),
    Channel("reddit", "r/italy", ChannelKind.PERIPHERAL),
)


def demo_posts(seed: int = 7, count: int = 300) -> list[Post]:
    """The demo conversation: ``count`` posts, a third of them replies, some reposts."""
    rng = random.Random(seed)
    start = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
    accounts: dict[str, list[Account]] = {}
    for channel in _CHANNELS:
        accounts[channel.platform] = [
            Account(
                channel.platform,
                name,
                display_name=name.replace("_", " ").replace(".", " ").title(),
                followers=5000 if name == _BRAND else int(rng.paretovariate(1.2) * 40),
            )
            for name in (*_PEOPLE, _BRAND)
        ]
    posts: list[Post] = []
    for number in range(count):
        channel = rng.choice(_CHANNELS)
        people = accounts[channel.platform]
        author = rng.choice(people[:-1])
        created = start + timedelta(minutes=47 * number + rng.randint(0, 40))
        same_platform = [p for p in posts if p.platform == channel.platform]
        if same_platform and rng.random() < 0.35:
            parent = rng.choice(same_platform[-40:])
            language, text = rng.choice(_REPLIES)
            posts.append(
                Post(
                    channel.platform,
                    f"demo-{number}",
                    author,
                    text,
                    created,
                    language=language,
                    channel=channel,
                    reply_to=parent.external_id,
                    mentions=(parent.author,),
                    topics=_hashtags(text),
                )
            )
            continue
        if same_platform and rng.random() < 0.1:
            original = rng.choice(same_platform[-40:])
            posts.append(
                Post(
                    channel.platform,
                    f"demo-{number}",
                    author,
                    original.text,
                    created,
                    language=original.language,
                    channel=channel,
                    shares=original.external_id,
                    share_kind=ShareKind.REPOST,
                    topics=original.topics,
                )
            )
            continue
        language, template = rng.choice(_TEXTS)
        text = template.format(brand="@" + _BRAND)
        mentions: tuple[Account, ...] = (people[-1],) if "{brand}" in template else ()
        if rng.random() < 0.2:
            friend = rng.choice(people[:-1])
            if friend != author:
                text += f" cc @{friend.handle}"
                mentions += (friend,)
        posts.append(
            Post(
                channel.platform,
                f"demo-{number}",
                author,
                text,
                created,
                language=language,
                channel=channel,
                mentions=mentions,
                topics=_hashtags(text),
                metrics={"likes": rng.randint(0, 60), "replies": rng.randint(0, 5)},
            )
        )
    return posts


def _hashtags(text: str) -> tuple[Topic, ...]:
    return tuple(Topic.from_text(word) for word in text.split() if word.startswith("#"))


def load_demo(store: GraphStore, enrich: Callable[[list[Post]], list[Post]]) -> UpsertResult:
    """Write the demo conversation into ``store``, enriched (idempotent)."""
    return store.upsert_posts(enrich(demo_posts()))
