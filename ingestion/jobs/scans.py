"""The work after an ingest (an alert scan, then webhook delivery), and the periodic scans
in this process for installs without Redis (and so without `osmosi beat`)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from graph.alerts.service import scan_alerts
from graph.model.alerts import Alert
from graph.store.contract import StoreError
from ingestion.pipeline import Pipeline

log = logging.getLogger(__name__)


def after_ingest(
    pipeline: Pipeline, now: datetime, deliver: Callable[[], object] | None = None
) -> list[Alert]:
    """Scan for the alerts that look at more than a post, with the pipeline's webhooks, and
    have them delivered: by ``deliver`` once, when given (a command about to exit tries
    whatever is due, the alerts its ingest raised included), else by the pipeline's
    `Pipeline.on_alerts` when the scan raised any. Returns the new alerts.

    The one step after an ingest, for `osmosi ingest`, pushes to the API, the periodic
    scans of the Celery beat and of a server without Redis, and the demo."""
    webhooks = pipeline.actions.webhooks if pipeline.actions is not None else ()
    raised = scan_alerts(pipeline.store, now, webhooks)
    if deliver is not None:
        deliver()
    elif raised and pipeline.on_alerts is not None:
        pipeline.on_alerts()
    return raised


class PeriodicScan:
    """Runs `after_ingest` every ``every`` on a background thread."""

    def __init__(self, pipeline: Pipeline, every: timedelta, clock: Callable[[], datetime]) -> None:
        self.pipeline, self.every, self.clock = pipeline, every, clock
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="osmosi-alert-scan", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stopped.wait(self.every.total_seconds()):
            try:
                after_ingest(self.pipeline, self.clock())
            except StoreError as error:
                log.error("alert scan failed: %s", type(error).__name__)
