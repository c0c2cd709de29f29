"""How the embedded index follows the tables: it reads what was committed since it last did.

Every write transaction stamps the rows it changes with its number (``_seq``);
:func:`catch_up` folds into the index, in commit order, the rows stamped after the
last number the index saw, the interactions created since, and recounts the ties
of the pairs whose interactions changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from graph_model.embedded import interactions
from graph_model.embedded.index import INDEXED_COLUMNS, INDEXED_LABELS, INDEXED_TYPES, GraphIndex
from graph_model.embedded.tables import NODE_TABLES, REL_TABLES, Table
from graph_model.store import Props


def last_seq(conn: sqlite3.Connection) -> int:
    """The number of the latest write transaction."""
    (last,) = conn.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()
    return int(last)


def catch_up(conn: sqlite3.Connection, index: GraphIndex, seen: int, last: int) -> None:
    """Fold into ``index`` what the transactions after ``seen`` up to ``last`` committed
    (inside one read transaction of ``conn``)."""
    for label in INDEXED_LABELS:
        for _, props in _changed_rows(conn, NODE_TABLES[label], label, seen, last):
            index.apply_node(label, props)
    for name in INDEXED_TYPES:
        for row, props in _changed_rows(conn, REL_TABLES[name], name, seen, last):
            index.apply_rel(name, row[2], props)
    index.add_interactions(interactions.created_between(conn, seen, last))
    changed = interactions.changed_between(conn, seen, last)
    for pair in index.pairs_of(interactions.by_ids(conn, changed)):
        index.replace_tie(pair, interactions.shared(conn, *pair))


def _changed_rows(
    conn: sqlite3.Connection, table: Table, name: str, seen: int, last: int
) -> Iterator[tuple[tuple[Any, ...], Props]]:
    """The rows of ``table`` committed after ``seen`` up to ``last``, as far as the index
    reads them (:data:`~graph_model.embedded.index.INDEXED_COLUMNS`), each with its
    properties (a relationship's columns start with ``start, end, key``)."""
    columns = INDEXED_COLUMNS.get(name)
    select = table.select_sql() if columns is None else table.select_sql(columns)
    rows = conn.execute(f"{select} WHERE _seq > ? AND _seq <= ? ORDER BY _seq", (seen, last))
    for row in rows:
        yield row, table.decode(row) if columns is None else table.decode_columns(columns, row)
