"""YouTube Data API v3 ``commentThreads.list`` responses
(https://developers.google.com/youtube/v3/docs/commentThreads).

One response per line or a JSON array of responses. Each thread's top-level comment is a
post on the video's channel; each reply is a post replying to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ingestion.canonical.record import RecordError
from ingestion.parsers.base import (
    Item,
    JsonParser,
    RawRecord,
    Unreadable,
    json_text,
    parse_timestamp,
    require,
)
from ingestion.parsers.text import hashtags_in, html_to_text, mentions_in


class YouTubeParser(JsonParser):
    name = "youtube"
    platform = "youtube"

    def expand(self, document: RawRecord) -> Iterator[Item]:
        position, response = document.position, document.payload
        if not isinstance(response, dict) or not isinstance(response.get("items"), list):
            yield Unreadable(position, json_text(response), "not a commentThreads list response")
            return
        for index, thread in enumerate(response["items"], start=1):
            where = f"{position} thread {index}"
            snippet = thread.get("snippet") if isinstance(thread, dict) else None
            if not isinstance(snippet, dict):
                yield Unreadable(where, json_text(thread), "thread without snippet")
                continue
            context = {"videoId": snippet.get("videoId"), "channelId": snippet.get("channelId")}
            yield RawRecord(where, snippet.get("topLevelComment"), context)
            replies = (thread.get("replies") or {}).get("comments") or []
            for number, reply in enumerate(replies, start=1):
                yield RawRecord(f"{where} reply {number}", reply, context)

    def parse(self, record: RawRecord) -> dict[str, Any]:
        comment = record.payload
        comment_id = require(comment, "id")
        snippet = require(comment, "snippet", dict)
        channel_id = (snippet.get("authorChannelId") or {}).get("value")
        display = snippet.get("authorDisplayName")
        handle = channel_id or display
        if not handle:
            raise RecordError("missing author")
        text = snippet.get("textOriginal")
        if text is None:
            text = html_to_text(require(snippet, "textDisplay"))
        video = snippet.get("videoId") or record.context.get("videoId")
        channel = snippet.get("channelId") or record.context.get("channelId")
        return {
            "platform": self.platform,
            "id": comment_id,
            "author": {
                "handle": handle,
                "display_name": display,
                "url": snippet.get("authorChannelUrl"),
            },
            "text": text,
            "created_at": parse_timestamp(require(snippet, "publishedAt"), "publishedAt"),
            "url": f"https://www.youtube.com/watch?v={video}&lc={comment_id}" if video else None,
            "metrics": {"likes": snippet.get("likeCount") or 0},
            "channel": f"channel/{channel}" if channel else None,
            "reply_to": snippet.get("parentId"),
            "mentions": [{"handle": m} for m in mentions_in(text)],
            "hashtags": hashtags_in(text),
        }
