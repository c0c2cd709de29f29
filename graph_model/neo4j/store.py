"""The Neo4j store: writes in managed transactions, reads routed to readers.

Every write of :meth:`Neo4jStore.write` is one managed transaction, retried by
the driver on transient errors (safe: each statement is an idempotent
``UNWIND $rows … MERGE`` and the ties it changes are recounted or folded in the
same transaction, see :mod:`graph_model.neo4j.knows`). Sessions share one
bookmark manager, so a read always sees the writes made before it, on a cluster
too. The store gets the database ready on first use (constraints and indexes
with ``IF NOT EXISTS``, data of older versions migrated, ties recounted if the
scoring model changed); a server that cannot be reached then, or later, raises
:class:`~graph_model.store.StoreUnavailable`, and the next call tries again.
"""

from __future__ import annotations

import gc
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from typing import Any, TypeVar

import neo4j
from neo4j import RoutingControl

from graph_model.folding import SEPARATOR, fold, node_search_key
from graph_model.neo4j import knows
from graph_model.neo4j.connection import Connection
from graph_model.neo4j.cypher import CYPHER_DIR, instant, render
from graph_model.schema import NODES, REL_TYPES, PropType, node_type, rel_key, rel_type
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

VERSION = 3
"""The format of the data: 2 keeps an interaction's initiator on the interaction, 3 a
named node's ``search_key``."""
SEARCH_KEY = "search_key"
"""The property that holds a named node's :func:`~graph_model.folding.search_key`: written
with the node, searched with a text index, never read back as one of its properties."""
NAMED = tuple(n.label for n in NODES if n.prop("name") is not None)
T = TypeVar("T")


def _q(name: str, **tokens: str) -> str:
    return render(CYPHER_DIR / f"{name}.cypher", **tokens)


def native_value(value: Any) -> Any:
    """A value read from Neo4j as Python has it: temporal values as aware UTC datetimes."""
    if isinstance(value, neo4j.time.DateTime):
        return value.to_native().astimezone(UTC)
    return value


def _props(raw: dict[str, Any]) -> Props:
    return {k: native_value(v) for k, v in sorted(raw.items()) if k != SEARCH_KEY}


