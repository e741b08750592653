"""Settings, from ``OSMOSI_*`` environment variables (and an optional ``.env`` file).

Read once at startup by the CLI or the app factory, then passed down; never at import.
"""

from __future__ import annotations

import enum
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.model.nodes import ChannelKind

NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
"""URI schemes of the Neo4j driver: ``bolt`` for one server, ``neo4j`` for a cluster's
router (``+s``: TLS with a verified certificate, ``+ssc``: TLS with a self-signed one)."""


class Environment(enum.StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class Settings(BaseSettings):
    """Osmosi's configuration. With no Neo4j URI the embedded store is used; with no Redis
    URL background work runs in-process."""

    # Errors name the setting, never its value: URIs can carry passwords.
    model_config = SettingsConfigDict(
        env_prefix="OSMOSI_", env_file=".env", extra="ignore", hide_input_in_errors=True
    )

    environment: Environment = Field(
        Environment.DEVELOPMENT,
        description="`production` turns GraphiQL off and hides error details.",
    )
    data_dir: Path = Field(
        Path("osmosi-data"), description="Directory of the embedded store and local state."
    )
    neo4j_uri: str | None = Field(
        None,
        description="Neo4j URI: `bolt://` for one server, `neo4j://` or `neo4j+s://` for a "
        "cluster (reads go to followers); unset means the embedded store.",
    )
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"
    redis_url: str | None = Field(
        None, description="Celery broker and result backend; unset means in-process jobs."
    )
    connect_timeout_seconds: float = Field(
        5.0,
        gt=0,
        le=60,
        description="How long a connection to Neo4j or Redis may take before the service "
        "is reported unreachable (by its URL).",
    )
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    log_level: str = "INFO"
    channel_kinds: dict[str, ChannelKind] = Field(
        default_factory=dict,
        description="Channel kind overrides, keyed `platform` or `platform:venue` (JSON).",
    )
    task_visibility_timeout: int = Field(
        3600,
        ge=5,
        description="Seconds before a task left unacknowledged by a dead worker is redelivered.",
    )
    ingest_batch_size: int = Field(1000, ge=1, le=50_000, description="Posts per write batch.")
    ingest_workers: int | None = Field(
        None,
        ge=0,
        le=64,
        description="Processes that prepare (parse, validate, enrich) JSON-lines files for "
        "`osmosi ingest` while it writes; 0 prepares in the writing process. Unset: one "
        "less than the CPUs (for `osmosi backfill files`, the CPUs), at least 1 and at most 4.",
    )
    ingest_writers: int | None = Field(
        None,
        ge=1,
        le=16,
        description="Chunks `osmosi ingest` writes at once, each chunk waiting for those that "
        "share an account, channel, topic or post with it. Unset: 2 on Neo4j (a server runs "
        "transactions in parallel), 1 on the embedded store (SQLite commits one at a time).",
    )
    store_threads: int = Field(
        4,
        ge=1,
        le=200,
        description="Threads that run the API's store calls at once (per process).",
    )
    workers: int = Field(1, ge=1, le=64, description="API processes `osmosi serve` runs.")
    ranking_cache_seconds: float = Field(
        10.0,
        ge=0,
        le=3600,
        description="How long an API process reuses a ranking view's result (influencers, "
        "advocates, communities, influencer map, shortlist); 0 turns the cache off.",
    )
    query_budget_viewer: int = Field(
        1000,
        ge=1,
        description="Most a viewer key's GraphQL operation may cost (in store calls; the "
        "schema's descriptions give each field's cost).",
    )
    query_budget_manager: int = Field(
        2000, ge=1, description="Most a manager key's GraphQL operation may cost."
    )
    query_budget_admin: int = Field(
        5000, ge=1, description="Most an admin key's GraphQL operation may cost."
    )
    rate_limit_per_minute: int = Field(
        10_000,
        ge=0,
        description="Cost points each key may spend per minute (per API process), with "
        "bursts up to as much; 0 turns the limit off.",
    )
    view_slots: int = Field(
        2,
        ge=1,
        le=64,
        description="Views computed on request (recomputed influence, the shortlist, "
        "paths) an API process runs at once, on threads of their own.",
    )
    view_deadline_seconds: float = Field(
        30.0,
        gt=0,
        description="Seconds after which a computed view (its wait for a slot included) is "
        "answered with a DEADLINE_EXCEEDED error.",
    )
    max_request_bytes: int = Field(
        256 * 1024, ge=1024, description="Largest accepted API request body, in bytes."
    )
    max_ingest_bytes: int = Field(
        20 * 1024 * 1024, ge=1024, description="Largest accepted push to /ingest, in bytes."
    )
    brand_lexicon: Path | None = Field(
        None,
        description="Brand lexicon (TOML) naming the brand, products and touchpoints; "
        "unset means the demo brand's.",
    )
    enrich: bool = Field(
        True, description="Analyse posts (language, sentiment, topics, intent) on ingest."
    )
    rank_every_minutes: int = Field(
        60,
        ge=0,
        description="How often the rankings are recomputed (by `osmosi beat`, or by "
        "`osmosi serve` without Redis); 0 turns it off.",
    )
    retention_days: int = Field(
        0,
        ge=0,
        description="Posts older than this many days are dropped with what derives from them "
        "(daily by `osmosi beat`, or by `osmosi serve` without Redis; at once by `osmosi "
        "retention apply`); 0 keeps every post.",
    )
    rank_after_ingest_seconds: float = Field(
        30.0,
        ge=0,
        description="Without Redis, how long after an ingest through the API `osmosi serve` "
        "recomputes the rankings (once for all the ingests of that time); 0 turns it off.",
    )

    routing_rules: Path | None = Field(
        None,
        description="Impact table (TOML) routing conversations to business functions; unset "
        "means the bundled default (graph/data/routing.toml). A table saved through the API "
        "takes precedence.",
    )
    identity_link_threshold: float = Field(
        0.75, ge=0.0, le=1.0, description="Confidence from which person-customer links apply."
    )
    identity_merge_threshold: float = Field(
        0.9, ge=0.0, le=1.0, description="Confidence from which two people are merged."
    )
    webhook_urls: list[str] = Field(
        default_factory=list, description="URLs every alert is POSTed to, signed (JSON list)."
    )
    webhook_secret: SecretStr | None = Field(
        None, description="Shared secret of the webhooks' HMAC-SHA256 signature."
    )
    webhook_retry_seconds: float = Field(
        30.0, gt=0, description="Wait before a failed delivery's first retry (then doubling)."
    )
    webhook_attempts: int = Field(6, ge=1, le=20, description="Attempts before giving up.")
    webhook_timeout_seconds: float = Field(10.0, gt=0, description="Per-attempt timeout.")
    alert_scan_minutes: int = Field(
        15, ge=0, description="How often `osmosi beat` scans for spikes and new channels."
    )
    alert_poll_seconds: float = Field(
        2.0, gt=0, le=60, description="How often alert subscriptions look for new alerts."
    )

    @field_validator("neo4j_uri")
    @classmethod
    def _neo4j_scheme(cls, uri: str | None) -> str | None:
        if uri and urlsplit(uri).scheme not in NEO4J_SCHEMES:
            schemes = ", ".join(f"{scheme}://" for scheme in NEO4J_SCHEMES)
            raise ValueError(f"a Neo4j URI starts with one of {schemes}")
        return uri

    @model_validator(mode="after")
    def _webhooks_are_signed(self) -> Settings:
        if self.webhook_urls and self.webhook_secret is None:
            raise ValueError("OSMOSI_WEBHOOK_URLS needs OSMOSI_WEBHOOK_SECRET to sign deliveries")
        for url in self.webhook_urls:
            if not url.startswith(("http://", "https://")):
                raise ValueError("webhook URLs must be http:// or https:// URLs")
        return self

    @property
    def store_backend(self) -> str:
        return "neo4j" if self.neo4j_uri else "embedded"

    @property
    def production(self) -> bool:
        return self.environment is Environment.PRODUCTION
