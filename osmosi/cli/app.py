"""The root of the ``osmosi`` command line: its options and its command groups.

Commands import what they use when they run: ``osmosi --help`` reads only the commands'
signatures, and ``osmosi stats`` opens a store without loading the NLP, the server or Celery.
"""

from __future__ import annotations

from typing import Annotated

import typer

import osmosi
from osmosi.cli import (
    alerts,
    analyze,
    backfill,
    crm,
    ingest,
    keys,
    quarantine,
    rank,
    retention,
    serve,
    stats,
)
from osmosi.cli.options import FlagsGroup, console

app = typer.Typer(
    name="osmosi",
    help="Osmosi: community and advocacy intelligence on a graph.",
    cls=FlagsGroup,
    no_args_is_help=True,
    add_completion=False,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"osmosi {osmosi.__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    pass


for command in (serve.serve, stats.stats, stats.schema, serve.worker, serve.beat):
    app.command()(command)
app.command()(ingest.ingest)
app.add_typer(backfill.backfill_app, name="backfill")
app.add_typer(quarantine.quarantine_app, name="quarantine")
app.command()(analyze.analyze)
app.command()(rank.rank)
app.add_typer(keys.keys_app, name="keys")
app.add_typer(crm.crm_app, name="crm")
app.add_typer(alerts.alerts_app, name="alerts")
app.add_typer(retention.retention_app, name="retention")


def main() -> None:
    try:
        app()
    except Exception as error:
        # Imported once something failed, not at every start (`--help` opens no store).
        from graph.store.contract import StoreUnavailable
        from ingestion.jobs.broker import BrokerUnavailable

        if not isinstance(error, StoreUnavailable | BrokerUnavailable):
            raise
        # The message names the service by its URL (without a password): no traceback.
        console.print(str(error), style="red", markup=False, soft_wrap=True)
        raise SystemExit(1) from None
