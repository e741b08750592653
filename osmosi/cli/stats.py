"""``osmosi stats`` and ``osmosi schema``: what is stored, and the schemas served."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from osmosi.cli.options import DataDir, JsonOutput, console, load_settings


def stats(data_dir: DataDir = None, as_json: JsonOutput = False) -> None:
    """Print how many people, accounts, posts, topics, channels and communities are stored."""
    from osmosi.runtime import open_store

    settings = load_settings(data_dir=data_dir)
    with open_store(settings) as store:
        counts = asdict(store.counts())
    if as_json:
        typer.echo(json.dumps(counts))
        return
    for name, value in counts.items():
        typer.echo(f"{name:>12}  {value}")


def schema(
    check: Annotated[
        Path | None, typer.Option(help="Compare with this file; exit 1 if it differs.")
    ] = None,
    record: Annotated[
        bool,
        typer.Option("--record", help="The JSON Schema of the canonical ingest record instead."),
    ] = False,
) -> None:
    """Print the GraphQL schema (SDL) that the server serves, or the canonical record's."""
    from ingestion.canonical.record import canonical_json_schema
    from server.graphql.schema import schema_sdl

    sdl = canonical_json_schema() if record else schema_sdl()
    if check is None:
        sys.stdout.write(sdl)
        return
    if check.read_text(encoding="utf-8") != sdl:
        flag = " --record" if record else ""
        console.print(f"{check} is stale; regenerate it with `osmosi schema{flag} > {check}`")
        raise typer.Exit(1)
