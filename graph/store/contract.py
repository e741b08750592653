"""The store contract: every domain operation a backend must provide.

Both backends (`graph.neo4j.Neo4jGraphStore` and `graph.embedded.EmbeddedGraphStore`) pass
the same contract suite (``tests/contract``). Callers depend on `GraphStore` only.

Write semantics shared by every backend:

* Upserts are batched and idempotent; the natural key of each node is its uniqueness key.
* `upsert_posts` also upserts each post's author and mentioned accounts (creating a person
  for an account seen for the first time), its channel, topics and aspect targets.
* A reply or share whose parent has not been stored yet is kept; the link appears as soon as
  the parent arrives, in whichever order the two are written.
"""

from __future__ import annotations

import abc
from collections.abc import Sequence

from graph.model.bookkeeping import UpsertResult
from graph.model.nodes import (
    Account,
    Customer,
    CustomerLink,
    Person,
    Post,
    Product,
    StoredPost,
    Thread,
    Touchpoint,
)
from graph.store.bookkeeping import BookkeepingContract
from graph.store.correlate import CorrelateContract
from graph.store.insights import InsightsContract
from graph.store.people import PeopleContract
from graph.store.rankings import RankingsContract
from graph.store.rows import PostBatch, post_batch

MAX_THREAD_POSTS = 10_000


class StoreError(Exception):
    """A store operation failed; the message is safe to show to an operator."""


class StoreUnavailable(StoreError):
    """The store cannot be reached (server down, data directory unusable)."""


class GraphStore(
    PeopleContract,
    InsightsContract,
    CorrelateContract,
    RankingsContract,
    BookkeepingContract,
    abc.ABC,
):
    """Typed domain operations over the conversation graph: the conversation's own writes
    and reads here, and one part per domain (`PeopleContract`, `InsightsContract`,
    `CorrelateContract`, `RankingsContract`, `BookkeepingContract`)."""

    backend: str
    parallel_writes: bool = False
    """Whether transactions written at once commit faster than one after another: true of a
    server that runs them in parallel, not of SQLite, which commits one at a time."""

    # -- lifecycle -------------------------------------------------------------------------

    @abc.abstractmethod
    def ensure_schema(self) -> None:
        """Create constraints, indexes or tables; safe to call on every start."""

    @abc.abstractmethod
    def ping(self) -> None:
        """Return if the store answers a trivial query, else raise `StoreUnavailable`."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release connections; the store is unusable afterwards."""

    @abc.abstractmethod
    def clear(self) -> None:
        """Delete every node and relationship. Destructive: for tests and resets only."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writes ----------------------------------------------------------------------------

    def upsert_posts(self, posts: Sequence[Post]) -> UpsertResult:
        """Create or update posts with their links; ``created`` counts posts new to the store."""
        return self.write_posts(self.prepare_posts(posts))

    def prepare_posts(self, posts: Sequence[Post]) -> PostBatch:
        """Decompose posts into the rows `write_posts` writes: CPU only, no store access.

        Separate from writing so that a caller can prepare one batch while another is written.
        """
        return post_batch(posts)

    @abc.abstractmethod
    def write_posts(self, batch: PostBatch) -> UpsertResult:
        """Write a batch made by `prepare_posts` of this store, in one transaction."""

    @abc.abstractmethod
    def upsert_touchpoints(self, touchpoints: Sequence[Touchpoint]) -> UpsertResult: ...

    @abc.abstractmethod
    def upsert_products(self, products: Sequence[Product]) -> UpsertResult: ...

    @abc.abstractmethod
    def upsert_customers(self, customers: Sequence[Customer]) -> UpsertResult: ...

    @abc.abstractmethod
    def link_customers(self, links: Sequence[CustomerLink]) -> int:
        """Record that people are customers, with evidence and confidence; returns links written."""

    # -- reads -----------------------------------------------------------------------------

    @abc.abstractmethod
    def get_people(self, ids: Sequence[str]) -> dict[str, Person]:
        """People by id, with scores, classes and community (batched; unknown ids absent)."""

    @abc.abstractmethod
    def get_account(self, platform: str, handle: str) -> Account | None: ...

    @abc.abstractmethod
    def accounts_of(self, person_ids: Sequence[str]) -> dict[str, list[Account]]:
        """Accounts of each person (batched; people without accounts map to [])."""

    @abc.abstractmethod
    def get_posts(self, uids: Sequence[str]) -> dict[str, StoredPost]:
        """Posts by uid (batched); unknown uids are absent from the result."""

    def get_post(self, uid: str) -> StoredPost | None:
        return self.get_posts([uid]).get(uid)

    @abc.abstractmethod
    def thread(self, post_uid: str, limit: int = MAX_THREAD_POSTS) -> Thread | None:
        """The conversation containing ``post_uid``, from its topmost stored ancestor down."""
