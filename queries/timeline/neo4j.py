"""Timeline reads of Neo4j: ``person.cypher`` and ``company.cypher``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from graph_model.neo4j.cypher import moment
from graph_model.store import GraphStore
from queries.timeline.reads import Happened
from queries.view.neo4j import cypher

HERE = Path(__file__).parent


class Reads:
    """:class:`~queries.timeline.reads.TimelineReads` with the Cypher files here."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def of_person(self, person_id: str, until: datetime, limit: int) -> list[Happened]:
        return self._read("person", person_id, until, limit)

    def of_company(self, company_id: str, until: datetime, limit: int) -> list[Happened]:
        return self._read("company", company_id, until, limit)

    def _read(self, name: str, node_id: str, until: datetime, limit: int) -> list[Happened]:
        [record] = cypher(self.store, HERE / f"{name}.cypher", id=node_id, until=until, limit=limit)
        return [_happened(row) for row in record["rows"]]


def _happened(row: list[Any]) -> Happened:
    interaction_id, kind, at, subject, company_id, initiator_id, participants = row
    occurred_at = moment(at)
    assert occurred_at is not None  # every interaction has one
    return Happened(
        interaction_id,
        kind,
        occurred_at,
        subject,
        company_id,
        initiator_id,
        tuple(sorted(participants)),
    )
