"""The ``osmosi`` command line.

Commands import what they use when they run: ``osmosi --help`` reads only the commands'
signatures, and ``osmosi stats`` opens a store without loading the NLP, the server or Celery.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

import osmosi
from osmosi.logs import configure_logging, uvicorn_log_config

if TYPE_CHECKING:
    from osmosi.settings import Settings

app = typer.Typer(
    name="osmosi",
    help="Osmosi: community and advocacy intelligence on a graph.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Data directory of the embedded store (OSMOSI_DATA_DIR)."),
]
JsonOutput = Annotated[bool, typer.Option("--json", help="Print one JSON object for machines.")]


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


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment, with command-line options taking precedence."""
    from osmosi.settings import Settings

    settings = Settings(**{key: value for key, value in overrides.items() if value is not None})
    configure_logging(settings.log_level)
    return settings


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind (OSMOSI_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (OSMOSI_PORT).")] = None,
    data_dir: DataDir = None,
    demo: Annotated[
        bool, typer.Option("--demo", help="Load the built-in demo conversation first.")
    ] = False,
    demo_scale: Annotated[
        float,
        typer.Option(
            min=0.01,
            max=1.0,
            help="A fraction of the demo's size (1: about 3,000 people and 22,000 posts), "
            "for a quicker first start.",
        ),
    ] = 1.0,
    workers: Annotated[
        int | None, typer.Option(min=1, max=64, help="API processes (OSMOSI_WORKERS).")
    ] = None,
) -> None:
    """Run the HTTP and GraphQL API."""
    import uvicorn

    from graph.access import first_admin_key
    from ingestion.demo import load_demo
    from ingestion.jobs.broker import BrokerUnavailable
    from osmosi.runtime import check_broker, identity_thresholds, open_store, pipeline_for
    from server.app import create_app

    settings = load_settings(host=host, port=port, data_dir=data_dir, workers=workers)
    try:
        check_broker(settings)
    except BrokerUnavailable as error:
        # The API serves reads without Redis: start, but say what will fail.
        console.print(
            f"Warning: {error}. Ingests through the API, recomputeRankings and the "
            "scheduled jobs fail until it answers; /readyz reports it.",
            style="yellow",
            markup=False,
            soft_wrap=True,
        )
    with open_store(settings) as store:
        if demo:
            console.print("Loading the demo (Caffè Aurora)…")
            pipeline = pipeline_for(settings, store)
            loaded = load_demo(pipeline, identity_thresholds(settings), scale=demo_scale)
            console.print(loaded.summary())
        first_key = first_admin_key(store, datetime.now(UTC))
    level = settings.log_level.lower()
    console.print(
        f"Osmosi on http://{settings.host}:{settings.port}/ (the app; the API at /graphql) "
        f"(store: {settings.store_backend}, {settings.workers} process(es))"
    )
    if first_key is not None:
        # Printed once, to the terminal only (never logged): the way into a new install.
        console.print(
            "No API keys yet: created an admin key. It is not shown again: sign in to the "
            "app with it (or send it as `Authorization: Bearer KEY`). Make more with "
            "`osmosi keys create --role viewer|manager|admin`."
        )
        typer.echo(f"admin key: {first_key}", err=True)
    if settings.workers == 1:
        uvicorn.run(
            create_app(settings),
            host=settings.host,
            port=settings.port,
            log_level=level,
            log_config=uvicorn_log_config(),
        )
        return
    # Each worker process reads the settings at its own start: pass the options down.
    os.environ["OSMOSI_DATA_DIR"] = str(settings.data_dir)
    uvicorn.run(
        "server.app:app_from_environment",
        factory=True,
        workers=settings.workers,
        host=settings.host,
        port=settings.port,
        log_level=level,
        log_config=uvicorn_log_config(),
    )


@app.command()
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


@app.command()
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
    from ingestion.record import canonical_json_schema
    from server.graphql.schema import schema_sdl

    sdl = canonical_json_schema() if record else schema_sdl()
    if check is None:
        sys.stdout.write(sdl)
        return
    if check.read_text(encoding="utf-8") != sdl:
        flag = " --record" if record else ""
        console.print(f"{check} is stale; regenerate it with `osmosi schema{flag} > {check}`")
        raise typer.Exit(1)


def _celery_app(settings: Settings) -> Any:
    from osmosi.runtime import celery_app

    if not settings.redis_url:
        console.print(
            "OSMOSI_REDIS_URL is not set: background work runs in-process, no worker is needed."
        )
        raise typer.Exit(2)
    return celery_app(settings)


@app.command()
def worker(
    concurrency: Annotated[int, typer.Option(help="Worker processes.")] = 2,
    queues: Annotated[
        str | None,
        typer.Option(
            help="Queues to consume, comma-separated, of ingest, ranking and webhooks "
            "(default: all): dedicated ranking workers take `--queues ranking`."
        ),
    ] = None,
) -> None:
    """Run a Celery worker for background jobs (needs OSMOSI_REDIS_URL)."""
    from ingestion.jobs.celery_app import QUEUE_NAMES, WORKER_QUEUES

    chosen = [name.strip() for name in queues.split(",")] if queues else WORKER_QUEUES
    if unknown := set(chosen) - set(WORKER_QUEUES):
        raise typer.BadParameter(
            f"unknown queue {', '.join(sorted(unknown))}; the queues are {', '.join(QUEUE_NAMES)}",
            param_hint="--queues",
        )
    settings = load_settings()
    _celery_app(settings).worker_main(
        [
            "worker",
            f"--concurrency={concurrency}",
            f"--loglevel={settings.log_level}",
            f"--queues={','.join(chosen)}",
        ]
    )


@app.command()
def beat() -> None:
    """Run the Celery beat scheduler of periodic jobs (needs OSMOSI_REDIS_URL)."""
    from osmosi.runtime import beat_schedule_file

    settings = load_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    schedule = beat_schedule_file(settings)
    _celery_app(settings).start(
        ["beat", f"--loglevel={settings.log_level}", f"--schedule={schedule}"]
    )


def _register_commands() -> None:
    from osmosi.analyze_cli import analyze
    from osmosi.crm_cli import alerts_app, crm_app
    from osmosi.ingest_cli import ingest, quarantine_app
    from osmosi.keys_cli import keys_app
    from osmosi.rank_cli import rank
    from osmosi.retention_cli import retention_app

    app.command()(ingest)
    app.add_typer(quarantine_app, name="quarantine")
    app.command()(analyze)
    app.command()(rank)
    app.add_typer(keys_app, name="keys")
    app.add_typer(crm_app, name="crm")
    app.add_typer(alerts_app, name="alerts")
    app.add_typer(retention_app, name="retention")


_register_commands()


def main() -> None:
    try:
        app()
    except Exception as error:
        # Imported once something failed, not at every start (`--help` opens no store).
        from graph.store import StoreUnavailable
        from ingestion.jobs.broker import BrokerUnavailable

        if not isinstance(error, StoreUnavailable | BrokerUnavailable):
            raise
        # The message names the service by its URL (without a password): no traceback.
        console.print(str(error), style="red", markup=False, soft_wrap=True)
        raise SystemExit(1) from None