def _param(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    if isinstance(value, tuple):
        return list(value)
    return value


def _present(props: Props) -> Props:
    return {k: _param(v) for k, v in props.items() if v is not None}


def _statements(upsert: Upsert) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """The Cypher and rows that write ``upsert``: one statement per set of datetime
    properties the rows have (they are sent as numbers and made datetimes in Cypher)."""
    rows: list[dict[str, Any]]
    if isinstance(upsert, NodeUpsert):
        declared = node_type(upsert.label).properties
        tokens = {"LABEL": upsert.label}
        name = "node_upsert"
        rows = [{"i": i, "props": _present(r)} for i, r in enumerate(upsert.rows)]
        if upsert.label in NAMED:
            for row, given in zip(rows, upsert.rows, strict=True):
                row["props"][SEARCH_KEY] = node_search_key(upsert.label, given)
    else:
        rel = rel_type(upsert.type)
        declared = rel.properties
        tokens = {"START": rel.start, "END": rel.end, "TYPE": rel.type}
        name = "rel_upsert_keyed" if rel.key else "rel_upsert"
        keys = [{"key": rel_key(rel, r.props)} if rel.key else {} for r in upsert.rows]
        rows = [
            {"i": i, "start": r.start, "end": r.end, "props": _present(r.props) | key}
            for i, (r, key) in enumerate(zip(upsert.rows, keys, strict=True))
        ]
    times = [p.name for p in declared if p.type is PropType.DATETIME]
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        props = row["props"]
        row["times"] = {
            t: instant(props.pop(t)) for t in times if isinstance(props.get(t), datetime)
        }
        groups[tuple(row["times"])].append(row)
    for present, group in groups.items():
        yield _q(name, TIMES=",".join(present), **tokens), group


class Neo4jStore:
    """A :class:`~graph_model.store.GraphStore` on one Neo4j 5 database."""

    backend = "neo4j"
    write_batch = 20_000
    """Records per write transaction: Neo4j keeps a transaction's changes in its heap."""

    def __init__(
        self, uri: str, auth: tuple[str, str], database: str = "neo4j", *, model: ScoringModel
    ) -> None:
        self.model = model
        self.connection = Connection(uri, auth, database)
        self._prepared = False
        self._preparing = threading.Lock()

    # -- running Cypher: the only calls to the driver -----------------------------------

    def read(self, query: str, **params: Any) -> list[Any]:
        """The records of a read query, on a reader."""
        self._ready()
        with self.connection.answering():
            records, _, _ = self.connection.driver.execute_query(
                query,
                params,
                database_=self.connection.database,
                routing_=RoutingControl.READ,
            )
        return list(records)

    def _in_transaction(self, work: Callable[[Any], T]) -> T:
        """``work(tx)`` in one managed write transaction (retried on transient errors)."""
        self._ready()
        with self.connection.answering(), self.connection.session() as session:
            result: T = session.execute_write(work)
            return result

    def _autocommit(self, query: str, **params: Any) -> None:
        """A statement in a transaction of its own: schema changes, ``IN TRANSACTIONS``."""
        with self.connection.answering(), self.connection.session() as session:
            session.run(query, params).consume()

    # -- getting the database ready -----------------------------------------------------

    def _ready(self) -> None:
        if self._prepared:
            return
        with self._preparing:
            if not self._prepared:
                self._prepare()
                self._prepared = True

    def _prepare(self) -> None:
        """Constraints and indexes; data of older versions migrated; ties under this model."""
        self._autocommit(_q("store_constraint"))
        for node in NODES:
            self._autocommit(_q("constraint_key", LABEL=node.label))
            for prop in node.properties:
                if prop.indexed:
                    self._autocommit(_q("index_prop", LABEL=node.label, PROP=prop.name))
        for label in NAMED:
            self._autocommit(_q("index_search_key", LABEL=label))
        found = self._records(_q("store_get"))
        version, tie_model = (found[0]["version"], found[0]["tie_model"]) if found else (0, None)
        if version < 2:
            self._autocommit(_q("migrate_initiators"))
            tie_model = None
        if version < 3:
            self._add_search_keys()
        if tie_model != self.model.fingerprint:
            knows.recount_all(self._records, self._autocommit, self.model)
        self._autocommit(_q("store_set"), version=VERSION, tie_model=self.model.fingerprint)

    def _add_search_keys(self) -> None:
        """Give each named node written before version 3 its search key, a batch at a time."""
        for label in NAMED:
            while todo := self._records(_q("search_key_missing", LABEL=label), limit=10_000):
                keys = [
                    {"id": r["props"]["id"], "key": node_search_key(label, r["props"])}
                    for r in todo
                ]
                self._autocommit(_q("search_key_set", LABEL=label), rows=keys)

    def _records(self, query: str, **params: Any) -> list[Any]:
        with self.connection.answering():
            records, _, _ = self.connection.driver.execute_query(
                query, params, database_=self.connection.database
            )
        return list(records)

    # -- writes ---------------------------------------------------------------------------

    def write(self, upserts: Sequence[Upsert]) -> list[list[Outcome]]:
        written = self._in_transaction(lambda tx: self._apply(tx, upserts))
        if not gc.isenabled():
            # The driver leaves each statement's result in a reference cycle (the result
            # and its connection's error handler) that holds the statement's parameters:
            # with automatic collection paused, as an ingest pauses it, a run would keep
            # every batch it wrote. The young generation is this write's objects.
            gc.collect(0)
        return written

    def _apply(self, tx: Any, upserts: Sequence[Upsert]) -> list[list[Outcome]]:
        results: list[list[Outcome]] = []
        changes = knows.Changes()
        for upsert in upserts:
            done = self._upsert(tx, upsert)
            results.append(done)
            changes.add(upsert, done)
        knows.keep_in_step(tx, self.model, changes)
        return results

    @staticmethod
    def _upsert(tx: Any, upsert: Upsert) -> list[Outcome]:
        """Each row's outcome, in order (``ValueError`` for a relationship whose ends are not
        both nodes)."""
        outcomes: list[Outcome | None] = [None] * len(upsert.rows)
        for query, rows in _statements(upsert):
            record = tx.run(query, rows=rows).single(strict=True)
            for i, outcome in zip(record["rows"], record["outcomes"], strict=True):
                outcomes[i] = Outcome(outcome)
        missing = [upsert.rows[i] for i, o in enumerate(outcomes) if o is None]
        if missing:
            raise ValueError(f"relationship endpoints not found: {missing[:3]}")
        return [o for o in outcomes if o is not None]

    @contextmanager
    def bulk_load(self) -> Iterator[None]:
        yield

    @contextmanager
    def dry_run(self) -> Iterator[Neo4jStore]:
        """A store on one transaction of its own, rolled back at the end: its reads see its
        writes, nobody else's writes go into it, and nothing of it is kept."""
        self._ready()
        with self.connection.answering(), self.connection.session() as session:
            tx = session.begin_transaction()
            try:
                yield _Rehearsal(self, tx)
            finally:
                tx.rollback()

    # -- reads ----------------------------------------------------------------------------

    def get_node(self, label: str, node_id: str) -> Props | None:
        return self.get_nodes(label, [node_id]).get(node_id)

    def get_nodes(self, label: str, ids: Iterable[str]) -> dict[str, Props]:
        [record] = self.read(_q("node_get", LABEL=label), ids=list(ids))
        return {props["id"]: _props(props) for props in record["found"]}

    def find_nodes(self, label: str, text: str, limit: int) -> list[Props]:
        folded = fold(text)
        if text and not folded:
            return []
        query = _q("node_find", LABEL=label)
        records = self.read(query, text=folded, separator=SEPARATOR, limit=limit)
        return [_props(r["props"]) for r in records]

    def find_by(self, label: str, prop: str, values: Iterable[Any]) -> list[Props]:
        if node_type(label).prop(prop) is None:
            raise KeyError(f"{label} has no property {prop!r}")
        query = _q("node_find_by", LABEL=label, PROP=prop)
        records = self.read(query, values=[_param(v) for v in values])
        return [_props(r["props"]) for r in records]

    def latest_nodes(self, label: str, by: str, limit: int, before: Any = None) -> list[Props]:
        if node_type(label).prop(by) is None:
            raise KeyError(f"{label} has no property {by!r}")
        query = _q("node_latest", LABEL=label, PROP=by)
        records = self.read(query, limit=limit, before=_param(before))
        return [_props(r["props"]) for r in records]

    def existing_ids(self, label: str, ids: Iterable[str]) -> set[str]:
        records = self.read(_q("node_existing", LABEL=label), ids=list(ids))
        return {r["id"] for r in records}

    def relationships(
        self, rel_type_name: str, *, start: str | None = None, end: str | None = None
    ) -> list[Relationship]:
        rel = rel_type(rel_type_name)
        tokens = {"START": rel.start, "END": rel.end, "TYPE": rel.type}
        if start is not None:
            records = self.read(_q("rel_from", **tokens), start=start, end=end)
        elif end is not None:
            records = self.read(_q("rel_to", **tokens), end=end)
        else:
            records = self.read(_q("rel_all", **tokens))
        found = []
        for r in records:
            props = _props(r["props"])
            props.pop("key", None)
            found.append(Relationship(rel.type, r["start"], r["end"], props))
        return found

    def counts(self) -> GraphCounts:
        return GraphCounts(
            labels={
                n.label: self.read(_q("count_nodes", LABEL=n.label))[0]["count"] for n in NODES
            },
            types={t: self.read(_q("count_rels", TYPE=t))[0]["count"] for t in REL_TYPES},
        )

    @contextmanager
    def reader(self) -> Iterator[None]:
        """Any number of requests read Neo4j at once."""
        yield

    def warm_up(self) -> None:
        """Get the database ready now if the server answers (later, on first use, if not)."""
        with suppress(StoreUnavailable):  # the first request says what is wrong
            self._ready()

    def ping(self) -> None:
        self._ready()
        self._records(_q("ping"))

    def close(self) -> None:
        self.connection.close()


class _Rehearsal(Neo4jStore):
    """The store's reads and writes inside one open transaction (see :meth:`dry_run`)."""

    def __init__(self, store: Neo4jStore, tx: Any) -> None:
        self.model = store.model
        self.connection = store.connection
        self._prepared = True
        self._tx = tx

    def read(self, query: str, **params: Any) -> list[Any]:
        with self.connection.answering():
            return list(self._tx.run(query, params))

    def _in_transaction(self, work: Callable[[Any], T]) -> T:
        with self.connection.answering():
            return work(self._tx)
