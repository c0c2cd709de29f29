"""The SQLite connections of one embedded store in one process.

- The store's own connection, which writes (:meth:`Connections.connect`).
- A read connection per thread, inside one read transaction for as long as the thread
  reads (:meth:`Connections.reading`): a write in progress never blocks it, and it never
  sees the write before it commits (SQLite's write-ahead log).
- A connection of its own for each read of whole tables (:meth:`Connections.scanning`),
  closed after it.

Reads map the file into memory, so every connection and process shares its pages.

>>> import tempfile, pathlib
>>> connections = Connections(pathlib.Path(tempfile.mkdtemp()) / "graph.sqlite", cache_mib=8)
>>> writer = connections.connect()
>>> with Transaction(writer, read_only=False, rollback=False):
...     _ = writer.execute("CREATE TABLE t (x)")
>>> with connections.reading() as conn:
...     conn.execute("SELECT srm_fold('Müller  GmbH')").fetchone()
('muller gmbh',)
>>> connections.close()
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph_model.folding import SEPARATOR, fold, spellings
from graph_model.store import StoreUnavailable

MMAP_BYTES = 1 << 34
"""How much of the SQLite file reads map into memory (all of it, in practice)."""
SCAN_CACHE_MIB = 2
"""The page cache of a connection that reads whole tables (not mapped: the pages it passes
over would stay in the process's resident memory)."""


def _names(name: str) -> str:
    """The spellings of a name, between separators (what ``srm_names`` gives a search to
    look in)."""
    return SEPARATOR + SEPARATOR.join(spellings(name)) + SEPARATOR


class Connections:
    """The connections to the database at ``path`` that this process opened, each with a
    page cache of ``cache_mib``."""

    def __init__(self, path: Path, cache_mib: int) -> None:
        self.path = path
        self._cache_mib = cache_mib
        self._opened: list[sqlite3.Connection] = []
        self._scans: set[sqlite3.Connection] = set()
        """The connections of scans under way: each scan closes its own."""
        self._opening = threading.Lock()
        self._local = threading.local()
        """Each thread's read connection and how deep it is in :meth:`reading`."""

    def connect(
        self, read_only: bool = False, scans: bool = False, kept: bool = True
    ) -> sqlite3.Connection:
        """A new connection to the database, ``kept`` to be closed by :meth:`close`; one that
        ``scans`` whole tables reads them through a small cache of its own."""
        conn = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
        if kept:
            with self._opening:
                self._opened.append(conn)
        conn.execute("PRAGMA synchronous=NORMAL")
        cache_mib = SCAN_CACHE_MIB if scans else self._cache_mib
        conn.execute(f"PRAGMA cache_size={-1024 * int(cache_mib)}")
        # Reads straight from the page cache: a read costs less CPU, and every connection
        # and process shares the pages (a request with 16 at once took 650 µs of CPU
        # without it, 380 µs with it).
        conn.execute(f"PRAGMA mmap_size={0 if scans else MMAP_BYTES}")
        conn.create_function("srm_fold", 1, fold, deterministic=True)
        conn.create_function("srm_names", 1, _names, deterministic=True)
        if read_only:
            conn.execute("PRAGMA query_only=1")
        return conn

    @contextmanager
    def reading(self, single: bool = False) -> Iterator[sqlite3.Connection]:
        """This thread's read connection, inside one read transaction (nested calls share
        it). With ``single`` the caller runs one statement, which SQLite reads from one
        snapshot anyway: no transaction is opened around it (two calls into SQLite fewer,
        which a busy service feels)."""
        local = self._local
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = self.connect(read_only=True)
            local.depth = 0
        if local.depth or single:
            local.depth += 1
            try:
                yield conn
            finally:
                local.depth -= 1
            return
        with Transaction(conn, read_only=True, rollback=False):
            local.depth = 1
            try:
                yield conn
            finally:
                local.depth = 0

    @contextmanager
    def scanning(self) -> Iterator[sqlite3.Connection]:
        """A connection of its own for reading whole tables once, inside one read transaction,
        closed after (so the pages it read leave the process's resident memory)."""
        conn = self.connect(read_only=True, kept=False)
        with self._opening:
            self._scans.add(conn)
        try:
            with Transaction(conn, read_only=True, rollback=False):
                yield conn
        finally:
            with self._opening:  # never while interrupt_scans() interrupts it
                self._scans.discard(conn)
                conn.close()

    def interrupt_scans(self) -> None:
        """Interrupt the scans under way (safe from any thread): the next read of each raises
        ``sqlite3.OperationalError``, and each closes its own connection."""
        with self._opening:
            for conn in self._scans:
                conn.interrupt()

    def close(self) -> None:
        """Close every kept connection; the caller makes sure that no other thread runs a
        statement on one (that crashes SQLite)."""
        with self._opening:
            for conn in self._opened:
                conn.close()
            self._opened.clear()


class Transaction:
    """``BEGIN IMMEDIATE`` (or a deferred read) … ``COMMIT``, rolled back on error
    (always, with ``rollback``)."""

    def __init__(self, conn: sqlite3.Connection, read_only: bool, rollback: bool) -> None:
        self._conn = conn
        self._begin = "BEGIN" if read_only else "BEGIN IMMEDIATE"
        self._rollback = rollback

    def __enter__(self) -> None:
        try:
            self._conn.execute(self._begin)
        except sqlite3.OperationalError as exc:  # the busy timeout passed
            raise StoreUnavailable(
                f"the embedded store is busy: another writer (an ingest or a dry run) has "
                f"held it for longer than a minute ({exc})"
            ) from exc

    def __exit__(self, exc_type: object, *_: object) -> None:
        self._conn.execute("ROLLBACK" if exc_type or self._rollback else "COMMIT")
