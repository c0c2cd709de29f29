"""Network reads of Neo4j: one ``ego_ring.cypher`` call per ring."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from graph_model.neo4j.cypher import moment
from graph_model.ties import Tie
from queries.network.links import Stored, add_current
from queries.network.reads import Links
from queries.view import NetworkView
from queries.view.neo4j import cypher

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
