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
>>> index = GraphIndex(ScoringModel(), None)
>>> staged.swap_into(index)
>>> index.graph.nodes["c1"]["name"]
'Acme'
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import combinations
from pathlib import Path
from typing import Any

from graph_model.embedded import interactions, tie_file
from graph_model.embedded.index import (
    INDEXED_COLUMNS,
    INDEXED_LABELS,
    INDEXED_TYPES,
    GraphIndex,
)
from graph_model.embedded.tables import NODE_TABLES, REL_TABLES, Table
from graph_model.embedded.tie_index import Pair, TieIndex
from graph_model.scoring import ScoringModel
from graph_model.store import Props
from graph_model.ties import InteractionFact, Tie, add_interaction, pair_tie

Progress = Callable[[int, int], None]
"""Told ``(done, total)`` interactions as a new tie file's ties are folded."""


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
        self.base: TieIndex | None = None
        """Ties to put in place of the index's, over a newer tie file (``ties`` are in it)."""
        self.latest = float("-inf")
        self.interactions = 0

    def fold(
        self, ties: Mapping[Pair, Tie], model: ScoringModel, facts: Iterable[InteractionFact]
    ) -> None:
        """Fold new interactions into copies of ``ties`` (one copy per pair)."""
        folded: dict[Pair, Tie] = {}
        for fact in facts:
            self.interactions += 1
            self.latest = max(self.latest, fact.at)
            for pair in combinations(sorted(set(fact.participants)), 2):
                if pair not in folded and (tie := ties.get(pair)) is not None:
                    folded[pair] = tie.clone()
            add_interaction(folded, model, fact)
        self.ties.update(folded)

    def recount(self, model: ScoringModel, pair: Pair, facts: Iterable[InteractionFact]) -> None:
        """The tie of ``pair`` made again of all the interactions it shares."""
        facts = list(facts)
        self.latest = max([self.latest, *(fact.at for fact in facts)])
        self.ties[pair] = pair_tie(model, pair, facts)

    def swap_into(self, index: GraphIndex) -> None:
        for label, props in self.nodes:
            index.apply_node(label, props)
        for name, key, props in self.rels:
            index.apply_rel(name, key, props)
        if self.base is not None:
            index.ties = self.base
        index.put_ties(self.ties, self.latest, self.interactions)


def build(
    conn: sqlite3.Connection,
    model: ScoringModel,
    header: tie_file.Header,
    ties_path: Path,
    progress: Progress | None = None,
) -> GraphIndex:
    """The index of everything committed up to ``header.seq``: the ties of the tie file at
    ``ties_path`` with those committed since folded over them, or, when there is no file
    for this store and model, every interaction folded into a new one (``progress`` is
    told how many of how many). Nobody reads it before it is done, so nothing is staged."""
    last = header.seq
    file = tie_file.TieFile.open(ties_path, header)
    folded: dict[Pair, Tie] = {}
    if file is None:
        folded = _fold(conn, model, last, progress)
        file = written(ties_path, folded.items(), header)
        if file is not None:
            folded.clear()
    index = GraphIndex(model, file)
    for label, props in _nodes(conn, 0, last):
        index.apply_node(label, props)
    for name, key, props in _rels(conn, 0, last):
        index.apply_rel(name, key, props)
    if file is None:  # the folder is read-only: every tie is held in memory
        latest = max((tie.last for tie in folded.values()), default=-math.inf)
        index.put_ties(dict(folded), latest, 0)
    elif file.seq < last:
        staged = Staged()
        _stage_ties(conn, index.ties, model, staged, file.seq, last)
        staged.swap_into(index)
        if crowded(index.ties) and (fresh := written(ties_path, index.all_ties(), header)):
            index.ties = TieIndex(fresh)
    return index


CROWDED = 50_000
"""Changed ties over a tie file from which a new file is written (plus a tenth of its size)."""


def crowded(ties: TieIndex) -> bool:
    """Whether so many ties changed since their file that a new file should be written
    (each changed tie costs a few hundred bytes of each process's memory)."""
    return ties.changes >= CROWDED + (0 if ties.file is None else ties.file.size // 10)


def created_since(conn: sqlite3.Connection, seq: int) -> int:
    """How many interactions the transactions after ``seq`` created."""
    query = "SELECT count(*) FROM n_interaction WHERE _seq > ? AND _created > ?"
    (count,) = conn.execute(query, (seq, seq)).fetchone()
    return int(count)


def _fold(
    conn: sqlite3.Connection, model: ScoringModel, last: int, progress: Progress | None
) -> dict[Pair, Tie]:
    """Every interaction committed up to ``last`` folded into ties (``progress``, when
    given, told how many of how many)."""
    total = 0
    if progress is not None:  # counted only for someone to tell
        query = "SELECT count(*) FROM n_interaction WHERE _seq <= ?"
        (total,) = conn.execute(query, (last,)).fetchone()
    ties: dict[Pair, Tie] = {}
    for done, fact in enumerate(interactions.created_between(conn, 0, last), 1):
        add_interaction(ties, model, fact)
        if progress is not None and done % 50_000 == 0:
            progress(done, total)
    if progress is not None:
        progress(total, total)
    return ties


def written(
    ties_path: Path, ties: Iterable[tuple[Pair, Tie]], header: tie_file.Header
) -> tie_file.TieFile | None:
    """``ties`` written to a new tie file and mapped; ``None`` when it cannot be written."""
    try:
        tie_file.write(ties_path, ties, header)
    except OSError:
        return None
    return tie_file.TieFile.open(ties_path, header)


def stage(
    conn: sqlite3.Connection,
    index: GraphIndex,
    seen: int,
    last: int,
    base: tie_file.TieFile | None = None,
) -> Staged:
    """What the transactions after ``seen`` up to ``last`` committed, read inside one read
    transaction of ``conn`` and folded beside ``index`` (which stays as it is); with
    ``base``, a tie file as of ``seen`` or later, the ties are made anew over it."""
    staged = Staged()
    staged.nodes.extend(_nodes(conn, seen, last))
    staged.rels.extend(_rels(conn, seen, last))
    if base is None:
        _stage_ties(conn, index.ties, index.model, staged, seen, last)
        return staged
    staged.base = TieIndex(base)
    _stage_ties(conn, staged.base, index.model, staged, base.seq, last)
    staged.base.put(staged.ties)  # now, while readers go on with the index as it is
    staged.ties.clear()
    return staged


def _stage_ties(
    conn: sqlite3.Connection,
    ties: Mapping[Pair, Tie],
    model: ScoringModel,
    staged: Staged,
    seen: int,
    last: int,
) -> None:
    """Fold into ``staged`` the interactions created after ``seen`` up to ``last`` over
    ``ties``, and recount the pairs of older ones changed meanwhile."""
    staged.fold(ties, model, interactions.created_between(conn, seen, last))
    changed = interactions.changed_between(conn, seen, last)
    pairs: set[Pair] = set()
    for fact in interactions.by_ids(conn, changed):
        pairs.update(combinations(sorted(set(fact.participants)), 2))
    for pair in sorted(pairs):
        staged.recount(model, pair, interactions.shared(conn, *pair))


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
