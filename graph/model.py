"""Domain model of the conversation graph.

The nodes are people, their accounts on each platform, posts, topics, channels, brand
touchpoints and products, communities and CRM customers. Every node has a natural key that
both stores use as their uniqueness key, so writes are idempotent: upserting the same record
twice leaves one node.

Keys are built here and nowhere else (`account_uid`, `post_uid`, `channel_uid`, `topic_key`,
`person_id_for_account`).
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple

_PLATFORM_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,39}$")
_SCORE_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# Person ids derived from an account are stable across stores and processes, so concurrent
# writers of the same new account create the same person.
_PERSON_NAMESPACE = uuid.UUID("7d1f6c5e-2b8a-4c1e-9a51-0b9a5f3c2e11")


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


def normalize_platform(platform: str) -> str:
    """Return the canonical platform name, or raise ``ValueError``."""
    value = platform.strip().lower()
    if not _PLATFORM_RE.match(value):
        raise ValueError(f"invalid platform name: {platform!r}")
    return value


def normalize_handle(handle: str) -> str:
    """Handles compare case-insensitively and without a leading ``@``."""
    value = handle.strip().lstrip("@").casefold()
    if not value:
        raise ValueError("empty handle")
    return value


# Keys are recomputed for every mention of the same few accounts and topics in a batch.
@functools.lru_cache(maxsize=65536)
def account_uid(platform: str, handle: str) -> str:
    return f"{normalize_platform(platform)}:{normalize_handle(handle)}"


def post_uid(platform: str, external_id: str) -> str:
    external_id = external_id.strip()
    if not external_id:
        raise ValueError("empty post id")
    return f"{normalize_platform(platform)}:{external_id}"


@functools.lru_cache(maxsize=4096)
def channel_uid(platform: str, venue: str) -> str:
    venue = venue.strip().casefold()
    if not venue:
        raise ValueError("empty channel venue")
    return f"{normalize_platform(platform)}:{venue}"


def casefold_unaccented(text: str) -> str:
    """Text compared without case, accents or runs of white space.

    >>> casefold_unaccented("Perché  Sì")
    'perche si'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


@functools.lru_cache(maxsize=65536)
def topic_key(name: str) -> str:
    """Normalise a hashtag or keyphrase: no ``#``, case-folded, accents removed.

    >>> topic_key("#Caffè")
    'caffe'
    >>> topic_key("Servizio  Clienti")
    'servizio clienti'
    """
    key = casefold_unaccented(name.strip().lstrip("#"))
    if not key:
        raise ValueError("empty topic")
    return key


@functools.lru_cache(maxsize=65536)
def person_id_for_account(uid: str) -> str:
    """The id of the person created for an account that has none yet."""
    return str(uuid.uuid5(_PERSON_NAMESPACE, f"account:{uid}"))


def validate_score_name(name: str) -> str:
    """Score names become property keys, so only code-chosen identifiers pass."""
    if not _SCORE_NAME_RE.match(name):
        raise ValueError(f"invalid score name: {name!r}")
    return name


def utc(value: datetime) -> datetime:
    """Timestamps are stored in UTC; naive ones are taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


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
    long it has been active), or when it was created without posts."""

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


@dataclass(frozen=True, slots=True)
class UpsertResult:
    """What a batched upsert did: ``created + existing == submitted``."""

    created: int
    existing: int


@dataclass(frozen=True, slots=True)
class Counts:
    people: int
    accounts: int
    posts: int
    topics: int
    channels: int
    communities: int


class Interaction(NamedTuple):
    """One person-to-person interaction, carried by one post (a tuple: the rankings read
    millions, and a tuple is made several times faster than a frozen dataclass)."""

    source: str
    target: str
    kind: InteractionKind
    at: datetime
    post_uid: str


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """People within k interaction hops of a centre person, and the edges among them."""

    center: str
    hops: Mapping[str, int]
    """Person id -> distance in hops from the centre (the centre is at 0)."""
    interactions: tuple[Interaction, ...]
    truncated: bool = False
    """Whether people were left out to respect the size cap."""


@dataclass(frozen=True, slots=True)
class Opinions:
    """A person's analysed posts (those with a sentiment score), summed by the store.

    Each post also counts with the weight ``0.5 ** (age / half_life)``, the decay of the
    interactions, so that what someone said last month outweighs what they said last year.
    """

    posts: int
    sentiment_total: float
    """The sum of the posts' scores."""
    volume: float
    """The sum of the posts' decay weights."""
    decayed_sentiment_total: float
    """The sum of each post's score times its decay weight."""

    @property
    def mean_sentiment(self) -> float:
        return self.sentiment_total / self.posts if self.posts else 0.0

    @property
    def decayed_sentiment(self) -> float:
        """The decay-weighted mean score, -1 to 1."""
        return self.decayed_sentiment_total / self.volume if self.volume else 0.0


