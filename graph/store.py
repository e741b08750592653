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
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from graph.model import (
    Account,
    Channel,
    Community,
    Counts,
    Customer,
    CustomerLink,
    IngestCounts,
    IngestJob,
    Interaction,
    JobState,
    Neighbourhood,
    PeopleActivity,
    Person,
    Post,
    Product,
    QuarantineEntry,
    StoredPost,
    Thread,
    Topic,
    Touchpoint,
    UpsertResult,
)
from graph.people import MapTie
from graph.rows import PostBatch, post_batch
from graph.store_correlate import CorrelateContract
from graph.store_insights import InsightsContract
from graph.store_people import PeopleContract

if TYPE_CHECKING:
    from graph.stream import InteractionStream

MAX_NEIGHBOURHOOD_HOPS = 4
MAX_NEIGHBOURHOOD_PEOPLE = 2_000
MAX_THREAD_POSTS = 10_000


class StoreError(Exception):
    """A store operation failed; the message is safe to show to an operator."""


class StoreUnavailable(StoreError):
    """The store cannot be reached (server down, data directory unusable)."""


class GraphStore(PeopleContract, InsightsContract, CorrelateContract, abc.ABC):
    """Typed domain operations over the conversation graph (with the people, insight and
    correlate-and-act parts of `PeopleContract`, `InsightsContract` and
    `CorrelateContract`)."""

    backend: str

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

    @abc.abstractmethod
    def upsert_accounts(self, accounts: Sequence[Account]) -> UpsertResult:
        """Create or update accounts; a new account gets a new person unless it names one."""

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
    def upsert_channels(self, channels: Sequence[Channel]) -> UpsertResult:
        """Create channels or update their kind. A channel is first seen at the earliest
        post written in it (`write_posts`), else when it was created."""

    @abc.abstractmethod
    def upsert_touchpoints(self, touchpoints: Sequence[Touchpoint]) -> UpsertResult: ...

    @abc.abstractmethod
    def upsert_products(self, products: Sequence[Product]) -> UpsertResult: ...

    @abc.abstractmethod
    def upsert_customers(self, customers: Sequence[Customer]) -> UpsertResult: ...

    @abc.abstractmethod
    def link_customers(self, links: Sequence[CustomerLink]) -> int:
        """Record that people are customers, with evidence and confidence; returns links written."""

    @abc.abstractmethod
    def write_scores(
        self,
        name: str,
        scores: Mapping[str, float],
        computed_at: datetime,
        factors: Mapping[str, Mapping[str, float]] | None = None,
        classes: Mapping[str, str] | None = None,
    ) -> int:
        """Replace the score ``name`` for every person, with the factors behind each
        person's score and their class under the same name (advocacy's, say) when given;
        people absent from ``scores`` lose them. Returns how many people were scored."""

    @abc.abstractmethod
    def write_communities(
        self,
        membership: Mapping[str, str],
        computed_at: datetime,
        profiles: Mapping[str, Community] | None = None,
    ) -> int:
        """Replace all community memberships (person id -> community id), with each
        community's profile when given (its size is counted from the membership); returns
        how many communities were written."""

    @abc.abstractmethod
    def write_map_ties(self, ties: Sequence[MapTie], computed_at: datetime) -> int:
        """Replace the ties among the most influential people that the influencer map
        draws (written by the ranking); returns how many were written."""

    @abc.abstractmethod
    def map_ties(self, person_ids: Sequence[str]) -> list[MapTie]:
        """The stored map ties with both people among ``person_ids``."""

    # -- ingestion bookkeeping -----------------------------------------------------------

    @abc.abstractmethod
    def quarantine(self, entries: Sequence[QuarantineEntry]) -> int:
        """Keep rejected records (by id: a record rejected again only updates its reason)."""

    @abc.abstractmethod
    def quarantined(
        self, limit: int = 100, after: str | None = None, format: str | None = None
    ) -> list[QuarantineEntry]:
        """Quarantined records ordered by id, after the id ``after``."""

    @abc.abstractmethod
    def release_quarantined(self, ids: Sequence[str]) -> int:
        """Forget quarantined records (after a successful replay); returns how many."""

    @abc.abstractmethod
    def save_job(
        self,
        job_id: str,
        format: str,
        source: str,
        state: JobState,
        chunks_total: int | None = None,
        error: str | None = None,
    ) -> None:
        """Create or update an ingest job's state (its counts come from its chunks)."""

    @abc.abstractmethod
    def record_chunk(self, job_id: str, chunk: int, counts: IngestCounts) -> bool:
        """Record a chunk's counts once; a redelivered chunk's second report is ignored.

        Returns whether this call recorded it.
        """

    @abc.abstractmethod
    def get_job(self, job_id: str) -> IngestJob | None: ...

    # -- reads -----------------------------------------------------------------------------

    @abc.abstractmethod
    def get_person(self, person_id: str) -> Person | None: ...

    @abc.abstractmethod
    def get_people(self, ids: Sequence[str]) -> dict[str, Person]:
        """People by id, with scores, classes and community (batched; unknown ids absent)."""

    @abc.abstractmethod
    def top_people(
        self,
        score: str,
        first: int,
        offset: int = 0,
        community_id: str | None = None,
        label: tuple[str, str] | None = None,
    ) -> list[tuple[str, float]]:
        """(person id, value) by the stored score ``score``, highest first (ties by id);
        optionally only members of a community, or people whose class ``label[0]`` is
        ``label[1]``."""

    @abc.abstractmethod
    def list_communities(self, first: int, offset: int = 0) -> list[Community]:
        """Communities of the last ranking, largest first (ties by id)."""

    @abc.abstractmethod
    def community_members(
        self, community_ids: Sequence[str], first: int, offset: int = 0
    ) -> dict[str, list[str]]:
        """A page of each community's person ids, most influential first (ties by id);
        batched over communities."""

    @abc.abstractmethod
    def topic_authors(self, key: str) -> dict[str, int]:
        """Person id -> how many of their posts carry the topic ``key``."""

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
    def get_topic(self, key: str) -> Topic | None: ...

    @abc.abstractmethod
    def get_channel(self, platform: str, venue: str) -> Channel | None: ...

    def get_customer(self, external_id: str) -> Customer | None:
        return self.get_customers([external_id]).get(external_id)

    @abc.abstractmethod
    def get_communities(self, ids: Sequence[str]) -> dict[str, Community]:
        """Communities by id (batched)."""

    def get_community(self, community_id: str) -> Community | None:
        return self.get_communities([community_id]).get(community_id)

    @abc.abstractmethod
    def counts(self) -> Counts: ...

    @abc.abstractmethod
    def people_activity(self, now: datetime, half_life: timedelta) -> PeopleActivity:
        """Followers, opinions (posts decayed with ``half_life`` from ``now``), topics,
        channels, customer status and the current community of everyone, in a few batched
        reads (for the rankings)."""

    @abc.abstractmethod
    def interactions(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        person_ids: Sequence[str] | None = None,
    ) -> Iterator[Interaction]:
        """Person-to-person interactions in ``[since, until)``.

        With ``person_ids``, only interactions whose source or target is one of them.
        Interactions of a person with themself are never returned.
        """

    def interaction_stream(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> InteractionStream:
        """Every interaction in ``[since, until)`` as `interactions` gives them, in batches of
        arrays (for the rankings' projection); the stores read them page by page."""
        from graph.stream import stream_of  # numpy: only when ranking

        return stream_of(self.interactions(since, until))

    @abc.abstractmethod
    def thread(self, post_uid: str, limit: int = MAX_THREAD_POSTS) -> Thread | None:
        """The conversation containing ``post_uid``, from its topmost stored ancestor down."""

    def neighbourhood(
        self, person_id: str, hops: int = 1, max_people: int = MAX_NEIGHBOURHOOD_PEOPLE
    ) -> Neighbourhood:
        """People within ``hops`` interaction hops of a person (1..MAX_NEIGHBOURHOOD_HOPS).

        Expanded one hop per query, so the cost follows the neighbourhood, not the graph. At
        most ``max_people`` people are kept: when a hop reaches more, those with the most
        interactions with the people already kept come first (then by id), and the result is
        marked truncated. Only interactions among kept people are returned.
        """
        if not 1 <= hops <= MAX_NEIGHBOURHOOD_HOPS:
            raise ValueError(f"hops must be between 1 and {MAX_NEIGHBOURHOOD_HOPS}")
        if not 1 <= max_people <= MAX_NEIGHBOURHOOD_PEOPLE:
            raise ValueError(f"max_people must be between 1 and {MAX_NEIGHBOURHOOD_PEOPLE}")
        distance = {person_id: 0}
        frontier = [person_id]
        edges: dict[tuple[str, str, str, str], Interaction] = {}
        truncated = False
        for hop in range(1, hops + 1):
            ties: dict[str, int] = {}
            for edge in self.interactions(person_ids=frontier):
                edges[(edge.source, edge.target, edge.kind, edge.post_uid)] = edge
                for other in (edge.source, edge.target):
                    if other not in distance:
                        ties[other] = ties.get(other, 0) + 1
            ranked = sorted(ties, key=lambda other: (-ties[other], other))
            room = max_people - len(distance)
            truncated = truncated or len(ranked) > room
            frontier = ranked[: max(room, 0)]
            distance.update((other, hop) for other in frontier)
            if not frontier:
                break
        kept = tuple(
            edge for edge in edges.values() if edge.source in distance and edge.target in distance
        )
        return Neighbourhood(
            center=person_id, hops=distance, interactions=kept, truncated=truncated
        )
