"""Search of Neo4j: ``find.cypher`` on the text index of ``search_key``, ``jobs.cypher``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import cast

from graph_model.neo4j.cypher import instant, moment, render
from graph_model.neo4j.store import Neo4jStore
from graph_model.store import GraphStore
from queries.search.rank import needles
from queries.search.reads import Found, Job, Searched
from queries.view.neo4j import cypher

HERE = Path(__file__).parent


class Reads:
    """:class:`~queries.search.reads.SearchReads` with the Cypher files beside this module."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def find(self, label: Searched, folded: str, limit: int) -> list[Found]:
        given = {level.value: needle for level, needle in needles(folded).items()}
        query = render(HERE / "find.cypher", LABEL=label)
        records = cast(Neo4jStore, self.store).read(query, needles=given, limit=limit)
        return [Found(r["level"], r["key"], r["id"], label) for r in records]

    def prepare(self) -> None:
        """Nothing: the text index is the server's."""

    def jobs(self, people: list[str], when: datetime) -> list[Job]:
        records = cypher(self.store, HERE / "jobs.cypher", ids=people, when=instant(when))
        return [Job(r["person"], r["company"], moment(r["started_at"])) for r in records]
