"""``osmosi backfill``: a brand's history into an empty Neo4j through its offline importer."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from osmosi.cli.options import (
    CsvMapping,
    DataDir,
    ExportFormat,
    JsonOutput,
    command_group,
    console,
    load_settings,
)
from osmosi.cli.progress import file_progress, reading, summary_table

backfill_app = command_group(
    "Load history into an empty Neo4j with its offline importer (several times faster than "
    "`osmosi ingest`): `files`, then neo4j-admin's import, then `finish`."
)

Directory = Annotated[Path, typer.Option("--to", help="An empty or new directory for the files.")]


@backfill_app.command("files")
def backfill_files(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files to load.", exists=True, dir_okay=False, readable=True),
    ],
    format: ExportFormat,
    to: Directory,
    mapping: CsvMapping = None,
    data_dir: DataDir = None,
    as_json: JsonOutput = False,
) -> None:
    """Parse and enrich exports into the files of `neo4j-admin database import full`.

    Nothing is written to the database. Records are counted as `osmosi ingest` counts them;
    history opens no conversations and raises no alerts.
    """
    from graph.model.bookkeeping import IngestCounts
    from ingestion.parsers import UnknownFormat, parse_mapping, parser_for
    from osmosi.runtime import backfill_writer

    settings = load_settings(data_dir=data_dir)
    if to.exists() and (not to.is_dir() or any(to.iterdir())):
        _refuse(f"{to} is not an empty directory.")
    try:
        parser = parser_for(format, parse_mapping(mapping or []))
        started = time.monotonic()
        pipeline, files = backfill_writer(settings, to)
    except (UnknownFormat, ValueError) as error:
        _refuse(str(error))
    total = IngestCounts()
    with file_progress(as_json) as progress:
        for path in paths:
            with reading(path, progress) as (reader, report):
                for chunk in pipeline.prepared_stream(reader, parser, path.name):
                    stored, duplicates = files.add(chunk.posts) if chunk.posts else (0, 0)
                    files.quarantine(chunk.rejected)
                    counts = IngestCounts(chunk.read, stored, duplicates, len(chunk.rejected))
                    report(counts)
                    total += counts
    files.close()
    pipeline.store.close()
    seconds = time.monotonic() - started
    if as_json:
        summary = {"read": total.read, "stored": total.stored, "duplicates": total.duplicates,
                   "rejected": total.rejected, "files": len(paths), "directory": str(to),
                   "seconds": round(seconds, 3)}  # fmt: skip
        typer.echo(json.dumps(summary))
        return
    console.print(summary_table(total, seconds))
    console.print(
        f"Next, with Neo4j stopped, in {to}:\n"
        f"  neo4j-admin database import full {settings.neo4j_database} @{files.arguments_file}\n"
        f"then start Neo4j and run `osmosi backfill finish --to {to}`.",
        markup=False,
        soft_wrap=True,
    )


@backfill_app.command("finish")
def backfill_finish(to: Directory, data_dir: DataDir = None, as_json: JsonOutput = False) -> None:
    """After the import: create the schema, and write what the files left for later (posts'
    later copies, the quarantine, the lexicon's names)."""
    from osmosi.cli.progress import working
    from osmosi.runtime import finish_backfill

    settings = load_settings(data_dir=data_dir)
    started = time.monotonic()
    try:
        with working("Finishing the backfill", as_json):
            done = finish_backfill(settings, to)
    except ValueError as error:
        _refuse(str(error))
    seconds = round(time.monotonic() - started, 3)
    if as_json:
        typer.echo(json.dumps({"copies": done.copies, "created": done.created,
                               "accounts": done.accounts, "quarantined": done.quarantined,
                               "seconds": seconds}))  # fmt: skip
        return
    console.print(
        f"Finished in {seconds:.1f} s: {done.copies} later copies of posts merged, "
        f"{done.accounts} accounts' links, {done.quarantined} records quarantined. "
        "Rank the graph with `osmosi rank`."
    )


def _refuse(reason: str) -> NoReturn:
    """Say on one line why the command cannot run, and exit 2."""
    console.print(reason, style="red", markup=False, soft_wrap=True)
    raise typer.Exit(2)