@dataclass(frozen=True, slots=True)
class BrandOpinions:
    """What a person said about the brand: their analysed posts with an aspect (the brand,
    its products or touchpoints), each one vote, weighted by the same decay as `Opinions`.
    A complaint votes against the brand and praise for it whatever the label; any other
    post votes its label if it names the brand, and is a neutral vote if it only names a
    product or touchpoint ("packaging waste from coffee pods" is about pods, not about
    the brand that sells them). (The post's label beats its aspects' on planted worlds: a
    clause says less than the whole post; and intent cues catch what the label misses.)"""

    posts: int
    positive: float
    """Decayed votes of positive aspects."""
    negative: float
    neutral: float
    polar_squares: float | None = None
    """The sum of the squared decay weights of the positive and negative votes, from which
    `graph.ranking.advocacy.stance` counts how many posts the votes are worth; ``None``
    when every vote weighs 1."""


@dataclass(frozen=True, slots=True)
class AffiliatedAccount:
    """An account marked as the brand's own or an employee's."""

    account_uid: str
    affiliation: Affiliation
    person_id: str | None = None
    """The person holding the account, once it has been seen."""


def person_affiliations(accounts: Iterable[AffiliatedAccount]) -> dict[str, Affiliation]:
    """Each person's tie to the brand from their marked accounts: owned wins over staff.

    >>> person_affiliations([AffiliatedAccount("x:a", Affiliation.STAFF, "p1"),
    ...                      AffiliatedAccount("x:b", Affiliation.OWNED, "p1"),
    ...                      AffiliatedAccount("x:c", Affiliation.OWNED)])
    {'p1': <Affiliation.OWNED: 'owned'>}
    """
    people: dict[str, Affiliation] = {}
    for account in accounts:
        if account.person_id is not None and people.get(account.person_id) is not Affiliation.OWNED:
            people[account.person_id] = account.affiliation
    return people


@dataclass(frozen=True, slots=True)
class PeopleActivity:
    """What the rankings need to know about people beyond their interactions."""

    followers: Mapping[str, int]
    """Person -> followers summed over their accounts (people with known counts)."""
    opinions: Mapping[str, Opinions]
    """Person -> their analysed posts, summed (people with such posts)."""
    topics: Mapping[str, Mapping[str, int]]
    """Person -> topic key -> how many of their posts carry it."""
    channels: Mapping[str, Mapping[str, int]]
    """Person -> channel uid -> how many of their posts appeared there."""
    customers: frozenset[str]
    """People linked to a CRM customer."""
    communities: Mapping[str, str]
    """Person -> community id, as the last ranking left them."""
    brand_opinions: Mapping[str, BrandOpinions] = field(default_factory=dict)
    """Person -> what they said about the brand (people with such posts)."""
    affiliations: Mapping[str, Affiliation] = field(default_factory=dict)
    """Person -> their tie to the brand (owned wins over staff), for the people marked."""


@dataclass(frozen=True, slots=True)
class Thread:
    """A conversation tree: the root post and every reply below it."""

    root_uid: str
    posts: tuple[StoredPost, ...]


@dataclass(frozen=True, slots=True)
class QuarantineEntry:
    """A record that could not be stored, kept whole with the reason, for review and replay."""

    id: str
    format: str
    source: str
    position: str
    reason: str
    payload: str
    """The raw record as JSON (or the raw text of an unreadable piece)."""
    context: str
    """JSON context the parser needs to replay the record."""
    at: datetime


@dataclass(frozen=True, slots=True)
class IngestCounts:
    """Outcome of ingesting records: ``read == stored + duplicates + rejected``."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0

    def __add__(self, other: IngestCounts) -> IngestCounts:
        return IngestCounts(
            self.read + other.read,
            self.stored + other.stored,
            self.duplicates + other.duplicates,
            self.rejected + other.rejected,
        )


class JobState(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class IngestJob:
    """A background ingest: its chunks' counts add up to its totals."""

    id: str
    format: str
    source: str
    state: JobState
    created_at: datetime
    chunks_total: int | None = None
    chunks_done: int = 0
    counts: IngestCounts = field(default_factory=IngestCounts)
    error: str | None = None

    @property
    def status(self) -> JobState:
        """The job's state, `DONE` as soon as every chunk has reported."""
        if self.state is JobState.FAILED:
            return JobState.FAILED
        if self.chunks_total is not None and self.chunks_done >= self.chunks_total:
            return JobState.DONE
        return self.state
