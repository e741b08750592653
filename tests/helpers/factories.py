"""Small builders of domain objects for tests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from graph.model.insights import VolumeDimension
from graph.model.keys import channel_uid
from graph.model.nodes import Account, Channel, Customer, Person, Post, Topic
from graph.model.rankings import BrandOpinions, Opinions
from graph.store.contract import GraphStore

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def account(handle: str, platform: str = "mastodon", **fields: Any) -> Account:
    return Account(platform, handle, **fields)


def post(
    external_id: str,
    author: str | Account,
    text: str = "hello",
    *,
    minutes: int = 0,
    platform: str = "mastodon",
    mentions: tuple[str, ...] = (),
    topics: tuple[str, ...] = (),
    **fields: Any,
) -> Post:
    return Post(
        platform=platform,
        external_id=external_id,
        # An account with fields (a display name, followers, links) comes into the store as
        # the author of a post, as ingestion brings it.
        author=author if isinstance(author, Account) else account(author, platform),
        text=text,
        created_at=T0 + timedelta(minutes=minutes),
        mentions=tuple(account(handle, platform) for handle in mentions),
        topics=tuple(Topic.from_text(name) for name in topics),
        channel=fields.pop("channel", Channel(platform, "social.example")),
        **fields,
    )


def brand_opinions_of(
    posts: Iterable[tuple[datetime, float]], now: datetime, half_life: timedelta
) -> BrandOpinions:
    """(when, score) pairs of posts about the brand, one aspect each, voted as the stores
    vote them (a score's sign is its label), computed independently of them."""
    votes = {"positive": 0.0, "negative": 0.0, "neutral": 0.0}
    squares = 0.0
    posts = list(posts)
    for at, score in posts:
        label = "positive" if score > 0.05 else "negative" if score < -0.05 else "neutral"
        weight = 0.5 ** (max((now - at) / half_life, 0.0))
        votes[label] += weight
        squares += weight * weight if label != "neutral" else 0.0
    return BrandOpinions(
        len(posts), votes["positive"], votes["negative"], votes["neutral"], squares
    )


def opinions_of(
    posts: Iterable[tuple[datetime, float]], now: datetime, half_life: timedelta
) -> Opinions:
    """(when, score) pairs summed as the stores sum them, computed independently of them."""
    posts = list(posts)
    weights = [0.5 ** (max((now - at) / half_life, 0.0)) for at, _ in posts]
    return Opinions(
        len(posts),
        sum(score for _, score in posts),
        sum(weights),
        sum(w * score for w, (_, score) in zip(weights, posts, strict=True)),
    )


def person_of(store: GraphStore, handle: str, platform: str = "mastodon") -> str:
    found = store.get_account(platform, handle)
    assert found is not None
    assert found.person_id
    return found.person_id


# -- the public reads, one record at a time ----------------------------------------------------


def person_by_id(store: GraphStore, person_id: str) -> Person | None:
    return store.get_people([person_id]).get(person_id)


def customer_by_id(store: GraphStore, external_id: str) -> Customer | None:
    return store.get_customers([external_id]).get(external_id)


def channel_of(store: GraphStore, platform: str, venue: str) -> Channel | None:
    uid = channel_uid(platform, venue)
    return next((found for found in store.list_channels() if found.uid == uid), None)


def topic_keys(store: GraphStore) -> set[str]:
    """The keys of the stored topics, read as the API reads them (their daily volumes). Every
    topic a test stores is used by a post, which the store's count of topics checks."""
    keys = {volume.key for volume in store.daily_volumes(VolumeDimension.TOPIC)}
    assert store.counts().topics == len(keys), "a stored topic no post uses"
    return keys
