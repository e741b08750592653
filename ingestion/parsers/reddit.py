"""Reddit dump lines as in the Pushshift-style archives: submissions and comments.

A submission has ``title``/``selftext``; a comment has ``body``, ``parent_id`` (``t1_`` a
comment, ``t3_`` a submission) and ``link_id``. Post ids are Reddit fullnames (``t3_abc``,
``t1_xyz``) so that ``parent_id`` names the parent directly. Reddit escapes ``&``, ``<`` and
``>`` in titles and bodies as HTML entities; they are decoded.
"""

from __future__ import annotations

import html
from typing import Any

from ingestion.canonical.record import RecordError
from ingestion.parsers.base import JsonParser, RawRecord, parse_timestamp, require
from ingestion.parsers.text import hashtags_in, reddit_users_in

_DELETED = {"[deleted]", "[removed]"}


class RedditParser(JsonParser):
    name = "reddit"
    platform = "reddit"

    def parse(self, record: RawRecord) -> dict[str, Any]:
        thing = record.payload
        short_id = str(require(thing, "id", (str, int)))
        author = require(thing, "author")
        if author in _DELETED:
            raise RecordError("author deleted")
        subreddit = require(thing, "subreddit")
        if "body" in thing:
            body = require(thing, "body")
            fullname, text = f"t1_{short_id}", html.unescape(body)
            parent = require(thing, "parent_id")
            if not parent.startswith(("t1_", "t3_")):
                raise RecordError(f"bad parent_id: {parent[:40]!r}")
        elif "title" in thing:
            fullname, parent = f"t3_{short_id}", None
            parts = (require(thing, "title"), thing.get("selftext"))
            text = html.unescape("\n\n".join(p for p in parts if p))
        else:
            raise RecordError("neither a submission (title) nor a comment (body)")
        if text in _DELETED:
            raise RecordError("text deleted")
        permalink = thing.get("permalink")
        return {
            "platform": self.platform,
            "id": fullname,
            "author": {"handle": author, "url": f"https://www.reddit.com/user/{author}"},
            "text": text,
            "created_at": parse_timestamp(
                require(thing, "created_utc", (int, float, str)), "created_utc"
            ),
            "url": f"https://www.reddit.com{permalink}" if permalink else None,
            "metrics": {
                "likes": max(0, int(thing.get("score") or 0)),
                **({"replies": int(thing["num_comments"])} if thing.get("num_comments") else {}),
            },
            "channel": f"r/{subreddit}",
            "reply_to": parent,
            "mentions": [{"handle": user} for user in reddit_users_in(text)],
            "hashtags": hashtags_in(text),
        }
