"""Handles, names and texts never reach the logs, even at DEBUG."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import connect
from websockets.typing import Subprotocol

from graph.identity import linking
from graph.model.alerts import Alert, AlertKind, delivery_for
from graph.store.contract import GraphStore
from ingestion.jobs.webhooks import Backoff, Dispatcher, http_post
from osmosi.logs import configure_logging
from tests.helpers.identity import THRESHOLDS, import_customers, ingest_conversations
from tests.helpers.ingest import FILES, ingest_fixture
from tests.helpers.serving import clean_env, free_port, serving

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


def test_serving_at_debug_logs_no_key_and_no_query(tmp_path: Path) -> None:
    """The key in headers, in a WebSocket's handshake and its connection_init, and what a GET
    asked for, as uvicorn and the WebSocket library log them at DEBUG: none of it shows."""
    port = free_port()
    env = clean_env(OSMOSI_DATA_DIR=str(tmp_path / "data"), OSMOSI_LOG_LEVEL="DEBUG")
    with serving(["--port", str(port)], cwd=tmp_path, env=env) as server:
        key = server.wait_for("admin key: ", deadline=time.monotonic() + 120)
        server.wait_for("Osmosi on ", deadline=time.monotonic() + 60)
        base, auth = f"127.0.0.1:{port}", {"Authorization": f"Bearer {key}"}
        search = '{ people(search: "giulia_rinaldi", first: 5) { edges { node { id } } } }'
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.post(f"http://{base}/graphql", json={"query": search}, headers=auth)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server never answered"
                time.sleep(0.2)
        httpx.get(f"http://{base}/graphql", params={"query": search}, headers=auth)
        with connect(
            f"ws://{base}/graphql",
            subprotocols=[Subprotocol("graphql-transport-ws")],
            additional_headers=auth,
        ) as socket:
            socket.send(json.dumps({"type": "connection_init", "payload": auth}))
            assert json.loads(socket.recv(timeout=10))["type"] == "connection_ack"
            subscribe = {"query": "subscription { alerts { id } }"}
            socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": subscribe}))
        # Read on to the close's last line, the server's end of the stream (not a second's
        # sleep, which a loaded machine outlasts).
        deadline = time.monotonic() + 60
        while "> EOF" not in server.output():
            assert time.monotonic() < deadline, "the server never logged the close"
            time.sleep(0.05)
        output = server.output().replace(f"admin key: {key}", "")
    assert "DEBUG" in output, "the server logged at DEBUG"
    secret = key.removeprefix("osk_")
    for needle in (key, secret[:10], secret[-10:], "giulia_rinaldi"):
        assert needle not in output, needle
