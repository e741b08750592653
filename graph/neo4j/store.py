"""The Neo4j backend: `GraphStore` over the official driver.

Writes run in managed write transactions (``execute_write``, retried by the driver on
transient errors), each statement an ``UNWIND $rows`` batch; reads run in read sessions,
which a ``neo4j://`` (routing) driver sends to a cluster's followers. Every MERGE key has a
uniqueness constraint, created idempotently by `ensure_schema`.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from neo4j import ManagedTransaction
from neo4j.exceptions import DriverError, Neo4jError

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
    StoredPost,
    Thread,
    Touchpoint,
)
from graph.neo4j import cypher, schema
from graph.neo4j.bookkeeping import BookkeepingMixin
from graph.neo4j.correlate import CorrelateMixin
from graph.neo4j.erasure import ErasureMixin
from graph.neo4j.insights import InsightsMixin
from graph.neo4j.people import PeopleMixin
from graph.neo4j.rankings import RankingsMixin
from graph.neo4j.values import time_window
from graph.store.contract import MAX_THREAD_POSTS, StoreUnavailable
from graph.store.rows import (
    PostBatch,
    interactions_from_rows,
    post_batch,
)

if TYPE_CHECKING:
    from graph.model.stream import InteractionStream


class Neo4jGraphStore(
    RankingsMixin,
    ErasureMixin,
    PeopleMixin,
    InsightsMixin,
    CorrelateMixin,
    BookkeepingMixin,
):
    """`GraphStore` on a Neo4j 5 database reached over Bolt: a single server (``bolt://``)
    or a cluster through its routing driver (``neo4j://``, ``neo4j+s://``)."""

    backend = "neo4j"
    parallel_writes = True

    # -- lifecycle -------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        if [record["digest"] for record in self._read(schema.READ_VERSION)] == [schema.DIGEST]:
            return  # set up by this version already (see `schema.DIGEST`)
        for statement in schema.SCHEMA:
            self._write_statement(statement)
        # Constraints are built asynchronously; writes must not race their creation (awaited
        # where the writes go: on a cluster's leader).
        self._write_statement(schema.AWAIT_INDEXES)
        for fill in schema.FILLS:
            self._auto_commit(fill)
        self._write_statement(
            schema.WRITE_VERSION, digest=schema.DIGEST, at=self._now().isoformat()
        )

    def ping(self) -> None:
        try:
            self._driver.verify_connectivity()
        except (DriverError, Neo4jError) as error:
            raise StoreUnavailable(f"Neo4j unavailable: {error}") from error
        self._read(schema.PING)

    def close(self) -> None:
        self._driver.close()

    def clear(self) -> None:
        for statement in schema.CLEAR:
            self._auto_commit(statement)

    # -- writes ----------------------------------------------------------------------------

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

    def get_posts(self, uids: Sequence[str]) -> dict[str, StoredPost]:
        rows = self._packed_rows(cypher.GET_POSTS, uids=list(uids))
        return {post.uid: post for post in map(self.stored_post, rows)}

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
                row for page in self._pages(cypher.INTERACTIONS, **window) for row in page["rows"]
            )
            yield from interactions_from_rows(rows, self._owners())
            return
        records = self._read(cypher.INTERACTIONS_OF_PEOPLE, ids=list(person_ids), **window)
        yield from interactions_from_rows(record.values() for record in records)

    def interaction_stream(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> InteractionStream:
        from graph.model.stream import microseconds, stream_from_pages  # numpy: only when ranking

        owners = self._owners()
        pages = self._pages(cypher.INTERACTION_TIMES, **time_window(since, until))
        return stream_from_pages((page["rows"] for page in pages), owners, microseconds)

    def thread(self, post_uid: str, limit: int = MAX_THREAD_POSTS) -> Thread | None:
        records = self._read(cypher.THREAD, uid=post_uid, limit=limit)
        if not records:
            return None
        uids = records[0]["uids"]
        posts = self.get_posts(uids)
        ordered = sorted(posts.values(), key=lambda post: (post.created_at, post.uid))
        return Thread(root_uid=records[0]["root"], posts=tuple(ordered))
