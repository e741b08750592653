"""The store contract's bookkeeping part: the quarantine of records that could not be
stored, ingest jobs with their chunk counts, and the store's counts.
`graph.store.contract.GraphStore` inherits it; both backends implement it and pass the
contract suite."""

from __future__ import annotations

import abc
from collections.abc import Sequence

from graph.model.bookkeeping import Counts, IngestCounts, IngestJob, JobState, QuarantineEntry


class BookkeepingContract(abc.ABC):
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

    @abc.abstractmethod
    def counts(self) -> Counts: ...
