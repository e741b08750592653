"""Wiring: which store, pipeline and job runner the settings call for.

Each function imports what it wires when called, so that a command pays only for the
services it uses (`osmosi stats` on the embedded store loads no Neo4j driver, spaCy or
Celery).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from graph.store.contract import GraphStore, StoreUnavailable
from osmosi.settings import Settings

if TYPE_CHECKING:
    from graph.identity.linking import Thresholds
    from graph.model.routing import RoutingTable
    from graph.neo4j.bulk_import import Finished, ImportFiles
    from ingestion.enrichment.analyzer import Analyzer
    from ingestion.jobs.broker import RedisBroker
    from ingestion.jobs.ledger import ChunkLedger
    from ingestion.jobs.rankings import RankScheduler
    from ingestion.jobs.runner import JobRunner
    from ingestion.jobs.webhooks import Dispatcher
    from ingestion.pipeline import Pipeline


def open_store(settings: Settings) -> GraphStore:
    """Open the configured store and make sure its schema exists; a Neo4j that cannot be
    reached raises `StoreUnavailable` naming its URI."""
    store: GraphStore
    if settings.neo4j_uri:
        from graph.neo4j import Neo4jGraphStore

        store = Neo4jGraphStore(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password.get_secret_value(),
            settings.neo4j_database,
            connection_timeout=settings.connect_timeout_seconds,
        )
    else:
        from graph.embedded import EmbeddedGraphStore

        store = EmbeddedGraphStore(settings.data_dir)
    try:
        store.ping()  # fail fast: writes would be retried for half a minute first
        store.ensure_schema()
    except StoreUnavailable as error:
        store.close()
        if not settings.neo4j_uri:
            raise
        from ingestion.jobs.broker import public_url

        where, reason = public_url(settings.neo4j_uri), error.__cause__ or error
        raise StoreUnavailable(f"Neo4j at {where} is unavailable: {reason}") from error
    except BaseException:
        store.close()
        raise
    return store


def broker(settings: Settings) -> RedisBroker | None:
    """The job broker, when Redis is configured."""
    if not settings.redis_url:
        return None
    from ingestion.jobs.broker import RedisBroker

    return RedisBroker(settings.redis_url, timeout=settings.connect_timeout_seconds)


def check_broker(settings: Settings) -> None:
    """Raise `BrokerUnavailable`, naming Redis by its URL, when it is configured and does
    not answer."""
    redis = broker(settings)
    if redis is not None:
        try:
            redis.check()
        finally:
            redis.close()


@contextmanager
def ranking_turn(settings: Settings) -> Iterator[bool]:
    """Whether this process may rank now. Without Redis, yes; with it, only when no worker
    or other `osmosi rank` is ranking, and until the block ends theirs are then skipped."""
    from ingestion.jobs.rankings import RANKING_LOCK

    redis = broker(settings)
    if redis is None:
        yield True
        return
    try:
        with redis.exclusive(RANKING_LOCK) as held:
            yield held
    finally:
        redis.close()


def analyzer(settings: Settings) -> Analyzer:
    """The process's analyzer for the configured brand lexicon."""
    from ingestion.enrichment.analyzer import analyzer_for
    from ingestion.enrichment.brand import DEFAULT_LEXICON

    return analyzer_for(settings.brand_lexicon or DEFAULT_LEXICON)


def routing_table(settings: Settings) -> RoutingTable:
    """The configured impact table (the bundled default unless a file is named)."""
    from graph.model.routing import DEFAULT_TABLE, load_table

    return load_table(settings.routing_rules or DEFAULT_TABLE)


def identity_thresholds(settings: Settings) -> Thresholds:
    """From which confidence identity links apply without review."""
    from graph.identity.linking import Thresholds

    return Thresholds(settings.identity_link_threshold, settings.identity_merge_threshold)


def dispatcher(settings: Settings, store: GraphStore) -> Dispatcher | None:
    """The webhook dispatcher, when webhooks are configured."""
    if not settings.webhook_urls or settings.webhook_secret is None:
        return None
    from ingestion.jobs.webhooks import Backoff, Dispatcher, http_post

    return Dispatcher(
        store,
        settings.webhook_secret.get_secret_value(),
        http_post(settings.webhook_timeout_seconds),
        Backoff(timedelta(seconds=settings.webhook_retry_seconds), settings.webhook_attempts),
    )


def ingest_workers(settings: Settings, spare_cores: int = 1) -> int:
    """How many processes prepare files for `osmosi ingest` (see `Settings.ingest_workers`):
    unless set, one a CPU but ``spare_cores`` (left to the writing process and the
    database), at least 1 and at most 4."""
    if settings.ingest_workers is not None:
        return settings.ingest_workers
    return min(4, max(1, (os.cpu_count() or 1) - spare_cores))


