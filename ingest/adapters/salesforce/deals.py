"""Products and won opportunities: what the home company offers and sells to its accounts.

A won opportunity makes one sale per product of its line items (TotalPrice;
Product2Id, else through its PricebookEntry), or one of the opportunity as a whole
without line items (Amount). Sales are summed by account and product, ``since`` the
earliest CloseDate; the home company offers every product it sold.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cached_property

from ingest.adapters.salesforce.export import Export
from ingest.adapters.salesforce.files import Rec
from ingest.adapters.salesforce.left_out import flag
from ingest.normalize import text_key
from ingest.records import SourceRow
from ingest.values import parse_datetime, parse_float

_WON_STAGES = frozenset({"closed won", "won", "gewonnen", "abgeschlossen und gewonnen"})
_MONEY = re.compile(r"(?:(?P<code>[A-Z]{3})\s*|[$€£¥]\s*)?(?P<number>.+)")


def money(text: str) -> tuple[Decimal, str]:
    """An amount and the currency code written before it, if any.

    >>> money("EUR 1,200.50"), money("$ 30")
    ((Decimal('1200.5'), 'EUR'), (Decimal('30.0'), ''))
    """
    match = _MONEY.fullmatch(text.strip())
    assert match is not None
    return Decimal(str(parse_float(match["number"]))), match["code"] or ""


@dataclass(frozen=True)
class _Line:
    """One won sale: the opportunity, the row with its amount, the account and product."""

    deal: Rec
    item: Rec
    amount_field: str
    customer: str
    product: str
    origin: str


@dataclass
class _Sale:
    """Won sales of one product (or none) to one account, summed."""

    first: _Line
    total: Decimal | None = None
    since: datetime | None = None
    since_text: str = ""
    currencies: set[str] = field(default_factory=set)


@dataclass
class _Sales:
    by_key: dict[tuple[str, str], _Sale] = field(default_factory=dict)
    """By (account, product); product ``""`` for sales of whole opportunities."""
    named_products: dict[str, Rec] = field(default_factory=dict)
    """Products known by name only (reports, trees), with the first row naming them."""


class Deals:
    """The canonical rows of an export's products and won opportunities."""

    def __init__(self, export: Export) -> None:
        self.export = export

    def products(self) -> Iterator[SourceRow]:
        export, seen = self.export, set[str]()
        for rec in export.records("Product2"):
            product_id = export.own_id(rec)
            if product_id and export.first(rec, product_id, seen):
                data = {"id": product_id, "name": rec.get("name"), "category": rec.get("family")}
                yield export.row(rec, product_id, data)
        for product_id, rec in self._sales.named_products.items():
            if product_id not in seen:
                data = {
                    "id": product_id,
                    "name": rec.get("product2.name"),
                    "category": rec.get("product2.family"),
                }
                yield export.row(rec, product_id, data, obj="Product2", counted=False)

    def offers(self) -> Iterator[SourceRow]:
        offered: set[str] = set()
        for (_, product_id), sale in self._sales.by_key.items():
            if product_id and product_id not in offered:
                offered.add(product_id)
                line = sale.first
                data = {"company_id": self.export.context.home_company_id, "product_id": product_id}
                yield self.export.derived(line.item, line.origin, data, counted=False)

    def supplies(self) -> Iterator[SourceRow]:
        for (customer, product_id), sale in self._sales.by_key.items():
            yield self._supply(sale, customer, product_id)

    def customers(self) -> set[str]:
        """The accounts won opportunities sold to."""
        return {customer for customer, _ in self._sales.by_key}

    @cached_property
    def _sales(self) -> _Sales:
        sales = _Sales()
        for line in self._won_lines(sales):
            self._add_sale(sales, line)
        return sales

    def _won_lines(self, sales: _Sales) -> Iterator[_Line]:
        """Every won sale: per line item, or per opportunity without line items."""
        export = self.export
        items = export.has("OpportunityLineItem")
        opportunities: dict[str, Rec] = {}
        for rec in export.records("Opportunity"):
            opportunity_id = export.own_id(rec)
            if opportunity_id is None:
                continue
            if rec.has("id"):
                opportunities[opportunity_id] = rec
            elif self._won(rec) and not (items and flag(rec.get("hasopportunitylineitem"))):
                yield from self._deal_line(rec, rec, opportunity_id, "")
        with_items: set[str] = set()
        for rec in export.records("OpportunityLineItem"):
            deal = rec if rec.source.flat else self._deal_of(rec, opportunities, with_items)
            item_id = export.own_id(rec)
            if deal is not None and item_id and self._won(deal):
                yield from self._deal_line(deal, rec, item_id, self._product(rec, sales))
        for opportunity_id, rec in opportunities.items():
            if opportunity_id not in with_items and self._won(rec):
                yield from self._deal_line(rec, rec, opportunity_id, "")

    def _deal_of(
        self, item: Rec, opportunities: Mapping[str, Rec], with_items: set[str]
    ) -> Rec | None:
        """The opportunity of a line item (noted in ``with_items``); ``None`` if not exported."""
        opportunity_id = self.export.id(item, "opportunityid") or ""
        deal = opportunities.get(opportunity_id)
        if deal is None:
            self.export.reject(
                item,
                "opportunityid",
                "the line item's opportunity is not in this export",
                skip=True,
            )
        else:
            with_items.add(opportunity_id)
        return deal

    def _deal_line(
        self, deal: Rec, item: Rec, record_id: str, product: str | None
    ) -> Iterator[_Line]:
        """The sale of a won opportunity's ``product`` (``""``: of the opportunity as a whole)."""
        if product is None:
            return
        customer = self.export.ref(deal, "Account", "accountid", "account.name")
        if customer is None:
            self.export.reject(
                deal, "accountid", "a won opportunity without an account is no supply", skip=True
            )
            return
        is_item = item.source.object == "OpportunityLineItem" and product
        amount_field = "totalprice" if is_item else "amount"
        origin = f"salesforce:{item.source.object}:{record_id.removeprefix('sf:')}"
        yield _Line(deal, item, amount_field, customer, product, origin)

    def _product(self, rec: Rec, sales: _Sales) -> str | None:
        """The product of a line item; ``""`` for none in a report or tree row, ``None``
        (rejected) for none in an export's."""
        export = self.export
        product = export.ref(rec, "Product2", "product2id", "product2.name")
        if product is None and (entry := export.id(rec, "pricebookentryid")):
            product = self._price_book.get(entry)
        if product is None:
            if rec.source.flat:
                return ""
            export.reject(
                rec,
                "product2id",
                "no Product2Id, and no PricebookEntry of this export names the product",
                skip=True,
            )
        elif product.startswith("sf:name:"):
            sales.named_products.setdefault(product, rec)
        return product

    @cached_property
    def _price_book(self) -> dict[str, str]:
        entries: dict[str, str] = {}
        for rec in self.export.records("PricebookEntry"):
            entry = self.export.id(rec, "id", skip=True)
            product = self.export.id(rec, "product2id")
            if entry and product:
                entries[entry] = product
        return entries

    @staticmethod
    def _won(rec: Rec) -> bool:
        won = flag(rec.get("iswon"))
        return won if won is not None else text_key(rec.get("stagename")) in _WON_STAGES

    def _add_sale(self, sales: _Sales, line: _Line) -> None:
        """Add a won sale to the sum of its account and product."""
        sale = sales.by_key.setdefault((line.customer, line.product), _Sale(line))
        currency = line.deal.get("currencyisocode").upper()
        if amount := self._amount(line):
            sale.total = (sale.total or Decimal(0)) + amount[0]
            currency = currency or amount[1]
        if currency:
            sale.currencies.add(currency)
        closed = self._date(line.deal, "closedate")
        if closed and (sale.since is None or closed < sale.since):
            sale.since, sale.since_text = closed, line.deal.get("closedate")

    def _amount(self, line: _Line) -> tuple[Decimal, str] | None:
        text = line.item.get(line.amount_field)
        try:
            return money(text) if text else None
        except ValueError as exc:
            self.export.reject(line.item, line.amount_field, f"{exc}; left out of the sum")
            return None

    def _date(self, rec: Rec, name: str) -> datetime | None:
        text = rec.get(name)
        try:
            return parse_datetime(text, day_first=self.export.context.day_first) if text else None
        except ValueError as exc:
            self.export.reject(rec, name, f"{exc}; left out of the earliest date")
            return None

    def _supply(self, sale: _Sale, customer: str, product_id: str) -> SourceRow:
        export = self.export
        total, currency = "" if sale.total is None else str(sale.total), ""
        if len(sale.currencies) > 1:
            export.warn(
                f"{sale.first.item.source.path}: won amounts for {customer} "
                f"{product_id or ''} are in {', '.join(sorted(sale.currencies))}; "
                "not summed, annual_value left blank"
            )
            total = ""
        elif sale.currencies:
            currency = next(iter(sale.currencies))
        data = {
            "supplier_id": export.context.home_company_id,
            "customer_id": customer,
            "product_id": product_id,
            "annual_value": total,
            "currency": currency,
            "since": sale.since_text,
        }
        return export.derived(sale.first.item, sale.first.origin, data, counted=True)
