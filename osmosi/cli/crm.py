"""``osmosi crm``: customer imports, identity resolution and decisions on identity links."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from osmosi.cli.links import links_app
from osmosi.cli.options import DataDir, JsonOutput, command_group, console, load_settings
from osmosi.cli.progress import file_progress, reading, summary_table, working

if TYPE_CHECKING:
    from graph.identity.linking import Resolution

crm_app = command_group("Import CRM customers and link them to people.")
crm_app.add_typer(links_app, name="links")


@crm_app.command("import")
def crm_import(
    path: Annotated[
        Path, typer.Argument(help="Customer export.", exists=True, dir_okay=False, readable=True)
    ],
    format: Annotated[str, typer.Option("--format", "-f", help="csv or jsonl.")] = "csv",
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", help="Column mapping, e.g. --map customer_id=Id,handle_x=Twitter."),
    ] = None,
    resolve: Annotated[
        bool, typer.Option(help="Link customers to people afterwards (identity resolution).")
    ] = True,
    data_dir: DataDir = None,
    as_json: JsonOutput = False,
) -> None:
    """Import customers (idempotent by customer id), then resolve identities."""
    from graph.identity import linking
    from ingestion.crm import CrmImport, crm_format, parse_crm_mapping
    from osmosi.runtime import identity_thresholds, open_store

    settings = load_settings(data_dir=data_dir)
    try:
        fmt = crm_format(format, parse_crm_mapping(mapping or []))
    except ValueError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    started = time.monotonic()
    with open_store(settings) as store:
        with file_progress(as_json) as progress, reading(path, progress) as (reader, report):
            importer = CrmImport(store, settings.ingest_batch_size)
            total = importer.run(fmt.read(reader), fmt, path.name, report)
        links = None
        if resolve:
            links = linking.resolve(store, datetime.now(UTC), identity_thresholds(settings))
    seconds = time.monotonic() - started
    if as_json:
        summary: dict[str, Any] = {**asdict(total), "seconds": round(seconds, 3)}
        summary["links"] = asdict(links) if links is not None else None
        summary["ignored_columns"] = sorted(importer.ignored_columns)
        typer.echo(json.dumps(summary))
        return
    console.print(summary_table(total, seconds))
    if importer.ignored_columns:
        console.print("Columns ignored: " + ", ".join(sorted(importer.ignored_columns)) + ".")
    if links is not None:
        console.print(_links_table(links))
    if total.rejected:
        console.print(
            "See rejected records with `osmosi quarantine list --format crm-" + format + "`."
        )


def _links_table(links: Resolution) -> Table:
    table = Table(title="Identity links", show_header=False)
    table.add_row("newly proposed", str(links.proposed))
    table.add_row("applied now", str(links.applied))
    table.add_row("waiting for review", str(links.waiting))
    return table


@crm_app.command("resolve")
def crm_resolve(data_dir: DataDir = None, as_json: JsonOutput = False) -> None:
    """Propose person ↔ customer and person ↔ person links; apply the confident ones."""
    from graph.identity import linking
    from osmosi.runtime import identity_thresholds, open_store

    settings = load_settings(data_dir=data_dir)
    with open_store(settings) as store, working("resolving identities", as_json):
        links = linking.resolve(store, datetime.now(UTC), identity_thresholds(settings))
    typer.echo(json.dumps(asdict(links))) if as_json else console.print(_links_table(links))