def ingest_writers(settings: Settings, store: GraphStore) -> int:
    """How many chunks `osmosi ingest` writes at once (see `Settings.ingest_writers`)."""
    if settings.ingest_writers is not None:
        return settings.ingest_writers
    return 2 if store.parallel_writes else 1


def pipeline_for(settings: Settings, store: GraphStore) -> Pipeline:
    """The ingest pipeline over ``store``, with the configured channel kinds, routing and
    alerts and, unless disabled, enrichment with the configured brand lexicon (whose
    touchpoints and products are written to the store, named). New alerts' webhooks are
    delivered by a background thread of this process."""
    from graph.responses.acting import Actions
    from ingestion.jobs.webhooks import BackgroundDelivery
    from ingestion.pipeline import DEFAULT_CHANNEL_KINDS, Pipeline

    kinds = {**DEFAULT_CHANNEL_KINDS, **settings.channel_kinds}
    delivery = dispatcher(settings, store)
    pipeline = Pipeline(
        store,
        channel_kinds=kinds,
        batch_size=settings.ingest_batch_size,
        workers=ingest_workers(settings),
        writers=ingest_writers(settings, store),
        actions=Actions(routing_table(settings), tuple(settings.webhook_urls)),
        on_alerts=BackgroundDelivery(delivery).kick if delivery is not None else None,
    )
    if settings.enrich:
        enrichment = analyzer(settings)
        store.upsert_touchpoints(enrichment.lexicon.touchpoints)
        store.upsert_products(enrichment.lexicon.products)
        store.set_affiliations(enrichment.lexicon.affiliations)
        pipeline.enrich = enrichment.enrich
    return pipeline


def backfill_writer(settings: Settings, directory: Path) -> tuple[Pipeline, ImportFiles]:
    """What `osmosi backfill files` needs: `pipeline_for`'s parsing and enrichment, without
    actions (history opens no conversations and raises no alerts) and without reaching the
    database (the importer wants it stopped, and empty), and the importer's files.

    Raises ValueError unless the configured store is Neo4j."""
    from graph.neo4j import Neo4jGraphStore
    from graph.neo4j.bulk_import import ImportFiles
    from ingestion.pipeline import DEFAULT_CHANNEL_KINDS, Pipeline

    if not settings.neo4j_uri:
        raise ValueError("A backfill is for Neo4j: set OSMOSI_NEO4J_URI.")
    # For its rows only: a driver connects at its first query, and this one makes none.
    store = Neo4jGraphStore(settings.neo4j_uri, settings.neo4j_user, "", settings.neo4j_database)
    pipeline = Pipeline(
        store,
        channel_kinds={**DEFAULT_CHANNEL_KINDS, **settings.channel_kinds},
        batch_size=settings.ingest_batch_size,
        # The files take a third of a core to write, and the database is stopped.
        workers=ingest_workers(settings, spare_cores=0),
    )
    if settings.enrich:
        pipeline.enrich = analyzer(settings).enrich
    return pipeline, ImportFiles(directory, datetime.now(UTC), secrets.randbits(63))


def finish_backfill(settings: Settings, directory: Path) -> Finished:
    """`osmosi backfill finish`: the schema, the lexicon's names (as `pipeline_for` writes
    them), and what the files left for after the import (`finish_import`).

    Raises ValueError unless the configured store is Neo4j."""
    from graph.neo4j import Neo4jGraphStore
    from graph.neo4j.bulk_import import finish_import

    if not settings.neo4j_uri:  # checked first: opening the embedded store creates it
        raise ValueError("A backfill is for Neo4j: set OSMOSI_NEO4J_URI.")
    with open_store(settings) as store:
        assert isinstance(store, Neo4jGraphStore)
        pipeline_for(settings, store)
        return finish_import(store, directory)


def open_pipeline(settings: Settings) -> Pipeline:
    return pipeline_for(settings, open_store(settings))


def _every(minutes: int) -> timedelta | None:
    return timedelta(minutes=minutes) if minutes else None


def rank_scheduler(
    settings: Settings, store: GraphStore, clock: Callable[[], datetime]
) -> RankScheduler | None:
    """Without Redis (no `osmosi beat`), the schedule that keeps this process's rankings
    fresh; None with Redis, or when both of its triggers are off."""
    every = _every(settings.rank_every_minutes)
    delay = timedelta(seconds=settings.rank_after_ingest_seconds) or None
    if settings.redis_url or (every is None and delay is None):
        return None
    from ingestion.jobs.rankings import RankScheduler

    return RankScheduler(store, every, delay, clock)


