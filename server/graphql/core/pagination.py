"""Bounded pages and opaque offset cursors."""

from __future__ import annotations

import base64
import binascii

from server.graphql.core.limits import UserError

MAX_PAGE = 100


def page_size(first: int, limit: int = MAX_PAGE) -> int:
    """``first`` checked against the bounds every list field shares."""
    if not 1 <= first <= limit:
        raise UserError(f"first must be between 1 and {limit}")
    return first


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """The offset after ``cursor`` (0 without one); a malformed cursor is the client's error."""
    if cursor is None:
        return 0
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        offset = int(value)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise UserError("invalid cursor") from None
    if kind != "offset" or offset < 0:
        raise UserError("invalid cursor")
    return offset
