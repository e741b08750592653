"""Signed webhook deliveries of alerts, retried with exponential backoff.

Each delivery is a ``POST`` of the alert as JSON with three headers:

* ``Osmosi-Event``: ``alert.<kind>``;
* ``Osmosi-Delivery``: the delivery's id (the same on every retry: receivers dedupe on it);
* ``Osmosi-Signature``: ``t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the
  shared secret>`` (`verify` is the receiver's check).

A 2xx answer delivers it. Anything else (an error status, a timeout, a refused connection)
is recorded as an attempt and retried after ``base · 2^(attempts - 1)`` seconds, up to
``max_attempts``; then the delivery is marked failed. Every attempt is kept on the delivery.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import httpx

from graph.model.alerts import Alert, Delivery, DeliveryAttempt, DeliveryState
from graph.store.codec import dumps
from graph.store.contract import GraphStore

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "Osmosi-Signature"
TOLERANCE = timedelta(minutes=5)
BATCH = 100


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header's value for ``body`` sent at ``timestamp``.

    >>> sign("s3cret", 1700000000, b"{}")[:13]
    't=1700000000,'
    """
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def verify(secret: str, header: str, body: bytes, now: datetime) -> bool:
    """Whether ``header`` signs ``body`` with ``secret`` and is at most `TOLERANCE` old (a
    receiver's check; replays of old deliveries fail it)."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(now.timestamp() - timestamp) > TOLERANCE.total_seconds():
        return False
    expected = sign(secret, timestamp, body)
    return hmac.compare_digest(expected, f"t={timestamp},v1={parts.get('v1', '')}")


@dataclass(frozen=True, slots=True)
class Backoff:
    base: timedelta = timedelta(seconds=30)
    max_attempts: int = 6

    def after(self, attempts: int) -> timedelta:
        """The wait after the ``attempts``-th failed attempt."""
        return self.base * float(2 ** (attempts - 1))


Post = Callable[[str, bytes, dict[str, str]], int]
"""Sends a body to a URL with headers and returns the status code (raises on no answer)."""


def http_post(timeout: float) -> Post:
    def post(url: str, body: bytes, headers: dict[str, str]) -> int:
        return httpx.post(url, content=body, headers=headers, timeout=timeout).status_code

    return post


def payload(alert: Alert) -> bytes:
    return dumps(alert).encode()


def attempt(
    delivery: Delivery, alert: Alert, secret: str, post: Post, backoff: Backoff, now: datetime
) -> Delivery:
    """One attempt at a delivery; the delivery as it stands after it."""
    body = payload(alert)
    headers = {
        "Content-Type": "application/json",
        "Osmosi-Event": f"alert.{alert.kind.value}",
        "Osmosi-Delivery": delivery.id,
        SIGNATURE_HEADER: sign(secret, int(now.timestamp()), body),
    }
    status: int | None = None
    error: str | None = None
    try:
        status = post(delivery.url, body, headers)
        if not 200 <= status < 300:
            error = f"HTTP {status}"
    except httpx.HTTPError as failure:
        error = type(failure).__name__
    attempts = (*delivery.attempts, DeliveryAttempt(now, status, error))
    if error is None:
        return replace(delivery, state=DeliveryState.DELIVERED, attempts=attempts)
    if len(attempts) >= backoff.max_attempts:
        return replace(delivery, state=DeliveryState.FAILED, attempts=attempts)
    wait = backoff.after(len(attempts))
    return replace(delivery, next_attempt_at=now + wait, attempts=attempts)


@dataclass
class Dispatcher:
    """Delivers due webhook deliveries: once (`deliver_due`, for a periodic task) or until
    none is pending (`run_until_done`, for the in-process mode's background thread)."""

    store: GraphStore
    secret: str
    post: Post
    backoff: Backoff = Backoff()
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    sleep: Callable[[float], None] = time.sleep

    def deliver_due(self) -> int:
        """Attempt every due delivery once; returns how many attempts were made."""
        due = self.store.due_deliveries(self.clock(), BATCH)
        alerts = self.store.get_alerts(sorted({d.alert_id for d in due}))
        for delivery in due:
            alert = alerts.get(delivery.alert_id)
            if alert is None:  # erased with its person: nothing left to say
                self.store.save_delivery(replace(delivery, state=DeliveryState.FAILED))
                continue
            after = attempt(delivery, alert, self.secret, self.post, self.backoff, self.clock())
            self.store.save_delivery(after)
            if after.state is DeliveryState.FAILED:
                log.warning("webhook delivery %s failed %d times", after.id, len(after.attempts))
        return len(due)

    def run_until_done(self) -> int:
        """Deliver, wait for the next due attempt, deliver again, until nothing is pending;
        returns how many attempts were made."""
        attempts = 0
        while True:
            attempts += self.deliver_due()
            pending = self.store.due_deliveries(datetime.max.replace(tzinfo=UTC), 1)
            if not pending:
                return attempts
            wait = (pending[0].next_attempt_at - self.clock()).total_seconds()
            self.sleep(max(wait, 0.0))


class BackgroundDelivery:
    """Runs a `Dispatcher` on one background thread whenever new deliveries are recorded
    (the in-process mode; with Redis the Celery beat delivers)."""

    def __init__(self, dispatcher: Dispatcher) -> None:
        self.dispatcher = dispatcher
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._again = False

    def kick(self) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                self._again = True
                return
            self._thread = threading.Thread(target=self._run, name="osmosi-webhooks", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            try:
                self.dispatcher.run_until_done()
            except Exception as error:  # a store outage must not kill the thread silently
                log.error("webhook delivery stopped: %s", type(error).__name__)
            with self._lock:
                if not self._again:
                    self._thread = None
                    return
                self._again = False

    def join(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
