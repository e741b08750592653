"""``osmosi quarantine``: review and replay the records that could not be stored."""

from __future__ import annotations

import json
import time
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from osmosi.cli.options import DataDir, JsonOutput, command_group, console, load_settings
from osmosi.cli.progress import summary_table, working

quarantine_app = command_group("Review and replay records that could not be stored.")

PAGE = 500


@quarantine_app.command("list")
def quarantine_list(
    data_dir: DataDir = None,
    format: Annotated[str | None, typer.Option(help="Only this format.")] = None,
    limit: Annotated[int, typer.Option(help="How many to list.")] = 50,
    after: Annotated[str | None, typer.Option(help="List after this id (paging).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines, with payloads.")] = False,
) -> None:
    """List quarantined records with the reason each was rejected."""
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
    Console().print(table)  # the listing is the output: stdout


@quarantine_app.command("replay")
def quarantine_replay(
    data_dir: DataDir = None,
    format: Annotated[str | None, typer.Option(help="Only this format.")] = None,
    mapping: Annotated[list[str] | None, typer.Option("--map", help="CSV column mapping.")] = None,
    as_json: JsonOutput = False,
) -> None:
    """Try every quarantined record again; the ones that store leave the quarantine."""
    from graph.model.bookkeeping import IngestCounts
    from ingestion.crm import CRM_PREFIX, CrmImport
    from ingestion.parsers import parse_mapping, parser_for
    from osmosi.runtime import open_store, pipeline_for

    settings = load_settings(data_dir=data_dir)
    csv_mapping = parse_mapping(mapping or [])
    total = IngestCounts()
    started = time.monotonic()
    with open_store(settings) as store, working("replaying", as_json) as step:
        pipeline = pipeline_for(settings, store)
        after: str | None = None
        seen: set[str] = set()
        while entries := [
            e for e in store.quarantined(limit=PAGE, after=after, format=format) if e.id not in seen
        ]:
            seen.update(e.id for e in entries)
            customers = [e for e in entries if e.format.startswith(CRM_PREFIX)]
            posts = [e for e in entries if not e.format.startswith(CRM_PREFIX)]
            total += CrmImport(store).replay(customers)
            total += pipeline.replay(posts, lambda name: parser_for(name, csv_mapping))
            after = entries[-1].id
            step(f"{total.read} read, {total.stored} stored")
    if as_json:
        counts = ("read", "stored", "duplicates", "rejected")
        typer.echo(json.dumps({name: getattr(total, name) for name in counts}))
        return
    console.print(summary_table(total, time.monotonic() - started, title="Replay summary"))
    if total.rejected:
        console.print("Still rejected: see them with `osmosi quarantine list`.")
