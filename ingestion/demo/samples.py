"""Sample exports to try the command line on the demo (README's examples), kept in the
repository under ``examples/`` and regenerated with::

    python -m ingestion.demo.samples examples/

``statuses.jsonl`` holds Mastodon statuses: new posts by demo people and replies to demo
posts; ``export.csv`` a monitoring tool's export with its own column names (``Message``,
``User``, ``Ref``, ``Date``, …), from platforms the demo does not cover; ``customers.csv``
CRM customers, some of them demo people not yet known as customers. Their dates are fixed
(`SAMPLES_AT`): they are files, not a living demo.
"""

from __future__ import annotations

import csv
import io
import random
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ingestion.demo.communities import COMMUNITIES
from ingestion.demo.compose import compose, compose_reply
from ingestion.demo.exports import customers_csv, export
from ingestion.demo.model import DemoPost, World
from ingestion.demo.people import FIRST, LAST, DemoCustomer, Persona
from ingestion.demo.world import generate_world

SAMPLES_AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
FILES = ("statuses.jsonl", "export.csv", "customers.csv")
STATUSES = 50
MONITORED = 40
CUSTOMERS = 24
_FIRST_NUMBER = 5_000_000
"""Sample posts are numbered after any demo post, so that their ids are new."""
_MONITORS = (
    ("instagram", "instagram.com", "https://www.instagram.com/p/"),
    ("facebook", "facebook.com/CaffeAurora", "https://www.facebook.com/CaffeAurora/posts/"),
    ("tripadvisor", "tripadvisor.it", "https://www.tripadvisor.it/ShowUserReviews-"),
)
_INTENTS = ("praise", "praise", "complaint", "question", "opinion", "talk", "idea")


def samples(seed: int = 7) -> dict[str, bytes]:
    """The sample files' contents, by name (deterministic for ``seed``)."""
    world = generate_world(SAMPLES_AT, seed)
    rng = random.Random(seed + 1)
    return {
        "statuses.jsonl": export("mastodon", _statuses(world, rng)),
        "export.csv": _monitoring(world, rng),
        "customers.csv": customers_csv(_customers(world, rng)),
    }


def _statuses(world: World, rng: random.Random) -> list[DemoPost]:
    """Every other status a reply to a demo status, the rest new posts."""
    people = [p for p in world.cast.people if p.accounts[0].platform == "mastodon"]
    parents = [
        post
        for post in world.posts
        if post.platform == "mastodon" and post.parent is None and post.shared is None
        and post.intent not in ("brand", "answer")
    ][-500:]  # fmt: skip
    made: list[DemoPost] = []
    for number in range(STATUSES):
        person = rng.choice(people)
        account = person.accounts[0]
        community = COMMUNITIES[person.community]
        at = SAMPLES_AT + timedelta(minutes=9 * number)
        if number % 2:
            parent = rng.choice(parents)
            text, _ = compose_reply(rng, parent.intent, parent.language, community, person.tone)
            made.append(
                DemoPost(
                    _FIRST_NUMBER + number,
                    account=account,
                    at=at,
                    language=parent.language,
                    text=f"@{parent.account.username} {text}",
                    intent="reply",
                    venue=account.host,
                    parent=parent,
                    mentions=(parent.account,),
                )
            )
            continue
        intent = rng.choice(_INTENTS)
        brand = world.cast.brand["mastodon"]
        text = compose(rng, intent, person.language, community, f"@{brand.username}", person.tone)
        tags = community.hashtags.get(person.language, ())
        made.append(
            DemoPost(
                _FIRST_NUMBER + number,
                account=account,
                at=at,
                language=person.language,
                text=text,
                intent=intent,
                venue=account.host,
                mentions=(brand,) if f"@{brand.username}" in text else (),
                hashtags=tuple(rng.sample(tags, 1)) if tags else (),
                likes=rng.randint(0, 30),
            )
        )
    return made


def _monitoring(world: World, rng: random.Random) -> bytes:
    columns = ("Ref", "Date", "User", "Message", "platform", "channel", "url", "likes")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for number in range(MONITORED):
        person = rng.choice(world.cast.people)
        platform, channel, link = rng.choice(_MONITORS)
        community = COMMUNITIES[person.community]
        intent = rng.choice(_INTENTS)
        text = compose(rng, intent, person.language, community, "@aurora_caffe", person.tone)
        ref = f"{platform[:2]}-{4_100 + number}"
        at = SAMPLES_AT - timedelta(hours=2 * (MONITORED - number))
        stamp = at.isoformat().replace("+00:00", "Z")
        likes = rng.randint(0, 80)
        user = person.accounts[0].username
        writer.writerow((ref, stamp, user, text, platform, channel, f"{link}{ref}", likes))
    return out.getvalue().encode()


def _customers(world: World, rng: random.Random) -> list[DemoCustomer]:
    """New customers: some demo people the CRM did not know (by a handle, by an e-mail
    whose name is their handle, by their name alone), and a few who never post."""
    strangers: Sequence[Persona] = [p for p in world.cast.people if p.crm is None]
    found = []
    for number, person in enumerate(rng.sample(strangers, CUSTOMERS)):
        account = person.accounts[0]
        style = number % 4
        email = f"{account.username.replace('_', '')}@libero.it" if style == 1 else None
        handles = ((account.platform, account.handle),) if style == 0 else ()
        first, last = person.first, person.last
        if style == 3:  # someone else, who never posts
            first, last = rng.choice(FIRST["it"]), rng.choice(LAST["it"])
        value = round(rng.lognormvariate(5.0, 0.7), 2)
        found.append(
            DemoCustomer(f"AUR-2{number:04d}", first, last, email, "Milano", value, handles)
        )
    return found


def main(argv: Sequence[str]) -> None:
    folder = Path(argv[0] if argv else "examples")
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in samples().items():
        (folder / name).write_bytes(data)
        print(f"wrote {folder / name}")


if __name__ == "__main__":
    main(sys.argv[1:])
