"""At-risk reads of Neo4j: ``last_activity.cypher``, over the index of interactions' company."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from queries.view import NetworkView
from queries.view.neo4j import cypher

HERE = Path(__file__).parent


class Reads:
    """:class:`~queries.at_risk.reads.ActivityReads` with ``last_activity.cypher``."""

    def __init__(self, view: NetworkView) -> None:
        self.view = view

    def last_activity(self, account_ids: Iterable[str], at: float) -> dict[str, float]:
        when = datetime.fromtimestamp(at, UTC)
        [record] = cypher(
            self.view.store,
            HERE / "last_activity.cypher",
            account_ids=sorted(set(account_ids)),
            at=when,
        )
        return {account: float(latest) for account, latest in record["rows"]}
