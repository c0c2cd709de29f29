"""At-risk reads of the embedded store: the ties of our people from the index, as the view
caught it up, and one SQL query over the interactions' company index."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import cast

from graph_model.embedded.store import EmbeddedStore
from graph_model.ties import Tie
from queries.view import NetworkView, pair
from queries.view.embedded import index_of
from queries.view.reads import Pair

LAST_ACTIVITY = (
    "SELECT company_id, max(occurred_at) FROM n_interaction "
    "WHERE company_id IN ({ids}) AND occurred_at <= ? GROUP BY company_id"
)
_CHUNK = 900


class Reads:
    """:class:`~queries.at_risk.reads.AtRiskReads` from the index and SQLite."""

    def __init__(self, view: NetworkView) -> None:
        self.store = cast(EmbeddedStore, view.store)
        self.index = index_of(view.reads)

    def heavy_ties(
        self, internal: AbstractSet[str], min_weight: float, first_by: float
    ) -> Iterator[tuple[Pair, Tie]]:
        """The rows of our people in the tie file, where a tie is made only once its weight
        and first columns pass, then the ties changed since the file was written."""
        ties = self.index.ties
        file = ties.file
        if file is not None:
            names, weight, first = file.names, file.weight, file.first
        for person in internal:
            changed = ties.changed.get(person, {})
            if file is not None and (i := file.number.get(person)) is not None:
                lo, hi = file.row[i], file.row[i + 1]
                for j, t in zip(
                    file.neighbour[lo:hi].tolist(), file.tie[lo:hi].tolist(), strict=True
                ):
                    if weight[t] >= min_weight and first[t] <= first_by:
                        other = names[j]
                        if other not in internal and other not in changed:
                            yield pair(person, other), file.tie_at(t)
            for other, now in changed.items():
                if (
                    now is not None
                    and now.weight >= min_weight
                    and now.first <= first_by
                    and other not in internal
                ):
                    yield pair(person, other), now

    def last_activity(self, account_ids: Iterable[str], at: float) -> dict[str, float]:
        wanted = sorted(set(account_ids))
        found: dict[str, float] = {}
        with self.store.reading() as conn:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                query = LAST_ACTIVITY.format(ids=",".join("?" * len(chunk)))
                found.update(conn.execute(query, (*chunk, at)).fetchall())
        return found
