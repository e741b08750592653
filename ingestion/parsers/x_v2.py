"""X API v2 response pages (https://docs.x.com/x-api/fundamentals/data-dictionary).

One page per line or a JSON array of pages; each page has ``data`` (tweets) and
``includes.users`` (their authors). Tweets in ``includes.tweets`` (the ones replied to, quoted
or retweeted) are read as records too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ingestion.canonical.record import MAX_PROFILE_LINKS, RecordError
from ingestion.parsers.base import (
    Item,
    JsonParser,
    RawRecord,
    Unreadable,
    json_text,
    parse_timestamp,
    require,
)

_REFERENCE_KINDS = {"replied_to": "reply_to", "quoted": "quote", "retweeted": "repost"}


def _profile_links(user: dict[str, Any]) -> list[str]:
    """The user's website and the links in their bio, expanded (``entities.url`` and
    ``entities.description``)."""
    entities = user.get("entities")
    found: list[str] = []
    for part in ("url", "description"):
        section = entities.get(part) if isinstance(entities, dict) else None
        urls = section.get("urls") if isinstance(section, dict) else None
        for url in urls if isinstance(urls, list) else []:
            expanded = url.get("expanded_url") if isinstance(url, dict) else None
            if isinstance(expanded, str) and expanded.startswith(("http://", "https://")):
                found.append(expanded)
    return list(dict.fromkeys(found))[:MAX_PROFILE_LINKS]


class XV2Parser(JsonParser):
    name = "x-v2"
    platform = "x"

    def expand(self, document: RawRecord) -> Iterator[Item]:
        position, page = document.position, document.payload
        if not isinstance(page, dict) or not isinstance(page.get("data", []), list | dict):
            yield Unreadable(position, json_text(page), "not an X API v2 response page")
            return
        includes = page.get("includes") or {}
        users = {
            str(user.get("id")): user
            for user in includes.get("users") or []
            if isinstance(user, dict)
        }
        data = page.get("data") or []
        tweets = [data] if isinstance(data, dict) else list(data)
        included = [t for t in includes.get("tweets") or [] if isinstance(t, dict)]
        for label, group in (("included tweet", included), ("tweet", tweets)):
            for index, tweet in enumerate(group, start=1):
                author_id = str(tweet.get("author_id")) if isinstance(tweet, dict) else ""
                yield RawRecord(
                    f"{position} {label} {index}",
                    tweet,
                    {"author": users.get(author_id)},
                )

    def parse(self, record: RawRecord) -> dict[str, Any]:
        tweet = record.payload
        tweet_id = require(tweet, "id", (str, int))
        text = require(tweet, "text")
        require(tweet, "author_id", (str, int))
        user = record.context.get("author")
        if not isinstance(user, dict):
            raise RecordError("author not in includes.users")
        username = require(user, "username")
        links: dict[str, str] = {}
        for reference in tweet.get("referenced_tweets") or []:
            kind = (
                _REFERENCE_KINDS.get(str(reference.get("type")))
                if isinstance(reference, dict)
                else None
            )
            if kind and reference.get("id"):
                links[kind] = str(reference["id"])
        entities = tweet.get("entities") or {}
        metrics = tweet.get("public_metrics") or {}
        share_kind = "quote" if "quote" in links else "repost" if "repost" in links else None
        return {
            "platform": self.platform,
            "id": str(tweet_id),
            "author": {
                "handle": username,
                "display_name": user.get("name"),
                "followers": (user.get("public_metrics") or {}).get("followers_count"),
                "url": f"https://x.com/{username}",
                "links": _profile_links(user),
            },
            "text": text,
            "created_at": parse_timestamp(require(tweet, "created_at"), "created_at"),
            "language": _language(tweet.get("lang")),
            "url": f"https://x.com/{username}/status/{tweet_id}",
            "metrics": {
                "likes": metrics.get("like_count", 0),
                "shares": metrics.get("retweet_count", 0),
                "replies": metrics.get("reply_count", 0),
                "quotes": metrics.get("quote_count", 0),
                **({"views": metrics["impression_count"]} if "impression_count" in metrics else {}),
            },
            "channel": "x.com",
            "reply_to": links.get("reply_to"),
            "shares": links.get("quote") or links.get("repost"),
            "share_kind": share_kind,
            "mentions": [
                {"handle": m["username"]}
                for m in entities.get("mentions") or []
                if isinstance(m, dict) and m.get("username")
            ],
            "hashtags": [
                h["tag"]
                for h in entities.get("hashtags") or []
                if isinstance(h, dict) and h.get("tag")
            ],
        }


def _language(code: Any) -> str | None:
    # X uses "und" (undetermined) and "qme"/"zxx" for media-only tweets.
    if not isinstance(code, str) or code in ("und", "zxx", "qme", "qht", "qam", "qct"):
        return None
    return code