def chunk_ledger(settings: Settings) -> ChunkLedger:
    """Where ingest chunks wait for the workers (``settings.redis_url`` must be set)."""
    if not settings.redis_url:
        raise ValueError("OSMOSI_REDIS_URL is not set")
    from ingestion.jobs.ledger import ChunkLedger

    return ChunkLedger.at(settings.redis_url, timeout=settings.connect_timeout_seconds)


def celery_app(settings: Settings) -> Any:
    """The Celery app for ``settings.redis_url`` (which must be set)."""
    if not settings.redis_url:
        raise ValueError("OSMOSI_REDIS_URL is not set")
    from ingestion.jobs.celery_app import create_celery

    return create_celery(
        settings.redis_url,
        partial(open_pipeline, settings),
        chunk_ledger(settings),
        visibility_timeout=settings.task_visibility_timeout,
        rank_every=_every(settings.rank_every_minutes),
        scan_every=_every(settings.alert_scan_minutes),
        deliver_every=timedelta(minutes=1) if settings.webhook_urls else None,
        connect_timeout=settings.connect_timeout_seconds,
        retention_days=settings.retention_days,
    )


def beat_schedule_file(settings: Settings) -> Path:
    """Where `osmosi beat` keeps its schedule (and, beside it, its heartbeat)."""
    return settings.data_dir / "celerybeat-schedule"


def job_runner(settings: Settings, store: GraphStore) -> JobRunner:
    """Celery workers when Redis is configured, else the calling process."""
    from ingestion.jobs.runner import CeleryRunner, InProcessRunner

    pipeline = pipeline_for(settings, store)
    redis = broker(settings)
    if redis is not None:
        return CeleryRunner(
            pipeline,
            celery_app(settings),
            redis,
            chunk_ledger(settings),
            settings.ingest_batch_size,
        )
    return InProcessRunner(pipeline, settings.ingest_batch_size)


class _Background(Protocol):
    def start(self) -> None: ...

    def stop(self) -> None: ...


class Runtime:
    """A serving process's parts, composed once here and handed to the app (`server.app`),
    which starts them with itself and stops them at shutdown: the store (opened by `start`
    unless given; a given one is left open), the job broker and runner, the routing table,
    the identity thresholds, and the background work a process without Redis (so without
    `osmosi beat`) does itself: alert scans, retention and rankings. ``clock`` gives each
    request and scan its "now"."""

    def __init__(
        self,
        settings: Settings,
        store: GraphStore | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.settings, self.clock, self._given = settings, clock, store
        self.routing = routing_table(settings)
        self.thresholds = identity_thresholds(settings)
        self._store = store
        self._runner: JobRunner | None = None
        self.broker: RedisBroker | None = None
        self._background: list[_Background] = []

    @property
    def store(self) -> GraphStore:
        if self._store is None:
            raise RuntimeError("the runtime is not started")
        return self._store

    @property
    def runner(self) -> JobRunner:
        if self._runner is None:
            raise RuntimeError("the runtime is not started")
        return self._runner

    def start(self) -> None:
        """Open what the process needs and start its background work (blocking)."""
        from ingestion.jobs.retention import PeriodicRetention
        from ingestion.jobs.scans import PeriodicScan

        settings = self.settings
        store = self._store = self._given or open_store(settings)
        self.broker = broker(settings)
        self._runner = job_runner(settings, store)
        pipeline = self._runner.pipeline
        if pipeline.on_alerts is not None:
            pipeline.on_alerts()  # deliver what an earlier run left pending
        if not settings.redis_url and settings.alert_scan_minutes:
            every = timedelta(minutes=settings.alert_scan_minutes)
            self._background.append(PeriodicScan(pipeline, every, self.clock))
        if not settings.redis_url and settings.retention_days:
            self._background.append(PeriodicRetention(store, settings.retention_days, self.clock))
        # Rankings now and then, and soon after ingests through the API.
        ranking = rank_scheduler(settings, store, self.clock)
        if ranking is not None:
            pipeline.on_stored = ranking.ingested
            self._background.append(ranking)
        for work in self._background:
            work.start()

    def stop(self) -> None:
        """Stop the background work, close the broker and the store opened by `start`
        (blocking)."""
        for work in self._background:
            work.stop()
        self._background.clear()
        if self.broker is not None:
            self.broker.close()
        if self._given is None and self._store is not None:
            self._store.close()
            self._store = None
