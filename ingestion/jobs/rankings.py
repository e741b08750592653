"""Keeping the rankings fresh in this process, for installs without Redis (and so without
`osmosi beat`): every few minutes, and shortly after ingests that stored new posts.

A process never runs two rankings at once: `recompute_now` waits for the one in progress,
whoever started it (this schedule, or the `recomputeRankings` mutation). With Redis, the
rankings of all processes and hosts take turns by the lock `RANKING_LOCK`, and a ranking
asked for while another runs is skipped (the running one is as fresh).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from graph.rankings.service import RankReport, recompute
from graph.store.contract import GraphStore

log = logging.getLogger(__name__)

_RUNNING = threading.Lock()

RANKING_LOCK = "osmosi:lock:ranking"
"""The Redis lock a ranking holds while it runs (on a worker, or in `osmosi rank`)."""
SKIPPED = "skipped: a ranking is already running"


def recompute_now(store: GraphStore, now: datetime) -> RankReport:
    """`graph.rankings.service.recompute`, once the ranking this process is running (if
    any) has finished."""
    with _RUNNING:
        return recompute(store, now)


class RankScheduler:
    """Recomputes the rankings on a background thread: every ``every`` (None: never), and
    ``delay`` after an ingest (`ingested`), once for all the ingests of that delay (None:
    not after ingests). ``clock`` gives each run its "now"."""

    def __init__(
        self,
        store: GraphStore,
        every: timedelta | None,
        delay: timedelta | None,
        clock: Callable[[], datetime],
    ) -> None:
        self.store, self.every, self.delay, self.clock = store, every, delay, clock
        self._changed = threading.Condition()
        self._stopped = False
        self._after_ingest: float | None = None
        """When the ranking asked for by ingests is due (monotonic seconds)."""
        self._periodic: float | None = None
        self._thread = threading.Thread(target=self._run, name="osmosi-rankings", daemon=True)

    def start(self) -> None:
        if self.every is not None:
            self._periodic = time.monotonic() + self.every.total_seconds()
        self._thread.start()

    def stop(self) -> None:
        """Stop scheduling; a ranking in progress finishes first (up to 30 s are waited)."""
        with self._changed:
            self._stopped = True
            self._changed.notify()
        self._thread.join(timeout=30)

    def ingested(self) -> None:
        """New posts were stored: have the rankings recomputed ``delay`` from now, or by
        the run an ingest since the last run already asked for."""
        if self.delay is None:
            return
        with self._changed:
            if self._after_ingest is None:
                self._after_ingest = time.monotonic() + self.delay.total_seconds()
                self._changed.notify()

    def _next(self) -> float | None:
        due = [at for at in (self._after_ingest, self._periodic) if at is not None]
        return min(due) if due else None

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._stopped and (
                    (due := self._next()) is None or due > time.monotonic()
                ):
                    self._changed.wait(None if due is None else due - time.monotonic())
                if self._stopped:
                    return
                moment = time.monotonic()
                # This run covers the ingests so far; later ones ask for the next run.
                self._after_ingest = None
                periodic = self._periodic
                if self.every is not None and periodic is not None and periodic <= moment:
                    self._periodic = moment + self.every.total_seconds()
            self._recompute()

    def _recompute(self) -> None:
        started = time.perf_counter()
        try:
            report = recompute_now(self.store, self.clock())
        except Exception as error:  # the schedule goes on; the next run may succeed
            # Only the type: store errors can quote the records they failed on.
            log.error("ranking failed: %s", type(error).__name__)
            return
        log.info(
            "rankings recomputed: %d people, %d communities in %.1f s",
            report.people,
            len(report.communities),
            time.perf_counter() - started,
        )
