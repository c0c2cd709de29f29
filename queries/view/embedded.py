"""The network reads of the embedded store: its in-memory index, caught up once per view."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import cast

from graph_model.embedded import interactions
from graph_model.embedded.index import GraphIndex
from graph_model.embedded.store import EmbeddedStore
from graph_model.embedded.tie_file import TieFile
from graph_model.store import GraphStore, Props
from graph_model.ties import InteractionFact, Tie
from queries.view import NetworkView, pair
from queries.view.reads import Job, Pair


class Reads:
    """:class:`~queries.view.reads.NetworkReads` from the index (interactions from SQLite)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = cast(EmbeddedStore, store)
        self.index: GraphIndex = self.store.index

    def strength(self, view: NetworkView, key: Pair) -> float:
        ties = self.index.ties
        stored, t = ties.locate(key)
        if t >= 0:
            assert ties.file is not None
            return file_strength(view, ties.file, t, *key)
        return 0.0 if stored is None else view.strength_of(key, stored)

    def ties_of(self, person_id: str) -> Iterator[tuple[str, Tie]]:
        return self.index.ties_of(person_id)

    def ties_between(
        self, people: Iterable[str], others: AbstractSet[str]
    ) -> Iterator[tuple[str, str, Tie]]:
        for p in people:
            for q, tie in self.index.ties_of(p):
                if q in others:
                    yield p, q, tie

    def ties(self) -> Iterator[tuple[Pair, Tie]]:
        return self.index.all_ties()

    def latest_interaction(self) -> float:
        return float(self.index.latest)

    def interactions_after(self, at: float) -> Iterable[InteractionFact]:
        with self.store.reading() as conn:
            return list(interactions.after(conn, at))

    def shared_interactions(self, p: str, q: str) -> list[InteractionFact]:
        with self.store.reading(single=True) as conn:
            return list(interactions.shared(conn, p, q))

    def interactions_of_pairs(self, pairs: Iterable[Pair]) -> list[InteractionFact]:
        with self.store.reading() as conn:
            found = {f.id: f for p, q in pairs for f in interactions.shared(conn, p, q)}
        return [found[i] for i in sorted(found)]

    def jobs_of(self, person_id: str) -> list[tuple[str, Job]]:
        return list(self.index.jobs_of(person_id))

    def staff_of(self, company_id: str) -> list[tuple[str, Job]]:
        return list(self.index.jobs_of(company_id))

    def job(self, person_id: str, company_id: str) -> Job | None:
        return self.index.job(person_id, company_id)

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


def index_of(reads: object) -> GraphIndex:
    """The index a view's embedded reads hold (one freshness check for a whole question)."""
    return cast(Reads, reads).index


def file_strength(view: NetworkView, file: TieFile, t: int, p: str, q: str) -> float:
    """``s`` at the view's ``as_of`` of the tie of ``p`` and ``q`` the tie file numbers ``t``:
    from its columns (a tie in the file has interactions, and its ``balance`` is
    ``0.5 + 0.5 * rho``), through the view when it has interactions after ``as_of``."""
    if file.last[t] > view.at:
        return view.strength_of(pair(p, q), file.tie_at(t))
    weight = file.weight[t]
    return view.model.balanced(weight * view.decay, file.balance[t]) if weight > 0 else 0.0
