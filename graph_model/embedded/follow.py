"""How the embedded index follows the tables: it reads what was committed since it last did.

Every write transaction stamps the rows it changes with its number (``_seq``);
:func:`stage` reads, in commit order, the rows stamped after the last number the
index saw and folds the interactions created since into copies of the ties they
touch (recounting the ties of pairs whose older interactions changed), all beside
the index, which readers go on using meanwhile. :meth:`Staged.swap_into` then puts
it all in at once: the only step for which readers must wait. :func:`build` makes
the first index in place.

>>> import sqlite3
>>> from graph_model.scoring import ScoringModel
>>> staged = Staged()
>>> staged.nodes.append(("Company", {"id": "c1", "name": "Acme"}))
>>> index = GraphIndex(ScoringModel())
>>> staged.swap_into(index)
>>> index.graph.nodes["c1"]["name"]
'Acme'
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from itertools import combinations
from typing import Any

from graph_model.embedded import interactions
from graph_model.embedded.index import (
    INDEXED_COLUMNS,
    INDEXED_LABELS,
    INDEXED_TYPES,
    GraphIndex,
    Pair,
)
from graph_model.embedded.tables import NODE_TABLES, REL_TABLES, Table
from graph_model.store import Props
from graph_model.ties import InteractionFact, Tie, add_interaction, pair_tie


def last_seq(conn: sqlite3.Connection) -> int:
    """The number of the latest write transaction."""
    (last,) = conn.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()
    return int(last)


class Staged:
    """Committed changes read out of the tables, ready to go into an index in one step."""

    def __init__(self) -> None:
        self.nodes: list[tuple[str, Props]] = []
        self.rels: list[tuple[str, str, Props]] = []
        self.ties: dict[Pair, Tie | None] = {}
        """New ties of the pairs the changes touch (``None``: none any more)."""
        self.latest = float("-inf")
        self.interactions = 0

    def fold(self, index: GraphIndex, facts: Iterable[InteractionFact]) -> None:
        """Fold new interactions into copies of the index's ties (one copy per pair)."""
        folded: dict[Pair, Tie] = {}
        for fact in facts:
            self.interactions += 1
            self.latest = max(self.latest, fact.at)
            for pair in combinations(sorted(set(fact.participants)), 2):
                if pair not in folded and (tie := index.ties.get(pair)) is not None:
                    folded[pair] = tie.clone()
            add_interaction(folded, index.model, fact)
        self.ties.update(folded)

    def recount(self, index: GraphIndex, pair: Pair, facts: Iterable[InteractionFact]) -> None:
        """The tie of ``pair`` made again of all the interactions it shares."""
        facts = list(facts)
        self.latest = max([self.latest, *(fact.at for fact in facts)])
        self.ties[pair] = pair_tie(index.model, pair, facts)

    def swap_into(self, index: GraphIndex) -> None:
        for label, props in self.nodes:
            index.apply_node(label, props)
        for name, key, props in self.rels:
            index.apply_rel(name, key, props)
        index.put_ties(self.ties, self.latest, self.interactions)


def build(conn: sqlite3.Connection, index: GraphIndex, last: int) -> None:
    """Fold into an empty ``index`` everything committed up to ``last``, row by row (nobody
    reads it before it is done, so nothing is staged)."""
    for label, props in _nodes(conn, 0, last):
        index.apply_node(label, props)
    for name, key, props in _rels(conn, 0, last):
        index.apply_rel(name, key, props)
    index.add_interactions(interactions.created_between(conn, 0, last))


def stage(conn: sqlite3.Connection, index: GraphIndex, seen: int, last: int) -> Staged:
    """What the transactions after ``seen`` up to ``last`` committed, read inside one read
    transaction of ``conn`` and folded beside ``index`` (which stays as it is)."""
    staged = Staged()
    staged.nodes.extend(_nodes(conn, seen, last))
    staged.rels.extend(_rels(conn, seen, last))
    staged.fold(index, interactions.created_between(conn, seen, last))
    changed = interactions.changed_between(conn, seen, last)
    pairs: set[Pair] = set()
    for fact in interactions.by_ids(conn, changed):
        pairs.update(combinations(sorted(set(fact.participants)), 2))
    for pair in sorted(pairs):
        staged.recount(index, pair, interactions.shared(conn, *pair))
    return staged


def _nodes(conn: sqlite3.Connection, seen: int, last: int) -> Iterator[tuple[str, Props]]:
    for label in INDEXED_LABELS:
        for _, props in _changed_rows(conn, NODE_TABLES[label], label, seen, last):
            yield label, props


def _rels(conn: sqlite3.Connection, seen: int, last: int) -> Iterator[tuple[str, str, Props]]:
    for name in INDEXED_TYPES:
        for row, props in _changed_rows(conn, REL_TABLES[name], name, seen, last):
            yield name, row[2], props


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
