"""The Neo4j backend: `GraphStore` over the official driver.

Writes run in managed write transactions (``execute_write``, retried by the driver on
transient errors), each statement an ``UNWIND $rows`` batch; reads run in read transactions,
which a ``neo4j://`` (routing) driver sends to a cluster's followers. Every MERGE key has a
uniqueness constraint, created idempotently by `ensure_schema`.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

import neo4j
from neo4j import (
    GraphDatabase,
    ManagedTransaction,
    NotificationDisabledClassification,
)
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

from graph.model import (
    Account,
    Aspect,
    AspectTarget,
    Channel,
    ChannelKind,
    Counts,
    Customer,
    CustomerLink,
    Intent,
    Interaction,
    Post,
    Product,
    Sentiment,
    ShareKind,
    StoredPost,
    Thread,
    Topic,
    TopicKind,
    Touchpoint,
    UpsertResult,
    account_uid,
    channel_uid,
)
from graph.neo4j import cypher
from graph.neo4j.bookkeeping import BookkeepingMixin
from graph.neo4j.correlate import CorrelateMixin
from graph.neo4j.erasure import ErasureMixin
from graph.neo4j.insights import InsightsMixin
from graph.neo4j.people import PeopleMixin
from graph.neo4j.rankings import RankingsMixin
from graph.neo4j.values import cypher_text, native_datetime, time_window
from graph.rows import (
    METRIC_NAMES,
    PostBatch,
    account_rows,
    channel_row,
    interactions_from_rows,
    post_batch,
)
from graph.store import MAX_THREAD_POSTS, GraphStore, StoreUnavailable

if TYPE_CHECKING:
    from graph.stream import InteractionStream

# Whole-graph reads take this many accounts a query, their rows packed in one record.
_ACCOUNTS_PER_PAGE = 2000
# Rewrites of everyone's rankings commit this many rows at a time: one transaction of 200k
# property changes takes twice as long, most of it spent holding the transaction's state.
_ROWS_PER_WRITE = 20_000
# URI schemes of a driver that routes: reads to followers, writes to the leader.
ROUTING_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc")


class Neo4jGraphStore(
    RankingsMixin,
    ErasureMixin,
    PeopleMixin,
    InsightsMixin,
    CorrelateMixin,
    BookkeepingMixin,
    GraphStore,
):
    """`GraphStore` on a Neo4j 5 database reached over Bolt: a single server (``bolt://``)
    or a cluster through its routing driver (``neo4j://``, ``neo4j+s://``)."""

    backend = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        database: str = "neo4j",
        max_connection_pool_size: int = 50,
        connection_timeout: float = 10.0,
    ) -> None:
        self.database = database
        try:
            self._driver = GraphDatabase.driver(
                uri,
                auth=(user, password),
                max_connection_pool_size=max_connection_pool_size,
                connection_timeout=connection_timeout,
                connection_acquisition_timeout=connection_timeout * 6,
                # A transaction is retried (a cluster electing a leader) for as long as a
                # connection may take, not the driver's 30 s: an outage fails a request soon.
                max_transaction_retry_time=connection_timeout,
                # Property keys and types not created yet are expected on a young graph, and
                # `ensure_schema` finds its constraints and indexes there on every start.
                notifications_disabled_classifications=[
                    NotificationDisabledClassification.UNRECOGNIZED,
                    NotificationDisabledClassification.SCHEMA,
                ],
            )
        except (DriverError, ValueError) as error:
            raise StoreUnavailable(f"invalid Neo4j configuration: {error}") from error
        # Through a router, a read may reach a follower that has not yet applied this
        # process's last write: the sessions share bookmarks, so it waits until it has.
        self._bookmarks = (
            self._driver.execute_query_bookmark_manager
            if urlsplit(uri).scheme in ROUTING_SCHEMES
            else None
        )

    # -- plumbing --------------------------------------------------------------------------

    def _session(self) -> neo4j.Session:
        return self._driver.session(database=self.database, bookmark_manager=self._bookmarks)

    def _read(self, statement: str, **params: Any) -> list[neo4j.Record]:
        def work(tx: ManagedTransaction) -> list[neo4j.Record]:
            return self._run(tx, statement, **params)

        try:
            with self._session() as session:
                return session.execute_read(work)
        except (ServiceUnavailable, AuthError) as error:
            raise StoreUnavailable(f"Neo4j unavailable: {error}") from error

    def _packed_rows(self, statement: str, **params: Any) -> Iterator[Any]:
        """The rows of a statement that returns them packed in lists (``RETURN ... AS rows``),
        record by record as they arrive."""
        # An explicit read transaction: rows stream to the caller as they come, which a
        # retried transaction function (collecting them first) could not do.
        try:
            with (
                self._driver.session(
                    database=self.database,
                    default_access_mode=neo4j.READ_ACCESS,
                    bookmark_manager=self._bookmarks,
                ) as session,
                session.begin_transaction() as tx,
            ):
                for record in tx.run(cypher_text(statement), params):
                    yield from record["rows"]
        except (ServiceUnavailable, AuthError) as error:
            raise StoreUnavailable(f"Neo4j unavailable: {error}") from error

    def _write(self, work: Any) -> Any:
        try:
            with self._session() as session:
                return session.execute_write(work)
        except (ServiceUnavailable, AuthError) as error:
            raise StoreUnavailable(f"Neo4j unavailable: {error}") from error

    @staticmethod
    def _run(tx: ManagedTransaction, statement: str, **params: Any) -> list[neo4j.Record]:
        return list(tx.run(cypher_text(statement), params))

    def _write_batches(
        self, statement: str, rows: Sequence[Any], **params: Any
    ) -> list[neo4j.Record]:
        """``statement`` (an ``UNWIND $rows``) over ``rows``, a managed transaction per
        `_ROWS_PER_WRITE`; the records of all batches."""
        records = []
        for start in range(0, len(rows), _ROWS_PER_WRITE):
            batch = rows[start : start + _ROWS_PER_WRITE]
            records += self._write_statement(statement, rows=batch, **params)
        return records

    def _write_statement(self, statement: str, **params: Any) -> list[neo4j.Record]:
        def work(tx: ManagedTransaction) -> list[neo4j.Record]:
            return self._run(tx, statement, **params)

        return cast(list[neo4j.Record], self._write(work))

    def _single_count(self, statement: str, field: str, **params: Any) -> int:
        records = self._write_statement(statement, **params)
        return int(records[0][field]) if records else 0

    # -- lifecycle -------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        for statement in cypher.SCHEMA:
            self._write_statement(statement)
        # Constraints are built asynchronously; writes must not race their creation (awaited
        # where the writes go: on a cluster's leader).
        self._write_statement(cypher.AWAIT_INDEXES)
        self._auto_commit(cypher.FILL_NAME_KEYS)

    def ping(self) -> None:
        try:
            self._driver.verify_connectivity()
        except (DriverError, Neo4jError) as error:
            raise StoreUnavailable(f"Neo4j unavailable: {error}") from error
        self._read(cypher.PING)

    def close(self) -> None:
        self._driver.close()

    def clear(self) -> None:
        self._auto_commit(cypher.CLEAR)

    def _auto_commit(self, statement: str) -> None:
        # CALL ... IN TRANSACTIONS needs an auto-commit transaction.
        with self._session() as session:
            session.run(cypher_text(statement)).consume()

    # -- writes ----------------------------------------------------------------------------

    @staticmethod
    def _now() -> datetime:
        return datetime.now(UTC)

    def upsert_accounts(self, accounts: Sequence[Account]) -> UpsertResult:
        rows = account_rows(accounts)
        created = self._single_count(cypher.UPSERT_ACCOUNTS, "created", rows=rows, now=self._now())
        return UpsertResult(created=created, existing=len(accounts) - created)

    def upsert_channels(self, channels: Sequence[Channel]) -> UpsertResult:
        rows = [channel_row(channel) for channel in channels]
        created = self._single_count(cypher.UPSERT_CHANNELS, "created", rows=rows, now=self._now())
        return UpsertResult(created=created, existing=len(channels) - created)

    def prepare_posts(self, posts: Sequence[Post]) -> PostBatch:
        batch = post_batch(posts)
        for row in batch.posts:
            row["created_at"] = row["created_at"].isoformat()
        return batch

    def write_posts(self, batch: PostBatch) -> UpsertResult:
        now = self._now()
        uids = [row["uid"] for row in batch.posts]
        by_target: dict[str, list[dict[str, Any]]] = {}
        for row in batch.aspects:
            by_target.setdefault(row["target"], []).append(row)

        def work(tx: ManagedTransaction) -> int:
            self._run(tx, cypher.UPSERT_ACCOUNTS, rows=batch.accounts, now=now)
            self._run(tx, cypher.UPSERT_CHANNELS, rows=batch.channels, now=now)
            self._run(tx, cypher.UPSERT_TOPICS, rows=batch.topics)
            records = self._run(
                tx, cypher.UPSERT_POSTS, rows=batch.posts, now=now, batch=secrets.randbits(63)
            )
            for statement in (cypher.LINK_WAITING_REPLIES, cypher.LINK_WAITING_SHARES):
                self._run(tx, statement, uids=uids)
            for target, rows in by_target.items():
                self._run(tx, cypher.LINK_ASPECTS[AspectTarget(target)], rows=rows)
            return int(records[0]["created"]) if records else 0

        created = int(self._write(work))
        return UpsertResult(created=created, existing=batch.submitted - created)

    def _upsert_named(self, label: str, rows: list[dict[str, str]]) -> UpsertResult:
        created = self._single_count(cypher.UPSERT_NAMED[label], "created", rows=rows)
        return UpsertResult(created=created, existing=len(rows) - created)

    def upsert_touchpoints(self, touchpoints: Sequence[Touchpoint]) -> UpsertResult:
        rows = [{"key": t.key, "name": t.name} for t in touchpoints]
        return self._upsert_named("Touchpoint", rows)

    def upsert_products(self, products: Sequence[Product]) -> UpsertResult:
        return self._upsert_named("Product", [{"key": p.key, "name": p.name} for p in products])

    def upsert_customers(self, customers: Sequence[Customer]) -> UpsertResult:
        rows = [asdict(customer) for customer in customers]
        created = self._single_count(cypher.UPSERT_CUSTOMERS, "created", rows=rows)
        return UpsertResult(created=created, existing=len(rows) - created)

    def link_customers(self, links: Sequence[CustomerLink]) -> int:
        rows = [
            {
                "person_id": link.person_id,
                "customer_id": link.customer_id,
                "confidence": link.confidence,
                "evidence": list(link.evidence),
            }
            for link in links
        ]
        return self._single_count(cypher.LINK_CUSTOMERS, "written", rows=rows)

    # -- reads -----------------------------------------------------------------------------

    @staticmethod
    def _account(fields: Mapping[str, Any], person_id: str | None) -> Account:
        return Account(person_id=person_id, **{**fields, "links": tuple(fields.get("links") or ())})

    def get_account(self, platform: str, handle: str) -> Account | None:
        records = self._read(cypher.GET_ACCOUNT, uid=account_uid(platform, handle))
        if not records:
            return None
        return self._account(records[0]["account"], records[0]["person_id"])

    def accounts_of(self, person_ids: Sequence[str]) -> dict[str, list[Account]]:
        result: dict[str, list[Account]] = {person: [] for person in person_ids}
        for person_id, fields in self._packed_rows(cypher.ACCOUNTS_OF, ids=list(person_ids)):
            result[person_id].append(self._account(fields, person_id))
        return result

    @staticmethod
    def stored_post(record: Mapping[str, Any]) -> StoredPost:
        """A post from its `cypher.POST_PROJECTION`."""
        props = record["post"]
        share_kind = props.get("share_kind")
        created_at = datetime.fromisoformat(props["created_at"])
        return StoredPost(
            uid=props["uid"],
            platform=props["platform"],
            external_id=props["external_id"],
            author_uid=props["author_uid"],
            text=props["text"],
            created_at=created_at,
            language=props.get("language"),
            url=props.get("url"),
            metrics={name: props[name] for name in METRIC_NAMES if name in props},
            channel_uid=props.get("channel_uid"),
            reply_to_uid=props.get("reply_to_uid"),
            shares_uid=props.get("shares_uid"),
            share_kind=ShareKind(share_kind) if share_kind else None,
            reported_by=props.get("reported_by"),
            sentiment=Sentiment(props["sentiment"]) if props.get("sentiment") else None,
            sentiment_score=props.get("sentiment_score"),
            intent=Intent(props["intent"]) if props.get("intent") else None,
            mention_uids=tuple(sorted(record["mentions"])),
            topic_keys=tuple(sorted(record["topics"])),
            aspects=tuple(
                sorted(
                    (
                        Aspect(
                            AspectTarget(a["target"]),
                            a["key"],
                            Sentiment(a["sentiment"]),
                            a["score"],
                        )
                        for a in record["aspects"]
                    ),
                    key=lambda aspect: (aspect.target.value, aspect.key),
                )
            ),
        )

    def get_posts(self, uids: Sequence[str]) -> dict[str, StoredPost]:
        rows = self._packed_rows(cypher.GET_POSTS, uids=list(uids))
        return {post.uid: post for post in map(self.stored_post, rows)}

    def get_topic(self, key: str) -> Topic | None:
        records = self._read(cypher.GET_TOPIC, key=key)
        if not records:
            return None
        return Topic(records[0]["key"], records[0]["display"], TopicKind(records[0]["kind"]))

    def get_channel(self, platform: str, venue: str) -> Channel | None:
        records = self._read(cypher.GET_CHANNEL, uid=channel_uid(platform, venue))
        if not records:
            return None
        r = records[0]
        return Channel(
            r["platform"], r["venue"], ChannelKind(r["kind"]), native_datetime(r["first_seen_at"])
        )

    def counts(self) -> Counts:
        return Counts(**self._read(cypher.COUNTS)[0].data())

    def interactions(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        person_ids: Sequence[str] | None = None,
    ) -> Iterator[Interaction]:
        window = time_window(since, until)
        if person_ids is None:
            rows = (
                row for page in self._account_pages(cypher.INTERACTIONS, **window) for row in page
            )
            yield from interactions_from_rows(rows, self._owners())
            return
        records = self._read(cypher.INTERACTIONS_OF_PEOPLE, ids=list(person_ids), **window)
        yield from interactions_from_rows(record.values() for record in records)

    def interaction_stream(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> InteractionStream:
        from graph.stream import microseconds, stream_from_pages  # numpy: only when ranking

        owners = self._owners()
        pages = self._account_pages(cypher.INTERACTION_TIMES, **time_window(since, until))
        return stream_from_pages(pages, owners, microseconds)

    def _owners(self) -> dict[str, str]:
        """Account uid -> person id, of every account."""
        return dict(row for page in self._account_pages(cypher.ACCOUNT_OWNERS) for row in page)

    def _account_pages(self, statement: str, **params: Any) -> Iterator[list[Any]]:
        """The rows of a statement read a page of accounts at a time (`cypher._account_pages`)."""
        after = ""
        while True:
            [page] = self._read(statement, after=after, page=_ACCOUNTS_PER_PAGE, **params)
            yield page["rows"]
            if page["read"] < _ACCOUNTS_PER_PAGE:
                return
            after = page["last"]

    def thread(self, post_uid: str, limit: int = MAX_THREAD_POSTS) -> Thread | None:
        records = self._read(cypher.THREAD, uid=post_uid, limit=limit)
        if not records:
            return None
        uids = records[0]["uids"]
        posts = self.get_posts(uids)
        ordered = sorted(posts.values(), key=lambda post: (post.created_at, post.uid))
        return Thread(root_uid=records[0]["root"], posts=tuple(ordered))
