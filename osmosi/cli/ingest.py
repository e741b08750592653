"""``osmosi ingest``: bring conversations in from platform exports."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from osmosi.cli.options import CsvMapping, DataDir, ExportFormat, JsonOutput, console, load_settings
from osmosi.cli.progress import file_progress, reading, summary_table

if TYPE_CHECKING:
    from graph.model.bookkeeping import IngestCounts
    from graph.store.contract import GraphStore

JOB_POLL_SECONDS = 0.5


def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files to ingest.", exists=True, dir_okay=False, readable=True),
    ],
    format: ExportFormat,
    mapping: CsvMapping = None,
    data_dir: DataDir = None,
    as_json: JsonOutput = False,
) -> None:
    """Ingest platform exports into the graph (idempotent: re-ingesting adds nothing)."""
    from graph.model.bookkeeping import IngestCounts
    from ingestion.jobs.scans import after_ingest
    from ingestion.parsers import UnknownFormat, parse_mapping, parser_for
    from osmosi.runtime import check_broker, dispatcher, job_runner, open_store, pipeline_for

    settings = load_settings(data_dir=data_dir)
    try:
        parser_map = parse_mapping(mapping or [])
        parser = parser_for(format, parser_map)
    except (UnknownFormat, ValueError) as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    check_broker(settings)  # before a job is recorded that no worker could take
    started = time.monotonic()
    total = IngestCounts()
    jobs: list[str] = []
    with open_store(settings) as store:
        # With Redis the file's chunks go to the Celery workers; without, this process
        # ingests it (its preparing workers parse while it writes).
        runner = job_runner(settings, store) if settings.redis_url else None
        pipeline = runner.pipeline if runner is not None else pipeline_for(settings, store)
        with file_progress(as_json) as progress:
            for path in paths:
                with reading(path, progress) as (reader, report):
                    if runner is None:
                        total += pipeline.ingest_stream(reader, parser, path.name, report)
                        continue
                    job_id = runner.submit(parser.name, path.name, parser.read(reader), parser_map)
                    jobs.append(job_id)
                    total += _awaited(store, job_id, report)
        # One delivery try now; retries are the server's or the beat's.
        delivery = dispatcher(settings, store)
        after_ingest(pipeline, datetime.now(UTC), delivery.deliver_due if delivery else None)
    seconds = time.monotonic() - started
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "read": total.read,
                    "stored": total.stored,
                    "duplicates": total.duplicates,
                    "rejected": total.rejected,
                    "files": len(paths),
                    "jobs": jobs,
                    "seconds": round(seconds, 3),
                }
            )
        )
    else:
        console.print(summary_table(total, seconds))
        if total.rejected:
            console.print("See rejected records with `osmosi quarantine list`.")
    if total.stored + total.duplicates == 0:
        # Nothing stored and nothing already there: a wrong --format or an empty export
        # must not look like success to a script.
        typer.echo(nothing_stored_hint(total, format), err=True)
        raise typer.Exit(1)


def nothing_stored_hint(total: IngestCounts, format: str) -> str:
    """One line saying why an ingest stored nothing.

    >>> from graph.model.nodes import IngestCounts
    >>> hint = nothing_stored_hint(IngestCounts(read=3, rejected=3), "mastodon")
    >>> print(hint)  # doctest: +NORMALIZE_WHITESPACE
    nothing stored: all 3 records were rejected as mastodon records
    (is --format right? see `osmosi quarantine list`)
    """
    if total.read == 0:
        return "nothing stored: no records found in the files"
    return (
        f"nothing stored: all {total.read} records were rejected as {format} records "
        "(is --format right? see `osmosi quarantine list`)"
    )


def _awaited(
    store: GraphStore, job_id: str, report: Callable[[IngestCounts], None]
) -> IngestCounts:
    """The counts of a job on the Celery workers, once every chunk has reported."""
    from graph.model.bookkeeping import JobState

    while True:
        job = store.get_job(job_id)
        if job is None or job.status is JobState.FAILED:
            reason = job.error if job is not None else "job record missing"
            console.print(f"[red]ingest job {job_id} failed: {reason}[/red]")
            raise typer.Exit(1)
        if job.status is JobState.DONE:
            report(job.counts)
            return job.counts
        time.sleep(JOB_POLL_SECONDS)
