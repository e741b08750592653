"""Reading posts back from the embedded store: posts with their mentions, topics and
aspects, and conversation threads (see `graph.store.contract.GraphStore`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from graph.embedded.base import SqliteBase
from graph.embedded.sql import json_list
from graph.model.nodes import Aspect, AspectTarget, Intent, Sentiment, ShareKind, StoredPost, Thread
from graph.store.contract import MAX_THREAD_POSTS

_MAX_ANCESTORS = 10_000


class PostReadsMixin(SqliteBase):
    """Post reads for `EmbeddedGraphStore` (on the connection helpers of `SqliteBase`)."""

    _POST_COLUMNS = (
        "uid, platform, external_id, author_uid, text, created_at, language, url, metrics, "
        "channel_uid, reply_to_uid, shares_uid, share_kind, reported_by, sentiment, "
        "sentiment_score, intent"
    )

    def _posts(self, rows: list[tuple[Any, ...]]) -> list[StoredPost]:
        uids = [row[0] for row in rows]
        ids = (json_list(uids),)
        mentions: dict[str, list[str]] = {}
        for post, account in self._query(
            "SELECT post_uid, account_uid FROM post_mention "
            "WHERE post_uid IN (SELECT value FROM json_each(?)) ORDER BY account_uid",
            ids,
        ):
            mentions.setdefault(post, []).append(account)
        topics: dict[str, list[str]] = {}
        for post, topic in self._query(
            "SELECT post_uid, topic_key FROM post_topic "
            "WHERE post_uid IN (SELECT value FROM json_each(?)) ORDER BY topic_key",
            ids,
        ):
            topics.setdefault(post, []).append(topic)
        aspects: dict[str, list[Aspect]] = {}
        for post, target, key, sentiment, score in self._query(
            "SELECT post_uid, target, key, sentiment, score FROM post_aspect "
            "WHERE post_uid IN (SELECT value FROM json_each(?)) ORDER BY target, key",
            ids,
        ):
            aspects.setdefault(post, []).append(
                Aspect(AspectTarget(target), key, Sentiment(sentiment), score)
            )
        posts = []
        for row in rows:
            (
                uid,
                platform,
                external_id,
                author_uid,
                text,
                created_at,
                language,
                url,
                metrics,
                channel,
                reply_to,
                shares,
                share_kind,
                reported_by,
                sentiment,
                sentiment_score,
                intent,
            ) = row
            posts.append(
                StoredPost(
                    uid=uid,
                    platform=platform,
                    external_id=external_id,
                    author_uid=author_uid,
                    text=text,
                    created_at=datetime.fromisoformat(created_at),
                    language=language,
                    url=url,
                    metrics=json.loads(metrics),
                    channel_uid=channel,
                    reply_to_uid=reply_to,
                    shares_uid=shares,
                    share_kind=ShareKind(share_kind) if share_kind else None,
                    reported_by=reported_by,
                    sentiment=Sentiment(sentiment) if sentiment else None,
                    sentiment_score=sentiment_score,
                    intent=Intent(intent) if intent else None,
                    mention_uids=tuple(mentions.get(uid, ())),
                    topic_keys=tuple(topics.get(uid, ())),
                    aspects=tuple(aspects.get(uid, ())),
                )
            )
        return posts

    def get_posts(self, uids: Sequence[str]) -> dict[str, StoredPost]:
        rows = self._query(
            f"SELECT {self._POST_COLUMNS} FROM post WHERE uid IN (SELECT value FROM json_each(?))",
            (json_list(uids),),
        )
        return {post.uid: post for post in self._posts(rows)}

    def thread(self, post_uid: str, limit: int = MAX_THREAD_POSTS) -> Thread | None:
        root = self._query(
            "WITH RECURSIVE up(uid, depth) AS ("
            " SELECT uid, 0 FROM post WHERE uid = ?"
            " UNION"
            " SELECT parent.uid, up.depth + 1 FROM up"
            " JOIN post child ON child.uid = up.uid"
            " JOIN post parent ON parent.uid = child.reply_to_uid"
            " WHERE up.depth < ?"
            ") SELECT uid FROM up ORDER BY depth DESC LIMIT 1",
            (post_uid, _MAX_ANCESTORS),
        )
        if not root:
            return None
        root_uid = root[0][0]
        rows = self._query(
            "WITH RECURSIVE down(uid) AS ("
            " SELECT ? UNION SELECT p.uid FROM post p JOIN down ON p.reply_to_uid = down.uid"
            f") SELECT {self._POST_COLUMNS} FROM post WHERE uid IN (SELECT uid FROM down) "
            "ORDER BY created_at, uid LIMIT ?",
            (root_uid, limit),
        )
        return Thread(root_uid=root_uid, posts=tuple(self._posts(rows)))
