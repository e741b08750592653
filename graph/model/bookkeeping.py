"""The records of Osmosi's own bookkeeping: what an upsert wrote, the store's counts, the
quarantine of records that could not be stored, and ingest jobs with their chunk counts.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class UpsertResult:
    """What a batched upsert did: ``created + existing == submitted``."""

    created: int
    existing: int


@dataclass(frozen=True, slots=True)
class Counts:
    people: int
    accounts: int
    posts: int
    topics: int
    channels: int
    communities: int


@dataclass(frozen=True, slots=True)
class QuarantineEntry:
    """A record that could not be stored, kept whole with the reason, for review and replay."""

    id: str
    format: str
    source: str
    position: str
    reason: str
    payload: str
    """The raw record as JSON (or the raw text of an unreadable piece)."""
    context: str
    """JSON context the parser needs to replay the record."""
    at: datetime


@dataclass(frozen=True, slots=True)
class IngestCounts:
    """Outcome of ingesting records: ``read == stored + duplicates + rejected``."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0

    def __add__(self, other: IngestCounts) -> IngestCounts:
        return IngestCounts(
            self.read + other.read,
            self.stored + other.stored,
            self.duplicates + other.duplicates,
            self.rejected + other.rejected,
        )


class JobState(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class IngestJob:
    """A background ingest: its chunks' counts add up to its totals."""

    id: str
    format: str
    source: str
    state: JobState
    created_at: datetime
    chunks_total: int | None = None
    chunks_done: int = 0
    counts: IngestCounts = field(default_factory=IngestCounts)
    error: str | None = None

    @property
    def status(self) -> JobState:
        """The job's state, `DONE` as soon as every chunk has reported."""
        if self.state is JobState.FAILED:
            return JobState.FAILED
        if self.chunks_total is not None and self.chunks_done >= self.chunks_total:
            return JobState.DONE
        return self.state
