"""Reciprocity computed from plain supply data: one implementation for every backend.

The backends only gather :class:`Inputs`; everything from the ``as_of`` filter
to the sort order happens here, so both return the same result on the same data.
Sums use :func:`math.fsum`, exact whatever order the edges arrive in.

>>> from datetime import UTC, datetime
>>> inputs = Inputs(
...     supplies=[
...         Supply("x", "y", category="furniture", annual_value=100.0),
...         Supply("y", "x", category="computers", annual_value=40.0),
...         Supply("z", "x", category="cleaning", annual_value=10.0),
...     ],
...     product_categories={"mop": "cleaning"},
...     offers={"y": {"mop"}},
... )
>>> result = company_result("x", inputs, datetime(2025, 1, 1, tzinfo=UTC))
>>> link = result.mutual[0]
>>> link.company_id, link.value_out, link.value_in, link.balance
('y', 100.0, 40.0, 0.4)
>>> o = result.opportunities[0]
>>> o.company_id, o.category, o.current_supplier_id, o.value
('y', 'cleaning', 'z', 10.0)

Values are in their currencies (``*_by_currency``); a value is one number when its amounts
share one currency, or when a rates table converts them (:mod:`~queries.reciprocity.money`),
and ``valuation`` says which.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from pydantic import BaseModel

from queries.common import active
from queries.reciprocity.money import Money, Rates, Sums, Valuation, valuation

Pair = tuple[str, str]
NO_NAMES: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class Supply:
    """One SUPPLIES relationship: ``supplier`` sells to ``customer``."""

    supplier: str
    customer: str
    product_id: str | None = None
    category: str | None = None
    annual_value: float | None = None
    since: datetime | None = None
    until: datetime | None = None
    currency: str | None = None


@dataclass(frozen=True)
class Inputs:
    """Supplies (active or not), the category of each product, the products each company offers."""

    supplies: list[Supply]
    product_categories: Mapping[str, str] = field(default_factory=dict)
    offers: Mapping[str, Set[str]] = field(default_factory=dict)


class MutualLink(BaseModel):
    """``company_id`` and the company asked about supply each other: the value each way
    (``None`` when its amounts are in several currencies and no rates convert them) and
    the amounts per currency."""

    company_id: str
    name: str
    value_out: float | None
    value_in: float | None
    balance: float | None
    out_by_currency: list[Money]
    in_by_currency: list[Money]


class Opportunity(BaseModel):
    """A customer that offers ``category``, which is bought today from ``current_supplier_id``
    (each by id and name)."""

    company_id: str
    name: str
    category: str
    current_supplier_id: str
    current_supplier_name: str
    value: float | None
    by_currency: list[Money]


class CompanyReciprocity(BaseModel):
    """Mutual links by total value descending (links whose value is no single number
    last), then company id.

    Opportunities by value descending (the same way), then company id, category, current
    supplier id.
    """

    company_id: str
    name: str
    valuation: Valuation
    mutual: list[MutualLink]
    opportunities: list[Opportunity]


class ReciprocalPair(BaseModel):
    """Companies ``a < b`` (by id and name) that supply each other; ``value_ab`` is what ``a``
    sells ``b``."""

    a: str
    a_name: str
    b: str
    b_name: str
    value_ab: float | None
    value_ba: float | None
    balance: float | None
    ab_by_currency: list[Money]
    ba_by_currency: list[Money]


class ReciprocityPairs(BaseModel):
    """Pairs by ``value_ab + value_ba`` descending (pairs whose values are no single numbers
    last), then ``a``, then ``b``."""

    valuation: Valuation
    pairs: list[ReciprocalPair]


def current(supplies: Iterable[Supply], as_of: datetime) -> list[Supply]:
    """The supplies active at ``as_of``; a company supplying itself is left out."""
    return [s for s in supplies if s.supplier != s.customer and active(s.since, s.until, as_of)]


def categories(supply: Supply, product_categories: Mapping[str, str]) -> set[str]:
    """The categories a supply is in: its own and its product's (blank ones dropped)."""
    product = product_categories.get(supply.product_id) if supply.product_id else None
    return {c for c in (supply.category, product) if c}


def _balance(one: float | None, other: float | None) -> float | None:
    if one is None or other is None:
        return None
    high = max(one, other)
    return min(one, other) / high if high > 0 else None


def _larger_first(*values: float | None) -> tuple[bool, float]:
    """A sort key: the largest total first, totals that are no single number last."""
    if any(v is None for v in values):
        return (True, 0.0)
    return (False, -sum(v for v in values if v is not None))


def _totals(supplies: Iterable[Supply]) -> dict[Pair, Sums]:
    totals: dict[Pair, Sums] = defaultdict(Sums)
    for s in supplies:
        totals[(s.supplier, s.customer)].add(s.currency, float(s.annual_value or 0.0))
    return totals


