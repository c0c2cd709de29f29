"""The :class:`~queries.view.NetworkView` of the Neo4j store: ``KNOWS`` ties and Cypher reads."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from graph_model.neo4j.cypher import render
from graph_model.neo4j.store import Neo4jStore, native_value
from graph_model.store import GraphStore
from graph_model.ties import InteractionFact, Tie
from queries.view import NetworkView, Pair

CYPHER = Path(__file__).parent / "cypher"


def _query(name: str) -> str:
    return render(CYPHER / f"{name}.cypher")


def tie_from_props(props: dict[str, Any]) -> Tie:
    tie = Tie()
    tie.weight = float(props["weight"])
    tie.count = int(props["interactions"])
    tie.out_a, tie.out_b, tie.mutual = (
        int(props["out_a"]),
        int(props["out_b"]),
        int(props["mutual"]),
    )
    tie.first, tie.last = float(props["first"]), float(props["last"])
    return tie


def _fact(record: Any) -> InteractionFact:
    return InteractionFact(
        record["id"],
        record["kind"],
        float(record["at"]),
        list(record["participants"]),
        record["initiator"],
    )


class Neo4jView(NetworkView):
    store: Neo4jStore

    def __init__(self, store: GraphStore, as_of: datetime) -> None:
        neo4j = cast(Neo4jStore, store)
        super().__init__(neo4j, neo4j.model, as_of)

    def read(self, name: str, **params: Any) -> list[Any]:
        return self.store.read(_query(name), **params)

    def raw_tie(self, key: Pair) -> Tie | None:
        records = self.read("tie", a=key[0], b=key[1])
        return tie_from_props(records[0]["tie"]) if records else None

    def raw_ties_of(self, person_id: str) -> Iterator[tuple[str, Tie]]:
        for record in self.read("ties_of", id=person_id):
            yield record["other"], tie_from_props(record["tie"])

    def raw_ties(self) -> Iterator[tuple[Pair, Tie]]:
        for record in self.read("all_ties"):
            yield (record["a"], record["b"]), tie_from_props(record["tie"])

    def latest_interaction(self) -> float:
        latest = self.read("latest_interaction")[0]["latest"]
        return float("-inf") if latest is None else native_value(latest).timestamp()

    def interactions_after(self, at: float) -> Iterable[InteractionFact]:
        when = datetime.fromtimestamp(at, UTC)
        return [_fact(r) for r in self.read("interactions_after", at=when)]

    def shared_interactions(self, p: str, q: str) -> list[InteractionFact]:
        return [_fact(r) for r in self.read("shared_interactions", a=p, b=q)]

    def _jobs(self, name: str, node_id: str) -> list[tuple[str, datetime | None, datetime | None]]:
        return [
            (r["other"], native_value(r["started_at"]), native_value(r["ended_at"]))
            for r in self.read(name, id=node_id)
        ]

    def jobs_of(self, person_id: str) -> list[tuple[str, datetime | None, datetime | None]]:
        return self._jobs("jobs_of", person_id)

    def staff_of(self, company_id: str) -> list[tuple[str, datetime | None, datetime | None]]:
        return self._jobs("staff_of", company_id)
