"""The :class:`~queries.view.NetworkView` of the embedded store: its in-memory index."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any, cast

from graph_model.embedded import interactions
from graph_model.embedded.store import EmbeddedStore
from graph_model.store import GraphStore, Props
from graph_model.ties import InteractionFact, Tie
from queries.common import active
from queries.view import NetworkView, Pair, pair


class EmbeddedView(NetworkView):
    store: EmbeddedStore

    def __init__(self, store: GraphStore, as_of: datetime) -> None:
        embedded = cast(EmbeddedStore, store)
        super().__init__(embedded, embedded.model, as_of)
        self.index = embedded.index
        self.network: Any = self.index.network

    def raw_tie(self, key: Pair) -> Tie | None:
        data = self.network._adj.get(key[0], {}).get(key[1])
        return data if isinstance(data, Tie) else None

    def raw_ties_of(self, person_id: str) -> Iterator[tuple[str, Tie]]:
        for other, data in self.network._adj.get(person_id, {}).items():
            if isinstance(data, Tie):
                yield other, data

    def raw_ties(self) -> Iterator[tuple[Pair, Tie]]:
        for a, b, tie in self.network.edges(data="tie"):
            if tie is not None:
                yield pair(a, b), tie

    def people(self, ids: Iterable[str]) -> dict[str, Props]:
        known = self.index.people
        return {
            person_id: {
                "id": person_id,
                "name": brief.name,
                "title": brief.title,
                "seniority": brief.seniority,
            }
            for person_id in ids
            if (brief := known.get(person_id)) is not None
        }

    def latest_interaction(self) -> float:
        return float(self.index.latest)

    def interactions_after(self, at: float) -> Iterable[InteractionFact]:
        with self.store.reading() as conn:
            return list(interactions.after(conn, at))

    def shared_interactions(self, p: str, q: str) -> list[InteractionFact]:
        with self.store.reading() as conn:
            return list(interactions.shared(conn, p, q))

    def jobs_of(self, person_id: str) -> list[tuple[str, datetime | None, datetime | None]]:
        return [
            (company, *data["job"])
            for company, data in self.network._adj.get(person_id, {}).items()
            if "job" in data
        ]

    def works_at(self, person_id: str, company_id: str) -> bool:
        data = self.network._adj.get(person_id, {}).get(company_id)
        if data is None or isinstance(data, Tie):
            return False
        start, end = data["job"]
        return active(start, end, self.as_of)

    def staff_of(self, company_id: str) -> list[tuple[str, datetime | None, datetime | None]]:
        return self.jobs_of(company_id)
