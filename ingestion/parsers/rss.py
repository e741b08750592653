"""RSS 2.0 and Atom feeds of blogs and forums, read with feedparser.

Each entry is a post by the entry's author, else the feed's author, else the feed itself; the
channel is the feed's site.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO, Any

from ingestion.canonical.record import RecordError
from ingestion.parsers.base import Item, Parser, RawRecord, Unreadable, decode, encodable
from ingestion.parsers.text import hashtags_in, host_of, html_to_text, mentions_in


class RssParser(Parser):
    name = "rss"
    platform = "rss"

    def read(self, stream: IO[bytes]) -> Iterator[Item]:
        import feedparser  # here: parser_for builds every parser, and feedparser is slow to load

        data = stream.read()
        try:
            feed = feedparser.parse(data)
        except Exception as error:  # feedparser's own failures on hostile markup
            yield Unreadable("document", decode(data), f"not a feed: {type(error).__name__}")
            return
        if feed.bozo and not feed.entries:
            reason = f"not a feed: {type(feed.get('bozo_exception')).__name__}"
            yield Unreadable("document", decode(data), reason)
            return
        meta = feed.feed
        site = meta.get("link") or meta.get("id") or ""
        context = {
            "site": host_of(site) or meta.get("title") or "feed",
            "feed_author": meta.get("author") or meta.get("title") or host_of(site) or "feed",
            "feed_url": site,
        }
        for index, entry in enumerate(feed.entries, start=1):
            content = entry.get("content") or []
            record = RawRecord(
                f"entry {index}",
                {
                    "id": entry.get("id") or entry.get("link"),
                    "link": entry.get("link"),
                    "title": entry.get("title"),
                    "body": (content[0].get("value") if content else None) or entry.get("summary"),
                    "author": entry.get("author"),
                    "published": _timestamp(
                        entry.get("published_parsed") or entry.get("updated_parsed")
                    ),
                    "tags": [t.get("term") for t in entry.get("tags") or [] if t.get("term")],
                    "language": (content[0].get("language") if content else None)
                    or meta.get("language"),
                },
                context,
            )
            # A character reference to half a surrogate pair is decoded as one.
            if encodable(record.payload):
                yield record
            else:
                raw = json.dumps(record.payload, default=str)
                yield Unreadable(record.position, raw, "not UTF-8: half a surrogate pair")

    def parse(self, record: RawRecord) -> dict[str, Any]:
        entry = record.payload
        if not isinstance(entry, dict) or not entry.get("id"):
            raise RecordError("missing id")
        if not entry.get("published"):
            raise RecordError("bad date: entry has no published or updated date")
        text = "\n\n".join(
            part for part in (entry.get("title"), html_to_text(entry.get("body") or "")) if part
        )
        author = entry.get("author") or record.context["feed_author"]
        language = (entry.get("language") or "").split("-")[0].lower() or None
        return {
            "platform": self.platform,
            "id": entry["id"],
            "author": {
                "handle": author,
                "display_name": author,
                "url": record.context.get("feed_url"),
            },
            "text": text,
            "created_at": entry["published"],
            "language": language,
            "url": entry.get("link"),
            "channel": record.context["site"],
            "mentions": [{"handle": m} for m in mentions_in(text)],
            "hashtags": [*entry.get("tags", []), *hashtags_in(text)],
        }


def _timestamp(parsed: Any) -> str | None:
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).isoformat()
