"""Domain model of the conversation graph.

The nodes are people, their accounts on each platform, posts, topics, channels, brand
touchpoints and products, communities and CRM customers. Every node has a natural key
(`graph.model.keys`) that both stores use as their uniqueness key.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from graph.model.keys import account_uid, channel_uid, post_uid, topic_key


class ChannelKind(enum.StrEnum):
    """Where a channel sits relative to the business (see the seeds' listening map)."""

    APPEAL = "appeal"
    VERTICAL = "vertical"
    PERIPHERAL = "peripheral"


class TopicKind(enum.StrEnum):
    HASHTAG = "hashtag"
    KEYPHRASE = "keyphrase"


class ShareKind(enum.StrEnum):
    REPOST = "repost"
    QUOTE = "quote"


class InteractionKind(enum.StrEnum):
    """Person-to-person interactions that the interaction graph is projected from."""

    REPLY = "reply"
    MENTION = "mention"
    REPOST = "repost"
    QUOTE = "quote"


class Sentiment(enum.StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    NEUTRAL = "neutral"


class Intent(enum.StrEnum):
    """What a post wants, for routing: questions to care, ideas to product, praise to advocacy."""

    QUESTION = "question"
    COMPLAINT = "complaint"
    PRAISE = "praise"
    PURCHASE = "purchase"
    IDEA = "idea"
    OTHER = "other"


class AspectTarget(enum.StrEnum):
    TOUCHPOINT = "touchpoint"
    PRODUCT = "product"
    BRAND = "brand"
    """The brand itself, named by one of its aliases (key `BRAND_KEY`)."""


BRAND_KEY = "brand"
"""The key of the brand's own aspect (a lexicon names one brand)."""


class Affiliation(enum.StrEnum):
    """How an account belongs to the brand: kept out of the rankings of its audience."""

    OWNED = "owned"
    """One of the brand's own accounts."""
    STAFF = "staff"
    """An employee's account: a listening point (their reports count), never an advocate."""


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    display_name: str | None = None
    community_id: str | None = None
    scores: Mapping[str, float] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)
    factors: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    """Score name -> the factors behind that score (what explains the ranking)."""
    """Named classes from the rankings, e.g. ``advocacy`` → ``potential_advocate``."""


@dataclass(frozen=True, slots=True)
class Account:
    platform: str
    handle: str
    display_name: str | None = None
    followers: int | None = None
    url: str | None = None
    person_id: str | None = None
    links: tuple[str, ...] = ()
    """Links the account's profile shows (its owner's own sites), for identity resolution."""

    @property
    def uid(self) -> str:
        return account_uid(self.platform, self.handle)


@dataclass(frozen=True, slots=True)
class Topic:
    key: str
    display: str
    kind: TopicKind = TopicKind.HASHTAG

    @classmethod
    def from_text(cls, text: str, kind: TopicKind = TopicKind.HASHTAG) -> Topic:
        display = text.strip().lstrip("#")
        return cls(key=topic_key(display), display=display, kind=kind)


@dataclass(frozen=True, slots=True)
class Channel:
    platform: str
    venue: str
    kind: ChannelKind = ChannelKind.APPEAL
    first_seen_at: datetime | None = None
    """The time of the earliest post stored from it (an import of its history shows how
    long it has been active), never later than when the store first saw it."""

    @property
    def uid(self) -> str:
        return channel_uid(self.platform, self.venue)


@dataclass(frozen=True, slots=True)
class Touchpoint:
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class Product:
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class Community:
    """A community found by the last ranking, and what it is about."""

    id: str
    size: int
    label: str | None = None
    computed_at: datetime | None = None
    top_voices: tuple[str, ...] = ()
    """Person ids of its most influential members."""
    top_topics: tuple[str, ...] = ()
    main_channels: tuple[str, ...] = ()
    average_sentiment: float | None = None


@dataclass(frozen=True, slots=True)
class Customer:
    external_id: str
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    city: str | None = None
    lifetime_value: float | None = None
    handles: tuple[str, ...] = ()
    """Account uids (`account_uid`) the CRM record lists for the customer."""


@dataclass(frozen=True, slots=True)
class CustomerLink:
    """Evidence that a person is a CRM customer; never applied without a reason."""

    person_id: str
    customer_id: str
    confidence: float
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Aspect:
    """Sentiment a post expresses toward one touchpoint or product."""

    target: AspectTarget
    key: str
    sentiment: Sentiment
    score: float


@dataclass(frozen=True, slots=True)
class Post:
    """A post as stored: its own fields plus the keys of what it links to."""

    platform: str
    external_id: str
    author: Account
    text: str
    created_at: datetime
    language: str | None = None
    url: str | None = None
    metrics: Mapping[str, int] = field(default_factory=dict)
    channel: Channel | None = None
    reply_to: str | None = None
    """External id (same platform) of the post this one replies to."""
    shares: str | None = None
    """External id (same platform) of the post this one reposts or quotes."""
    share_kind: ShareKind | None = None
    reported_by: str | None = None
    """The team member who reported this conversation, if it came from a report."""
    mentions: tuple[Account, ...] = ()
    topics: tuple[Topic, ...] = ()
    aspects: tuple[Aspect, ...] = ()
    sentiment: Sentiment | None = None
    sentiment_score: float | None = None
    """From -1 (negative) to 1 (positive)."""
    intent: Intent | None = None

    @property
    def uid(self) -> str:
        return post_uid(self.platform, self.external_id)

    @property
    def reply_to_uid(self) -> str | None:
        return post_uid(self.platform, self.reply_to) if self.reply_to else None

    @property
    def shares_uid(self) -> str | None:
        return post_uid(self.platform, self.shares) if self.shares else None


@dataclass(frozen=True, slots=True)
class StoredPost:
    """A post read back from a store."""

    uid: str
    platform: str
    external_id: str
    author_uid: str
    text: str
    created_at: datetime
    language: str | None
    url: str | None
    metrics: Mapping[str, int]
    channel_uid: str | None
    reply_to_uid: str | None
    shares_uid: str | None
    share_kind: ShareKind | None
    reported_by: str | None = None
    mention_uids: tuple[str, ...] = ()
    topic_keys: tuple[str, ...] = ()
    aspects: tuple[Aspect, ...] = ()
    sentiment: Sentiment | None = None
    sentiment_score: float | None = None
    intent: Intent | None = None


class Interaction(NamedTuple):
    """One person-to-person interaction, carried by one post (a tuple: the rankings read
    millions, and a tuple is made several times faster than a frozen dataclass)."""

    source: str
    target: str
    kind: InteractionKind
    at: datetime
    post_uid: str


@dataclass(frozen=True, slots=True)
class Thread:
    """A conversation tree: the root post and every reply below it."""

    root_uid: str
    posts: tuple[StoredPost, ...]
