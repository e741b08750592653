"""What every part of the Neo4j backend stands on: the driver, its sessions, and the read and
write helpers each contract part's module uses (`graph.neo4j.store.Neo4jGraphStore` joins
the parts)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any, cast
from urllib.parse import urlsplit

import neo4j
from neo4j import GraphDatabase, ManagedTransaction, NotificationDisabledClassification
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

from graph.model.nodes import (
    Account,
    Aspect,
    AspectTarget,
    Intent,
    Sentiment,
    ShareKind,
    StoredPost,
)
from graph.neo4j import cypher
from graph.neo4j.values import cypher_text
from graph.store.contract import GraphStore, StoreUnavailable
from graph.store.rows import METRIC_NAMES

# Whole-graph reads take this many accounts (or people) a query, their rows packed in one
# record.
_NODES_PER_PAGE = 2000
# Rewrites of everyone's rankings commit this many rows at a time: one transaction of 200k
# property changes takes twice as long, most of it spent holding the transaction's state.
_ROWS_PER_WRITE = 20_000
# URI schemes of a driver that routes: reads to followers, writes to the leader.
ROUTING_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc")


class Neo4jBase(GraphStore):
    """`GraphStore` plumbing over the official driver: reads in read sessions, managed write
    transactions, ``UNWIND`` batches, and whole-graph reads a page of accounts at a time."""

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

    def _session(self) -> neo4j.Session:
        return self._driver.session(database=self.database, bookmark_manager=self._bookmarks)

    def _read_session(self) -> neo4j.Session:
        """A session whose queries a cluster routes to its followers."""
        return self._driver.session(
            database=self.database,
            default_access_mode=neo4j.READ_ACCESS,
            bookmark_manager=self._bookmarks,
        )

    def _read(self, statement: str, **params: Any) -> list[neo4j.Record]:
        """The records of a read: one auto-commit query in a read session, which costs the
        JVM and this process about a third less than a transaction function (half the Bolt
        messages: no BEGIN, no COMMIT). A read that fails as the driver would retry (a
        connection the server dropped, a cluster electing a leader) runs again as a
        transaction function, with the driver's retries."""

        def work(tx: ManagedTransaction) -> list[neo4j.Record]:
            return self._run(tx, statement, **params)

        try:
            with self._read_session() as session:
                try:
                    return list(session.run(cypher_text(statement), params))
                except (Neo4jError, DriverError) as error:
                    if not error.is_retryable():
                        raise
            with self._read_session() as session:
                return session.execute_read(work)
        except (ServiceUnavailable, AuthError) as error:
            raise StoreUnavailable(f"Neo4j unavailable: {error}") from error

    def _packed_rows(self, statement: str, **params: Any) -> Iterator[Any]:
        """The rows of a statement that returns them packed in lists (``RETURN ... AS rows``),
        record by record as they arrive."""
        # An explicit read transaction: rows stream to the caller as they come, which a
        # retried transaction function (collecting them first) could not do.
        try:
            with self._read_session() as session, session.begin_transaction() as tx:
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
        self, statement: str, rows: Sequence[Any], *, concurrency: int = 1, **params: Any
    ) -> list[neo4j.Record]:
        """``statement`` (an ``UNWIND $rows``) over ``rows``, a managed transaction per
        `_ROWS_PER_WRITE`, ``concurrency`` of them at a time (for rows that touch disjoint
        nodes, so that no two transactions wait on each other's locks); the records of all
        batches, in order."""
        batches = [
            rows[start : start + _ROWS_PER_WRITE] for start in range(0, len(rows), _ROWS_PER_WRITE)
        ]

        def write(batch: Sequence[Any]) -> list[neo4j.Record]:
            return self._write_statement(statement, rows=batch, **params)

        if concurrency > 1 and len(batches) > 1:
            with ThreadPoolExecutor(concurrency, thread_name_prefix="osmosi-neo4j-write") as pool:
                return [record for records in pool.map(write, batches) for record in records]
        return [record for batch in batches for record in write(batch)]

    def _write_statement(self, statement: str, **params: Any) -> list[neo4j.Record]:
        def work(tx: ManagedTransaction) -> list[neo4j.Record]:
            return self._run(tx, statement, **params)

        return cast(list[neo4j.Record], self._write(work))

    def _single_count(self, statement: str, field: str, **params: Any) -> int:
        records = self._write_statement(statement, **params)
        return int(records[0][field]) if records else 0

    def _auto_commit(self, statement: str) -> None:
        # CALL ... IN TRANSACTIONS needs an auto-commit transaction.
        with self._session() as session:
            session.run(cypher_text(statement)).consume()

    @staticmethod
    def _now() -> datetime:
        return datetime.now(UTC)

    @staticmethod
    def _account(fields: Mapping[str, Any], person_id: str | None) -> Account:
        return Account(person_id=person_id, **{**fields, "links": tuple(fields.get("links") or ())})

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

    def _owners(self) -> dict[str, str]:
        """Account uid -> person id, of every account."""
        return dict(row for page in self._pages(cypher.ACCOUNT_OWNERS) for row in page["rows"])

    def _pages(self, statement: str, **params: Any) -> Iterator[neo4j.Record]:
        """The records of a statement that reads the whole graph a page of accounts or people
        at a time (`cypher.keyed_pages`): one per page, with its ``last`` key and how many
        nodes it ``read``.

        The next page is read while the caller handles this one, so that the JVM computes
        while Python decodes (each waited on the other)."""

        def read(after: str) -> neo4j.Record:
            [page] = self._read(statement, after=after, page=_NODES_PER_PAGE, **params)
            return page

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="osmosi-neo4j-page") as ahead:
            upcoming = ahead.submit(read, "")
            while True:
                page = upcoming.result()
                full = page["read"] == _NODES_PER_PAGE
                if full:
                    upcoming = ahead.submit(read, page["last"])
                yield page
                if not full:
                    return
