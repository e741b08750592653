"""The read views of `Neo4jGraphStore` for the API (see
`graph.store.insights.InsightsContract`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from graph.model.insights import DailyVolume, PostPage, TopicCount, VolumeDimension
from graph.model.keys import utc
from graph.model.network import KindTie
from graph.model.nodes import Account, Channel, ChannelKind, Customer, InteractionKind
from graph.neo4j import insights_cypher as cypher
from graph.neo4j.base import Neo4jBase
from graph.neo4j.values import customer, native_datetime, time_window


def _volume(key: str, day: str, posts: int, scored: int, total: float) -> DailyVolume:
    return DailyVolume(key, date.fromisoformat(day), posts, scored, float(total))


class InsightsMixin(Neo4jBase):
    """`InsightsContract` for `Neo4jGraphStore` (on the driver helpers of `Neo4jBase`)."""

    def posts_of(self, person_ids: Sequence[str], first: int, offset: int) -> dict[str, PostPage]:
        result = {person: PostPage((), 0) for person in person_ids}
        for r in self._read(cypher.POSTS_OF, ids=list(person_ids), first=first, offset=offset):
            result[r["id"]] = PostPage(tuple(map(self.stored_post, r["page"])), r["total"])
        return result

    def topics_of(self, person_ids: Sequence[str], first: int) -> dict[str, list[TopicCount]]:
        result: dict[str, list[TopicCount]] = {person: [] for person in person_ids}
        for r in self._read(cypher.TOPICS_OF, ids=list(person_ids), first=first):
            result[r["id"]] = [TopicCount(*topic) for topic in r["topics"]]
        return result

    def opinions_of(self, person_ids: Sequence[str]) -> dict[str, list[DailyVolume]]:
        result: dict[str, list[DailyVolume]] = {person: [] for person in person_ids}
        for r in self._read(cypher.OPINIONS_OF, ids=list(person_ids)):
            result[r["id"]].append(_volume(r["key"], r["day"], r["posts"], r["scored"], r["total"]))
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
        [record] = self._read(
            cypher.TIES[among],
            ids=list(person_ids),
            now=utc(now).timestamp(),
            half_life=half_life.total_seconds(),
            **time_window(since, until),
        )
        return [
            KindTie(source, target, InteractionKind(kind), count, decayed)
            for source, target, kind, count, decayed in record["rows"]
        ]

    def search_people(self, text: str, first: int, offset: int = 0) -> list[str]:
        records = self._read(
            cypher.SEARCH_PEOPLE, q=text.casefold().strip(), first=first, offset=offset
        )
        return [record["id"] for record in records]

    def get_accounts(self, uids: Sequence[str]) -> dict[str, Account]:
        return {
            r["uid"]: self._account(r["account"], r["person_id"])
            for r in self._read(cypher.GET_ACCOUNTS, uids=list(uids))
        }

    def get_customers(self, ids: Sequence[str]) -> dict[str, Customer]:
        return {
            r["external_id"]: customer(r) for r in self._read(cypher.GET_CUSTOMERS, ids=list(ids))
        }

    def list_channels(self) -> list[Channel]:
        return [
            Channel(
                r["platform"],
                r["venue"],
                ChannelKind(r["kind"]),
                native_datetime(r["first_seen_at"]),
            )
            for r in self._read(cypher.LIST_CHANNELS)
        ]

    def daily_volumes(
        self,
        dimension: VolumeDimension,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[DailyVolume]:
        rows = self._packed_rows(cypher.DAILY_VOLUMES[dimension], **time_window(since, until))
        return sorted((_volume(*row) for row in rows), key=lambda v: (v.key, v.day))
