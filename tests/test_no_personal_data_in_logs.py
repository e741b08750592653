"""Handles, names and texts never reach the logs, even at DEBUG."""

from __future__ import annotations

import logging

import pytest

from graph.store import GraphStore
from osmosi.logs import configure_logging
from tests.ingestion.helpers import FILES, ingest_fixture

PERSONAL = ("giulia", "emma_w", "laura_p", "espresso_fan", "barista_pro", "Chiara", "marco_rossi")


def test_ingesting_every_format_logs_no_personal_data(
    store: GraphStore, caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging("DEBUG")
    try:
        with caplog.at_level(logging.DEBUG):
            for fmt in FILES:
                ingest_fixture(store, fmt)
                ingest_fixture(store, fmt)
    finally:
        configure_logging("WARNING")
    assert store.counts().posts > 0
    assert any("quarantined" in record.getMessage() for record in caplog.records)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for value in PERSONAL:
        assert value not in logged
