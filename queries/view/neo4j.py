"""The network reads of the Neo4j store: ``KNOWS`` ties and the Cypher files of this folder."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from graph_model.neo4j.cypher import moment, render
from graph_model.neo4j.store import Neo4jStore, native_value
from graph_model.store import GraphStore, Props
from graph_model.ties import InteractionFact, Tie
from queries.view import NetworkView
from queries.view.reads import SHOWN, Job, Pair


def cypher(store: GraphStore, path: Path, **params: Any) -> list[Any]:
    """The records of the Cypher file ``path`` run with ``params`` (a read)."""
    return cast(Neo4jStore, store).read(render(path), **params)


def job_of(record: Any) -> Job:
    """``(started_at, ended_at)`` of a record with those two fields (as :func:`moment` reads)."""
    return moment(record["started_at"]), moment(record["ended_at"])


def _facts(rows: list[list[Any]]) -> list[InteractionFact]:
    """The interactions of ``[id, kind, at, participants, initiator]`` rows."""
    return [InteractionFact(i, kind, at, list(ps), by) for i, kind, at, ps, by in rows]


class Reads:
    """:class:`~queries.view.reads.NetworkReads` with the Cypher files beside this module."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def read(self, name: str, **params: Any) -> list[Any]:
        return cypher(self.store, Path(__file__).parent / f"{name}.cypher", **params)

    def strength(self, view: NetworkView, key: Pair) -> float:
        records = self.read("tie", a=key[0], b=key[1])
        return view.strength_of(key, Tie.of(*records[0]["tie"])) if records else 0.0

    def ties_of(self, person_id: str) -> Iterator[tuple[str, Tie]]:
        for record in self.read("ties_of", id=person_id):
            yield record["other"], Tie.of(*record["tie"])

    def ties_between(
        self, people: Iterable[str], others: AbstractSet[str]
    ) -> Iterator[tuple[str, str, Tie]]:
        [record] = self.read("ties_between", people=list(people), others=sorted(others))
        for p, q, *tie in record["rows"]:
            yield p, q, Tie.of(*tie)

    def ties(self) -> Iterator[tuple[Pair, Tie]]:
        for record in self.read("all_ties"):
            a = record["a"]
            for b, *tie in record["ties"]:
                yield (a, b), Tie.of(*tie)

    def latest_interaction(self) -> float:
        records = self.read("latest_interaction")
        return native_value(records[0]["latest"]).timestamp() if records else float("-inf")

    def interactions_after(self, at: float) -> Iterable[InteractionFact]:
        when = datetime.fromtimestamp(at, UTC)
        [record] = self.read("interactions_after", at=when)
        return _facts(record["rows"])

    def shared_interactions(self, p: str, q: str) -> list[InteractionFact]:
        [record] = self.read("shared_interactions", a=p, b=q)
        return _facts(record["rows"])

    def interactions_of_pairs(self, pairs: Iterable[Pair]) -> list[InteractionFact]:
        [record] = self.read("interactions_of_pairs", pairs=[list(p) for p in pairs])
        return _facts(record["rows"])

    def jobs_of(self, person_id: str) -> list[tuple[str, Job]]:
        return [(r["other"], job_of(r)) for r in self.read("jobs_of", id=person_id)]

    def staff_of(self, company_id: str) -> list[tuple[str, Job]]:
        return [(r["other"], job_of(r)) for r in self.read("staff_of", id=company_id)]

    def job(self, person_id: str, company_id: str) -> Job | None:
        return next((job for c, job in self.jobs_of(person_id) if c == company_id), None)

    def people(self, ids: Iterable[str]) -> dict[str, Props]:
        return {
            person_id: {key: props.get(key) for key in SHOWN}
            for person_id, props in self.store.get_nodes("Person", ids).items()
        }
