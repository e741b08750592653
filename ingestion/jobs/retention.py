"""The retention setting applied in this process, for installs without Redis (and so
without `osmosi beat`): at start, then daily."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from graph.retention.service import RETENTION_EVERY, apply_retention
from graph.store.contract import GraphStore, StoreError

log = logging.getLogger(__name__)


class PeriodicRetention:
    """Drops posts older than ``days`` days on a background thread, at start and then
    every `graph.retention.service.RETENTION_EVERY`."""

    def __init__(self, store: GraphStore, days: int, clock: Callable[[], datetime]) -> None:
        self.store, self.days, self.clock = store, days, clock
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="osmosi-retention", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stopped.is_set():
            try:
                run = apply_retention(self.store, self.clock(), self.days)
                log.info("retention: %d posts older than %s dropped", run.posts, run.cutoff)
            except StoreError as error:
                log.error("retention failed: %s", type(error).__name__)
            self._stopped.wait(RETENTION_EVERY.total_seconds())
