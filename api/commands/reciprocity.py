"""``srm reciprocity``: mutual supply links and opportunities of a company, or every pair."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table

from api.commands.common import JsonOption, console, display_names, fail, opened_store, print_json
from graph_model.settings import Settings
from graph_model.store import GraphStore
from queries.common import resolve_as_of
from queries.reciprocity import (
    CompanyReciprocity,
    Money,
    Rates,
    RatesError,
    ReciprocityPairs,
    Valuation,
    company_reciprocity,
    network_reciprocity,
    rates_of,
)


def _as_of(text: str | None) -> datetime:
    try:
        return resolve_as_of(datetime.fromisoformat(text) if text else None)
    except ValueError as exc:
        raise fail(f"--as-of {text!r} is not an ISO-8601 date or instant") from exc


def _money(value: float | None, by_currency: list[Money], valuation: Valuation) -> str:
    """A value rounded for display, in its currency; the amounts per currency when they
    make no single number."""
    if value is not None:
        return f"{value:,.2f}" + (f" {valuation.currency}" if valuation.currency else "")
    return " + ".join(f"{m.amount:,.2f} {m.currency or '(no currency)'}" for m in by_currency)


def _valued(valuation: Valuation) -> str:
    """What the values of a table are in."""
    if valuation.rates:
        return (
            f"values in {valuation.currency}, converted with {valuation.rates} "
            f"(rates of {valuation.rates_date})"
        )
    if valuation.currency:
        return f"values in {valuation.currency}"
    return "values in their own currencies (SRM_FX_RATES converts them into one)"


def _ratio(balance: float | None) -> str:
    return "-" if balance is None else f"{balance:.2f}"


def _table(title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]], text: int) -> None:
    """A table whose first ``text`` columns are words and the rest numbers."""
    if not rows:
        console.print(f"{title}: none")
        return
    table = Table(title=title)
    for i, column in enumerate(columns):
        table.add_column(column, justify="left" if i < text else "right")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def print_company(result: CompanyReciprocity, names: dict[str, str], when: datetime) -> None:
    """The mutual links table, then the opportunities table."""
    name = names.get(result.company_id, result.company_id)
    _table(
        f"{name}: mutual supply links as of {when:%Y-%m-%d %H:%M} UTC",
        ("company", "sold to them", "bought from them", "balance"),
        [
            (
                names.get(m.company_id, m.company_id),
                _money(m.value_out, m.out_by_currency, result.valuation),
                _money(m.value_in, m.in_by_currency, result.valuation),
                _ratio(m.balance),
            )
            for m in result.mutual
        ],
        text=1,
    )
    _table(
        f"{name}: customers that offer what it buys elsewhere",
        ("customer", "category", "bought today from", "annual value"),
        [
            (
                names.get(o.company_id, o.company_id),
                o.category,
                names.get(o.current_supplier_id, o.current_supplier_id),
                _money(o.value, o.by_currency, result.valuation),
            )
            for o in result.opportunities
        ],
        text=3,
    )
    if result.mutual or result.opportunities:
        console.print(_valued(result.valuation))


def print_pairs(result: ReciprocityPairs, names: dict[str, str], when: datetime) -> None:
    """One row per pair of companies that supply each other."""
    _table(
        f"companies that supply each other, as of {when:%Y-%m-%d %H:%M} UTC",
        ("a", "b", "a sells b", "b sells a", "balance"),
        [
            (
                names.get(p.a, p.a),
                names.get(p.b, p.b),
                _money(p.value_ab, p.ab_by_currency, result.valuation),
                _money(p.value_ba, p.ba_by_currency, result.valuation),
                _ratio(p.balance),
            )
            for p in result.pairs
        ],
        text=2,
    )
    if result.pairs:
        console.print(_valued(result.valuation))


def _company(
    store: GraphStore, company_id: str, when: datetime, rates: Rates | None, as_json: bool
) -> None:
    result = company_reciprocity(store, company_id, when, rates)
    if as_json:
        print_json(result)
        return
    ids = [company_id, *(m.company_id for m in result.mutual)]
    ids += [c for o in result.opportunities for c in (o.company_id, o.current_supplier_id)]
    print_company(result, display_names(store, "Company", ids), when)


def _network(
    store: GraphStore, when: datetime, limit: int, rates: Rates | None, as_json: bool
) -> None:
    result = network_reciprocity(store, when, limit, rates)
    if as_json:
        print_json(result)
        return
    names = display_names(store, "Company", [c for p in result.pairs for c in (p.a, p.b)])
    print_pairs(result, names, when)


def reciprocity(
    company_id: Annotated[
        str | None, typer.Argument(help="the company; leave out with --all")
    ] = None,
    every_pair: Annotated[
        bool, typer.Option("--all", help="every pair of companies that supply each other")
    ] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="ISO-8601 date or instant; default now (UTC)")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="with --all: at most this many pairs")] = 100,
    as_json: JsonOption = False,
) -> None:
    """Who supplies a company and buys from it, and which customers could supply it.

    Exits 1 for an unknown company, 2 for unusable arguments.
    """
    if every_pair == (company_id is not None):
        raise fail("name a company, or pass --all for every pair")
    when = _as_of(as_of)
    settings = Settings()
    try:
        rates = rates_of(settings)
    except (OSError, RatesError) as exc:
        raise fail(f"SRM_FX_RATES: {exc}") from exc
    with opened_store(settings) as store:
        if company_id is None:
            _network(store, when, limit, rates, as_json)
        else:
            _company(store, company_id, when, rates, as_json)
