"""``osmosi serve``, ``worker`` and ``beat``: the API and the background job processes."""

from __future__ import annotations

import contextlib
import gc
import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from osmosi.cli.options import DataDir, console, load_settings
from osmosi.logs import configure_logging, uvicorn_log_config

if TYPE_CHECKING:
    from fastapi import FastAPI

    from osmosi.settings import Settings


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

    from graph.model.access import first_admin_key
    from ingestion.demo import load_demo
    from ingestion.jobs.broker import BrokerUnavailable
    from osmosi.cli.workers import PortInUse, supervisor
    from osmosi.runtime import check_broker, identity_thresholds, open_store, pipeline_for

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
            served_app(settings),
            host=settings.host,
            port=settings.port,
            log_level=level,
            log_config=uvicorn_log_config(),
        )
        return
    # Each worker process reads the settings at its own start: pass the options down.
    os.environ["OSMOSI_DATA_DIR"] = str(settings.data_dir)
    config = uvicorn.Config(
        "osmosi.cli.serve:app_from_environment",
        factory=True,
        workers=settings.workers,
        host=settings.host,
        port=settings.port,
        log_level=level,
        log_config=uvicorn_log_config(),
    )
    try:
        with contextlib.suppress(KeyboardInterrupt):
            supervisor(config).run()
    except PortInUse as error:
        console.print(str(error), style="red", markup=False)
        raise typer.Exit(1) from error


def _celery_app(settings: Settings) -> Any:
    from osmosi.runtime import celery_app

    if not settings.redis_url:
        console.print(
            "OSMOSI_REDIS_URL is not set: background work runs in-process, no worker is needed."
        )
        raise typer.Exit(2)
    return celery_app(settings)


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


def beat() -> None:
    """Run the Celery beat scheduler of periodic jobs (needs OSMOSI_REDIS_URL)."""
    from osmosi.runtime import beat_schedule_file

    settings = load_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    schedule = beat_schedule_file(settings)
    _celery_app(settings).start(
        ["beat", f"--loglevel={settings.log_level}", f"--schedule={schedule}"]
    )


def app_from_environment() -> FastAPI:
    """The app with settings read from the environment: for each of several worker
    processes (``osmosi serve --workers N``)."""
    from osmosi.settings import Settings

    settings = Settings()
    configure_logging(settings.log_level)
    return served_app(settings)


def served_app(settings: Settings) -> FastAPI:
    """The app an API process serves; what the process has built by then is set aside from
    the garbage collector.

    Start-up builds some 200,000 objects that live as long as the process (modules, the
    schema, the analysis models). Each full collection walked them all: a pause of 100 to
    200 ms that stopped every request in flight, several times a minute under load. Frozen
    (after a collection, so that no garbage is kept), they are never walked again, and
    full collections pause about a seventh as long (``python -m bench.api_gc``)."""
    from osmosi.runtime import Runtime
    from server.app import create_app

    app = create_app(Runtime(settings))
    gc.collect()
    gc.freeze()
    return app
