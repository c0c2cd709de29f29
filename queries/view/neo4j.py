"""The network reads of the Neo4j store: ``KNOWS`` ties and the Cypher files of this folder."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from graph_model.neo4j.cypher import render
from graph_model.neo4j.store import Neo4jStore, native_value
from graph_model.store import GraphStore, Props
from graph_model.ties import InteractionFact, Tie
from queries.view.reads import SHOWN, Job, Pair


def cypher(store: GraphStore, path: Path, **params: Any) -> list[Any]:
    """The records of the Cypher file ``path`` run with ``params`` (a read)."""
    return cast(Neo4jStore, store).read(render(path), **params)


def tie_from_list(values: list[Any]) -> Tie:
    """A tie from its ``KNOWS`` relationship's ``[weight, interactions, out_a, out_b, mutual,
    first, last]`` (as the Cypher files return it: a list decodes faster than a map)."""
    tie = Tie()
    weight, count, out_a, out_b, mutual, first, last = values
    tie.weight, tie.count = float(weight), int(count)
    tie.out_a, tie.out_b, tie.mutual = int(out_a), int(out_b), int(mutual)
    tie.first, tie.last = float(first), float(last)
    return tie


def job_of(record: Any) -> Job:
    """``(started_at, ended_at)`` of a record with those two fields."""
    return native_value(record["started_at"]), native_value(record["ended_at"])


def _fact(record: Any) -> InteractionFact:
    return InteractionFact(
        record["id"],
        record["kind"],
        float(record["at"]),
        list(record["participants"]),
        record["initiator"],
    )


class Reads:
    """:class:`~queries.view.reads.NetworkReads` with the Cypher files beside this module."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def read(self, name: str, **params: Any) -> list[Any]:
        return cypher(self.store, Path(__file__).parent / f"{name}.cypher", **params)

    def tie(self, key: Pair) -> Tie | None:
        records = self.read("tie", a=key[0], b=key[1])
        return tie_from_list(records[0]["tie"]) if records else None

    def ties_of(self, person_id: str) -> Iterator[tuple[str, Tie]]:
        for record in self.read("ties_of", id=person_id):
            yield record["other"], tie_from_list(record["tie"])

    def ties(self) -> Iterator[tuple[Pair, Tie]]:
        for record in self.read("all_ties"):
            yield (record["a"], record["b"]), tie_from_list(record["tie"])

    def latest_interaction(self) -> float:
        records = self.read("latest_interaction")
        return native_value(records[0]["latest"]).timestamp() if records else float("-inf")

    def interactions_after(self, at: float) -> Iterable[InteractionFact]:
        when = datetime.fromtimestamp(at, UTC)
        return [_fact(r) for r in self.read("interactions_after", at=when)]

    def shared_interactions(self, p: str, q: str) -> list[InteractionFact]:
        return [_fact(r) for r in self.read("shared_interactions", a=p, b=q)]

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
