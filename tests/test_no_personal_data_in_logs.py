"""Handles, names and texts never reach the logs, even at DEBUG."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from graph import linking
from graph.alerts import Alert, AlertKind, delivery_for
from graph.store import GraphStore
from ingestion.jobs.webhooks import Backoff, Dispatcher, http_post
from osmosi.logs import configure_logging
from tests.correlate.test_identity_resolution import (
    THRESHOLDS,
    import_customers,
    ingest_conversations,
)
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


def test_correlating_and_acting_logs_no_personal_data(
    store: GraphStore, caplog: pytest.LogCaptureFixture
) -> None:
    """CRM import, identity resolution, routing and a failing webhook, at DEBUG."""
    configure_logging("DEBUG")
    try:
        with caplog.at_level(logging.DEBUG):
            ingest_conversations(store)
            import_customers(store)
            import_customers(store, "customers.jsonl")
            linking.resolve(store, datetime.now(UTC), THRESHOLDS)
            alert = Alert("a", AlertKind.NEGATIVE_INFLUENCER, datetime.now(UTC), "p", "x")
            store.add_alerts([alert])
            store.add_deliveries([delivery_for(alert, "http://127.0.0.1:9/giulia.rossi")])
            backoff = Backoff(timedelta(milliseconds=1), 2)
            Dispatcher(store, "s", http_post(0.5), backoff).run_until_done()
    finally:
        configure_logging("WARNING")
    assert any("failed" in record.getMessage() for record in caplog.records)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for value in ("giulia", "Rossi", "marco.bianchi82", "example.com", "Mureșan", "lucastudio"):
        assert value not in logged
