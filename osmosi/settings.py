"""Settings, from ``OSMOSI_*`` environment variables (and an optional ``.env`` file).

Read once at startup by the CLI or the app factory, then passed down; never at import.
"""

from __future__ import annotations

import enum
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.model import ChannelKind


class Environment(enum.StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class Settings(BaseSettings):
    """Osmosi's configuration. With no Neo4j URI the embedded store is used; with no Redis
    URL background work runs in-process."""

    model_config = SettingsConfigDict(env_prefix="OSMOSI_", env_file=".env", extra="ignore")

    environment: Environment = Field(
        Environment.DEVELOPMENT,
        description="`production` turns GraphiQL off and hides error details.",
    )
    data_dir: Path = Field(
        Path("osmosi-data"), description="Directory of the embedded store and local state."
    )
    neo4j_uri: str | None = Field(None, description="Bolt URI; unset means the embedded store.")
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"
    redis_url: str | None = Field(
        None, description="Celery broker and result backend; unset means in-process jobs."
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
    store_threads: int = Field(
        4,
        ge=1,
        le=200,
        description="Threads that run the API's store calls at once (per process).",
    )
    workers: int = Field(1, ge=1, le=64, description="API processes `osmosi serve` runs.")
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
        description="How often `osmosi beat` has the rankings recomputed; 0 turns it off.",
    )

    @property
    def store_backend(self) -> str:
        return "neo4j" if self.neo4j_uri else "embedded"

    @property
    def production(self) -> bool:
        return self.environment is Environment.PRODUCTION
