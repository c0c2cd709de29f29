"""The Neo4j store: writes in ``execute_write`` transactions, reads routed to readers.

Every write of :meth:`Neo4jStore.write` is one managed transaction, retried by
the driver on transient errors (safe: every statement is an idempotent
``UNWIND $rows … MERGE``). Constraints and indexes are created at start with
``IF NOT EXISTS``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

from graph_model.neo4j.cypher import CYPHER_DIR, render
from graph_model.schema import NODES, REL_TYPES, node_type, rel_key, rel_type
from graph_model.scoring import DAY, T0, ScoringModel
from graph_model.store import (
    GraphCounts,
    NodeUpsert,
    Outcome,
    Props,
    Relationship,
    RelUpsert,
    StoreUnavailable,
    Upsert,
)


def _q(name: str, **tokens: str) -> str:
    return render(CYPHER_DIR / f"{name}.cypher", **tokens)


def native_value(value: Any) -> Any:
    """A value read from Neo4j as Python has it: temporal values as aware UTC datetimes."""
    if isinstance(value, neo4j.time.DateTime):
        return value.to_native().astimezone(UTC)
    return value


def _props(raw: dict[str, Any]) -> Props:
    return {k: native_value(v) for k, v in sorted(raw.items())}


def _param(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    if isinstance(value, tuple):
        return list(value)
    return value


def _present(props: Props) -> Props:
    return {k: _param(v) for k, v in props.items() if v is not None}


class Neo4jStore:
    """A :class:`~graph_model.store.GraphStore` on a Neo4j 5 database."""

    backend = "neo4j"

    def __init__(
        self,
        uri: str,
        auth: tuple[str, str],
        database: str = "neo4j",
        *,
        driver: Any = None,
        model: ScoringModel | None = None,
    ) -> None:
        self.database = database
        self.model = model or ScoringModel()
        self._rehearsal: Any = None
        self._driver = driver or GraphDatabase.driver(uri, auth=auth)
        try:
            self._create_schema()
            self._recount_stale_ties()
        except (ServiceUnavailable, AuthError, OSError) as exc:
            raise StoreUnavailable(f"cannot reach Neo4j at {uri}: {exc}") from exc

    def _create_schema(self) -> None:
        for node in NODES:
            self._run_write(_q("constraint_key", LABEL=node.label), {})
            for prop in node.properties:
                if prop.indexed:
                    self._run_write(_q("index_prop", LABEL=node.label, PROP=prop.name), {})

    def _model_params(self) -> dict[str, Any]:
        return {
            "weights": dict(self.model.weights),
            "t0": T0,
            "half_life": self.model.half_life_days * DAY,
            "model": self.model.fingerprint,
        }

    def _recount_stale_ties(self, batch: int = 5000) -> None:
        """Recount ties materialised under other weights or half-life, a batch at a time."""
        while stale := self.read(_q("knows_stale"), model=self.model.fingerprint, limit=batch):
            pairs = [{"a": r["a"], "b": r["b"]} for r in stale]
            self._run_write(_q("knows_recount"), {"pairs": pairs, **self._model_params()})

    def _recount_ties(self, tx: Any, interaction_ids: list[str]) -> None:
        pairs = [dict(r) for r in tx.run(_q("knows_pairs"), ids=interaction_ids)]
        if pairs:
            tx.run(_q("knows_recount"), pairs=pairs, **self._model_params()).consume()

    def _run_write(self, query: str, params: dict[str, Any]) -> None:
        self._driver.execute_query(query, params, database_=self.database)

    def read(self, query: str, **params: Any) -> list[Any]:
        records, _, _ = self._driver.execute_query(
            query, params, database_=self.database, routing_=RoutingControl.READ
        )
        return list(records)

    # -- writes ---------------------------------------------------------------

    def write(self, upserts: Sequence[Upsert]) -> list[list[Outcome]]:
        statements = [self._statement(u) for u in upserts]
        touched = sorted(
            {
                str(r["id"])
                for u in upserts
                if isinstance(u, NodeUpsert) and u.label == "Interaction"
                for r in u.rows
            }
            | {
                r.end
                for u in upserts
                if isinstance(u, RelUpsert) and u.type == "PARTICIPATED_IN"
                for r in u.rows
            }
        )

        def work(tx: Any) -> list[list[Outcome]]:
            results = []
            for query, rows in statements:
                outcomes: list[Outcome | None] = [None] * len(rows)
                for record in tx.run(query, rows=rows):
                    outcomes[record["i"]] = Outcome(record["outcome"])
                missing = [rows[i] for i, o in enumerate(outcomes) if o is None]
                if missing:
                    raise ValueError(f"relationship endpoints not found: {missing[:3]}")
                results.append([o for o in outcomes if o is not None])
            if touched:
                self._recount_ties(tx, touched)
            return results

        if self._rehearsal is not None:
            return work(self._rehearsal)
        with self._driver.session(database=self.database) as session:
            result: list[list[Outcome]] = session.execute_write(work)
            return result

    @contextmanager
    def bulk_load(self) -> Iterator[None]:
        yield

    @contextmanager
    def dry_run(self) -> Iterator[None]:
        with self._driver.session(database=self.database) as session:
            tx = session.begin_transaction()
            self._rehearsal = tx
            try:
                yield
            finally:
                self._rehearsal = None
                tx.rollback()

    @staticmethod
    def _statement(upsert: Upsert) -> tuple[str, list[dict[str, Any]]]:
        if isinstance(upsert, NodeUpsert):
            node_type(upsert.label)
            rows = [{"i": i, "props": _present(r)} for i, r in enumerate(upsert.rows)]
            return _q("node_upsert", LABEL=upsert.label), rows
        rel = rel_type(upsert.type)
        params = []
        for i, r in enumerate(upsert.rows):
            props = _present(r.props)
            if rel.key:
                props["key"] = rel_key(rel, r.props)
            params.append({"i": i, "start": r.start, "end": r.end, "props": props})
        name = "rel_upsert_keyed" if rel.key else "rel_upsert"
        return _q(name, START=rel.start, END=rel.end, TYPE=rel.type), params

    # -- reads ----------------------------------------------------------------

    def get_node(self, label: str, node_id: str) -> Props | None:
        return self.get_nodes(label, [node_id]).get(node_id)

    def get_nodes(self, label: str, ids: Iterable[str]) -> dict[str, Props]:
        records = self.read(_q("node_get", LABEL=label), ids=list(ids))
        return {r["props"]["id"]: _props(r["props"]) for r in records}

    def find_nodes(self, label: str, text: str, limit: int) -> list[Props]:
        records = self.read(_q("node_find", LABEL=label), text=text, limit=limit)
        return [_props(r["props"]) for r in records]

    def find_by(self, label: str, prop: str, values: Iterable[Any]) -> list[Props]:
        if node_type(label).prop(prop) is None:
            raise KeyError(f"{label} has no property {prop!r}")
        query = _q("node_find_by", LABEL=label, PROP=prop)
        records = self.read(query, values=[_param(v) for v in values])
        return [_props(r["props"]) for r in records]

    def latest_nodes(self, label: str, by: str, limit: int) -> list[Props]:
        if node_type(label).prop(by) is None:
            raise KeyError(f"{label} has no property {by!r}")
        records = self.read(_q("node_latest", LABEL=label, PROP=by), limit=limit)
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

    def ping(self) -> None:
        try:
            self.read(_q("ping"))
        except (Neo4jError, ServiceUnavailable, OSError) as exc:
            raise StoreUnavailable(f"Neo4j does not answer: {exc}") from exc

    def close(self) -> None:
        self._driver.close()
