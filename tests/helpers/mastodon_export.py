"""Mastodon statuses for tests that build their own exports."""

from __future__ import annotations

import json
from typing import Any

from graph.model.keys import post_uid


def status(
    sid: str,
    handle: str = "giulia",
    text: str = "ciao",
    reply_to: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A public status by ``handle@mastodon.social``, replying to ``reply_to`` if given."""
    return {
        "id": sid,
        "created_at": f"2026-10-01T09:{int(sid) % 60:02d}:00Z",
        "in_reply_to_id": reply_to,
        "language": "it",
        "url": f"https://mastodon.social/@{handle}/{sid}",
        "content": f"<p>{text}</p>",
        "account": {
            "acct": handle,
            "url": f"https://mastodon.social/@{handle}",
            "display_name": handle.title(),
        },
        **extra,
    }


def uid(sid: str) -> str:
    return post_uid("mastodon", sid)


def as_array(statuses: list[dict[str, Any]]) -> bytes:
    """A pretty-printed JSON array, as export tools write them."""
    return json.dumps(statuses, indent=1, ensure_ascii=False).encode()
