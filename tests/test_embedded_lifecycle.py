"""Closing the embedded store while another thread reads from it: the read finishes, the
close waits for it, and nothing reads from a closed connection (SQLite crashes the process
rather than raise when a connection is closed under a running statement)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from graph.embedded import EmbeddedGraphStore
from graph.store.contract import StoreUnavailable

ROWS = 2_000_000
# A read that runs for a while, and says when it has started running.
LONG_READ = (
    "WITH RECURSIVE n(i) AS (SELECT running() UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
    "SELECT count(*) FROM n"
)


def test_closing_waits_for_a_read_running_on_another_thread(tmp_path: Path) -> None:
    store = EmbeddedGraphStore(tmp_path / "data")
    store.ensure_schema()
    running = threading.Event()

    def started() -> int:
        running.set()
        return 1

    def long_read() -> int:
        store._connection().create_function("running", 0, started)
        [(count,)] = store._query(LONG_READ, (ROWS,))
        return int(count)

    with ThreadPoolExecutor(max_workers=1) as pool:
        reading = pool.submit(long_read)
        assert running.wait(30)
        store.close()  # while the statement runs: before, this crashed the process
        assert reading.result() == ROWS
    with pytest.raises(StoreUnavailable):
        store.counts()


def test_a_large_read_resumed_after_closing_is_refused(tmp_path: Path) -> None:
    store = EmbeddedGraphStore(tmp_path / "data")
    store.ensure_schema()
    pages = store._pages("SELECT value FROM json_each(:values)", {"values": "[1, 2]"})
    assert next(pages) == [(1,), (2,)]
    store.close()  # the pages are not being read: nothing to wait for
    with pytest.raises(StoreUnavailable):
        next(pages)
