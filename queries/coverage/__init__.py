"""Executive coverage: which executives of an account our people actually know.

Semantics in DESIGN.md ("Query semantics", Executive coverage). The executives
of account X are its people employed at ``as_of`` whose seniority is one of
``levels``; one is covered when an internal person (employed by the home
company at ``as_of``) has a tie of ``s >= min_strength`` with them, and
``threads`` counts those people. The portfolio summarises every company but
home, worst coverage first.

>>> import tempfile, pathlib
>>> from datetime import UTC, datetime
>>> from graph_model.embedded.store import EmbeddedStore
>>> from graph_model.store import NodeUpsert, RelRow, RelUpsert
>>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()))
>>> when = datetime(2025, 3, 1, tzinfo=UTC)
>>> _ = store.write([
...     NodeUpsert("Company", [{"id": "us", "name": "Us", "is_home": True},
...                            {"id": "acme", "name": "Acme"}]),
...     NodeUpsert("Person", [{"id": "kam", "name": "Kim"},
...                           {"id": "ceo", "name": "Cleo", "seniority": "executive"},
...                           {"id": "cfo", "name": "Finn", "seniority": "executive"}]),
...     NodeUpsert("Interaction", [{"id": "m", "kind": "meeting", "occurred_at": when}]),
...     RelUpsert("WORKS_AT", [RelRow("kam", "us"), RelRow("ceo", "acme"), RelRow("cfo", "acme")]),
...     RelUpsert("MANAGES_ACCOUNT", [RelRow("kam", "acme")]),
...     RelUpsert("PARTICIPATED_IN", [RelRow("kam", "m"), RelRow("ceo", "m")]),
... ])
>>> result = account_coverage(store, "acme", when)
>>> result.coverage, result.uncovered, result.single_threaded, result.account_manager_covers
(0.5, ['cfo'], True, ['ceo'])
>>> round(result.executives[0].best_contact.strength, 2)  # one meeting today: 100*(1-e^-0.5)
39.35
>>> [a.account_id for a in portfolio_coverage(store, when).accounts]
['acme']
>>> store.close()
"""

from __future__ import annotations

from datetime import datetime

from graph_model.store import GraphStore
from queries.backend import backend_reads
from queries.common import NoHomeCompany, active, home_company, require
from queries.coverage.compute import account_result, executives, summary, worst_first
from queries.coverage.models import (
    AccountCoverage,
    AccountSummary,
    BestContact,
    ExecutiveCoverage,
    Portfolio,
)
from queries.coverage.params import CoverageParams, Tier, Trade, parse_levels
from queries.coverage.reads import CoverageReads
from queries.names import Names
from queries.view import NetworkView, network_view

__all__ = [
    "AccountCoverage",
    "AccountSummary",
    "BestContact",
    "CoverageParams",
    "CoverageReads",
    "ExecutiveCoverage",
    "NoHomeCompany",
    "Portfolio",
    "Tier",
    "Trade",
    "account_coverage",
    "coverage_reads",
    "parse_levels",
    "portfolio_coverage",
]


def coverage_reads(view: NetworkView) -> CoverageReads:
    """The coverage reads of the view's backend."""
    return backend_reads(CoverageReads, view.backend, view)


def account_coverage(
    store: GraphStore,
    account_id: str,
    as_of: datetime | None = None,
    params: CoverageParams | None = None,
) -> AccountCoverage:
    """Coverage of one account.

    :class:`~queries.common.UnknownId` when it is not a company, :class:`NoHomeCompany`
    when the home company is not known, ``ValueError`` when ``account_id`` is the home
    company itself.
    """
    require(store, "Company", account_id)
    params = params or CoverageParams()
    view = network_view(store, as_of)
    reads = coverage_reads(view)
    home = home_company(store, params.home_company)
    if account_id == home:
        raise ValueError(f"{account_id!r} is the home company: coverage is measured for accounts")
    staff = reads.staff([account_id], params.levels, home).get(account_id, [])
    managers = {m for m in reads.account_managers(account_id) if view.works_at(m, home)}
    execs = executives(view, staff)
    contacts = {best[0] for e in execs if (best := e.best_contact) is not None}
    names = Names(view, contacts | managers, [account_id])
    return account_result(account_id, execs, managers, params.min_strength, names)


def trading_partners(store: GraphStore, view: NetworkView, home: str, trade: Trade) -> set[str]:
    """Companies ``home`` supplies (customers) or that supply it (suppliers) at ``as_of``."""
    if trade == "customer":
        links = [(r.end, r) for r in store.relationships("SUPPLIES", start=home)]
    else:
        links = [(r.start, r) for r in store.relationships("SUPPLIES", end=home)]
    return {
        other
        for other, r in links
        if other != home and active(r.props.get("since"), r.props.get("until"), view.as_of)
    }


def portfolio_coverage(
    store: GraphStore,
    as_of: datetime | None = None,
    params: CoverageParams | None = None,
    tier: Tier | None = None,
    relationship: Trade | None = None,
    limit: int | None = None,
) -> Portfolio:
    """Coverage of every company but home (of ``tier``; only customers or suppliers of
    home with ``relationship``), worst first; the first ``limit`` (all when ``None``).

    :class:`NoHomeCompany` when the home company is not known.
    """
    params = params or CoverageParams()
    view = network_view(store, as_of)
    reads = coverage_reads(view)
    home = home_company(store, params.home_company)
    accounts = reads.accounts(home, tier)
    if relationship is not None:
        partners = trading_partners(store, view, home, relationship)
        accounts = {a: name for a, name in accounts.items() if a in partners}
    staff = reads.staff(accounts.keys(), params.levels, home)
    return worst_first(
        (
            summary(a, name, executives(view, staff.get(a, [])), params.min_strength)
            for a, name in accounts.items()
        ),
        limit,
    )
