"""The ingestion bookkeeping of the embedded store: the quarantine, and jobs with the counts
of their chunks (see `graph.store.contract.GraphStore`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from graph.embedded.base import SqliteBase
from graph.embedded.sql import iso, json_list
from graph.model.bookkeeping import IngestCounts, IngestJob, JobState, QuarantineEntry


class BookkeepingMixin(SqliteBase):
    """Quarantine and jobs for `EmbeddedGraphStore` (on the connection helpers of `SqliteBase`)."""

    def quarantine(self, entries: Sequence[QuarantineEntry]) -> int:
        rows = [
            (e.id, e.format, e.source, e.position, e.reason, e.payload, e.context, iso(e.at))
            for e in entries
        ]
        with self._transaction() as con:
            con.executemany(
                "INSERT INTO quarantine(id, format, source, position, reason, payload, context, "
                "at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET reason = excluded.reason",
                rows,
            )
        return len(rows)

    def quarantined(
        self, limit: int = 100, after: str | None = None, format: str | None = None
    ) -> list[QuarantineEntry]:
        rows = self._query(
            "SELECT id, format, source, position, reason, payload, context, at FROM quarantine "
            "WHERE id > ? AND (? IS NULL OR format = ?) ORDER BY id LIMIT ?",
            (after or "", format, format, limit),
        )
        return [
            QuarantineEntry(
                id=qid,
                format=fmt,
                source=source,
                position=position,
                reason=reason,
                payload=payload,
                context=context,
                at=datetime.fromisoformat(at),
            )
            for qid, fmt, source, position, reason, payload, context, at in rows
        ]

    def release_quarantined(self, ids: Sequence[str]) -> int:
        with self._transaction() as con:
            cursor = con.execute(
                "DELETE FROM quarantine WHERE id IN (SELECT value FROM json_each(?))",
                (json_list(ids),),
            )
            return cursor.rowcount

    def save_job(
        self,
        job_id: str,
        format: str,
        source: str,
        state: JobState,
        chunks_total: int | None = None,
        error: str | None = None,
    ) -> None:
        with self._transaction() as con:
            con.execute(
                "INSERT INTO ingest_job(id, format, source, state, chunks_total, error, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "state = excluded.state, "
                "chunks_total = coalesce(excluded.chunks_total, chunks_total), "
                "error = coalesce(excluded.error, error)",
                (job_id, format, source, state.value, chunks_total, error, iso(datetime.now(UTC))),
            )

    def record_chunk(self, job_id: str, chunk: int, counts: IngestCounts) -> bool:
        with self._transaction() as con:
            cursor = con.execute(
                "INSERT INTO ingest_chunk(job_id, chunk, read, stored, duplicates, rejected) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (job_id, chunk, counts.read, counts.stored, counts.duplicates, counts.rejected),
            )
            return cursor.rowcount == 1

    def get_job(self, job_id: str) -> IngestJob | None:
        rows = self._query(
            "SELECT j.id, j.format, j.source, j.state, j.created_at, j.chunks_total, j.error, "
            "count(c.chunk), coalesce(sum(c.read), 0), coalesce(sum(c.stored), 0), "
            "coalesce(sum(c.duplicates), 0), coalesce(sum(c.rejected), 0) "
            "FROM ingest_job j LEFT JOIN ingest_chunk c ON c.job_id = j.id "
            "WHERE j.id = ? GROUP BY j.id",
            (job_id,),
        )
        if not rows:
            return None
        (jid, fmt, source, state, created, total, error, done, *counts) = rows[0]
        return IngestJob(
            jid,
            fmt,
            source,
            JobState(state),
            datetime.fromisoformat(created),
            total,
            done,
            IngestCounts(*counts),
            error,
        )
