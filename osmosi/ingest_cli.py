"""``osmosi ingest`` and ``osmosi quarantine``: bring conversations in, review what failed."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ingestion.formats import FORMATS

if TYPE_CHECKING:
    from graph.model import IngestCounts
    from graph.store import GraphStore

console = Console(stderr=True)
quarantine_app = typer.Typer(
    help="Review and replay records that could not be stored.", no_args_is_help=True
)


JOB_POLL_SECONDS = 0.5


class _CountingRaw(io.RawIOBase):
    """A binary file that reports how far it has been read, for the progress bar."""

    def __init__(self, raw: IO[bytes], advance: Any) -> None:
        self._raw = raw
        self._advance = advance

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self._advance(len(data))
        return len(data)


def counting_reader(raw: IO[bytes], advance: Any) -> io.BufferedReader:
    return io.BufferedReader(_CountingRaw(raw, advance))


def file_progress(as_json: bool) -> Progress:
    """A progress bar per file read (bytes, the counts so far, time left); off for --json."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[counts]}"),
        TimeRemainingColumn(),
        console=console,
        disable=as_json,
        transient=False,
    )


@contextmanager
def reading(
    path: Path, progress: Progress
) -> Iterator[tuple[io.BufferedReader, Callable[[IngestCounts], None]]]:
    """The file opened for a progress bar of its own, and the callback that shows a chunk's
    counts on it."""
    from graph.model import IngestCounts

    task = progress.add_task(path.name, total=path.stat().st_size, counts="")
    running = IngestCounts()

    def report(counts: IngestCounts) -> None:
        nonlocal running
        running += counts
        progress.update(task, counts=f"{running.read} read, {running.rejected} rejected")

    with path.open("rb") as raw:
        yield counting_reader(raw, lambda n: progress.advance(task, n)), report


def summary_table(counts: IngestCounts, seconds: float) -> Table:
    table = Table(title="Ingest summary", show_header=False)
    for name in ("read", "stored", "duplicates", "rejected"):
        table.add_row(name, str(getattr(counts, name)))
    table.add_row("seconds", f"{seconds:.1f}")
    if seconds > 0:
        table.add_row("records/s", f"{counts.read / seconds:.0f}")
    return table


def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files to ingest.", exists=True, dir_okay=False, readable=True),
    ],
    format: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")],
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", help="CSV column mapping, e.g. --map text=Message,author=User."),
    ] = None,
    data_dir: Annotated[Path | None, typer.Option(help="Embedded store directory.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON summary.")] = False,
) -> None:
    """Ingest platform exports into the graph (idempotent: re-ingesting adds nothing)."""
    from graph.acting import scan_alerts
    from graph.model import IngestCounts
    from ingestion.parsers import UnknownFormat, parse_mapping, parser_for
    from osmosi.cli import load_settings
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
        scan_alerts(store, datetime.now(UTC), settings.webhook_urls)
        delivery = dispatcher(settings, store)
        if delivery is not None:
            delivery.deliver_due()  # one try now; retries are the server's or the beat's
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

    >>> from graph.model import IngestCounts
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
    from graph.model import JobState

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


@quarantine_app.command("list")
def quarantine_list(
    data_dir: Annotated[Path | None, typer.Option(help="Embedded store directory.")] = None,
    format: Annotated[str | None, typer.Option(help="Only this format.")] = None,
    limit: Annotated[int, typer.Option(help="How many to list.")] = 50,
    after: Annotated[str | None, typer.Option(help="List after this id (paging).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines, with payloads.")] = False,
) -> None:
    """List quarantined records with the reason each was rejected."""
    from osmosi.cli import load_settings
    from osmosi.runtime import open_store

    settings = load_settings(data_dir=data_dir)
    with open_store(settings) as store:
        entries = store.quarantined(limit=limit, after=after, format=format)
    if as_json:
        for entry in entries:
            typer.echo(
                json.dumps(
                    {
                        "id": entry.id,
                        "format": entry.format,
                        "source": entry.source,
                        "position": entry.position,
                        "reason": entry.reason,
                        "payload": json.loads(entry.payload),
                        "at": entry.at.isoformat(),
                    },
                    ensure_ascii=False,
                )
            )
        return
    table = Table("id", "format", "source", "position", "reason")
    for entry in entries:
        table.add_row(entry.id, entry.format, entry.source, entry.position, entry.reason)
    Console().print(table)


@quarantine_app.command("replay")
def quarantine_replay(
    data_dir: Annotated[Path | None, typer.Option(help="Embedded store directory.")] = None,
    format: Annotated[str | None, typer.Option(help="Only this format.")] = None,
    mapping: Annotated[list[str] | None, typer.Option("--map", help="CSV column mapping.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON summary.")] = False,
) -> None:
    """Try every quarantined record again; the ones that store leave the quarantine."""
    from graph.model import IngestCounts
    from ingestion.crm import CRM_PREFIX, CrmImport
    from ingestion.parsers import parse_mapping, parser_for
    from osmosi.cli import load_settings
    from osmosi.runtime import open_store, pipeline_for

    settings = load_settings(data_dir=data_dir)
    csv_mapping = parse_mapping(mapping or [])
    total = IngestCounts()
    with open_store(settings) as store:
        pipeline = pipeline_for(settings, store)
        after: str | None = None
        seen: set[str] = set()
        while entries := [
            e for e in store.quarantined(limit=500, after=after, format=format) if e.id not in seen
        ]:
            seen.update(e.id for e in entries)
            customers = [e for e in entries if e.format.startswith(CRM_PREFIX)]
            posts = [e for e in entries if not e.format.startswith(CRM_PREFIX)]
            total += CrmImport(store).replay(customers)
            total += pipeline.replay(posts, lambda name: parser_for(name, csv_mapping))
            after = entries[-1].id
    result = {
        "read": total.read,
        "stored": total.stored,
        "duplicates": total.duplicates,
        "rejected": total.rejected,
    }
    typer.echo(json.dumps(result)) if as_json else console.print(result)
