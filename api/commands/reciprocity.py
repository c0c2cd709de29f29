"""``srm reciprocity``: mutual supply links and opportunities of a company, or every pair."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import typer

from api.commands.common import JsonOption, console, fail, opened_store, print_json
from api.commands.resolve import resolve
from api.commands.tables import Column, CsvOption, decimals, one_format, print_list
from graph_model.settings import Settings
from queries.common import resolve_as_of
from queries.reciprocity import (
    CompanyReciprocity,
    Money,
    MutualLink,
    Opportunity,
    RatesError,
    ReciprocalPair,
    ReciprocityPairs,
    Valuation,
    company_reciprocity,
    network_reciprocity,
    rates_of,
)

CompanyList = Literal["mutual", "opportunities"]


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


def _amounts(by_currency: list[Money]) -> str:
    """The amounts per currency, for CSV: ``80.0 EUR;5.5 USD``."""
    return ";".join(f"{m.amount!r} {m.currency or ''}".rstrip() for m in by_currency)


def _mutual(valuation: Valuation) -> list[Column[MutualLink]]:
    return [
        Column("name", "company", lambda m: m.name),
        Column("company_id", "id", lambda m: m.company_id),
        Column("value_out", None, lambda m: m.value_out),
        Column("out_by_currency", None, lambda m: _amounts(m.out_by_currency)),
        Column(None, "sold to them", lambda m: _money(m.value_out, m.out_by_currency, valuation)),
        Column("value_in", None, lambda m: m.value_in),
        Column("in_by_currency", None, lambda m: _amounts(m.in_by_currency)),
        Column(None, "bought from them", lambda m: _money(m.value_in, m.in_by_currency, valuation)),
        Column("balance", "balance", lambda m: m.balance, decimals(2), number=True),
        Column("currency", None, lambda m: valuation.currency),
    ]


def _opportunities(valuation: Valuation) -> list[Column[Opportunity]]:
    return [
        Column("name", "customer", lambda o: o.name),
        Column("company_id", "id", lambda o: o.company_id),
        Column("category", "category", lambda o: o.category),
        Column("current_supplier_id", None, lambda o: o.current_supplier_id),
        Column("current_supplier_name", "bought today from", lambda o: o.current_supplier_name),
        Column("value", None, lambda o: o.value),
        Column("by_currency", None, lambda o: _amounts(o.by_currency)),
        Column(None, "annual value", lambda o: _money(o.value, o.by_currency, valuation)),
        Column("currency", None, lambda o: valuation.currency),
    ]


def _pairs(valuation: Valuation) -> list[Column[ReciprocalPair]]:
    return [
        Column("a_id", None, lambda p: p.a),
        Column("a_name", "a", lambda p: p.a_name),
        Column("b_id", None, lambda p: p.b),
        Column("b_name", "b", lambda p: p.b_name),
        Column("value_ab", None, lambda p: p.value_ab),
        Column("ab_by_currency", None, lambda p: _amounts(p.ab_by_currency)),
        Column(None, "a sells b", lambda p: _money(p.value_ab, p.ab_by_currency, valuation)),
        Column("value_ba", None, lambda p: p.value_ba),
        Column("ba_by_currency", None, lambda p: _amounts(p.ba_by_currency)),
        Column(None, "b sells a", lambda p: _money(p.value_ba, p.ba_by_currency, valuation)),
        Column("balance", "balance", lambda p: p.balance, decimals(2), number=True),
        Column("currency", None, lambda p: valuation.currency),
    ]


def print_company(
    result: CompanyReciprocity, when: datetime, which: CompanyList | None, as_csv: bool
) -> None:
    """The mutual links, then the opportunities (with ``which``, only that list; with
    ``as_csv``, one list: the mutual links unless ``which`` says)."""
    name = f"{result.name} ({result.company_id})"
    if which != "opportunities":
        title = f"{name}: mutual supply links as of {when:%Y-%m-%d %H:%M} UTC"
        print_list(title, _mutual(result.valuation), result.mutual, as_csv)
    if which == "opportunities" or (which is None and not as_csv):
        title = f"{name}: customers that offer what it buys elsewhere"
        print_list(title, _opportunities(result.valuation), result.opportunities, as_csv)
    if not as_csv and (result.mutual or result.opportunities):
        console.print(_valued(result.valuation))


def print_pairs(result: ReciprocityPairs, when: datetime, as_csv: bool) -> None:
    """One row per pair of companies that supply each other."""
    title = f"companies that supply each other, as of {when:%Y-%m-%d %H:%M} UTC"
    print_list(title, _pairs(result.valuation), result.pairs, as_csv)
    if not as_csv and result.pairs:
        console.print(_valued(result.valuation))


def reciprocity(
    company_id: Annotated[
        str | None, typer.Argument(help="the company's id or name; leave out with --all")
    ] = None,
    every_pair: Annotated[
        bool, typer.Option("--all", help="every pair of companies that supply each other")
    ] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="ISO-8601 date or instant; default now (UTC)")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="with --all: at most this many pairs")] = 100,
    which: Annotated[
        CompanyList | None,
        typer.Option(
            "--list", help="of a company, only this list (with --csv: mutual unless this says)"
        ),
    ] = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Who supplies a company and buys from it, and which customers could supply it.

    Exits 1 for an unknown company, 2 for unusable arguments.
    """
    one_format(as_json, as_csv)
    if every_pair == (company_id is not None):
        raise fail("name a company, or pass --all for every pair")
    when = _as_of(as_of)
    settings = Settings()
    try:
        rates = rates_of(settings)
    except (OSError, RatesError) as exc:
        raise fail(f"SRM_FX_RATES: {exc}") from exc
    with opened_store(settings) as store:
        result: CompanyReciprocity | ReciprocityPairs = (
            network_reciprocity(store, when, limit, rates)
            if company_id is None
            else company_reciprocity(store, resolve(store, company_id, "company"), when, rates)
        )
    if as_json:
        print_json(result)
    elif isinstance(result, ReciprocityPairs):
        print_pairs(result, when, as_csv)
    else:
        print_company(result, when, which, as_csv)
