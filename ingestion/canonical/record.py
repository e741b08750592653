"""The canonical post record: what every parser produces and the ``jsonl`` format reads.

Validated with pydantic; its JSON Schema is committed as ``ingestion/canonical.schema.json``
(``osmosi schema --record`` prints it, a test keeps the two equal).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from graph.model.nodes import Account, Channel, ChannelKind, Post, ShareKind, Topic

MAX_RECORD_BYTES = 1_000_000
"""A raw record larger than this (1 MB, serialised) is quarantined unread, with its first MB."""
MAX_PROFILE_LINKS = 10
MAX_TEXT_CHARS = 40_000
"""Longer texts are rejected: no platform allows them, so they are not posts."""


def no_nul(value: str) -> str:
    """A key without NUL characters: no platform has them, and SQLite would cut the key
    short at one (two different keys would then collide)."""
    if "\x00" in value:
        raise ValueError("contains a NUL character")
    return value


Key = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(no_nul),
]
"""What names a node: a handle, a post or customer id."""
Handle = Key
Link = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Identifier = Key
MetricName = Literal["likes", "shares", "replies", "quotes", "views"]


class RecordError(ValueError):
    """A record cannot become a post; ``reason`` says why, for the quarantine."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AuthorRecord(BaseModel):
    """An account as a post names it."""

    model_config = ConfigDict(extra="forbid")

    handle: Handle
    display_name: Annotated[str, StringConstraints(max_length=500)] | None = None
    followers: Annotated[int, Field(ge=0)] | None = None
    url: Annotated[str, StringConstraints(max_length=2000)] | None = None
    links: Annotated[
        list[
            Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
        ],
        Field(max_length=MAX_PROFILE_LINKS),
    ] = Field(default_factory=list)
    """Links the profile shows (the owner's sites), e.g. Mastodon's profile fields."""

    def to_account(self, platform: str) -> Account:
        return Account(
            platform=platform,
            handle=self.handle,
            display_name=self.display_name,
            followers=self.followers,
            url=self.url,
            links=tuple(dict.fromkeys(self.links)),
        )


class CanonicalPost(BaseModel):
    """One post, platform-neutral. ``id``, ``reply_to`` and ``shares`` are the platform's ids."""

    model_config = ConfigDict(extra="forbid")

    platform: Annotated[
        str,
        StringConstraints(
            strip_whitespace=True, to_lower=True, pattern=r"^[a-z0-9][a-z0-9_.-]{0,39}$"
        ),
    ]
    id: Identifier
    author: AuthorRecord
    text: Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS)]
    created_at: AwareDatetime
    language: (
        Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")] | None
    ) = None
    url: Annotated[str, StringConstraints(max_length=2000)] | None = None
    metrics: dict[MetricName, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)
    channel: (
        Annotated[
            str,
            StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
            AfterValidator(no_nul),
        ]
        | None
    ) = None
    channel_kind: ChannelKind | None = None
    reply_to: Identifier | None = None
    shares: Identifier | None = None
    share_kind: ShareKind | None = None
    reported_by: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
        | None
    ) = None
    mentions: list[AuthorRecord] = Field(default_factory=list, max_length=200)
    hashtags: list[
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    ] = Field(default_factory=list, max_length=200)

    @field_validator("hashtags")
    @classmethod
    def _hashtags_have_letters(cls, tags: list[str]) -> list[str]:
        return [tag for tag in (t.lstrip("#") for t in tags) if tag]

    def to_post(self, channel_kinds: Mapping[str, ChannelKind]) -> Post:
        """The domain post; the channel kind comes from the record, else ``channel_kinds``
        (keys ``platform:venue`` or ``platform``), else `appeal`."""
        channel = None
        if self.channel:
            kind = (
                self.channel_kind
                or channel_kinds.get(f"{self.platform}:{self.channel.casefold()}")
                or channel_kinds.get(self.platform)
                or ChannelKind.APPEAL
            )
            channel = Channel(self.platform, self.channel, kind)
        share_kind = self.share_kind or (ShareKind.REPOST if self.shares else None)
        return Post(
            platform=self.platform,
            external_id=self.id,
            author=self.author.to_account(self.platform),
            text=self.text,
            created_at=self.created_at,
            language=self.language,
            url=self.url,
            metrics={str(name): value for name, value in self.metrics.items()},
            channel=channel,
            reply_to=self.reply_to,
            shares=self.shares,
            share_kind=share_kind,
            reported_by=self.reported_by,
            mentions=tuple(mention.to_account(self.platform) for mention in self.mentions),
            topics=tuple(dict.fromkeys(Topic.from_text(tag) for tag in self.hashtags)),
        )


def validate_record(data: Mapping[str, object]) -> CanonicalPost:
    """Validate parser output; the first problem becomes the rejection reason."""
    try:
        return CanonicalPost.model_validate(data)
    except ValidationError as error:
        raise RecordError(first_error(error)) from None


def first_error(error: ValidationError) -> str:
    """A validation failure as a rejection reason: its first problem and where."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "record"
    return f"invalid {where}: {first['msg']}"


def canonical_json_schema() -> str:
    schema = CanonicalPost.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Osmosi canonical post"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
