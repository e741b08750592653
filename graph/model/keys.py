"""Natural keys of the conversation graph's nodes, built here and nowhere else.

Both stores use these as their uniqueness keys, so writes are idempotent: upserting the same
record twice leaves one node (`account_uid`, `post_uid`, `channel_uid`, `topic_key`,
`person_id_for_account`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
import uuid
from datetime import UTC, datetime

_PLATFORM_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,39}$")


_SCORE_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


# Person ids derived from an account are stable across stores and processes, so concurrent
# writers of the same new account create the same person.
_PERSON_NAMESPACE = uuid.UUID("7d1f6c5e-2b8a-4c1e-9a51-0b9a5f3c2e11")


@functools.lru_cache(maxsize=256)  # a handful of platforms, named in every key
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
