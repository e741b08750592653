"""The embedded store: the graph in a SQLite database inside the data directory.

No server to run, durable (WAL journal, ``synchronous=FULL``: a committed batch survives a
kill -9 and a power cut) and safe for several threads and processes (one connection per
thread; writers serialise on SQLite's write lock with ``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from graph.embedded.bookkeeping import BookkeepingMixin
from graph.embedded.correlate import CorrelateMixin
from graph.embedded.erasure import ErasureMixin
from graph.embedded.insights import InsightsMixin
from graph.embedded.people import PeopleMixin
from graph.embedded.posts import PostReadsMixin
from graph.embedded.rankings import RankingsMixin
from graph.embedded.schema import (
    ACCOUNT_INTERACTION_SELECTS,
    DDL,
    INTERACTION_SELECTS,
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLES,
    interaction_columns,
)
from graph.embedded.sql import iso, json_list, post_window
from graph.model.bookkeeping import Counts, UpsertResult
from graph.model.keys import account_uid
from graph.model.nodes import (
    Account,
    AspectTarget,
    Customer,
    CustomerLink,
    Interaction,
    Post,
    Product,
    Touchpoint,
)
from graph.store.contract import StoreUnavailable
from graph.store.rows import (
    PostBatch,
    Row,
    interactions_from_rows,
    post_batch,
)

if TYPE_CHECKING:
    from graph.model.stream import InteractionStream


def _links(row: Row) -> str | None:
    return json.dumps(row["links"]) if row["links"] else None


class EmbeddedGraphStore(
    RankingsMixin,
    ErasureMixin,
    PeopleMixin,
    InsightsMixin,
    CorrelateMixin,
    BookkeepingMixin,
    PostReadsMixin,
):
    """`GraphStore` on SQLite, durable in ``data_dir``."""

    backend = "embedded"

    # -- lifecycle -------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        with self._transaction() as con:
            row = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
            version = SCHEMA_VERSION
            if row is not None:
                stored = con.execute(
                    "SELECT value FROM meta WHERE key = 'schema_version'"
                ).fetchone()
                version = int(stored[0]) if stored else SCHEMA_VERSION
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for table, column, kind in MIGRATIONS[target]:
                    present = {row[1] for row in con.execute(f"PRAGMA table_info({table})")}
                    # A table the store does not have yet comes whole from the DDL below.
                    if present and column not in present:
                        con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
            for statement in DDL.split(";"):
                if statement.strip():
                    con.execute(statement)
            con.execute(
                "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )

    def ping(self) -> None:
        try:
            self._query("SELECT 1")
        except sqlite3.Error as error:
            raise StoreUnavailable(f"embedded store unusable: {error}") from error

    def clear(self) -> None:
        with self._transaction() as con:
            for table in TABLES:
                con.execute(f"DELETE FROM {table}")

    # -- writes ----------------------------------------------------------------------------

    def _write_accounts(self, con: sqlite3.Connection, rows: list[Row], now: str) -> int:
        existing = self._existing(con, "account", "uid", [row["uid"] for row in rows])
        new = [row for row in rows if row["uid"] not in existing]
        con.executemany(
            "INSERT INTO person(id, display_name, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO NOTHING",
            [(row["person_id"], row["display_name"], now) for row in new],
        )
        con.executemany(
            "INSERT INTO account(uid, platform, handle, display_name, followers, url, links, "
            "person_id, created_at) VALUES (:uid, :platform, :handle, :display_name, "
            ":followers, :url, :links, :person_id, :now)",
            [{**row, "links": _links(row), "now": now} for row in new],
        )
        con.executemany(
            "UPDATE account SET display_name = coalesce(:display_name, display_name), "
            "followers = coalesce(:followers, followers), url = coalesce(:url, url), "
            "links = coalesce(:links, links) WHERE uid = :uid",
            [{**row, "links": _links(row)} for row in rows if row["uid"] in existing],
        )
        return len(new)

    def _write_channels(self, con: sqlite3.Connection, rows: list[Row], now: str) -> int:
        existing = self._existing(con, "channel", "uid", [row["uid"] for row in rows])
        con.executemany(
            "INSERT INTO channel(uid, platform, venue, kind, first_seen_at) "
            "VALUES (:uid, :platform, :venue, :kind, :seen) "
            "ON CONFLICT(uid) DO UPDATE SET kind = excluded.kind, "
            "first_seen_at = min(channel.first_seen_at, excluded.first_seen_at)",
            [{**row, "seen": _first_seen(row, now)} for row in rows],
        )
        return len({row["uid"] for row in rows} - existing)

    def prepare_posts(self, posts: Sequence[Post]) -> PostBatch:
        batch = post_batch(posts)
        for row in batch.posts:
            row["created_at"] = iso(row["created_at"])
            row["metrics"] = json.dumps(row["metrics"], sort_keys=True)
        return batch

    def write_posts(self, batch: PostBatch) -> UpsertResult:
        now = iso(datetime.now(UTC))
        post_rows = [{**row, "now": now} for row in batch.posts]
        with self._transaction() as con:
            self._write_accounts(con, batch.accounts, now)
            self._write_channels(con, batch.channels, now)
            con.executemany(
                "INSERT INTO topic(key, display, kind) VALUES (:key, :display, :kind) "
                "ON CONFLICT(key) DO NOTHING",
                batch.topics,
            )
            existing = self._existing(con, "post", "uid", [row["uid"] for row in post_rows])
            con.executemany(
                "INSERT INTO post(uid, platform, external_id, author_uid, text, created_at, "
                "language, url, metrics, channel_uid, reply_to_uid, shares_uid, share_kind, "
                "reported_by, ingested_at, sentiment, sentiment_score, intent) VALUES (:uid, "
                ":platform, :external_id, :author_uid, :text, :created_at, :language, :url, "
                ":metrics, :channel_uid, :reply_to_uid, :shares_uid, :share_kind, :reported_by, "
                ":now, :sentiment, :sentiment_score, :intent) "
                "ON CONFLICT(uid) DO UPDATE SET text = excluded.text, "
                "language = coalesce(excluded.language, post.language), "
                "url = coalesce(excluded.url, post.url), "
                "metrics = json_patch(post.metrics, excluded.metrics), "
                "channel_uid = coalesce(excluded.channel_uid, post.channel_uid), "
                "reply_to_uid = coalesce(excluded.reply_to_uid, post.reply_to_uid), "
                "shares_uid = coalesce(excluded.shares_uid, post.shares_uid), "
                "share_kind = coalesce(excluded.share_kind, post.share_kind), "
                "reported_by = coalesce(excluded.reported_by, post.reported_by), "
                "sentiment = coalesce(excluded.sentiment, post.sentiment), "
                "sentiment_score = coalesce(excluded.sentiment_score, post.sentiment_score), "
                "intent = coalesce(excluded.intent, post.intent)",
                post_rows,
            )
            con.executemany(
                "INSERT INTO post_mention(post_uid, account_uid) VALUES (:post_uid, "
                ":account_uid) ON CONFLICT DO NOTHING",
                batch.mentions,
            )
            con.executemany(
                "INSERT INTO post_topic(post_uid, topic_key) VALUES (:post_uid, :topic_key) "
                "ON CONFLICT DO NOTHING",
                batch.tags,
            )
            for target, table in (
                (AspectTarget.TOUCHPOINT, "touchpoint"),
                (AspectTarget.PRODUCT, "product"),
            ):
                con.executemany(
                    f"INSERT INTO {table}(key, name) VALUES (:key, :key) "
                    "ON CONFLICT(key) DO NOTHING",
                    [row for row in batch.aspects if row["target"] == target.value],
                )
            con.executemany(
                "INSERT INTO post_aspect(post_uid, target, key, sentiment, score) "
                "VALUES (:post_uid, :target, :key, :sentiment, :score) "
                "ON CONFLICT DO UPDATE SET sentiment = excluded.sentiment, "
                "score = excluded.score",
                batch.aspects,
            )
        created = len(post_rows) - len(existing)
        return UpsertResult(created=created, existing=batch.submitted - created)

    def _upsert_named(self, table: str, rows: list[tuple[str, str]]) -> UpsertResult:
        with self._transaction() as con:
            existing = self._existing(con, table, "key", [key for key, _ in rows])
            con.executemany(
                f"INSERT INTO {table}(key, name) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET name = excluded.name",
                rows,
            )
        created = len({key for key, _ in rows} - existing)
        return UpsertResult(created=created, existing=len(rows) - created)

    def upsert_touchpoints(self, touchpoints: Sequence[Touchpoint]) -> UpsertResult:
        return self._upsert_named("touchpoint", [(t.key, t.name) for t in touchpoints])

    def upsert_products(self, products: Sequence[Product]) -> UpsertResult:
        return self._upsert_named("product", [(p.key, p.name) for p in products])

    def upsert_customers(self, customers: Sequence[Customer]) -> UpsertResult:
        rows = [
            (
                c.external_id,
                c.first_name,
                c.last_name,
                c.email,
                c.city,
                c.lifetime_value,
                json_list(c.handles),
            )
            for c in customers
        ]
        with self._transaction() as con:
            existing = self._existing(con, "customer", "external_id", [r[0] for r in rows])
            con.executemany(
                "INSERT INTO customer(external_id, first_name, last_name, email, city, "
                "lifetime_value, handles) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(external_id) DO UPDATE "
                "SET first_name = excluded.first_name, last_name = excluded.last_name, "
                "email = excluded.email, city = excluded.city, "
                "lifetime_value = excluded.lifetime_value, handles = excluded.handles",
                rows,
            )
        created = len({r[0] for r in rows} - existing)
        return UpsertResult(created=created, existing=len(rows) - created)

    def link_customers(self, links: Sequence[CustomerLink]) -> int:
        rows = [
            (link.person_id, link.customer_id, link.confidence, json.dumps(link.evidence))
            for link in links
        ]
        with self._transaction() as con:
            cursor = con.executemany(
                "INSERT INTO customer_link(person_id, customer_id, confidence, evidence) "
                "SELECT p.id, c.external_id, ?3, ?4 FROM person p, customer c "
                "WHERE p.id = ?1 AND c.external_id = ?2 "
                "ON CONFLICT DO UPDATE SET confidence = excluded.confidence, "
                "evidence = excluded.evidence",
                rows,
            )
            return cursor.rowcount

    # -- reads -----------------------------------------------------------------------------

    def get_account(self, platform: str, handle: str) -> Account | None:
        rows = self._query(
            f"SELECT {self._ACCOUNT_COLUMNS} FROM account WHERE uid = ?",
            (account_uid(platform, handle),),
        )
        return self._account(rows[0]) if rows else None

    def accounts_of(self, person_ids: Sequence[str]) -> dict[str, list[Account]]:
        result: dict[str, list[Account]] = {person: [] for person in person_ids}
        rows = self._query(
            f"SELECT {self._ACCOUNT_COLUMNS} FROM account "
            "WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY platform, handle",
            (json_list(person_ids),),
        )
        for row in rows:
            account = self._account(row)
            result[account.person_id or ""].append(account)
        return result

    def counts(self) -> Counts:
        row = self._query(
            "SELECT (SELECT count(*) FROM person), (SELECT count(*) FROM account), "
            "(SELECT count(*) FROM post), (SELECT count(*) FROM topic), "
            "(SELECT count(*) FROM channel), (SELECT count(*) FROM community)"
        )[0]
        return Counts(*row)

    def interactions(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        person_ids: Sequence[str] | None = None,
    ) -> Iterator[Interaction]:
        window, params = post_window(since, until)
        if person_ids is None:
            owners = dict(self._query("SELECT uid, person_id FROM account"))
            sql = " UNION ALL ".join(
                s.format(where=window, post=", p.uid") for s in ACCOUNT_INTERACTION_SELECTS
            )
            yield from interactions_from_rows(self._rows(sql, params), owners)
            return
        params["people"] = json_list(person_ids)
        # One filtered SELECT per side keeps each branch on an index.
        selects = [
            select.format(
                where=f"{window} AND {side}.person_id IN (SELECT value FROM json_each(:people))"
            )
            for select in INTERACTION_SELECTS
            for side in ("src", "dst")
        ]
        yield from interactions_from_rows(self._rows(" UNION ".join(selects), params))

    def interaction_stream(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> InteractionStream:
        from graph.model.stream import iso_seconds, stream_from_columns  # numpy: when ranking

        window, params = post_window(since, until)
        owners = dict(self._packed("SELECT uid, person_id FROM account", (), 2))
        pages = self._windows("post", interaction_columns(window), params)
        return stream_from_columns(pages, owners, iso_seconds)


def _first_seen(row: Row, now: str) -> str:
    """A channel is first seen at its earliest post known, never later than now."""
    return min(now, iso(row["first_post_at"]))
