"""Reading interactions with their participants out of the embedded store's tables.

Each function streams :class:`~graph_model.ties.InteractionFact` objects (or
ids) from one SQL query; the store's index uses them to keep ties in step and
queries use them to explain a tie or to look back before recent interactions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from graph_model.ties import InteractionFact

_FACTS = """
SELECT i.id, i.kind, i.occurred_at, p.start, i.initiator_id
FROM n_interaction AS i JOIN r_participated_in AS p ON p."end" = i.id
WHERE {where}
ORDER BY {order}
"""


def _facts(
    rows: Iterable[tuple[str, str, float, str, str | None]],
) -> Iterator[InteractionFact]:
    current: str | None = None
    kind, at, initiator = "", 0.0, None
    people: list[str] = []
    for interaction_id, row_kind, row_at, person, row_initiator in rows:
        if interaction_id != current:
            if current is not None:
                yield InteractionFact(current, kind, at, people, initiator)
            current, kind, at, people = interaction_id, row_kind, row_at, []
            initiator = row_initiator
        people.append(person)
    if current is not None:
        yield InteractionFact(current, kind, at, people, initiator)


def created_between(conn: sqlite3.Connection, seen: int, last: int) -> Iterator[InteractionFact]:
    """Interactions created by the transactions after ``seen`` up to ``last``."""
    where = "i._seq > ? AND i._seq <= ? AND i._created > ?"
    query = _FACTS.format(where=where, order="i._seq, i.id")
    return _facts(conn.execute(query, (seen, last, seen)))


def changed_between(conn: sqlite3.Connection, seen: int, last: int) -> set[str]:
    """Older interactions whose row or participants those transactions changed."""
    nodes = conn.execute(
        "SELECT id FROM n_interaction WHERE _seq > ? AND _seq <= ? AND _created <= ?",
        (seen, last, seen),
    )
    links = conn.execute(
        'SELECT p."end" FROM r_participated_in AS p JOIN n_interaction AS i ON i.id = p."end" '
        "WHERE p._seq > ? AND p._seq <= ? AND i._created <= ?",
        (seen, last, seen),
    )
    return {row[0] for row in nodes} | {row[0] for row in links}


def by_ids(conn: sqlite3.Connection, ids: Iterable[str]) -> Iterator[InteractionFact]:
    """The interactions with these ids."""
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        where = f"i.id IN ({','.join('?' * len(chunk))})"
        yield from _facts(conn.execute(_FACTS.format(where=where, order="i.id"), chunk))


def shared(conn: sqlite3.Connection, a: str, b: str) -> Iterator[InteractionFact]:
    """The interactions both ``a`` and ``b`` took part in, with all their participants."""
    where = (
        'i.id IN (SELECT x."end" FROM r_participated_in AS x '
        'JOIN r_participated_in AS y ON y."end" = x."end" AND y.start = ? WHERE x.start = ?)'
    )
    return _facts(conn.execute(_FACTS.format(where=where, order="i.id"), (b, a)))


def after(conn: sqlite3.Connection, at: float) -> Iterator[InteractionFact]:
    """The interactions that happened after ``at`` (epoch seconds)."""
    query = _FACTS.format(where="i.occurred_at > ?", order="i.occurred_at, i.id")
    return _facts(conn.execute(query, (at,)))


def move_initiators(conn: sqlite3.Connection) -> None:
    """Data of the first format marked an interaction's initiator on ``r_participated_in``;
    it is the interaction's ``initiator_id`` now (the latest write's, when there were
    several), and the old column goes."""
    conn.execute(
        "UPDATE n_interaction SET initiator_id = ("
        'SELECT p.start FROM r_participated_in AS p WHERE p."end" = n_interaction.id '
        "AND p.initiator ORDER BY p._seq DESC LIMIT 1) WHERE initiator_id IS NULL"
    )
    conn.execute("ALTER TABLE r_participated_in DROP COLUMN initiator")
