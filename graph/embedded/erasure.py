"""Erasure and retention for `EmbeddedGraphStore`: the rows a person or an old post leaves
behind are found through the links, so nothing derived survives them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime

from graph.embedded.base import SqliteBase
from graph.embedded.people import delete_person
from graph.embedded.sql import iso, json_list
from graph.model.people import ERASED, Erasure, Redaction, post_suppression_key

# The posts being removed, for the statements that follow their links.
_GONE = "gone_post"
_IN_GONE = f"IN (SELECT uid FROM {_GONE})"


class ErasureMixin(SqliteBase):
    """`erase_person` and `drop_posts_older_than` (on the connection helpers of `SqliteBase`)."""

    @staticmethod
    def _drop_gone_posts(con: sqlite3.Connection) -> int:
        """Delete the posts in `_GONE` with what hangs on them, cut others' links to them,
        and drop topics and channels no post uses any more; how many posts went."""
        con.execute(f"UPDATE post SET reply_to_uid = NULL WHERE reply_to_uid {_IN_GONE}")
        con.execute(f"UPDATE post SET shares_uid = NULL WHERE shares_uid {_IN_GONE}")
        used = f"SELECT topic_key FROM post_topic WHERE post_uid {_IN_GONE}"
        topics = [key for (key,) in con.execute(used)]
        used = f"SELECT channel_uid FROM post WHERE uid {_IN_GONE} AND channel_uid IS NOT NULL"
        channels = [uid for (uid,) in con.execute(used)]
        for table in ("post_mention", "post_topic", "post_aspect", "conversation"):
            con.execute(f"DELETE FROM {table} WHERE post_uid {_IN_GONE}")
        gone = con.execute(f"DELETE FROM post WHERE uid {_IN_GONE}").rowcount
        con.execute(
            "DELETE FROM topic WHERE key IN (SELECT value FROM json_each(?)) "
            "AND NOT EXISTS (SELECT 1 FROM post_topic WHERE topic_key = topic.key)",
            (json_list(topics),),
        )
        con.execute(
            "DELETE FROM channel WHERE uid IN (SELECT value FROM json_each(?)) "
            "AND NOT EXISTS (SELECT 1 FROM post WHERE channel_uid = channel.uid)",
            (json_list(channels),),
        )
        con.execute(f"DROP TABLE {_GONE}")
        return max(gone, 0)

    def erase_person(
        self,
        person_id: str,
        suppression_keys: Sequence[str],
        quarantine_needles: Sequence[str],
        redaction: Redaction,
    ) -> Erasure | None:
        with self._transaction() as con:
            if not con.execute("SELECT 1 FROM person WHERE id = ?", (person_id,)).fetchone():
                return None
            accounts = [
                uid
                for (uid,) in con.execute(
                    "SELECT uid FROM account WHERE person_id = ?", (person_id,)
                )
            ]
            owned = json_list(accounts)
            in_owned = "IN (SELECT value FROM json_each(?))"
            con.execute(
                f"CREATE TEMP TABLE {_GONE} AS SELECT uid FROM post WHERE author_uid {in_owned}",
                (owned,),
            )
            # A plain repost of her post is a copy of her words; a quote keeps its own.
            copies = f"SELECT uid FROM post WHERE share_kind = 'repost' AND shares_uid {_IN_GONE}"
            for table in ("post_topic", "post_aspect"):
                con.execute(f"DELETE FROM {table} WHERE post_uid IN ({copies})")
            redacted = {
                uid
                for (uid,) in con.execute(
                    f"UPDATE post SET text = ?, sentiment = NULL, sentiment_score = NULL, "
                    f"intent = NULL WHERE uid IN ({copies}) RETURNING uid",
                    (ERASED,),
                ).fetchall()
            }
            con.execute(f"DELETE FROM post_mention WHERE account_uid {in_owned}", (owned,))
            keys = [post_suppression_key(uid) for (uid,) in con.execute(f"SELECT uid FROM {_GONE}")]
            erased_posts = self._drop_gone_posts(con)
            redacted |= self._redact_texts(con, redaction)
            alerts = [
                a for (a,) in con.execute("SELECT id FROM alert WHERE subject = ?", (person_id,))
            ]
            con.execute(
                "DELETE FROM webhook_delivery WHERE alert_id IN (SELECT value FROM json_each(?))",
                (json_list(alerts),),
            )
            con.execute("DELETE FROM alert WHERE subject = ?", (person_id,))
            con.execute(
                "DELETE FROM customer WHERE external_id IN (SELECT customer_id FROM "
                "customer_link WHERE person_id = ?1) AND NOT EXISTS (SELECT 1 FROM customer_link "
                "l WHERE l.customer_id = customer.external_id AND l.person_id <> ?1)",
                (person_id,),
            )
            con.execute("DELETE FROM account WHERE person_id = ?", (person_id,))
            con.execute(f"DELETE FROM brand_account WHERE account_uid {in_owned}", (owned,))
            con.execute(
                "DELETE FROM identity_event WHERE person_id = ?1 OR other_id = ?1", (person_id,)
            )
            con.execute(
                "DELETE FROM identity_link WHERE person_id = ?1 OR target_id = ?1", (person_id,)
            )
            delete_person(con, person_id)
            for cid, profile in con.execute(
                "SELECT id, profile FROM community WHERE profile IS NOT NULL"
            ).fetchall():
                data = json.loads(profile)
                if person_id in data.get("top_voices", []):
                    data["top_voices"] = [p for p in data["top_voices"] if p != person_id]
                    con.execute(
                        "UPDATE community SET profile = ? WHERE id = ?", (json.dumps(data), cid)
                    )
            con.executemany(
                "DELETE FROM quarantine WHERE instr(lower(payload), lower(?)) > 0",
                [(needle,) for needle in quarantine_needles],
            )
            now = iso(datetime.now(UTC))
            con.executemany(
                "INSERT INTO suppression(key, at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(key, now) for key in [*suppression_keys, *keys]],
            )
        return Erasure(person_id, len(accounts), erased_posts, len(redacted))

    @staticmethod
    def _redact_texts(con: sqlite3.Connection, redaction: Redaction) -> set[str]:
        """Pass every post text holding one of the needles through the redaction; the uids
        of those it changed."""
        if not redaction.needles:
            return set()
        condition = " OR ".join("instr(lower(text), ?) > 0" for _ in redaction.needles)
        found = con.execute(
            f"SELECT uid, text FROM post WHERE {condition}", redaction.needles
        ).fetchall()
        changed = [(new, uid) for uid, text in found if (new := redaction.apply(text)) != text]
        con.executemany("UPDATE post SET text = ? WHERE uid = ?", changed)
        return {uid for _, uid in changed}

    def drop_posts_older_than(self, cutoff: datetime) -> int:
        with self._transaction() as con:
            con.execute(f"CREATE TEMP TABLE {_GONE} (uid TEXT PRIMARY KEY) WITHOUT ROWID")
            con.execute(
                f"INSERT INTO {_GONE} SELECT uid FROM post WHERE created_at < ?", (iso(cutoff),)
            )
            # Plain reposts of them are copies of their words: they go with them.
            con.execute(
                f"INSERT OR IGNORE INTO {_GONE} SELECT uid FROM post "
                f"WHERE share_kind = 'repost' AND shares_uid {_IN_GONE}"
            )
            return self._drop_gone_posts(con)
