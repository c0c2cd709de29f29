"""SQLite tables derived from the schema, and the codec between rows and table tuples.

Node tables are keyed by ``id``; relationship tables by ``k``, the start id,
end id and relationship key joined with a unit separator. Every table has the
declared properties as typed columns, ``extra`` (a JSON object of undeclared
properties), ``_hash`` (of the stored values, to tell unchanged rows) and
``_seq`` (the write transaction that last changed the row, so readers can
catch up on what other processes committed).

>>> t = NODE_TABLES["Company"]
>>> t.name, t.columns[:3]
('n_company', ('id', 'name', 'domain'))
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graph_model.schema import NODES, RELS, Prop, PropType, RelType, rel_key
from graph_model.store import Props, RelRow

SEP = "\x1f"

_SQL_TYPES = {
    PropType.STRING: "TEXT",
    PropType.FLOAT: "REAL",
    PropType.BOOL: "INTEGER",
    PropType.DATETIME: "REAL",
    PropType.STRING_LIST: "TEXT",
}


def _encode(prop: Prop, value: Any) -> Any:
    if value is None:
        return None
    if prop.type is PropType.DATETIME:
        return value.timestamp()
    if prop.type is PropType.BOOL:
        return int(value)
    if prop.type is PropType.STRING_LIST:
        return json.dumps(list(value), ensure_ascii=False)
    return value


def _decode(prop: Prop, value: Any) -> Any:
    if value is None:
        return None
    if prop.type is PropType.DATETIME:
        return datetime.fromtimestamp(value, UTC)
    if prop.type is PropType.BOOL:
        return bool(value)
    if prop.type is PropType.STRING_LIST:
        return json.loads(value)
    return value


def _digest(values: tuple[Any, ...]) -> int:
    raw = hashlib.blake2b(repr(values).encode(), digest_size=8).digest()
    return int.from_bytes(raw, "big", signed=True)


@dataclass(frozen=True)
class Table:
    """One SQLite table: its name, key column and declared property columns."""

    name: str
    key_column: str
    props: tuple[Prop, ...]
    endpoints: bool
    rel: RelType | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        lead = ("k", "start", "end") if self.endpoints else ()
        return (*lead, *(p.name for p in self.props), "extra", "_hash")

    def ddl(self) -> list[str]:
        cols = [f'"{p.name}" {_SQL_TYPES[p.type]}' for p in self.props]
        if self.endpoints:
            cols = ["k TEXT PRIMARY KEY", "start TEXT NOT NULL", '"end" TEXT NOT NULL', *cols]
        else:
            cols[0] = f'"{self.key_column}" TEXT PRIMARY KEY'
        cols += ["extra TEXT", "_hash INTEGER NOT NULL", "_seq INTEGER NOT NULL"]
        statements = [
            f"CREATE TABLE IF NOT EXISTS {self.name} ({', '.join(cols)}) WITHOUT ROWID",
            f"CREATE INDEX IF NOT EXISTS {self.name}__seq ON {self.name}(_seq)",
        ]
        if self.endpoints:
            statements.append(
                f'CREATE INDEX IF NOT EXISTS {self.name}__end ON {self.name}("end")'
            )
            statements.append(
                f"CREATE INDEX IF NOT EXISTS {self.name}__start ON {self.name}(start)"
            )
        statements += [
            f'CREATE INDEX IF NOT EXISTS {self.name}__{p.name} ON {self.name}("{p.name}")'
            for p in self.props
            if p.indexed
        ]
        return statements

    def upsert_sql(self) -> str:
        cols = (*self.columns, "_seq")
        quoted = ", ".join(f'"{c}"' for c in cols)
        marks = ", ".join("?" for _ in cols)
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c != self.key_column)
        return (
            f"INSERT INTO {self.name} ({quoted}) VALUES ({marks}) "
            f'ON CONFLICT("{self.key_column}") DO UPDATE SET {updates}'
        )

    def select_sql(self) -> str:
        return "SELECT " + ", ".join(f'"{c}"' for c in self.columns) + f" FROM {self.name}"

    def encode_node(self, row: Props) -> tuple[Any, ...]:
        """The column tuple of a node row, its hash last."""
        declared = {p.name for p in self.props}
        values = tuple(_encode(p, row.get(p.name)) for p in self.props)
        extra = {k: v for k, v in row.items() if k not in declared and v is not None}
        full = (*values, json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None)
        return (*full, _digest(full))

    def encode_rel(self, rel: RelRow) -> tuple[Any, ...]:
        """The column tuple of a relationship row (its key ``k`` first, its hash last)."""
        assert self.rel is not None
        key = rel_key(self.rel, rel.props)
        declared = {p.name for p in self.props}
        values = tuple(_encode(p, rel.props.get(p.name)) for p in self.props)
        extra = {k: v for k, v in rel.props.items() if k not in declared and v is not None}
        extra_json = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None
        full = (SEP.join((rel.start, rel.end, key)), rel.start, rel.end, *values, extra_json)
        return (*full, _digest(full))

    def decode(self, values: tuple[Any, ...]) -> Props:
        """A stored row back to a property dict (endpoints under ``start``/``end``)."""
        lead = 3 if self.endpoints else 0
        props: Props = {}
        if self.endpoints:
            props["start"], props["end"] = values[1], values[2]
        for prop, value in zip(self.props, values[lead:], strict=False):
            decoded = _decode(prop, value)
            if decoded is not None:
                props[prop.name] = decoded
        extra = values[lead + len(self.props)]
        if extra:
            props.update(json.loads(extra))
        return props


NODE_TABLES: dict[str, Table] = {
    n.label: Table(f"n_{n.label.lower()}", "id", n.properties, endpoints=False) for n in NODES
}
REL_TABLES: dict[str, Table] = {
    r.type: Table(f"r_{r.type.lower()}", "k", r.properties, endpoints=True, rel=r)
    for r in RELS
}
