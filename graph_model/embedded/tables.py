"""SQLite tables derived from the schema, and the codec between rows and table values.

Node tables are keyed by ``id`` (clustered on it); relationship tables keep
insertion order and are unique on ``(end, start, key)`` — ``key`` tells apart
several relationships of one type between one pair (empty for most types) —
with an index on ``start``: a bulk load of interactions, whose ids grow, appends
to both the table and its unique index. Every table has the declared properties as typed columns,
``extra`` (a JSON object of undeclared properties), ``_seq`` (the write
transaction that last changed the row, so readers can catch up on what other
processes committed) and ``_created`` (the transaction that created it, so a
writer can tell created rows from updated ones).

>>> t = NODE_TABLES["Company"]
>>> t.name, t.columns[:3]
('n_company', ('id', 'name', 'domain'))
>>> REL_TABLES["SUPPLIES"].columns[:4]
('start', 'end', 'key', 'product_id')
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from graph_model.schema import NODES, RELS, Prop, PropType, RelType, rel_key
from graph_model.store import Props, RelRow

_SQL_TYPES = {
    PropType.STRING: "TEXT",
    PropType.FLOAT: "REAL",
    PropType.BOOL: "INTEGER",
    PropType.DATETIME: "REAL",
    PropType.STRING_LIST: "TEXT",
}

Codec = Callable[[Any], Any] | None


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f]')


def _dump_list(value: Any) -> str:
    """A JSON array of strings; strings with nothing to escape are joined directly.

    >>> _dump_list(["canonical:people:p1", "sf:Zoë"]), _dump_list(['say "hi"'])
    ('["canonical:people:p1","sf:Zoë"]', '["say \\\\"hi\\\\""]')
    """
    items = [str(v) for v in value]
    if _NEEDS_ESCAPE.search("".join(items)):
        return json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    return '["' + '","'.join(items) + '"]' if items else "[]"


def _to_time(value: Any) -> datetime:
    return datetime.fromtimestamp(value, UTC)


_ENCODERS: dict[PropType, Codec] = {
    PropType.STRING: None,
    PropType.FLOAT: float,
    PropType.BOOL: None,  # sqlite3 binds a bool as the integer it is
    PropType.DATETIME: datetime.timestamp,
    PropType.STRING_LIST: _dump_list,
}
_DECODERS: dict[PropType, Codec] = {
    PropType.STRING: None,
    PropType.FLOAT: None,
    PropType.BOOL: bool,
    PropType.DATETIME: _to_time,
    PropType.STRING_LIST: json.loads,
}


@dataclass(frozen=True)
class Table:
    """One SQLite table: its name, key columns and declared property columns."""

    name: str
    props: tuple[Prop, ...]
    rel: RelType | None = None
    keys: tuple[str, ...] = field(init=False)
    _names: frozenset[str] = field(init=False, repr=False)
    _order: tuple[str, ...] = field(init=False, repr=False)
    _encoders: tuple[tuple[int, Callable[[Any], Any]], ...] = field(init=False, repr=False)
    _decoders: dict[str, Callable[[Any], Any]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        keys = ("start", "end", "key") if self.rel else ("id",)
        object.__setattr__(self, "keys", keys)
        object.__setattr__(self, "_names", frozenset(p.name for p in self.props))
        object.__setattr__(self, "_order", tuple(p.name for p in self.props))
        encoders = tuple(
            (i, encode) for i, p in enumerate(self.props) if (encode := _ENCODERS[p.type])
        )
        object.__setattr__(self, "_encoders", encoders)
        decoders = {p.name: decode for p in self.props if (decode := _DECODERS[p.type])}
        object.__setattr__(self, "_decoders", decoders)

    @property
    def columns(self) -> tuple[str, ...]:
        lead = self.keys if self.rel else ()
        return (*lead, *(p.name for p in self.props), "extra")

    def ddl(self) -> str:
        """The table itself, with its key (a relationship's is a unique constraint)."""
        cols = [f'"{p.name}" {_SQL_TYPES[p.type]}' for p in self.props]
        keys = ", ".join(f'"{k}"' for k in self.keys)
        if self.rel:
            cols = ["start TEXT NOT NULL", '"end" TEXT NOT NULL', "key TEXT NOT NULL", *cols]
            constraint, layout = 'UNIQUE ("end", start, key)', ""
        else:
            constraint, layout = f"PRIMARY KEY ({keys})", " WITHOUT ROWID"
        cols += ["extra TEXT", "_seq INTEGER NOT NULL", "_created INTEGER NOT NULL", constraint]
        return f"CREATE TABLE IF NOT EXISTS {self.name} ({', '.join(cols)}){layout}"

    def indexed(self) -> dict[str, tuple[str, ...]]:
        """The secondary indexes by name, with their columns: ``_seq``, a relationship's
        ``start`` (with its ``end``, so that the ends of a node's relationships are read
        from the index alone), indexed properties (with those they are indexed with).

        >>> REL_TABLES["PARTICIPATED_IN"].indexed()
        {'r_participated_in__seq': ('_seq',), 'r_participated_in__start': ('start', 'end')}
        >>> NODE_TABLES["Interaction"].indexed()["n_interaction__company_id"]
        ('company_id', 'occurred_at')
        """
        columns = [
            ("_seq",),
            *([("start", "end")] if self.rel else []),
            *((p.name, *p.index_with) for p in self.props if p.indexed),
        ]
        return {f"{self.name}__{c[0].lstrip('_')}": c for c in columns}

    def indexes(self) -> dict[str, str]:
        """The statements that make the secondary indexes (:meth:`indexed`), by name."""
        statements = {}
        for name, columns in self.indexed().items():
            quoted = ", ".join(f'"{c}"' for c in columns)
            statements[name] = f"CREATE INDEX IF NOT EXISTS {name} ON {self.name}({quoted})"
        return statements

    def added_columns(self, existing: set[str]) -> list[str]:
        """``ALTER TABLE`` statements for properties the schema gained since the table was made."""
        return [
            f'ALTER TABLE {self.name} ADD COLUMN "{p.name}" {_SQL_TYPES[p.type]}'
            for p in self.props
            if p.name not in existing
        ]

    def _insert_sql(self, rows: int) -> str:
        """``INTO table (columns) VALUES (marks), …`` for ``rows`` rows of the values the
        encoders make: a row's ``extra`` is ``''`` when there is none (binding ``None``
        costs Python's ``sqlite3`` an adapter lookup; ``''`` is no JSON object), stored as
        NULL."""
        cols = (*self.columns, "_seq", "_created")
        quoted = ", ".join(f'"{c}"' for c in cols)
        marks = ", ".join("NULLIF(?, '')" if c == "extra" else "?" for c in cols)
        return f"INTO {self.name} ({quoted}) VALUES " + ", ".join([f"({marks})"] * rows)

    def upsert_sql(self, rows: int) -> str:
        """Insert ``rows`` rows, or update each only where a value differs; ``_seq`` marks
        changes."""
        values = [c for c in self.columns if c not in self.keys]
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in (*values, "_seq"))
        differs = " OR ".join(f'"{c}" IS NOT excluded."{c}"' for c in values)
        keys = ", ".join(f'"{k}"' for k in self.keys)
        return (
            f"INSERT {self._insert_sql(rows)} "
            f"ON CONFLICT({keys}) DO UPDATE SET {updates} WHERE {differs}"
        )

    def insert_new_sql(self, rows: int) -> str:
        """Insert ``rows`` rows, each unless its key is taken."""
        return f"INSERT OR IGNORE {self._insert_sql(rows)}"

    def changed_sql(self) -> str:
        """The keys of the rows one transaction changed, and whether it created them."""
        keys = ", ".join(f'"{k}"' for k in self.keys)
        return f"SELECT {keys}, _created = _seq FROM {self.name} WHERE _seq = ?"

    def select_sql(self, columns: tuple[str, ...] | None = None) -> str:
        """Select ``columns`` (all by default) of every row."""
        chosen = self.columns if columns is None else columns
        return "SELECT " + ", ".join(f'"{c}"' for c in chosen) + f" FROM {self.name}"

    @staticmethod
    def encode_value(prop: Prop, value: Any) -> Any:
        """One value as stored in ``prop``'s column."""
        encode = _ENCODERS[prop.type]
        return value if value is None or encode is None else encode(value)

    def _encode(self, props: Props) -> list[Any]:
        """The property columns and ``extra`` of ``props`` (see :meth:`_insert_sql`)."""
        values = list(map(props.get, self._order))
        for i, encode in self._encoders:
            if (value := values[i]) is not None:
                values[i] = encode(value)
        if props.keys() <= self._names:
            values.append("")
            return values
        extra = {k: v for k, v in props.items() if k not in self._names and v is not None}
        values.append(json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else "")
        return values

    @property
    def width(self) -> int:
        """Values of an encoded row: its columns, ``_seq`` and ``_created``."""
        return len(self.columns) + 2

    def encode_nodes(self, rows: Iterable[Props], seq: int) -> list[Any]:
        """The values of node rows, one row's :attr:`width` after another, stamped with
        transaction ``seq``."""
        encode, values, stamp = self._encode, list[Any](), (seq, seq)
        add = values.extend
        for row in rows:
            add(encode(row))
            add(stamp)
        return values

    def encode_rels(self, rels: Iterable[RelRow], seq: int) -> list[Any]:
        """The values of relationship rows, as :meth:`encode_nodes`."""
        assert self.rel is not None
        rel, encode, values = self.rel, self._encode, list[Any]()
        add, keyed, stamp = values.extend, bool(rel.key), (seq, seq)
        bare = (*(None for _ in self.props), "")  # the columns of a row without properties
        for r in rels:
            add((r.start, r.end, rel_key(rel, r.props) if keyed else ""))
            add(encode(r.props) if r.props else bare)
            add(stamp)
        return values

    def decode_columns(self, columns: tuple[str, ...], values: tuple[Any, ...]) -> Props:
        """The given columns of a row (declared properties, or a relationship's ``start``,
        ``end`` and ``key``) back to a property dict without the blank ones.

        >>> REL_TABLES["WORKS_AT"].decode_columns(("start", "ended_at"), ("p1", 0.0))
        {'start': 'p1', 'ended_at': datetime.datetime(1970, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)}
        """
        props: Props = {}
        for name, value in zip(columns, values, strict=True):
            if value is not None:
                decode = self._decoders.get(name)
                props[name] = value if decode is None else decode(value)
        return props

    def decode(self, values: tuple[Any, ...]) -> Props:
        """A stored row back to a property dict (endpoints under ``start``/``end``)."""
        lead = 3 if self.rel else 0
        props: Props = {}
        if self.rel:
            props["start"], props["end"] = values[0], values[1]
        for prop, value in zip(self.props, values[lead:], strict=False):
            if value is not None:
                decode = self._decoders.get(prop.name)
                props[prop.name] = value if decode is None else decode(value)
        extra = values[lead + len(self.props)]
        if extra:
            props.update(json.loads(extra))
        return props


