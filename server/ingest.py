"""Push ingestion: ``POST /ingest/{format}`` (202 with a job id) and job status."""

from __future__ import annotations

import io
import logging
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from graph.model.access import Role
from graph.model.bookkeeping import IngestJob, JobState
from ingestion.jobs.broker import BrokerUnavailable
from ingestion.jobs.runner import JobRunner
from ingestion.jobs.scans import after_ingest
from ingestion.parsers import FORMATS, parse_mapping, parser_for
from server.auth import require_role

log = logging.getLogger(__name__)
router = APIRouter(prefix="/ingest", tags=["ingest"])


def job_view(job: IngestJob) -> dict[str, Any]:
    return {
        "job_id": job.id,
        "format": job.format,
        "source": job.source,
        "status": job.status.value,
        "chunks_total": job.chunks_total,
        "chunks_done": job.chunks_done,
        "read": job.counts.read,
        "stored": job.counts.stored,
        "duplicates": job.counts.duplicates,
        "rejected": job.counts.rejected,
        "error": job.error,
        "created_at": job.created_at.isoformat(),
    }


def _run_push(
    runner: JobRunner, job_id: str, fmt: str, source: str, body: bytes, mapping: dict[str, str]
) -> None:
    parser = parser_for(fmt, mapping)
    try:
        runner.submit(fmt, source, parser.read(io.BytesIO(body)), mapping, job_id=job_id)
        # Run in-process, the job is done: so is the work after it (on Celery, the beat's).
        job = runner.pipeline.store.get_job(job_id)
        if job is not None and job.status is JobState.DONE:
            after_ingest(runner.pipeline, datetime.now(UTC))
    except Exception as error:
        # Only the type: store errors can quote the records (handles, names) they failed on.
        log.error("push ingest job %s failed: %s", job_id, type(error).__name__)


@router.post("/{fmt}", status_code=202)
async def push(
    fmt: str,
    request: Request,
    background: BackgroundTasks,
    source: Annotated[str, Query(max_length=200, description="A name for this push.")] = "push",
    mapping: Annotated[
        list[str] | None, Query(alias="map", description="CSV column mapping, field=Column.")
    ] = None,
) -> JSONResponse:
    """Accept an export in one of the ingest formats; it is ingested in the background.
    Needs a key of the manager role."""
    await require_role(request, Role.MANAGER)
    if fmt not in FORMATS:
        raise HTTPException(status_code=404, detail=f"unknown format; known: {', '.join(FORMATS)}")
    try:
        columns = parse_mapping(mapping or [])
    except ValueError as error:
        raise HTTPException(status_code=422, detail=str(error)) from None
    broker = request.app.state.broker
    if broker is not None:
        try:
            await run_in_threadpool(broker.check)
        except BrokerUnavailable as error:
            # A job no worker can take would only wait: refuse it, saying why.
            detail = f"The export cannot be ingested now: {error}"
            raise HTTPException(status_code=503, detail=detail) from None
    body = await request.body()
    job_id = uuid.uuid4().hex
    store = request.app.state.store
    await run_in_threadpool(store.save_job, job_id, fmt, source, JobState.QUEUED)
    background.add_task(_run_push, request.app.state.runner, job_id, fmt, source, body, columns)
    return JSONResponse(
        {"job_id": job_id, "status": JobState.QUEUED.value, "status_url": f"/ingest/jobs/{job_id}"},
        status_code=202,
    )


@router.get("/jobs/{job_id}")
async def job_status(job_id: str, request: Request) -> dict[str, Any]:
    """Progress and counts of a push or file ingest job (any role)."""
    await require_role(request, Role.VIEWER)
    job = await run_in_threadpool(request.app.state.store.get_job, job_id)
    if job is None:
        raise HTTPException(status_code=404, detail="no such job")
    return job_view(job)
