"""Mastodon REST API Status entities (https://docs.joinmastodon.org/entities/Status/).

A JSON array of statuses or one status per line. A reblog carries the original status: the
original is read as a record of its own, then the reblog as a repost of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ingestion.canonical.record import MAX_PROFILE_LINKS, RecordError
from ingestion.parsers.base import Item, JsonParser, RawRecord, parse_timestamp, require
from ingestion.parsers.text import host_of, html_to_text, web_links_in


def _handle(account: dict[str, Any]) -> str:
    """``user@instance``: local accounts' ``acct`` lacks the instance, their URL has it."""
    acct = require(account, "acct")
    if "@" in acct:
        return str(acct)
    host = host_of(account.get("url"))
    return f"{acct}@{host}" if host else str(acct)


def _author(account: Any) -> dict[str, Any]:
    return {
        "handle": _handle(account),
        "display_name": account.get("display_name") or None,
        "followers": account.get("followers_count"),
        "url": account.get("url"),
        "links": _profile_links(account),
    }


def _profile_links(account: Any) -> list[str]:
    """The links in the profile's fields (Mastodon's "Website: …" metadata)."""
    fields = account.get("fields")
    if not isinstance(fields, list):
        return []
    found = (
        link
        for field in fields
        if isinstance(field, dict) and isinstance(field.get("value"), str)
        for link in web_links_in(field["value"])
    )
    return list(dict.fromkeys(found))[:MAX_PROFILE_LINKS]


class MastodonParser(JsonParser):
    name = "mastodon"
    platform = "mastodon"

    def expand(self, document: RawRecord) -> Iterator[Item]:
        status = document.payload
        reblog = status.get("reblog") if isinstance(status, dict) else None
        if isinstance(reblog, dict):
            yield RawRecord(f"{document.position} (reblogged status)", reblog)
        yield document

    def parse(self, record: RawRecord) -> dict[str, Any]:
        status = record.payload
        status_id = require(status, "id", (str, int))
        account = require(status, "account", dict)
        reblog = status.get("reblog")
        if reblog is not None and not isinstance(reblog, dict):
            raise RecordError("wrong type for reblog")
        source = reblog or status
        text = html_to_text(require(source, "content"))
        spoiler = source.get("spoiler_text")
        if spoiler:
            text = f"{spoiler}\n{text}"
        mentions = (
            [
                {"handle": _handle(m), "url": m.get("url")}
                for m in require(status, "mentions", list)
                if isinstance(m, dict)
            ]
            if status.get("mentions") is not None
            else []
        )
        tags = [
            t["name"] for t in status.get("tags") or [] if isinstance(t, dict) and t.get("name")
        ]
        author = _author(account)
        return {
            "platform": self.platform,
            "id": str(status_id),
            "author": author,
            "text": text,
            "created_at": parse_timestamp(require(status, "created_at"), "created_at"),
            "language": status.get("language") or None,
            "url": status.get("url") or status.get("uri"),
            "metrics": {
                "replies": status.get("replies_count") or 0,
                "shares": status.get("reblogs_count") or 0,
                "likes": status.get("favourites_count") or 0,
            },
            "channel": author["handle"].rsplit("@", 1)[-1] if "@" in author["handle"] else None,
            "reply_to": str(status["in_reply_to_id"]) if status.get("in_reply_to_id") else None,
            "shares": str(reblog["id"]) if reblog and reblog.get("id") else None,
            "share_kind": "repost" if reblog else None,
            "mentions": mentions,
            "hashtags": tags,
        }
