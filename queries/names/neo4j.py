"""Naming reads of Neo4j: ``names.cypher``, one record for every id of an answer."""

from __future__ import annotations

from pathlib import Path

from graph_model.neo4j.cypher import moment
from queries.names.reads import Found
from queries.view import NetworkView
from queries.view.neo4j import cypher

HERE = Path(__file__).parent


class Reads:
    """:class:`~queries.names.reads.NameReads` with ``names.cypher``."""

    def __init__(self, view: NetworkView) -> None:
        self.view = view

    def names(self, people: list[str], companies: list[str]) -> Found:
        [record] = cypher(
            self.view.store, HERE / "names.cypher", people=people, companies=companies
        )
        found = Found(companies=dict(record["companies"]))
        for person, name, jobs in record["people"]:
            found.people[person] = name
            found.jobs[person] = [
                (c, (moment(since), moment(until))) for c, _, since, until in jobs
            ]
            found.companies.update((c, company) for c, company, _, _ in jobs)
        return found
