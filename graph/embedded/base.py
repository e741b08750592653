"""What every part of the embedded backend stands on: one SQLite connection per thread, its
transactions, and the read helpers each contract part's module uses
(`graph.embedded.store.EmbeddedGraphStore` joins the parts)."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any, cast

from graph.embedded.sql import ensure_pow, json_list, packed
from graph.model.nodes import Account
from graph.store.contract import GraphStore, StoreUnavailable

DATABASE_FILE = "osmosi.db"
MMAP_BYTES = 1 << 30  # address space, not memory: pages are read as they are touched
_PAGE = 5000  # rows a large read fetches at a time
_WINDOW = 50_000  # rowids a windowed read (`_windows`) covers at a time
_ROWS_PER_STATEMENT = 20_000  # rows a bulk write sends in one JSON parameter
# How long `close` lets running statements finish before it interrupts them, and how long
# it then waits for them to stop.
CLOSE_GRACE_SECONDS = 10.0
INTERRUPTED_SECONDS = 2.0


class SqliteBase(GraphStore):
    """`GraphStore` plumbing over SQLite: a connection per thread (WAL, ``synchronous=FULL``),
    ``BEGIN IMMEDIATE`` write transactions, paged reads, and a `close` that never closes a
    connection under a running statement."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / DATABASE_FILE
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreUnavailable(f"cannot create data directory: {error.strerror}") from error
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False
        # Statements running on each connection: `close` never closes one under a running
        # statement (SQLite would crash the process, not raise).
        self._busy: Counter[sqlite3.Connection] = Counter()
        self._idle = threading.Condition(self._lock)

    def _connection(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is not None:
            return con
        if self._closed:
            raise StoreUnavailable("the embedded store is closed")
        try:
            con = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=60
            )
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=FULL")
            con.execute("PRAGMA busy_timeout=60000")
            # Reads of the whole graph (the rankings) walk large tables: map the file rather
            # than copy it page by page through SQLite's small default cache.
            con.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            ensure_pow(con)
        except sqlite3.Error as error:
            raise StoreUnavailable(f"cannot open the embedded store: {error}") from error
        self._local.con = con
        with self._lock:
            self._connections.append(con)
        return con

    @contextmanager
    def _using(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection, counted busy until the block ends."""
        con = self._connection()
        with self._lock:
            if self._closed:
                raise StoreUnavailable("the embedded store is closed")
            self._busy[con] += 1
        try:
            yield con
        finally:
            with self._lock:
                self._busy[con] -= 1
                if not self._busy[con]:
                    del self._busy[con]
                    self._idle.notify_all()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._using() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def _query(
        self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
    ) -> list[tuple[Any, ...]]:
        with self._using() as con:
            return con.execute(sql, params).fetchall()

    def _packed(
        self, sql: str, params: Sequence[Any] | Mapping[str, Any], columns: int
    ) -> list[list[Any]]:
        """The rows of a large read (``columns`` wide), in one step into SQLite.

        Python's sqlite3 lets go of the GIL at every row it steps to and takes it back
        after; beside a thread computing in Python (a ranking reads on one thread while it
        computes on another), each take waits for that thread's switch interval, and 200k
        rows took minutes instead of two seconds. As one JSON text (`packed`) the statement
        runs in one step, and the text is parsed in C.
        """
        return cast(list[list[Any]], json.loads(self._query(packed(sql, columns), params)[0][0]))

    @staticmethod
    def _insert_rows(
        con: sqlite3.Connection, statement: str, rows: Iterable[Sequence[Any]], **params: Any
    ) -> int:
        """``statement``, which reads ``json_each(:rows)``, over ``rows``: the write side of
        `_packed`. A JSON parameter of `_ROWS_PER_STATEMENT` rows at a time, where an
        ``executemany`` would take the GIL back at every row; the text of each stays small.
        While SQLite inserts one part, without the GIL, a helper thread builds and encodes
        the next (encoding was a third of a ranking's writing). Returns the rows inserted."""
        pending = iter(rows)

        def encoded() -> str | None:
            chunk = list(islice(pending, _ROWS_PER_STATEMENT))
            return json.dumps(chunk, separators=(",", ":")) if chunk else None

        written = 0
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="osmosi-encode") as encoder:
            upcoming = encoder.submit(encoded)
            while (text := upcoming.result()) is not None:
                upcoming = encoder.submit(encoded)
                written += con.execute(statement, {**params, "rows": text}).rowcount
        return written

    @staticmethod
    def _existing(con: sqlite3.Connection, table: str, key: str, values: list[str]) -> set[str]:
        # Table and column names are constants of this module, never input.
        sql = f"SELECT {key} FROM {table} WHERE {key} IN (SELECT value FROM json_each(?))"
        return {row[0] for row in con.execute(sql, (json_list(values),))}

    def close(self) -> None:
        """Close every connection once no statement runs on it. Running statements (a view
        computed past its deadline, say) get `CLOSE_GRACE_SECONDS` to finish, then are
        interrupted; new ones are refused at once."""
        with self._lock:
            self._closed = True
            if not self._idle.wait_for(lambda: not self._busy, CLOSE_GRACE_SECONDS):
                for con in self._busy:
                    con.interrupt()  # the one call SQLite allows from another thread
                self._idle.wait_for(lambda: not self._busy, INTERRUPTED_SECONDS)
            for con in self._connections:
                if con not in self._busy:  # one that never stopped is left to its thread
                    con.close()
            self._connections.clear()
        self._local = threading.local()

    _ACCOUNT_COLUMNS = "platform, handle, display_name, followers, url, person_id, links"

    @staticmethod
    def _account(row: tuple[Any, ...]) -> Account:
        platform, handle, display_name, followers, url, person_id, links = row
        return Account(
            platform=platform,
            handle=handle,
            display_name=display_name,
            followers=followers,
            url=url,
            person_id=person_id,
            links=tuple(json.loads(links)) if links else (),
        )

    def _rows(self, sql: str, params: Mapping[str, Any]) -> Iterator[tuple[Any, ...]]:
        """The rows of a large read, fetched a batch at a time."""
        for page in self._pages(sql, params):
            yield from page

    def _pages(self, sql: str, params: Mapping[str, Any]) -> Iterator[list[tuple[Any, ...]]]:
        # Busy while fetching only: a caller may hold the pages unread for as long as it likes.
        with self._using() as con:
            cursor = con.execute(sql, params)
            rows = cursor.fetchmany(_PAGE)
        while rows:
            yield rows
            with self._using():
                rows = cursor.fetchmany(_PAGE)

    def _windows(
        self, table: str, sql: str, params: Mapping[str, Any]
    ) -> Iterator[list[list[Any]]]:
        """The columns of ``sql``, a read of ``table``'s rows with rowids in
        ``(:after, :upto]`` that returns one row of JSON arrays, for every window of
        `_WINDOW` rowids in turn. Each window is one step into SQLite, like `_packed`: a
        cursor fetching rows would take the GIL back at each one, beside a thread computing
        in Python. Rows added after the first window is read are left out."""
        first, last = self._query(f"SELECT min(rowid), max(rowid) FROM {table}")[0]
        if first is None:
            return
        for after in range(first - 1, last, _WINDOW):
            bounds = {"after": after, "upto": min(after + _WINDOW, last)}
            yield [json.loads(column) for column in self._query(sql, {**params, **bounds})[0]]
