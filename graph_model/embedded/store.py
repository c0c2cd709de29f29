"""The embedded store: SQLite (WAL) as the source of truth plus a networkx index.

Each :meth:`EmbeddedStore.write` is one ``BEGIN IMMEDIATE`` transaction, so
writers in several processes are serialised by SQLite. Every transaction takes
the next number of a sequence and stamps the rows it changes with it; the index
catches up by reading the rows stamped after the last number it saw, which it
does whenever ``PRAGMA data_version`` says a connection committed.

Concurrency. Writes go through one connection, one at a time in this process;
reads through a connection per thread (:mod:`~graph_model.embedded.connections`),
so a write in progress never blocks them and they never see it before it commits
(SQLite's write-ahead log). The index is
read under a :class:`~graph_model.embedded.gate.Gate` held shared for as long as
a request reads (:meth:`EmbeddedStore.reader`), so a request sees it as it was when
the request started, whole. A catch-up reads and folds new commits beside the index
(:mod:`~graph_model.embedded.follow`) while requests go on reading, then swaps them
in alone at the gate. A write of this process is in the index when ``write``
returns; another process's commit is caught up by the first read that notices it,
and reads that start meanwhile see the index as before. So an ingest becomes
visible batch by batch, as each of its transactions commits, never in part.

>>> import tempfile, pathlib
>>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()))
>>> store.write([NodeUpsert("Company", [{"id": "c1", "name": "Acme"}])])
[[<Outcome.CREATED: 'created'>]]
>>> store.get_node("Company", "c1")
{'id': 'c1', 'name': 'Acme'}
>>> store.close()
"""

from __future__ import annotations

import math
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any

from graph_model.embedded import follow, interactions, tie_file
from graph_model.embedded.connections import Connections, Transaction
from graph_model.embedded.gate import Gate
from graph_model.embedded.index import GRAPH_LABELS, INDEXED_LABELS, GraphIndex
from graph_model.embedded.tables import NODE_TABLES, REL_TABLES, Table, execute_rows
from graph_model.folding import fold
from graph_model.memory import collection_paused
from graph_model.schema import node_type, rel_type
from graph_model.scoring import ScoringModel
from graph_model.store import (
    GraphCounts,
    NodeUpsert,
    Outcome,
    Props,
    Relationship,
    StoreUnavailable,
    Upsert,
)

DB_FILE = "graph.sqlite"
FRESHNESS = 0.001
"""Seconds for which one look at whether another process committed holds."""
_CHUNK = 900


