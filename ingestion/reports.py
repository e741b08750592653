"""Conversations reported by employees ("employees are listening points")."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from graph.model.keys import post_uid
from graph.model.nodes import StoredPost
from ingestion.canonical.record import RecordError
from ingestion.parsers import RawRecord, parser_for
from ingestion.pipeline import Pipeline, PreparedChunk


@dataclass(frozen=True, slots=True)
class ConversationReport:
    platform: str
    text: str
    author_handle: str
    reported_by: str
    url: str | None = None
    external_id: str | None = None
    author_name: str | None = None
    created_at: datetime | None = None


def report_id(report: ConversationReport) -> str:
    """The platform id when known, else one derived from the URL (or text and author), so
    reporting the same conversation twice stores it once."""
    if report.external_id:
        return report.external_id
    basis = report.url or f"{report.author_handle}\0{report.text}"
    return "report-" + hashlib.sha256(basis.encode()).hexdigest()[:24]


def report_conversation(pipeline: Pipeline, report: ConversationReport) -> tuple[StoredPost, bool]:
    """Store a reported conversation through the same validation as every ingest.

    Returns the stored post and whether it was new. Raises `RecordError` for an invalid report.
    """
    record = {
        "platform": report.platform,
        "id": report_id(report),
        "author": {"handle": report.author_handle, "display_name": report.author_name},
        "text": report.text,
        "created_at": (report.created_at or datetime.now(UTC)).isoformat(),
        "url": report.url,
        "reported_by": report.reported_by,
    }
    post = pipeline.to_post(parser_for("jsonl"), RawRecord("report", record))
    # The ingest's own write step: an erased author stays erased, and the post is routed.
    enriched = tuple(pipeline.enrich([post]))
    counts = pipeline.write(PreparedChunk(1, pipeline.store.prepare_posts(enriched), [], enriched))
    if counts.rejected:
        raise RecordError("the author was erased: the report is not kept")
    stored = pipeline.store.get_post(post_uid(post.platform, post.external_id))
    if stored is None:
        raise RecordError("the report could not be stored")
    return stored, counts.stored == 1