ROWS_PER_STATEMENT = 50
"""Rows one ``INSERT`` statement writes: SQLite then parses, binds and steps once for
many rows (a third less time for a large load than a statement a row)."""


def execute_rows(
    conn: sqlite3.Connection, statement: Callable[[int], str], values: list[Any], width: int
) -> None:
    """Run ``statement(n)``, a statement of ``n`` rows' values, over ``values``, ``width`` a
    row, in their order, :data:`ROWS_PER_STATEMENT` rows at a time.

    >>> conn = sqlite3.connect(":memory:")
    >>> _ = conn.execute("CREATE TABLE t (a, b)")
    >>> rows = [v for i in range(103) for v in (i, -i)]
    >>> execute_rows(conn, lambda n: "INSERT INTO t VALUES " + ", ".join(["(?, ?)"] * n), rows, 2)
    >>> conn.execute("SELECT count(*), sum(a), min(b) FROM t").fetchone()
    (103, 5253, -102)
    """
    step = ROWS_PER_STATEMENT * width
    whole = len(values) - len(values) % step
    if whole:
        conn.executemany(
            statement(ROWS_PER_STATEMENT), [values[i : i + step] for i in range(0, whole, step)]
        )
    if whole < len(values):
        rest = range(whole, len(values), width)
        conn.executemany(statement(1), [values[i : i + width] for i in rest])


NODE_TABLES: dict[str, Table] = {
    n.label: Table(f"n_{n.label.lower()}", n.properties) for n in NODES
}
REL_TABLES: dict[str, Table] = {r.type: Table(f"r_{r.type.lower()}", r.properties, r) for r in RELS}
