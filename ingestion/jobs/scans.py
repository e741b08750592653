"""Periodic alert scans in this process, for installs without Redis (and so without
`osmosi beat`)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from graph.acting import scan_alerts
from graph.store import StoreError
from ingestion.pipeline import Pipeline

log = logging.getLogger(__name__)


class PeriodicScan:
    """Scans for alerts every ``every`` on a background thread, and has new alerts delivered
    by the pipeline's `Pipeline.on_alerts`."""

    def __init__(
        self,
        pipeline: Pipeline,
        every: timedelta,
        webhooks: Sequence[str],
        clock: Callable[[], datetime],
    ) -> None:
        self.pipeline, self.every, self.webhooks, self.clock = pipeline, every, webhooks, clock
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
                raised = scan_alerts(self.pipeline.store, self.clock(), self.webhooks)
            except StoreError as error:
                log.error("alert scan failed: %s", type(error).__name__)
                continue
            if raised and self.pipeline.on_alerts is not None:
                self.pipeline.on_alerts()
