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
...     RelUpsert("PARTICIPATED_IN", [RelRow("kam", "m", {"initiator": False}),
...                                   RelRow("ceo", "m", {"initiator": False})]),
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
from queries.common import NoHomeCompany, home_company
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
from queries.view import network_view

__all__ = [
    "AccountCoverage",
    "AccountSummary",
    "BestContact",
    "CoverageParams",
    "ExecutiveCoverage",
    "NoHomeCompany",
    "Portfolio",
    "Tier",
    "Trade",
    "account_coverage",
    "parse_levels",
    "portfolio_coverage",
]


def account_coverage(
    store: GraphStore,
    account_id: str,
    as_of: datetime | None = None,
    params: CoverageParams | None = None,
) -> AccountCoverage | None:
    """Coverage of one account; ``None`` when it is not a company.

    :class:`NoHomeCompany` when the home company is not known; ``ValueError``
    when ``account_id`` is the home company itself.
    """
    if store.get_node("Company", account_id) is None:
        return None
    params = params or CoverageParams()
    view = network_view(store, as_of)
    reads = CoverageReads(store, view)
    home = home_company(store, params.home_company)
    if account_id == home:
        raise ValueError(f"{account_id!r} is the home company: coverage is measured for accounts")
    staff = reads.staff([account_id], params.levels, home).get(account_id, [])
    managers = reads.account_managers(account_id, home)
    return account_result(account_id, executives(view, staff), managers, params.min_strength)


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
    reads = CoverageReads(store, view)
    home = home_company(store, params.home_company)
    accounts = reads.accounts(home, tier)
    if relationship is not None:
        partners = reads.trading_partners(home, relationship)
        accounts = {a: name for a, name in accounts.items() if a in partners}
    staff = reads.staff(accounts.keys(), params.levels, home)
    return worst_first(
        (
            summary(a, name, executives(view, staff.get(a, [])), params.min_strength)
            for a, name in accounts.items()
        ),
        limit,
    )
