"""At-risk reads of Neo4j: ``heavy_ties.cypher``, and ``last_activity.cypher`` over the index
of interactions' company."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from datetime import UTC, datetime
from pathlib import Path

from graph_model.ties import Tie
from queries.view import NetworkView, pair
from queries.view.neo4j import cypher
from queries.view.reads import Pair

HERE = Path(__file__).parent


class Reads:
    """:class:`~queries.at_risk.reads.AtRiskReads` with the Cypher files of this folder."""

    def __init__(self, view: NetworkView) -> None:
        self.view = view

    def heavy_ties(
        self, internal: AbstractSet[str], min_weight: float, first_by: float
    ) -> Iterator[tuple[Pair, Tie]]:
        [record] = cypher(
            self.view.store,
            HERE / "heavy_ties.cypher",
            people=sorted(internal),
            min_weight=min_weight,
            first_by=first_by,
        )
        for person, other, *tie in record["rows"]:
            if other not in internal:
                yield pair(person, other), Tie.of(*tie)

    def last_activity(self, account_ids: Iterable[str], at: float) -> dict[str, float]:
        when = datetime.fromtimestamp(at, UTC)
        [record] = cypher(
            self.view.store,
            HERE / "last_activity.cypher",
            account_ids=sorted(set(account_ids)),
            at=when,
        )
        return {account: float(latest) for account, latest in record["rows"]}
