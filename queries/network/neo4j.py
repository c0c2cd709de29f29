"""Network reads of Neo4j: one ``ego_ring.cypher`` call per ring, ``employers.cypher``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from pathlib import Path

from graph_model.neo4j.cypher import moment
from graph_model.ties import Tie
from queries.network.links import Stored, add_current
from queries.network.reads import Links
from queries.view import NetworkView
from queries.view.neo4j import cypher, job_of
from queries.view.reads import Job

HERE = Path(__file__).parent


class Reads:
    """:class:`~queries.network.reads.LinkReads` with the Cypher files beside this module."""

    def __init__(self, view: NetworkView) -> None:
        self.view = view

    def links(
        self, people: list[str], companies: list[str], within: Collection[str] | None
    ) -> Links:
        among = None if within is None else sorted(within)
        [record] = cypher(
            self.view.store,
            HERE / "ego_ring.cypher",
            people=people,
            companies=companies,
            among=among,
        )
        found: Links = {}
        for kind, start, end, tie, since, until in record["rows"]:
            if within is not None and not (start in within and end in within):
                continue
            if kind == "KNOWS":
                add_current(found, self.view, Stored(kind, start, end, tie=Tie.of(*tie)))
            else:
                stored = Stored(kind, start, end, moment(since), moment(until))
                add_current(found, self.view, stored)
        return found

    def jobs(self, people: list[str]) -> dict[str, list[tuple[str, Job]]]:
        found: dict[str, list[tuple[str, Job]]] = defaultdict(list)
        for r in cypher(self.view.store, HERE / "employers.cypher", ids=people):
            found[r["person"]].append((r["company"], job_of(r)))
        return {p: found.get(p, []) for p in people}
