"""The ingestion bookkeeping of `Neo4jGraphStore`: the quarantine, and jobs with the
counts of their chunks (see `graph.store.contract.GraphStore`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from graph.model.bookkeeping import IngestCounts, IngestJob, JobState, QuarantineEntry
from graph.model.keys import utc
from graph.neo4j import bookkeeping_cypher as cypher
from graph.neo4j.base import Neo4jBase
from graph.neo4j.values import native_datetime


class BookkeepingMixin(Neo4jBase):
    """Quarantine and jobs for `Neo4jGraphStore` (on the driver helpers of `Neo4jBase`)."""

    def quarantine(self, entries: Sequence[QuarantineEntry]) -> int:
        rows = [{**asdict(entry), "at": utc(entry.at)} for entry in entries]
        self._write_statement(cypher.QUARANTINE, rows=rows)
        return len(rows)

    def quarantined(
        self, limit: int = 100, after: str | None = None, format: str | None = None
    ) -> list[QuarantineEntry]:
        records = self._read(cypher.QUARANTINED, after=after or "", format=format, limit=limit)
        entries = []
        for r in records:
            at = native_datetime(r["at"])
            assert at is not None
            entries.append(
                QuarantineEntry(
                    r["id"],
                    r["format"],
                    r["source"],
                    r["position"],
                    r["reason"],
                    r["payload"],
                    r["context"],
                    at,
                )
            )
        return entries

    def release_quarantined(self, ids: Sequence[str]) -> int:
        return self._single_count(cypher.RELEASE_QUARANTINED, "released", ids=list(ids))

    def save_job(
        self,
        job_id: str,
        format: str,
        source: str,
        state: JobState,
        chunks_total: int | None = None,
        error: str | None = None,
    ) -> None:
        self._write_statement(
            cypher.SAVE_JOB,
            id=job_id,
            format=format,
            source=source,
            state=state.value,
            chunks_total=chunks_total,
            error=error,
            now=self._now(),
        )

    def record_chunk(self, job_id: str, chunk: int, counts: IngestCounts) -> bool:
        records = self._write_statement(
            cypher.RECORD_CHUNK,
            job_id=job_id,
            key=f"{job_id}:{chunk}",
            read=counts.read,
            stored=counts.stored,
            duplicates=counts.duplicates,
            rejected=counts.rejected,
        )
        return bool(records and records[0]["is_new"])

    def get_job(self, job_id: str) -> IngestJob | None:
        records = self._read(cypher.GET_JOB, id=job_id)
        if not records:
            return None
        r = records[0]
        created = native_datetime(r["created_at"])
        assert created is not None
        return IngestJob(
            r["id"],
            r["format"],
            r["source"],
            JobState(r["state"]),
            created,
            r["chunks_total"],
            r["chunks_done"],
            IngestCounts(r["read"], r["stored"], r["duplicates"], r["rejected"]),
            r["error"],
        )
