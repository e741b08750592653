"""Progress on stderr for the long commands, silent with --json (stdout stays one JSON
document), and the summary table they end with."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from osmosi.cli.options import console

if TYPE_CHECKING:
    from graph.model.bookkeeping import IngestCounts


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
) -> Iterator[tuple[io.BufferedReader[Any], Callable[[IngestCounts], None]]]:
    """The file opened for a progress bar of its own, and the callback that shows a chunk's
    counts on it."""
    from graph.model.bookkeeping import IngestCounts

    task = progress.add_task(path.name, total=path.stat().st_size, counts="")
    running = IngestCounts()

    def report(counts: IngestCounts) -> None:
        nonlocal running
        running += counts
        progress.update(task, counts=f"{running.read} read, {running.rejected} rejected")

    with path.open("rb") as raw:
        yield io.BufferedReader(_CountingRaw(raw, lambda n: progress.advance(task, n))), report


@contextmanager
def working(label: str, as_json: bool) -> Iterator[Callable[[str], None]]:
    """A spinner with the time spent, for work of unknown length; yields the callback that
    names the step under way. Off for --json."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        disable=as_json,
        transient=True,
    )
    with progress:
        task = progress.add_task(label)
        yield lambda step: progress.update(task, description=f"{label}: {step}")


def summary_table(counts: IngestCounts, seconds: float, title: str = "Ingest summary") -> Table:
    table = Table(title=title, show_header=False)
    for name in ("read", "stored", "duplicates", "rejected"):
        table.add_row(name, str(getattr(counts, name)))
    table.add_row("seconds", f"{seconds:.1f}")
    if seconds > 0:
        table.add_row("records/s", f"{counts.read / seconds:.0f}")
    return table
