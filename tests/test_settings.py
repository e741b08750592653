"""Settings come from OSMOSI_* variables and select the backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.embedded import EmbeddedGraphStore
from graph.store.contract import StoreUnavailable
from osmosi.runtime import open_store
from osmosi.settings import Settings


def test_defaults_mean_embedded_store_and_in_process_jobs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("NEO4J_URI", "REDIS_URL", "DATA_DIR", "ENVIRONMENT"):
        monkeypatch.delenv(f"OSMOSI_{name}", raising=False)
    settings = Settings()
    assert settings.store_backend == "embedded"
    assert settings.redis_url is None
    assert not settings.production
    with open_store(settings) as store:
        assert isinstance(store, EmbeddedGraphStore)
    assert (tmp_path / "osmosi-data" / "osmosi.db").exists()


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OSMOSI_DATA_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("OSMOSI_NEO4J_URI", "bolt://db.example:7687")
    monkeypatch.setenv("OSMOSI_NEO4J_USER", "osmosi")
    monkeypatch.setenv("OSMOSI_NEO4J_PASSWORD", "s3cret")
    monkeypatch.setenv("OSMOSI_NEO4J_DATABASE", "crm")
    monkeypatch.setenv("OSMOSI_REDIS_URL", "redis://cache:6379/1")
    monkeypatch.setenv("OSMOSI_ENVIRONMENT", "production")
    settings = Settings()
    assert settings.data_dir == tmp_path / "elsewhere"
    assert settings.store_backend == "neo4j"
    assert (settings.neo4j_user, settings.neo4j_database) == ("osmosi", "crm")
    assert settings.neo4j_password.get_secret_value() == "s3cret"
    assert "s3cret" not in repr(settings)
    assert settings.redis_url == "redis://cache:6379/1"
    assert settings.production


def test_an_unreachable_neo4j_is_reported_clearly() -> None:
    settings = Settings(neo4j_uri="bolt://127.0.0.1:1")
    with pytest.raises(StoreUnavailable, match=r"Neo4j at bolt://127\.0\.0\.1:1 is unavailable"):
        open_store(settings)


def test_invalid_values_are_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OSMOSI_PORT", "99999")
    with pytest.raises(ValueError, match="port"):
        Settings()


def test_a_neo4j_uri_needs_a_driver_scheme_and_errors_never_quote_it() -> None:
    with pytest.raises(ValueError, match="neo4j_uri") as raised:
        Settings(neo4j_uri="http://osmosi:s3cret@db.example:7474")
    assert "neo4j+s://" in str(raised.value)
    assert "s3cret" not in str(raised.value)