def mutual_links(
    company_id: str,
    totals: dict[Pair, Sums],
    valued: Valuation,
    rates: Rates | None = None,
    names: Mapping[str, str] = NO_NAMES,
) -> list[MutualLink]:
    """Companies that ``company_id`` supplies and that supply it, with the value each way
    (``totals``: the amounts of the supplies active at ``as_of`` by pair, see :func:`current`)."""
    links = []
    for (supplier, other), out in totals.items():
        into = totals.get((other, company_id))
        if supplier != company_id or into is None:
            continue
        value_out, value_in = valued.value(out, rates), valued.value(into, rates)
        links.append(
            MutualLink(
                company_id=other,
                name=names.get(other, other),
                value_out=value_out,
                value_in=value_in,
                balance=_balance(value_out, value_in),
                out_by_currency=out.by_currency(),
                in_by_currency=into.by_currency(),
            )
        )
    return sorted(links, key=lambda m: (_larger_first(m.value_out, m.value_in), m.company_id))


def opportunities(
    company_id: str,
    live: list[Supply],
    inputs: Inputs,
    valued: Valuation,
    rates: Rates | None = None,
    names: Mapping[str, str] = NO_NAMES,
) -> list[Opportunity]:
    """One row per (customer Y, category c, supplier Z) where Y offers c and does not
    supply ``company_id`` with c today, while Z does (so Z is never Y); ``live``: the
    supplies active at ``as_of`` (see :func:`current`)."""
    bought: dict[str, dict[str, Sums]] = defaultdict(lambda: defaultdict(Sums))
    for s in live:
        if s.customer == company_id:
            for category in categories(s, inputs.product_categories):
                bought[category][s.supplier].add(s.currency, float(s.annual_value or 0.0))
    rows = []
    for customer in {s.customer for s in live if s.supplier == company_id}:
        offered = {
            inputs.product_categories[p]
            for p in inputs.offers.get(customer, ())
            if inputs.product_categories.get(p)
        }
        for category in offered & bought.keys():
            if customer not in bought[category]:
                rows += [
                    Opportunity(
                        company_id=customer,
                        name=names.get(customer, customer),
                        category=category,
                        current_supplier_id=supplier,
                        current_supplier_name=names.get(supplier, supplier),
                        value=valued.value(sums, rates),
                        by_currency=sums.by_currency(),
                    )
                    for supplier, sums in bought[category].items()
                ]
    return sorted(
        rows,
        key=lambda o: (_larger_first(o.value), o.company_id, o.category, o.current_supplier_id),
    )


def company_result(
    company_id: str,
    inputs: Inputs,
    as_of: datetime,
    rates: Rates | None = None,
    names: Mapping[str, str] = NO_NAMES,
) -> CompanyReciprocity:
    """Mutual links and opportunities of ``company_id``, with the companies' ``names`` (an
    id stands for a name missing from them)."""
    live = current(inputs.supplies, as_of)
    totals = _totals(live)
    valued = valuation(list(totals.values()), rates)
    return CompanyReciprocity(
        company_id=company_id,
        name=names.get(company_id, company_id),
        valuation=valued,
        mutual=mutual_links(company_id, totals, valued, rates, names),
        opportunities=opportunities(company_id, live, inputs, valued, rates, names),
    )


def network_pairs(
    supplies: Iterable[Supply],
    as_of: datetime,
    limit: int | None = None,
    rates: Rates | None = None,
    names: Mapping[str, str] = NO_NAMES,
) -> ReciprocityPairs:
    """Every pair of companies that supply each other, with their ``names``; the first
    ``limit`` (all when ``None``)."""
    totals = _totals(current(supplies, as_of))
    mutual = [(a, b) for a, b in totals if (b, a) in totals]
    valued = valuation([totals[k] for k in mutual], rates)
    pairs = []
    for a, b in mutual:
        ab, ba = totals[(a, b)], totals[(b, a)]
        if a < b:
            value_ab, value_ba = valued.value(ab, rates), valued.value(ba, rates)
            pairs.append(
                ReciprocalPair(
                    a=a,
                    a_name=names.get(a, a),
                    b=b,
                    b_name=names.get(b, b),
                    value_ab=value_ab,
                    value_ba=value_ba,
                    balance=_balance(value_ab, value_ba),
                    ab_by_currency=ab.by_currency(),
                    ba_by_currency=ba.by_currency(),
                )
            )
    pairs.sort(key=lambda p: (_larger_first(p.value_ab, p.value_ba), p.a, p.b))
    return ReciprocityPairs(valuation=valued, pairs=pairs[:limit])
