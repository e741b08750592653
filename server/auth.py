"""API-key checks for the push and report endpoints."""

from __future__ import annotations

import hmac

from pydantic import SecretStr


class Unauthorized(Exception):
    """Missing or wrong key."""


class Disabled(Exception):
    """The feature needs a key that is not configured."""


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def check_ingest_key(configured: SecretStr | None, authorization: str | None) -> None:
    """Raise unless ``authorization`` carries the configured key (compared in constant time)."""
    if configured is None or not configured.get_secret_value():
        raise Disabled("push ingestion is disabled: set OSMOSI_INGEST_API_KEY")
    token = bearer_token(authorization)
    if token is None or not hmac.compare_digest(
        token.encode(), configured.get_secret_value().encode()
    ):
        raise Unauthorized("missing or invalid API key")
