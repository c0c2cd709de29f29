"""``srm coverage``: which executives of an account our people know, or every account's coverage."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table

from api.commands.common import (
    AsOfOption,
    JsonOption,
    console,
    display_names,
    fail,
    opened_store,
    print_json,
    say,
)
from graph_model.settings import Settings
from graph_model.store import GraphStore
from queries.common import resolve_as_of
from queries.coverage import (
    AccountCoverage,
    CoverageParams,
    Portfolio,
    Tier,
    Trade,
    account_coverage,
    parse_levels,
    portfolio_coverage,
)


def _share(coverage: float | None) -> str:
    return "-" if coverage is None else f"{coverage:.0%}"


def print_account(
    result: AccountCoverage, name: str, people: dict[str, str], when: datetime
) -> None:
    """The executives table, then what is uncovered, single-threaded and on the account managers."""

    def who(person_id: str) -> str:
        return people.get(person_id, person_id)

    table = Table(
        title=f"{name}: executive coverage {_share(result.coverage)} "
        f"as of {when:%Y-%m-%d %H:%M} UTC"
    )
    for column in ("executive", "title", "level", "covered", "threads", "best contact"):
        table.add_column(column, justify="right" if column == "threads" else "left")
    table.add_column("strength", justify="right")
    for e in result.executives:
        best = e.best_contact
        table.add_row(
            who(e.person_id),
            e.title or "-",
            e.seniority,
            "yes" if e.covered else "no",
            str(e.threads),
            who(best.person_id) if best else "-",
            f"{best.strength:.1f}" if best else "-",
        )
    console.print(table if result.executives else f"{name}: no executives at these levels")
    if result.uncovered:
        console.print("uncovered: " + ", ".join(who(p) for p in result.uncovered))
    if result.single_threaded:
        [only] = {
            e.best_contact.person_id for e in result.executives if e.covered and e.best_contact
        }
        say(console, "single-threaded:", "yellow", f"every covered executive hangs on {who(only)}")
    if not result.account_managers:
        console.print("no internal account manager")
        return
    covers = ", ".join(who(p) for p in result.account_manager_covers) or "no executive"
    console.print(
        "account managers: "
        + ", ".join(who(p) for p in result.account_managers)
        + f"; they cover {covers}"
    )


def print_portfolio(result: Portfolio, when: datetime) -> None:
    """One row per account, the worst covered first."""
    if not result.accounts:
        console.print("no accounts")
        return
    table = Table(title=f"executive coverage, worst first, as of {when:%Y-%m-%d %H:%M} UTC")
    table.add_column("account")
    for column in ("coverage", "covered", "executives"):
        table.add_column(column, justify="right")
    for a in result.accounts:
        table.add_row(
            f"{a.name} ({a.account_id})", _share(a.coverage), str(a.covered), str(a.executives)
        )
    console.print(table)


def _account(
    store: GraphStore, company_id: str, when: datetime, params: CoverageParams, as_json: bool
) -> None:
    try:
        result = account_coverage(store, company_id, when, params)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    if as_json:
        print_json(result)
        return
    ids = [e.person_id for e in result.executives] + result.account_managers
    ids += [e.best_contact.person_id for e in result.executives if e.best_contact]
    company = store.get_node("Company", company_id) or {}
    name = f"{company.get('name', company_id)} ({company_id})"
    print_account(result, name, display_names(store, "Person", ids), when)


def _portfolio(
    store: GraphStore,
    when: datetime,
    params: CoverageParams,
    tier: Tier | None,
    relationship: Trade | None,
    limit: int | None,
    as_json: bool,
) -> None:
    result = portfolio_coverage(store, when, params, tier, relationship, limit)
    if as_json:
        print_json(result)
    else:
        print_portfolio(result, when)


def coverage(
    company_id: Annotated[
        str | None, typer.Argument(help="the account; leave out with --portfolio")
    ] = None,
    portfolio: Annotated[
        bool, typer.Option("--portfolio", help="every account, the worst covered first")
    ] = False,
    min_strength: Annotated[
        float | None,
        typer.Option("--min-strength", min=0, max=100, help="strength that covers; default 10"),
    ] = None,
    levels: Annotated[
        str | None, typer.Option(help="comma-separated seniority levels; default executive,vp")
    ] = None,
    tier: Annotated[Tier | None, typer.Option(help="with --portfolio: only this tier")] = None,
    relationship: Annotated[
        Trade | None,
        typer.Option(help="with --portfolio: only customers or only suppliers of ours"),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="with --portfolio: at most this many (default all)")
    ] = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Executive coverage of an account: which executives our people know, and how well.

    Exits 1 for an unknown company or an unknown home company, 2 for unusable arguments.
    """
    if portfolio == (company_id is not None):
        raise fail("name an account, or pass --portfolio for every account")
    if company_id is not None and (tier or relationship or limit):
        raise fail("--tier, --relationship and --limit go with --portfolio")
    try:
        chosen = None if levels is None else parse_levels(levels)
    except ValueError as exc:
        raise fail(f"--levels: {exc}") from exc
    when = resolve_as_of(as_of)
    settings = Settings()
    params = CoverageParams.from_settings(settings, min_strength, chosen)
    with opened_store(settings) as store:
        if company_id is None:
            _portfolio(store, when, params, tier, relationship, limit, as_json)
        else:
            _account(store, company_id, when, params, as_json)
