"""``osmosi retention apply``: drop posts older than the retention setting, now."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

import typer

from osmosi.cli.options import DataDir, JsonOutput, command_group, console, load_settings
from osmosi.cli.progress import working

retention_app = command_group("Drop old posts with what derives from them.")


@retention_app.command("apply")
def apply(
    days: Annotated[
        int | None,
        typer.Option(min=1, help="Keep this many days of posts (default: OSMOSI_RETENTION_DAYS)."),
    ] = None,
    data_dir: DataDir = None,
    as_json: JsonOutput = False,
) -> None:
    """Drop the posts older than the retention period, with their opinions, tags, mentions,
    interactions, plain reposts of them, conversations about them and the topics and
    channels nothing else uses. Cannot be undone."""
    from graph.retention.service import apply_retention
    from osmosi.runtime import open_store

    settings = load_settings(data_dir=data_dir)
    keep = days or settings.retention_days
    if not keep:
        console.print("No retention period: set OSMOSI_RETENTION_DAYS or give --days.")
        raise typer.Exit(2)
    with open_store(settings) as store, working("dropping old posts", as_json):
        run = apply_retention(store, datetime.now(UTC), keep)
    summary = {"days": keep, "cutoff": run.cutoff.isoformat(), "posts_dropped": run.posts}
    if as_json:
        typer.echo(json.dumps(summary))
        return
    console.print(f"Dropped {run.posts} posts made before {run.cutoff:%Y-%m-%d %H:%M} UTC.")
