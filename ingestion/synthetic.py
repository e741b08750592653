"""Synthetic platform exports with the shape of real ones, for load tests and benchmarks."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from typing import IO


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
