"""Relay-style pages (``first``/``after``, at most `MAX_PAGE`) with opaque offset cursors."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from typing import Generic, TypeVar

import strawberry

from server.graphql.core.limits import MAX_PAGE, UserError

T = TypeVar("T")


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


@strawberry.type(description="Where a page ends, and whether another follows.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether more items follow this page.")
    end_cursor: str | None = strawberry.field(
        description="Pass as `after` for the next page; null on an empty page."
    )


@strawberry.type(description="One item of a page, with the cursor that pages on after it.")
class Edge(Generic[T]):
    node: T = strawberry.field(description="The item.")
    cursor: str = strawberry.field(description="Opaque; pass as `after` to start after it.")


@strawberry.type(description="A page of items: `first` (1 to 100) after the cursor `after`.")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The page's items, in order.")
    page_info: PageInfo = strawberry.field(description="Where the page ends.")
    total_count: int | None = strawberry.field(
        default=None, description="How many items there are in all, where it is known."
    )


def connection(
    nodes: Sequence[T], size: int, offset: int, total: int | None = None
) -> Connection[T]:
    """A page from up to ``size + 1`` nodes read from ``offset`` (one more than shown tells
    whether another page follows)."""
    edges = [
        Edge(node=node, cursor=encode_cursor(offset + i + 1)) for i, node in enumerate(nodes[:size])
    ]
    has_next = len(nodes) > size if total is None else offset + len(edges) < total
    return Connection(
        edges=edges,
        page_info=PageInfo(has_next_page=has_next, end_cursor=edges[-1].cursor if edges else None),
        total_count=total,
    )
