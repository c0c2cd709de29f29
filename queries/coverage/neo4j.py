"""Coverage reads of Neo4j: one query for any number of accounts (the Cypher files here)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graph_model.neo4j.cypher import moment
from graph_model.ties import Tie
from queries.coverage.reads import Contact, Staffer
from queries.view import NetworkView, pair
from queries.view.neo4j import cypher
from queries.view.reads import SHOWN

HERE = Path(__file__).parent


class Reads:
    """:class:`~queries.coverage.reads.CoverageReads` with ``accounts.cypher`` and
    ``staff.cypher``."""

    def __init__(self, view: NetworkView) -> None:
        self.view = view

    def _read(self, name: str, **params: Any) -> list[Any]:
        return cypher(self.view.store, HERE / f"{name}.cypher", **params)

    def accounts(self, home: str, tier: str | None) -> dict[str, str]:
        [record] = self._read("accounts", home=home, tier=tier)
        return dict(record["rows"])

    def account_managers(self, account_id: str) -> set[str]:
        return {r.start for r in self.view.store.relationships("MANAGES_ACCOUNT", end=account_id)}

    def staff(
        self, account_ids: Iterable[str], levels: Iterable[str], home: str
    ) -> dict[str, list[Staffer]]:
        [record] = self._read(
            "staff", account_ids=list(account_ids), levels=list(levels), home=home
        )
        found: dict[str, list[Staffer]] = defaultdict(list)
        strength_of = self.view.strength_of
        for account, person, started, ended, contacts in record["rows"]:
            shown = dict(zip(SHOWN, person, strict=True))
            known = []
            for other, aggregates, since, until in contacts:
                tie = Tie.of(*aggregates)
                s = strength_of(pair(shown["id"], other), tie)
                known.append(Contact(other, s, tie.last, moment(since), moment(until)))
            found[account].append(Staffer(shown, moment(started), moment(ended), known))
        return found
