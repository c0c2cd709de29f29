"""At-risk reads of the embedded store: one SQL query over the interactions' company index."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from graph_model.embedded.store import EmbeddedStore
from queries.view import NetworkView

_LAST = (
    "SELECT company_id, max(occurred_at) FROM n_interaction "
    "WHERE company_id IN ({ids}) AND occurred_at <= ? GROUP BY company_id"
)
_CHUNK = 900


class Reads:
    """:class:`~queries.at_risk.reads.ActivityReads` from SQLite."""

    def __init__(self, view: NetworkView) -> None:
        self.store = cast(EmbeddedStore, view.store)

    def last_activity(self, account_ids: Iterable[str], at: float) -> dict[str, float]:
        wanted = sorted(set(account_ids))
        found: dict[str, float] = {}
        with self.store.reading() as conn:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                query = _LAST.format(ids=",".join("?" * len(chunk)))
                found.update(conn.execute(query, (*chunk, at)).fetchall())
        return found
