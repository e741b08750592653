"""Alerts: raised by what is ingested, delivered as signed webhooks to a local receiver that
fails before it succeeds, and pushed to GraphQL subscribers over WebSocket."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from graph.alerts.service import scan_alerts
from graph.model.access import Role, create_key
from graph.model.alerts import (
    Alert,
    AlertKind,
    DeliveryState,
    delivery_for,
    spike_alerts,
    surge_alerts,
)
from graph.model.insights import DailyVolume
from graph.model.nodes import Aspect, AspectTarget, Channel, ChannelKind, Post, Sentiment
from graph.store.contract import GraphStore
from ingestion.jobs.scans import PeriodicScan
from ingestion.jobs.tasks import DELIVER_WEBHOOKS, SCAN_ALERTS
from ingestion.jobs.webhooks import SIGNATURE_HEADER, Backoff, Dispatcher, http_post, verify
from ingestion.pipeline import Pipeline, PreparedChunk
from osmosi.runtime import Runtime, celery_app, open_store, pipeline_for
from osmosi.settings import Settings
from server.app import create_app
from tests.helpers.factories import T0, person_of, post

SECRET = "whsec-test"


@dataclass
class Receiver:
    """A local webhook receiver answering each delivery with the next status of a script."""

    statuses: list[int]
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""

    def answer(self) -> int:
        return self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]


@contextmanager
def receiving(*statuses: int) -> Iterator[Receiver]:
    receiver = Receiver(list(statuses))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            receiver.received.append((dict(self.headers), body))
            self.send_response(receiver.answer())
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/osmosi"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


def _alert(store: GraphStore, url: str) -> Alert:
    alert = Alert("a-1", AlertKind.SENTIMENT_SPIKE, datetime.now(UTC), "delivery", "spike")
    store.add_alerts([alert])
    store.add_deliveries([delivery_for(alert, url)])
    return alert


def _dispatcher(store: GraphStore, attempts: int = 5) -> Dispatcher:
    return Dispatcher(store, SECRET, http_post(2.0), Backoff(timedelta(milliseconds=50), attempts))


def test_a_receiver_that_fails_twice_gets_the_alert_on_the_third_try(store: GraphStore) -> None:
    with receiving(500, 503, 200) as receiver:
        alert = _alert(store, receiver.url)
        assert _dispatcher(store).run_until_done() == 3
    (delivery,) = store.deliveries_of([alert.id])
    assert delivery.state is DeliveryState.DELIVERED
    assert [a.status_code for a in delivery.attempts] == [500, 503, 200]
    assert [a.error for a in delivery.attempts] == ["HTTP 500", "HTTP 503", None]
    # Backoff: 50 ms after the first failure, 100 ms after the second.
    gaps = [b.at - a.at for a, b in zip(delivery.attempts, delivery.attempts[1:], strict=False)]
    assert gaps[0] >= timedelta(milliseconds=50) and gaps[1] >= timedelta(milliseconds=100)

    assert len(receiver.received) == 3
    for headers, body in receiver.received:
        assert headers["Osmosi-Delivery"] == delivery.id
        assert headers["Osmosi-Event"] == "alert.sentiment_spike"
        assert verify(SECRET, headers[SIGNATURE_HEADER], body, datetime.now(UTC))
        assert not verify("wrong", headers[SIGNATURE_HEADER], body, datetime.now(UTC))
        assert json.loads(body)["id"] == alert.id
    stale = datetime.now(UTC) + timedelta(minutes=10)
    assert not verify(SECRET, receiver.received[0][0][SIGNATURE_HEADER], body, stale)


def test_a_receiver_that_keeps_failing_ends_failed_with_every_attempt(store: GraphStore) -> None:
    with receiving(500) as receiver:
        alert = _alert(store, receiver.url)
        assert _dispatcher(store, attempts=3).run_until_done() == 3
    (delivery,) = store.deliveries_of([alert.id])
    assert delivery.state is DeliveryState.FAILED and len(delivery.attempts) == 3
    assert store.due_deliveries(datetime.now(UTC) + timedelta(days=1), 10) == []


def test_an_unreachable_receiver_is_an_attempt_with_its_error(store: GraphStore) -> None:
    with receiving(200) as receiver:
        url = receiver.url  # closed when the block ends: nothing listens there any more
    alert = _alert(store, url)
    _dispatcher(store, attempts=2).run_until_done()
    (delivery,) = store.deliveries_of([alert.id])
    assert delivery.state is DeliveryState.FAILED
    assert [a.error for a in delivery.attempts] == ["ConnectError", "ConnectError"]


def test_a_negative_post_by_an_influencer_is_alerted_and_delivered(store: GraphStore) -> None:
    with receiving(200) as receiver:
        settings = Settings(webhook_urls=[receiver.url], webhook_secret=SECRET, enrich=False)
        pipeline = pipeline_for(settings, store)
        posts = [post("1", "critic", sentiment=Sentiment.POSITIVE)]
        store.upsert_posts(posts)
        critic = person_of(store, "critic")
        store.write_scores("advocacy", {critic: -0.5}, T0, factors={critic: {"influence": 0.95}})
        angry = [
            post("2", "critic", minutes=1, sentiment=Sentiment.NEGATIVE, sentiment_score=-0.9),
            post("3", "nobody", minutes=2, sentiment=Sentiment.NEGATIVE),
        ]
        for _ in range(2):  # written twice: one alert, one delivery
            pipeline.write(PreparedChunk(2, store.prepare_posts(angry), [], tuple(angry)))
        (alert,) = store.alerts(10)
        deadline = time.monotonic() + 120
        while not store.deliveries_of([alert.id], DeliveryState.DELIVERED):
            assert time.monotonic() < deadline, "the webhook was not delivered"
            time.sleep(0.05)
    assert (alert.kind, alert.subject, alert.post_uid) == (
        AlertKind.NEGATIVE_INFLUENCER, critic, "mastodon:2",
    )  # fmt: skip
    (delivery,) = store.deliveries_of([alert.id])
    assert len(delivery.attempts) == 1 and len(receiver.received) == 1
    assert json.loads(receiver.received[0][1])["post_uid"] == "mastodon:2"


def test_webhooks_need_a_secret() -> None:
    with pytest.raises(ValueError, match="OSMOSI_WEBHOOK_SECRET"):
        Settings(webhook_urls=["https://hooks.example/osmosi"])


def test_spikes_and_surges_are_measured_against_a_baseline() -> None:
    today = date(2026, 3, 15)
    calm = [DailyVolume("delivery", today - timedelta(days=d), 10, 10, 2.0) for d in range(1, 15)]
    assert spike_alerts([*calm, DailyVolume("delivery", today, 8, 8, 0.8)], today, T0) == []
    (spike,) = spike_alerts([*calm, DailyVolume("delivery", today, 8, 8, -2.4)], today, T0)
    assert dict(spike.figures) == {"sentiment": -0.3, "baseline": 0.2, "opinions": 8.0, "days": 14}
    few = [*calm, DailyVolume("delivery", today, 2, 2, -2.0)]
    assert spike_alerts(few, today, T0) == []

    now = datetime(2026, 3, 15, 12, tzinfo=UTC)
    fresh = Channel("reddit", "r/caffe", ChannelKind.VERTICAL, now - timedelta(days=3))
    old = Channel("reddit", "r/old", ChannelKind.VERTICAL, now - timedelta(days=60))
    volumes = [DailyVolume(c.uid, today - timedelta(days=1), 12, 0, 0.0) for c in (fresh, old)]
    assert [a.subject for a in surge_alerts([fresh, old], volumes, now)] == ["reddit:r/caffe"]


def test_subscribers_receive_each_new_alert_once(store: GraphStore) -> None:
    settings = Settings(alert_poll_seconds=0.05)
    app = create_app(Runtime(settings, store))
    _, secret = create_key(store, Role.VIEWER, "dashboard", datetime.now(UTC))
    with (
        TestClient(app) as client,
        client.websocket_connect(
            "/graphql",
            subprotocols=["graphql-transport-ws"],
            headers={"Authorization": f"Bearer {secret}"},
        ) as ws,
    ):
        ws.send_json({"type": "connection_init"})
        assert ws.receive_json()["type"] == "connection_ack"
        ws.send_json(
            {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": "subscription { alerts { id kind summary } }"},
            }
        )
        raised = Alert("live-1", AlertKind.CHANNEL_SURGE, datetime.now(UTC), "x:c", "surge")
        store.add_alerts([raised])
        message = ws.receive_json()
        assert message["type"] == "next"
        assert message["payload"]["data"]["alerts"] == {
            "id": "live-1", "kind": "CHANNEL_SURGE", "summary": "surge",
        }  # fmt: skip
        store.add_alerts([another(raised, "live-2")])
        assert ws.receive_json()["payload"]["data"]["alerts"]["id"] == "live-2"
        ws.send_json({"id": "1", "type": "complete"})


def another(alert: Alert, new_id: str) -> Alert:
    return Alert(new_id, alert.kind, datetime.now(UTC), alert.subject, alert.summary)


def test_a_subscription_without_a_valid_key_is_closed(store: GraphStore) -> None:
    app = create_app(Runtime(Settings(), store))
    with TestClient(app) as client:
        for payload in ({}, {"Authorization": "Bearer osk_wrong"}):
            with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
                ws.send_json({"type": "connection_init", "payload": payload})
                with pytest.raises(WebSocketDisconnect) as closed:
                    ws.receive_json()
                assert closed.value.code == 4403


def test_a_browser_gives_its_key_in_connection_init(store: GraphStore) -> None:
    app = create_app(Runtime(Settings(alert_poll_seconds=0.05), store))
    _, secret = create_key(store, Role.VIEWER, "browser", datetime.now(UTC))
    with (
        TestClient(app) as client,
        client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws,
    ):
        init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {secret}"}}
        ws.send_json(init)
        assert ws.receive_json()["type"] == "connection_ack"
        query = "subscription { alerts { id } }"
        ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": query}})
        store.add_alerts([Alert("b-1", AlertKind.CHANNEL_SURGE, datetime.now(UTC), "x:c", "s")])
        assert ws.receive_json()["payload"]["data"]["alerts"] == {"id": "b-1"}
        ws.send_json({"id": "1", "type": "complete"})


def test_the_beat_scans_for_alerts_and_delivers_webhooks(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path / "data",
        redis_url="redis://127.0.0.1:1/0",  # never reached: the tasks are applied here
        webhook_urls=["https://hooks.example/osmosi"],
        webhook_secret=SECRET,
        alert_scan_minutes=5,
        enrich=False,
    )
    app = celery_app(settings)
    assert app.conf.beat_schedule["scan for alerts"] == {"task": SCAN_ALERTS, "schedule": 300.0}
    assert app.conf.beat_schedule["deliver webhooks"]["task"] == DELIVER_WEBHOOKS

    now = datetime.now(UTC)
    with open_store(settings) as store:
        fresh = Channel("reddit", "r/nuovo", ChannelKind.VERTICAL)
        store.upsert_posts(
            [
                replace(
                    post(str(n), f"voice{n}", platform="reddit", channel=fresh),
                    created_at=now - timedelta(hours=n),
                )
                for n in range(12)
            ]
        )  # fmt: skip
    assert app.tasks[SCAN_ALERTS].apply().get() == {"alerts": 1}
    assert app.tasks[SCAN_ALERTS].apply().get() == {"alerts": 0}
    with open_store(settings) as store:
        (alert,) = store.alerts(10)
        assert (alert.kind, alert.subject) == (AlertKind.CHANNEL_SURGE, "reddit:r/nuovo")
        assert [d.url for d in store.deliveries_of([alert.id])] == settings.webhook_urls


def test_a_scan_raises_yesterdays_spike_once(store: GraphStore) -> None:
    now = datetime(2026, 3, 20, 0, 10, tzinfo=UTC)  # just after midnight: today is empty

    def opinion(n: int, day: int, score: float) -> Post:
        label = Sentiment.NEGATIVE if score < 0 else Sentiment.POSITIVE
        aspect = Aspect(AspectTarget.TOUCHPOINT, "delivery", label, score)
        made = post(str(n), f"voice{n % 7}", aspects=(aspect,))
        return replace(made, created_at=datetime(2026, 3, 20 - day, 12, tzinfo=UTC))

    posts = [opinion(n, day, 0.4) for n, day in enumerate(range(2, 16))]
    posts += [opinion(100 + n, 1, -0.8) for n in range(6)]
    store.upsert_posts(posts)
    raised = scan_alerts(store, now, [])
    (spike,) = [alert for alert in raised if alert.kind is AlertKind.SENTIMENT_SPIKE]
    assert spike.subject == "delivery"
    assert "2026-03-19" in spike.summary
    assert scan_alerts(store, now + timedelta(hours=1), []) == []


def test_a_scan_raises_each_at_risk_influencer_once(store: GraphStore) -> None:
    store.upsert_posts([post("1", "critic"), post("2", "calm", minutes=1)])
    critic, calm = person_of(store, "critic"), person_of(store, "calm")
    store.write_scores(
        "advocacy",
        {critic: -0.6, calm: 0.1},
        T0,
        classes={critic: "at_risk_influencer", calm: "neutral"},
    )
    raised = scan_alerts(store, T0, [])
    assert [(a.kind, a.subject) for a in raised if a.kind is AlertKind.AT_RISK_INFLUENCER] == [
        (AlertKind.AT_RISK_INFLUENCER, critic)
    ]
    again = scan_alerts(store, T0 + timedelta(hours=1), [])
    assert [a for a in again if a.kind is AlertKind.AT_RISK_INFLUENCER] == []


def test_without_redis_the_server_process_scans_on_its_own(store: GraphStore) -> None:
    store.upsert_posts([post("1", "critic")])
    critic = person_of(store, "critic")
    store.write_scores("advocacy", {critic: -0.6}, T0, classes={critic: "at_risk_influencer"})
    scan = PeriodicScan(Pipeline(store), timedelta(milliseconds=20), lambda: T0)
    scan.start()
    deadline = time.monotonic() + 120
    while not store.alerts(1):
        assert time.monotonic() < deadline, "the scan raised no alert"
        time.sleep(0.02)
    scan.stop()
    assert [a.subject for a in store.alerts(10)] == [critic]
