"""Timeline reads of the embedded store: SQL over the interactions and who took part."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import cast

from graph_model.embedded.store import EmbeddedStore
from graph_model.store import GraphStore
from queries.timeline.reads import Happened

_PERSON = """
SELECT i.id FROM n_interaction AS i JOIN r_participated_in AS p ON p."end" = i.id
WHERE p.start = ? AND i.occurred_at <= ?
ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?
"""
_COMPANY = """
SELECT id FROM (
    SELECT i.id, i.occurred_at FROM n_interaction AS i WHERE i.company_id = ?
    UNION
    SELECT i.id, i.occurred_at FROM r_works_at AS w
    JOIN r_participated_in AS p ON p.start = w.start
    JOIN n_interaction AS i ON i.id = p."end"
    WHERE w."end" = ?
) WHERE occurred_at <= ?
ORDER BY occurred_at DESC, id DESC LIMIT ?
"""
_ENTRIES = """
SELECT i.id, i.kind, i.occurred_at, i.subject, i.company_id, i.initiator_id,
       (SELECT group_concat(p.start, char(31)) FROM
           (SELECT start FROM r_participated_in WHERE "end" = i.id ORDER BY start) AS p)
FROM n_interaction AS i WHERE i.id IN ({ids})
"""


class Reads:
    """:class:`~queries.timeline.reads.TimelineReads` from SQLite."""

    def __init__(self, store: GraphStore) -> None:
        self.store = cast(EmbeddedStore, store)

    def of_person(self, person_id: str, until: datetime, limit: int) -> list[Happened]:
        return self._entries(_PERSON, (person_id, until.timestamp(), limit))

    def of_company(self, company_id: str, until: datetime, limit: int) -> list[Happened]:
        return self._entries(_COMPANY, (company_id, company_id, until.timestamp(), limit))

    def _entries(self, query: str, params: tuple[object, ...]) -> list[Happened]:
        with self.store.reading() as conn:
            ids = [row[0] for row in conn.execute(query, params)]
            return _happened(conn, ids)


def _happened(conn: sqlite3.Connection, ids: list[str]) -> list[Happened]:
    """The interactions ``ids``, in that order."""
    if not ids:
        return []
    rows = conn.execute(_ENTRIES.format(ids=",".join("?" * len(ids))), ids)
    found = {
        row[0]: Happened(
            id=row[0],
            kind=row[1],
            occurred_at=datetime.fromtimestamp(row[2], UTC),
            subject=row[3],
            company_id=row[4],
            initiator_id=row[5],
            participants=tuple(row[6].split("\x1f")) if row[6] else (),
        )
        for row in rows
    }
    return [found[i] for i in ids]