def _chunks(items: Iterable[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _ids(conn: sqlite3.Connection, table: Table, ids: Iterable[str]) -> set[str]:
    """Those of ``ids`` that ``table`` holds."""
    found: set[str] = set()
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(f"SELECT id FROM {table.name} WHERE id IN ({marks})", chunk)
        found.update(row[0] for row in rows)
    return found


class EmbeddedStore:
    """A :class:`~graph_model.store.GraphStore` in one folder."""

    backend = "embedded"
    write_batch = 200_000
    """Records per write transaction: each SQLite commit rewrites the pages it touched."""

    def __init__(
        self,
        data_dir: Path,
        *,
        model: ScoringModel | None = None,
        cache_mib: int = 64,
        rehearsal: bool = False,
    ) -> None:
        self.model = model or ScoringModel()
        self.path = Path(data_dir) / DB_FILE
        self.ties_path = Path(data_dir) / tie_file.FILE_NAME
        self._cache_mib = cache_mib
        self._db = Connections(self.path, cache_mib)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = self._db.connect()
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._create_tables()
        except (OSError, sqlite3.Error) as exc:
            self._db.close()
            raise StoreUnavailable(f"cannot open the embedded store at {self.path}: {exc}") from exc
        self._start_process()
        self._rehearsing = rehearsal
        """A dry run's store: writes go into its open transaction, reads never use an index."""
        self._index: GraphIndex | None = None
        self.progress: follow.Progress | None = None
        """Told how far the first index has got with folding every interaction, when there
        is no tie file for this store yet (a store of an older version, or a new model)."""
        self._seen_seq = 0

    def _start_process(self) -> None:
        """This process's own catch-up connection and locks."""
        try:
            self._follow = self._db.connect(read_only=True, scans=True)
        except sqlite3.Error as exc:
            self._db.close()
            raise StoreUnavailable(f"cannot open the embedded store at {self.path}: {exc}") from exc
        self._write_lock = threading.RLock()
        """This process's writers, one at a time (SQLite serialises processes)."""
        self._gate = Gate()
        self._following = threading.Lock()
        """One catch-up at a time, on the ``_follow`` connection."""
        self._data_version = -1
        self._asked = -math.inf

    def after_fork(self) -> None:
        """Go on in a process forked from the one that opened the store: with connections
        and locks of its own (SQLite connections must not cross a fork; the parent's are
        left alone, neither used nor closed here) and the index as the parent built it,
        shared with it until either changes a page. The first read catches up."""
        self._inherited = self._db
        self._db = Connections(self.path, self._cache_mib)
        self._conn = self._db.connect()
        self._start_process()
        if self._index is not None and self._index.ties.file is not None:
            self._index.ties.file.map_in()

    def _create_tables(self) -> None:
        with self._transaction():
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"
            )
            self._conn.execute("INSERT OR IGNORE INTO meta VALUES ('seq', 0)")
            uid = secrets.randbits(62)
            self._conn.execute("INSERT OR IGNORE INTO meta VALUES ('uid', ?)", (uid,))
            (self._uid,) = self._conn.execute("SELECT value FROM meta WHERE key = 'uid'").fetchone()
            columns: dict[str, set[str]] = {}
            for table in (*NODE_TABLES.values(), *REL_TABLES.values()):
                have = {row[1] for row in self._conn.execute(f"PRAGMA table_info({table.name})")}
                columns[table.name] = have
                self._conn.execute(table.ddl())
                for column in table.added_columns(have) if have else ():
                    self._conn.execute(column)
                self._replace_changed_indexes(table)
                for statement in table.indexes().values():
                    self._conn.execute(statement)
            if "initiator" in columns["r_participated_in"]:
                interactions.move_initiators(self._conn)

    def _replace_changed_indexes(self, table: Table) -> None:
        """Drop the indexes of ``table`` an older version made on other columns (they are
        made again on the right ones)."""
        for name, wanted in table.indexed().items():
            have = tuple(row[2] for row in self._conn.execute(f"PRAGMA index_info({name})"))
            if have and have != wanted:
                self._conn.execute(f"DROP INDEX {name}")

    def _transaction(self, read_only: bool = False, rollback: bool = False) -> Transaction:
        return Transaction(self._conn, read_only, rollback)

    # -- writes ---------------------------------------------------------------

    def write(self, upserts: Sequence[Upsert]) -> list[list[Outcome]]:
        with self._write_lock:
            if self._rehearsing:
                return self._apply(upserts)
            with self._transaction():
                results = self._apply(upserts)
        # A write inside a read (a request's audit entry) is caught up by the next read.
        if self._index is not None and self._gate.depth() == 0:
            with self._following:
                self._catch_up()
        return results

    def _apply(self, upserts: Sequence[Upsert]) -> list[list[Outcome]]:
        (seq,) = self._conn.execute(
            "UPDATE meta SET value = value + 1 WHERE key = 'seq' RETURNING value"
        ).fetchone()
        return [self._upsert(u, seq) for u in upserts]

    @contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Build the secondary indexes of tables empty at the start once, at the end (sorting
        every row once beats keeping an index in step row by row), and checkpoint the
        write-ahead log once at the end, not after every large commit (each would copy into
        the database the pages the next commit rewrites). Indexes dropped by a load that
        dies are built again when the store is next opened."""
        with self._write_lock:
            self._conn.execute("PRAGMA wal_autocheckpoint=0")
            deferred = self._drop_indexes_of_empty_tables()
        try:
            yield
        finally:
            with self._write_lock, self._transaction():
                for statement in deferred:
                    self._conn.execute(statement)
            with self._write_lock:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.execute("PRAGMA wal_autocheckpoint=1000")

    def _drop_indexes_of_empty_tables(self) -> list[str]:
        """Drop the secondary indexes of empty tables; the statements that build them again."""
        deferred: list[str] = []
        with self._transaction():
            for table in (*NODE_TABLES.values(), *REL_TABLES.values()):
                if self._conn.execute(f"SELECT 1 FROM {table.name} LIMIT 1").fetchone() is None:
                    for name, statement in table.indexes().items():
                        self._conn.execute(f"DROP INDEX IF EXISTS {name}")
                        deferred.append(statement)
        return deferred

    @contextmanager
    def dry_run(self) -> Iterator[EmbeddedStore]:
        """A store on a connection of its own, in one transaction rolled back at the end: its
        reads see its writes (from SQLite), and other writers wait for it, never write into it."""
        rehearsal = EmbeddedStore(
            self.path.parent, model=self.model, cache_mib=self._cache_mib, rehearsal=True
        )
        try:
            with rehearsal._transaction(rollback=True):
                yield rehearsal
        finally:
            rehearsal.close()

    def _upsert(self, upsert: Upsert, seq: int) -> list[Outcome]:
        if isinstance(upsert, NodeUpsert):
            node_type(upsert.label)
            table = NODE_TABLES[upsert.label]
            values = table.encode_nodes(upsert.rows, seq)
        else:
            rel_type(upsert.type)
            table = REL_TABLES[upsert.type]
            values = table.encode_rels(upsert.rows, seq)
        count, width = len(upsert.rows), table.width
        before = self._conn.total_changes
        execute_rows(self._conn, table.insert_new_sql, values, width)
        if self._conn.total_changes - before == count:
            return [Outcome.CREATED] * count
        execute_rows(self._conn, table.upsert_sql, values, width)
        keys = len(table.keys)
        changed = {row[:keys]: row[keys] for row in self._conn.execute(table.changed_sql(), (seq,))}
        return [
            Outcome.UNCHANGED
            if (c := changed.get(tuple(values[i : i + keys]))) is None
            else Outcome.CREATED
            if c
            else Outcome.UPDATED
            for i in range(0, len(values), width)
        ]

    # -- reads ----------------------------------------------------------------

    def get_node(self, label: str, node_id: str) -> Props | None:
        return self.get_nodes(label, [node_id]).get(node_id)

    def get_nodes(self, label: str, ids: Iterable[str]) -> dict[str, Props]:
        node_type(label)
        if label in GRAPH_LABELS:
            with self._live_index() as index:
                if index is not None:
                    return index.nodes(label, ids)
        table = NODE_TABLES[label]
        found: dict[str, Props] = {}
        with self.reading() as conn:
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                for row in conn.execute(f"{table.select_sql()} WHERE id IN ({marks})", chunk):
                    found[row[0]] = table.decode(row)
        return found

    def find_nodes(self, label: str, text: str, limit: int) -> list[Props]:
        node_type(label)
        table = NODE_TABLES[label]
        folded = fold(text)  # letters, digits and single spaces: nothing LIKE reads as a wildcard
        if text and not folded:
            return []
        where, params = ("WHERE srm_names(name) LIKE ?", [f"%{folded}%"]) if folded else ("", [])
        with self.reading() as conn:
            rows = conn.execute(
                f"{table.select_sql()} {where} ORDER BY srm_fold(name), name, id LIMIT ?",
                (*params, limit),
            ).fetchall()
        return [table.decode(r) for r in rows]

    def find_by(self, label: str, prop: str, values: Iterable[Any]) -> list[Props]:
        declared = node_type(label).prop(prop)
        if declared is None:
            raise KeyError(f"{label} has no property {prop!r}")
        values = list(values)
        with self._live_index() as index:
            if index is not None and index.lists(label, prop):
                return index.nodes_by(label, prop, values)
        table = NODE_TABLES[label]
        encoded = [table.encode_value(declared, v) for v in values]
        found: dict[str, Props] = {}
        with self.reading() as conn:
            for chunk in _chunks(encoded):
                marks = ",".join("?" * len(chunk))
                for row in conn.execute(f'{table.select_sql()} WHERE "{prop}" IN ({marks})', chunk):
                    found[row[0]] = table.decode(row)
        return [found[k] for k in sorted(found)]

    def latest_nodes(self, label: str, by: str, limit: int, before: Any = None) -> list[Props]:
        declared = node_type(label).prop(by)
        if declared is None:
            raise KeyError(f"{label} has no property {by!r}")
        table = NODE_TABLES[label]
        where, params = "", [limit]
        if before is not None:
            where, params = f' WHERE "{by}" < ?', [table.encode_value(declared, before), limit]
        with self.reading() as conn:
            rows = conn.execute(
                f'{table.select_sql()}{where} ORDER BY "{by}" DESC, id LIMIT ?', params
            ).fetchall()
        return [table.decode(r) for r in rows]

    def existing_ids(self, label: str, ids: Iterable[str]) -> set[str]:
        node_type(label)
        if label in INDEXED_LABELS:
            with self._live_index() as index:
                if index is not None:
                    return index.existing(label, ids)
        table = NODE_TABLES[label]
        with self.reading() as conn:
            return _ids(conn, table, ids)

    def relationships(
        self, rel_type_name: str, *, start: str | None = None, end: str | None = None
    ) -> list[Relationship]:
        rel_type(rel_type_name)
        table = REL_TABLES[rel_type_name]
        where = [c for c, v in (("start", start), ('"end"', end)) if v is not None]
        sql = table.select_sql()
        if where:
            sql += " WHERE " + " AND ".join(f"{c} = ?" for c in where)
        sql += ' ORDER BY start, "end", key'
        params = [v for v in (start, end) if v is not None]
        with self.reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        found = []
        for row in rows:
            props = table.decode(row)
            found.append(Relationship(rel_type_name, props.pop("start"), props.pop("end"), props))
        return found

    def counts(self) -> GraphCounts:
        with self.reading() as conn:

            def count(table: Table) -> int:
                return int(conn.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0])

            return GraphCounts(
                labels={label: count(t) for label, t in NODE_TABLES.items()},
                types={name: count(t) for name, t in REL_TABLES.items()},
            )

    def reader(self) -> AbstractContextManager[None]:
        """Inside, the index stays as it was when the read started, and any number of
        threads read at once. The read starts by catching the index up with other processes'
        commits, unless another thread is doing so already (then it reads the index as it
        was before that catch-up)."""
        if self._gate.depth() == 0:
            self._refresh(wait=False)
        return self._gate.shared()

    def warm_up(self) -> None:
        """Build the index now rather than on the first request."""
        self._refresh()

    def ping(self) -> None:
        try:
            with self.reading() as conn:
                conn.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()
        except sqlite3.Error as exc:
            raise StoreUnavailable(
                f"the embedded store at {self.path} does not answer: {exc}"
            ) from exc

    def close(self) -> None:
        """Close the store's connections once no other thread runs a statement on them (that
        crashes SQLite): after the write under way commits, the catch-up under way ends and
        the reads holding the index are done. A scan under way is interrupted instead (its
        next read raises ``sqlite3.OperationalError``) and closes its own connection. What
        asks the store for anything after gets ``sqlite3.ProgrammingError``."""
        self._db.interrupt_scans()
        with self._following, self._gate.alone(), self._write_lock:
            self._db.close()

    def reading(self, single: bool = False) -> AbstractContextManager[sqlite3.Connection]:
        """This thread's read connection, inside one read transaction (nested calls share
        it; with ``single``, for one statement, none: see
        :meth:`~graph_model.embedded.connections.Connections.reading`); a dry run's store
        reads inside its own open transaction."""
        return nullcontext(self._conn) if self._rehearsing else self._db.reading(single)

    def scanning(self) -> AbstractContextManager[sqlite3.Connection]:
        """A connection of its own for reading whole tables once, closed after; a dry run's
        store reads inside its own open transaction."""
        return nullcontext(self._conn) if self._rehearsing else self._db.scanning()

    # -- the in-memory index --------------------------------------------------

    def _live_index(self) -> AbstractContextManager[GraphIndex | None]:
        """Inside, the index held shared, when it is built and reads as SQLite would (this
        process's writes folded in, outside a dry run); ``None`` otherwise."""
        if self._rehearsing or self._index is None:
            return nullcontext()
        return _IndexRead(self)

    @property
    def index(self) -> GraphIndex:
        """The index, built on first use and caught up with every commit since when
        read outside :meth:`reader` (inside, it stays as the read found it). Iterating it
        while other threads may catch it up needs :meth:`reader` (the API's routes hold it)."""
        if self._gate.depth() == 0 or self._index is None:
            self._refresh()
        assert self._index is not None
        return self._index

    def _refresh(self, wait: bool = True) -> None:
        """Catch the index up with what was committed since it last did, if SQLite says a
        connection committed (it is asked at most once a millisecond, which a burst of
        requests shares). Unless ``wait``, return at once when another thread is catching up
        (the caller reads the index as that catch-up finds it, until it is done)."""
        if self._index is not None and time.monotonic() - self._asked < FRESHNESS:
            return  # asked just now (read without the lock: a late read only asks again)
        if not self._following.acquire(blocking=wait or self._index is None):
            return
        try:
            now = time.monotonic()
            if self._index is not None and now - self._asked < FRESHNESS:
                return
            self._asked = now
            (version,) = self._follow.execute("PRAGMA data_version").fetchone()
            if self._index is not None and version == self._data_version:
                return
            self._data_version = version
            self._catch_up()
        finally:
            self._following.release()

    def _catch_up(self) -> None:
        """Read and fold what was committed since the last catch-up beside the index, then
        swap it in alone at the gate (caller holds ``_following``). The first one builds the
        index, which nobody reads before it is done."""
        if self._index is None:
            with collection_paused(), Transaction(self._follow, read_only=True, rollback=False):
                header = self._tie_header(follow.last_seq(self._follow))
                index = follow.build(
                    self._follow, self.model, header, self.ties_path, self.progress
                )
            self._index, self._seen_seq = index, header.seq
            return
        with Transaction(self._follow, read_only=True, rollback=False):
            last = follow.last_seq(self._follow)
            if last == self._seen_seq:
                return
            base = self._new_base(last) if follow.crowded(self._index.ties) else None
            staged = follow.stage(self._follow, self._index, self._seen_seq, last, base)
        with self._gate.alone():
            staged.swap_into(self._index)
        self._seen_seq = last

    def prepare_index(self) -> None:
        """Make the tie file the index starts from now, if there is none for this store and
        model or it misses many interactions (so that opening the index takes seconds), telling
        :attr:`progress` how far it has got. A service calls this before its workers start."""
        with self.reading() as conn:
            header = self._tie_header(follow.last_seq(conn))
            seq = tie_file.TieFile.seq_of(self.ties_path, header)  # the header alone
            behind = seq is None or follow.created_since(conn, seq) >= follow.CROWDED
        if behind:
            self.warm_up()

    def _tie_header(self, seq: int) -> tie_file.Header:
        return tie_file.Header(seq, self._uid, self.model.fingerprint)

    def _new_base(self, last: int) -> tie_file.TieFile | None:
        """A tie file to put the index's ties over from now on: a newer one another process
        wrote, else one of the index's ties now; ``None`` when none can be written."""
        assert self._index is not None
        ties = self._index.ties
        expected = self._tie_header(last)
        on_disk = tie_file.TieFile.seq_of(self.ties_path, expected)  # mapped only when newer
        if on_disk is not None and on_disk > (-1 if ties.file is None else ties.file.seq):
            newer = tie_file.TieFile.open(self.ties_path, expected)
            if newer is not None:
                return newer
        return follow.written(self.ties_path, ties.items(), self._tie_header(self._seen_seq))


class _IndexRead:
    """The index of ``store`` as a read finds it: held shared, and taken once the read has
    caught it up (a class, not a generator: most reads of the store take one)."""

    __slots__ = ("hold", "store")

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        self.hold: AbstractContextManager[None] | None = None

    def __enter__(self) -> GraphIndex | None:
        self.hold = self.store.reader()
        self.hold.__enter__()
        return self.store._index

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        assert self.hold is not None
        self.hold.__exit__(kind, error, trace)
