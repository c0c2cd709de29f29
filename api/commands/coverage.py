"""``srm coverage``: which executives of an account our people know, or every account's coverage."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from api.commands.common import (
    AsOfOption,
    JsonOption,
    console,
    fail,
    opened_store,
    print_json,
    say,
)
from api.commands.resolve import resolve
from api.commands.tables import Column, CsvOption, decimals, one_format, print_list, share
from graph_model.settings import Settings
from graph_model.store import GraphStore
from queries.common import resolve_as_of
from queries.coverage import (
    AccountCoverage,
    AccountSummary,
    CoverageParams,
    ExecutiveCoverage,
    Tier,
    Trade,
    account_coverage,
    parse_levels,
    portfolio_coverage,
)

EXECUTIVES: list[Column[ExecutiveCoverage]] = [
    Column("name", "executive", lambda e: e.name),
    Column("person_id", "id", lambda e: e.person_id),
    Column("title", "title", lambda e: e.title),
    Column("seniority", "level", lambda e: e.seniority),
    Column("covered", "covered", lambda e: e.covered),
    Column("threads", "threads", lambda e: e.threads, number=True),
    Column("best_contact_id", None, lambda e: e.best_contact.person_id if e.best_contact else None),
    Column(
        "best_contact", "best contact", lambda e: e.best_contact.name if e.best_contact else None
    ),
    Column(
        "strength",
        "strength",
        lambda e: e.best_contact.strength if e.best_contact else None,
        decimals(1),
        number=True,
    ),
]
ACCOUNTS: list[Column[AccountSummary]] = [
    Column("name", "account", lambda a: a.name),
    Column("account_id", "id", lambda a: a.account_id),
    Column("coverage", "coverage", lambda a: a.coverage, share, number=True),
    Column("covered", "covered", lambda a: a.covered, number=True),
    Column("executives", "executives", lambda a: a.executives, number=True),
]


def print_account(result: AccountCoverage, when: datetime, as_csv: bool) -> None:
    """The executives, then (in a table) what is uncovered, single-threaded and on the
    account managers."""
    name = f"{result.name} ({result.account_id})"
    title = f"{name}: executive coverage {share(result.coverage)} as of {when:%Y-%m-%d %H:%M} UTC"
    empty = f"{name}: no executives at these levels"
    print_list(title, EXECUTIVES, result.executives, as_csv, empty)
    if as_csv:
        return
    people = {e.person_id: f"{e.name} ({e.person_id})" for e in result.executives}
    people |= {m.id: f"{m.name} ({m.id})" for m in result.named_account_managers}
    if result.uncovered:
        console.print("uncovered: " + ", ".join(people[p] for p in result.uncovered))
    if result.single_threaded:
        [only] = {
            f"{e.best_contact.name} ({e.best_contact.person_id})"
            for e in result.executives
            if e.covered and e.best_contact
        }
        say(console, "single-threaded:", "yellow", f"every covered executive hangs on {only}")
    if not result.account_managers:
        console.print("no internal account manager")
        return
    covers = ", ".join(people[p] for p in result.account_manager_covers) or "no executive"
    console.print(
        "account managers: "
        + ", ".join(people[p] for p in result.account_managers)
        + f"; they cover {covers}"
    )


def _account(
    store: GraphStore,
    company_id: str,
    when: datetime,
    params: CoverageParams,
    as_json: bool,
    as_csv: bool,
) -> None:
    try:
        result = account_coverage(store, company_id, when, params)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    if as_json:
        print_json(result)
    else:
        print_account(result, when, as_csv)


def _portfolio(
    store: GraphStore,
    when: datetime,
    params: CoverageParams,
    filters: tuple[Tier | None, Trade | None, int | None],
    as_json: bool,
    as_csv: bool,
) -> None:
    result = portfolio_coverage(store, when, params, *filters)
    if as_json:
        print_json(result)
        return
    title = f"executive coverage, worst first, as of {when:%Y-%m-%d %H:%M} UTC"
    print_list(title, ACCOUNTS, result.accounts, as_csv, empty="no accounts")


def coverage(
    company_id: Annotated[
        str | None, typer.Argument(help="the account's id or name; leave out with --portfolio")
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
    as_csv: CsvOption = False,
) -> None:
    """Executive coverage of an account: which executives our people know, and how well.

    Exits 1 for an unknown company or an unknown home company, 2 for unusable arguments.
    """
    one_format(as_json, as_csv)
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
            _portfolio(store, when, params, (tier, relationship, limit), as_json, as_csv)
        else:
            account = resolve(store, company_id, "company")
            _account(store, account, when, params, as_json, as_csv)
