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
>>> result.mutual[0].model_dump()
{'company_id': 'y', 'value_out': 100.0, 'value_in': 40.0, 'balance': 0.4}
>>> result.opportunities[0].model_dump()
{'company_id': 'y', 'category': 'cleaning', 'current_supplier_id': 'z', 'value': 10.0}
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import BaseModel

from queries.common import active

Pair = tuple[str, str]


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


@dataclass(frozen=True)
class Inputs:
    """Supplies (active or not), the category of each product, the products each company offers."""

    supplies: list[Supply]
    product_categories: Mapping[str, str] = field(default_factory=dict)
    offers: Mapping[str, Set[str]] = field(default_factory=dict)


class MutualLink(BaseModel):
    """``company_id`` and the company asked about supply each other."""

    company_id: str
    value_out: float
    value_in: float
    balance: float | None


class Opportunity(BaseModel):
    """A customer that offers ``category``, which is bought today from ``current_supplier_id``."""

    company_id: str
    category: str
    current_supplier_id: str
    value: float


class CompanyReciprocity(BaseModel):
    """Mutual links by total value descending, then company id.

    Opportunities by value descending, then company id, category, current supplier id.
    """

    company_id: str
    mutual: list[MutualLink]
    opportunities: list[Opportunity]


class ReciprocalPair(BaseModel):
    """Companies ``a < b`` that supply each other; ``value_ab`` is what ``a`` sells ``b``."""

    a: str
    b: str
    value_ab: float
    value_ba: float
    balance: float | None


class ReciprocityPairs(BaseModel):
    """Pairs by ``value_ab + value_ba`` descending, then ``a``, then ``b``."""

    pairs: list[ReciprocalPair]


def current(supplies: Iterable[Supply], as_of: datetime) -> list[Supply]:
    """The supplies active at ``as_of``; a company supplying itself is left out."""
    return [s for s in supplies if s.supplier != s.customer and active(s.since, s.until, as_of)]


def categories(supply: Supply, product_categories: Mapping[str, str]) -> set[str]:
    """The categories a supply is in: its own and its product's (blank ones dropped)."""
    product = product_categories.get(supply.product_id) if supply.product_id else None
    return {c for c in (supply.category, product) if c}


def _value(supply: Supply) -> float:
    return float(supply.annual_value or 0.0)


def _balance(one: float, other: float) -> float | None:
    high = max(one, other)
    return min(one, other) / high if high > 0 else None


def _totals(supplies: Iterable[Supply]) -> dict[Pair, float]:
    values: dict[Pair, list[float]] = defaultdict(list)
    for s in supplies:
        values[(s.supplier, s.customer)].append(_value(s))
    return {pair: math.fsum(v) for pair, v in values.items()}


def mutual_links(company_id: str, live: Iterable[Supply]) -> list[MutualLink]:
    """Companies that ``company_id`` supplies and that supply it, with the value each way
    (``live``: the supplies active at ``as_of``, see :func:`current`)."""
    totals = _totals(live)
    links = [
        MutualLink(
            company_id=other,
            value_out=out,
            value_in=totals[(other, company_id)],
            balance=_balance(out, totals[(other, company_id)]),
        )
        for (supplier, other), out in totals.items()
        if supplier == company_id and (other, company_id) in totals
    ]
    return sorted(links, key=lambda m: (-(m.value_out + m.value_in), m.company_id))


def opportunities(company_id: str, live: list[Supply], inputs: Inputs) -> list[Opportunity]:
    """One row per (customer Y, category c, supplier Z) where Y offers c and does not
    supply ``company_id`` with c today, while Z does (so Z is never Y); ``live``: the
    supplies active at ``as_of`` (see :func:`current`)."""
    bought: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for s in live:
        if s.customer == company_id:
            for category in categories(s, inputs.product_categories):
                bought[category][s.supplier].append(_value(s))
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
                        category=category,
                        current_supplier_id=supplier,
                        value=math.fsum(values),
                    )
                    for supplier, values in bought[category].items()
                ]
    return sorted(rows, key=lambda o: (-o.value, o.company_id, o.category, o.current_supplier_id))


def company_result(company_id: str, inputs: Inputs, as_of: datetime) -> CompanyReciprocity:
    """Mutual links and opportunities of ``company_id``."""
    live = current(inputs.supplies, as_of)
    return CompanyReciprocity(
        company_id=company_id,
        mutual=mutual_links(company_id, live),
        opportunities=opportunities(company_id, live, inputs),
    )


def network_pairs(
    supplies: Iterable[Supply], as_of: datetime, limit: int | None = None
) -> ReciprocityPairs:
    """Every pair of companies that supply each other; the first ``limit`` (all when ``None``)."""
    totals = _totals(current(supplies, as_of))
    pairs = [
        ReciprocalPair(
            a=a, b=b, value_ab=ab, value_ba=totals[(b, a)], balance=_balance(ab, totals[(b, a)])
        )
        for (a, b), ab in totals.items()
        if a < b and (b, a) in totals
    ]
    pairs.sort(key=lambda p: (-(p.value_ab + p.value_ba), p.a, p.b))
    return ReciprocityPairs(pairs=pairs[:limit])
