"""What coverage reads beside a :class:`~queries.view.NetworkView`, on either backend.

The home company, account managers and supply links go through the
:class:`~graph_model.store.GraphStore` protocol; the accounts and their senior
people come from the embedded index, or from Neo4j in one query for any number
of accounts (the Cypher files beside this module).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from graph_model.embedded.index import GraphIndex
from graph_model.neo4j.cypher import render
from graph_model.neo4j.store import Neo4jStore, native_value
from graph_model.store import GraphStore, Props
from graph_model.ties import Tie
from queries.common import active
from queries.coverage.params import Trade
from queries.embedded_view import EmbeddedView
from queries.neo4j_view import tie_from_props
from queries.view import NetworkView

CYPHER_DIR = Path(__file__).parent


@dataclass(slots=True)
class Contact:
    """A stored tie (as of every interaction) with someone who works or worked at home."""

    person_id: str
    tie: Tie
    started_at: datetime | None
    ended_at: datetime | None
    """Their employment at the home company."""


@dataclass(slots=True)
class Staffer:
    """Someone at one of the asked levels who works or worked at an account."""

    person: Props
    started_at: datetime | None
    ended_at: datetime | None
    contacts: list[Contact]


class CoverageReads:
    """Reads of one request, at the view's ``as_of``."""

    def __init__(self, store: GraphStore, view: NetworkView) -> None:
        self.store = store
        self.view = view

    def account_managers(self, account_id: str, home: str) -> set[str]:
        """The account's managers (``MANAGES_ACCOUNT``) who work at ``home`` at ``as_of``."""
        if self.store.backend == "neo4j":
            managers = {
                r.start for r in self.store.relationships("MANAGES_ACCOUNT", end=account_id)
            }
        else:
            into = self._index().graph._pred.get(account_id, {})
            managers = {
                manager
                for manager, keyed in into.items()
                if any(data["type"] == "MANAGES_ACCOUNT" for data in keyed.values())
            }
        return {m for m in managers if self.view.works_at(m, home)}

    def trading_partners(self, home: str, trade: Trade) -> set[str]:
        """Companies ``home`` supplies (customers) or that supply it (suppliers) at ``as_of``."""
        if trade == "customer":
            links = [(r.end, r) for r in self.store.relationships("SUPPLIES", start=home)]
        else:
            links = [(r.start, r) for r in self.store.relationships("SUPPLIES", end=home)]
        return {
            other
            for other, r in links
            if other != home and active(r.props.get("since"), r.props.get("until"), self.view.as_of)
        }

    def accounts(self, home: str, tier: str | None) -> dict[str, str]:
        """Name by id of every company but ``home`` (of ``tier`` when given)."""
        if self.store.backend == "neo4j":
            records = self._cypher("accounts", home=home, tier=tier)
            return {r["id"]: r["name"] for r in records}
        graph = self._index().graph
        return {
            node: data["name"]
            for node, data in graph.nodes(data=True)
            if data.get("label") == "Company"
            and node != home
            and (tier is None or data.get("tier") == tier)
        }

    def staff(
        self, account_ids: Iterable[str], levels: Iterable[str], home: str
    ) -> dict[str, list[Staffer]]:
        """By account: the people at ``levels`` who work or worked there, with their contacts."""
        ids, wanted = list(account_ids), list(levels)
        if self.store.backend == "neo4j":
            return self._neo4j_staff(ids, wanted, home)
        return self._embedded_staff(ids, wanted, home)

    def _embedded_staff(
        self, account_ids: list[str], levels: list[str], home: str
    ) -> dict[str, list[Staffer]]:
        index = self._index()
        adj, known = index.network._adj, index.people
        at_home = adj.get(home, {})
        jobs = [
            (account_id, person_id, data["job"])
            for account_id in account_ids
            for person_id, data in adj.get(account_id, {}).items()
            if (brief := known.get(person_id)) is not None and brief.seniority in levels
        ]
        people = self.view.people(person_id for _, person_id, _ in jobs)
        found: dict[str, list[Staffer]] = defaultdict(list)
        for account_id, person_id, (start, end) in jobs:
            contacts = [  # a person's neighbours at home are the people they have a tie with
                Contact(other, tie, *home_job["job"])
                for other, tie in adj[person_id].items()
                if (home_job := at_home.get(other)) is not None
            ]
            found[account_id].append(Staffer(people[person_id], start, end, contacts))
        return found

    def _neo4j_staff(
        self, account_ids: list[str], levels: list[str], home: str
    ) -> dict[str, list[Staffer]]:
        found: dict[str, list[Staffer]] = defaultdict(list)
        for r in self._cypher("staff", account_ids=account_ids, levels=levels, home=home):
            contacts = [
                Contact(
                    c["other"],
                    tie_from_props(c["tie"]),
                    native_value(c["started_at"]),
                    native_value(c["ended_at"]),
                )
                for c in r["contacts"]
            ]
            found[r["account_id"]].append(
                Staffer(
                    dict(r["person"]),
                    native_value(r["started_at"]),
                    native_value(r["ended_at"]),
                    contacts,
                )
            )
        return found

    def _index(self) -> GraphIndex:
        """The embedded index as the view read it: one freshness check for the whole request."""
        return cast(EmbeddedView, self.view).index

    def _cypher(self, name: str, **params: Any) -> list[Any]:
        return cast(Neo4jStore, self.store).read(render(CYPHER_DIR / f"{name}.cypher"), **params)
