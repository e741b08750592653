"""Small builders of domain objects for tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from graph.model import Account, Channel, Post, Topic

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def account(handle: str, platform: str = "mastodon", **fields: Any) -> Account:
    return Account(platform, handle, **fields)


def post(
    external_id: str,
    author: str,
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
        author=account(author, platform),
        text=text,
        created_at=T0 + timedelta(minutes=minutes),
        mentions=tuple(account(handle, platform) for handle in mentions),
        topics=tuple(Topic.from_text(name) for name in topics),
        channel=fields.pop("channel", Channel(platform, "social.example")),
        **fields,
    )
