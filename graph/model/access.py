"""API keys and the roles they carry.

A key is shown once, when it is created; the store keeps only its SHA-256 digest (keys are
32 random bytes, so a fast digest is as safe as a slow one and costs nothing per request).
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

KEY_PREFIX = "osk_"


class Role(enum.StrEnum):
    """What a key may do; each role includes the ones before it."""

    VIEWER = "viewer"
    """Read everything the API serves."""
    MANAGER = "manager"
    """Also run the programme and identity mutations, report conversations, push data."""
    ADMIN = "admin"
    """Also erase people and change configuration."""

    def allows(self, needed: Role) -> bool:
        """
        >>> Role.ADMIN.allows(Role.MANAGER), Role.VIEWER.allows(Role.MANAGER)
        (True, False)
        """
        order = list(Role)
        return order.index(self) >= order.index(needed)


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A stored key: its id, role and name, never the key itself."""

    id: str
    digest: str
    role: Role
    name: str
    created_at: datetime
    revoked_at: datetime | None = None


class KeyStore(Protocol):
    """The part of the store contract keys need (`graph.store.people.PeopleContract`)."""

    def save_api_key(self, key: ApiKey) -> None: ...

    def api_key(self, digest: str) -> ApiKey | None: ...

    def api_keys(self) -> list[ApiKey]: ...


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> tuple[str, str]:
    """A fresh (key id, secret key): the id names the key in listings, the secret is the
    bearer token."""
    return secrets.token_hex(6), KEY_PREFIX + secrets.token_urlsafe(32)


def create_key(store: KeyStore, role: Role, name: str, now: datetime) -> tuple[ApiKey, str]:
    """Create and store a key; returns it with its secret, which is not kept anywhere."""
    key_id, secret = new_key()
    key = ApiKey(key_id, key_digest(secret), role, name, now)
    store.save_api_key(key)
    return key, secret


def authenticate(store: KeyStore, token: str | None) -> ApiKey | None:
    """The active key whose secret is ``token``, or None."""
    if not token:
        return None
    key = store.api_key(key_digest(token))
    return key if key is not None and key.revoked_at is None else None


def first_admin_key(store: KeyStore, now: datetime) -> str | None:
    """On an install without keys, create an admin key and return its secret (to show
    once); None when keys exist."""
    if store.api_keys():
        return None
    return create_key(store, Role.ADMIN, "first admin (created on first start)", now)[1]
