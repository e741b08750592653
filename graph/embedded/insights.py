"""The read views of the embedded store for the API (see
`graph.store.insights.InsightsContract`): aggregated in SQL, batched over people."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from graph.embedded.base import SqliteBase
from graph.embedded.schema import INTERACTION_SELECTS
from graph.embedded.sql import (
    customer_from_row,
    decay_params,
    decay_weight,
    json_list,
    parse,
    post_window,
)
from graph.model.insights import DailyVolume, PostPage, TopicCount, VolumeDimension
from graph.model.network import KindTie
from graph.model.nodes import Account, Channel, ChannelKind, Customer, InteractionKind

_PEOPLE = "(SELECT value FROM json_each(:people))"

# Daily volumes, one statement per dimension: key, UTC day, posts, scored, sentiment sum.
# ``{where}`` takes conditions on the post ``p``.
_VOLUMES = {
    VolumeDimension.TOPIC: (
        "SELECT pt.topic_key, substr(p.created_at, 1, 10), count(*), count(p.sentiment_score), "
        "coalesce(sum(p.sentiment_score), 0) FROM post_topic pt "
        "JOIN post p ON p.uid = pt.post_uid WHERE 1 {where} GROUP BY 1, 2 ORDER BY 1, 2"
    ),
    VolumeDimension.TOUCHPOINT: (
        "SELECT pa.key, substr(p.created_at, 1, 10), count(*), count(*), sum(pa.score) "
        "FROM post_aspect pa JOIN post p ON p.uid = pa.post_uid "
        "WHERE pa.target = 'touchpoint' {where} GROUP BY 1, 2 ORDER BY 1, 2"
    ),
    VolumeDimension.CHANNEL: (
        "SELECT p.channel_uid, substr(p.created_at, 1, 10), count(*), count(p.sentiment_score), "
        "coalesce(sum(p.sentiment_score), 0) FROM post p "
        "WHERE p.channel_uid IS NOT NULL {where} GROUP BY 1, 2 ORDER BY 1, 2"
    ),
    VolumeDimension.COMMUNITY: (
        "SELECT m.community_id, substr(p.created_at, 1, 10), count(*), "
        "count(p.sentiment_score), coalesce(sum(p.sentiment_score), 0) FROM post p "
        "JOIN account a ON a.uid = p.author_uid JOIN membership m ON m.person_id = a.person_id "
        "WHERE 1 {where} GROUP BY 1, 2 ORDER BY 1, 2"
    ),
}


def _volume(row: Sequence[Any]) -> DailyVolume:
    key, day, posts, scored, total = row
    return DailyVolume(key, date.fromisoformat(day), posts, scored, float(total))


class InsightsMixin(SqliteBase):
    """`InsightsContract` for `EmbeddedGraphStore` (on the connection helpers of `SqliteBase`)."""

    def posts_of(self, person_ids: Sequence[str], first: int, offset: int) -> dict[str, PostPage]:
        people = {"people": json_list(person_ids)}
        totals = dict(
            self._query(
                "SELECT a.person_id, count(*) FROM account a JOIN post p ON p.author_uid = a.uid "
                f"WHERE a.person_id IN {_PEOPLE} GROUP BY a.person_id",
                people,
            )
        )
        pages: dict[str, list[str]] = {person: [] for person in person_ids}
        for person, uid in self._query(
            "SELECT person_id, uid FROM (SELECT a.person_id, p.uid, row_number() OVER ("
            " PARTITION BY a.person_id ORDER BY p.created_at DESC, p.uid DESC) AS n"
            f" FROM account a JOIN post p ON p.author_uid = a.uid WHERE a.person_id IN {_PEOPLE})"
            " WHERE n > :offset AND n <= :offset + :first ORDER BY person_id, n",
            {**people, "offset": offset, "first": first},
        ):
            pages[person].append(uid)
        posts = self.get_posts([uid for uids in pages.values() for uid in uids])
        return {
            person: PostPage(tuple(posts[uid] for uid in uids), int(totals.get(person, 0)))
            for person, uids in pages.items()
        }

    def topics_of(self, person_ids: Sequence[str], first: int) -> dict[str, list[TopicCount]]:
        result: dict[str, list[TopicCount]] = {person: [] for person in person_ids}
        for person, key, display, posts in self._query(
            "SELECT person_id, key, display, posts FROM (SELECT a.person_id, t.key, t.display,"
            " count(*) AS posts, row_number() OVER ("
            "  PARTITION BY a.person_id ORDER BY count(*) DESC, t.key) AS n"
            " FROM account a JOIN post p ON p.author_uid = a.uid"
            " JOIN post_topic pt ON pt.post_uid = p.uid JOIN topic t ON t.key = pt.topic_key"
            f" WHERE a.person_id IN {_PEOPLE} GROUP BY a.person_id, t.key)"
            " WHERE n <= :first ORDER BY person_id, n",
            {"people": json_list(person_ids), "first": first},
        ):
            result[person].append(TopicCount(key, display, posts))
        return result

    def opinions_of(self, person_ids: Sequence[str]) -> dict[str, list[DailyVolume]]:
        result: dict[str, list[DailyVolume]] = {person: [] for person in person_ids}
        for person, *volume in self._query(
            "SELECT a.person_id, '', substr(p.created_at, 1, 10), count(*),"
            " count(p.sentiment_score), coalesce(sum(p.sentiment_score), 0)"
            " FROM account a JOIN post p ON p.author_uid = a.uid"
            f" WHERE a.person_id IN {_PEOPLE} GROUP BY 1, 3"
            " UNION ALL "
            "SELECT a.person_id, pa.key, substr(p.created_at, 1, 10), count(*), count(*),"
            " sum(pa.score) FROM account a JOIN post p ON p.author_uid = a.uid"
            " JOIN post_aspect pa ON pa.post_uid = p.uid AND pa.target = 'touchpoint'"
            f" WHERE a.person_id IN {_PEOPLE} GROUP BY 1, 2, 3"
            " ORDER BY 1, 2, 3",
            {"people": json_list(person_ids)},
        ):
            result[person].append(_volume(volume))
        return result

    def ties(
        self,
        person_ids: Sequence[str],
        now: datetime,
        half_life: timedelta,
        among: bool = False,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[KindTie]:
        window, params = post_window(since, until)
        sides = [f"AND src.person_id IN {_PEOPLE} AND dst.person_id IN {_PEOPLE}"]
        if not among:
            sides = [f"AND {side}.person_id IN {_PEOPLE}" for side in ("src", "dst")]
        # One SELECT per kind and side, each on an index; UNION drops an interaction found
        # from both sides.
        union = " UNION ".join(
            select.format(where=f"{window} {side}")
            for select in INTERACTION_SELECTS
            for side in sides
        )
        rows = self._query(
            f"WITH i(s, t, k, at, uid) AS ({union}) SELECT s, t, k, count(*),"
            f" sum({decay_weight('at')})"
            " FROM i GROUP BY s, t, k",
            {
                **params,
                "people": json_list(person_ids),
                **decay_params(now, half_life),
            },
        )
        return [
            KindTie(source, target, InteractionKind(kind), count, decayed)
            for source, target, kind, count, decayed in rows
        ]

    def search_people(self, text: str, first: int, offset: int = 0) -> list[str]:
        needle = text.casefold().strip()
        rows = self._query(
            "SELECT id FROM (SELECT p.id FROM person p WHERE instr(lower(p.display_name), :q)"
            " UNION SELECT a.person_id FROM account a"
            " WHERE instr(a.handle, :q) OR instr(lower(a.display_name), :q))"
            " ORDER BY id LIMIT :first OFFSET :offset",
            {"q": needle, "first": first, "offset": offset},
        )
        return [person for (person,) in rows]

    def get_accounts(self, uids: Sequence[str]) -> dict[str, Account]:
        rows = self._query(
            f"SELECT uid, {self._ACCOUNT_COLUMNS} FROM account "
            "WHERE uid IN (SELECT value FROM json_each(?))",
            (json_list(uids),),
        )
        return {row[0]: self._account(row[1:]) for row in rows}

    def get_customers(self, ids: Sequence[str]) -> dict[str, Customer]:
        rows = self._query(
            "SELECT external_id, first_name, last_name, email, city, lifetime_value, handles "
            "FROM customer WHERE external_id IN (SELECT value FROM json_each(?))",
            (json_list(ids),),
        )
        return {row[0]: customer_from_row(row) for row in rows}

    def list_channels(self) -> list[Channel]:
        return [
            Channel(platform, venue, ChannelKind(kind), parse(first_seen))
            for platform, venue, kind, first_seen in self._query(
                "SELECT platform, venue, kind, first_seen_at FROM channel ORDER BY uid"
            )
        ]

    def daily_volumes(
        self,
        dimension: VolumeDimension,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[DailyVolume]:
        window, params = post_window(since, until)
        rows = self._query(_VOLUMES[dimension].format(where=window), params)
        return [_volume(row) for row in rows]
