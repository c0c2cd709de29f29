"""HubSpot deals: each an opportunity on its account, open, won or lost; the won deals of
an account together what the home company supplies it.

A deal is won when "Is Closed Won" says so or its stage is a won one ("Closed won",
``closedwon``, "Abgeschlossen und gewonnen"), lost when its stage is a lost one or it is
closed ("Is Deal Closed?") without being won, and open otherwise. The won deals of one
company make one supply relationship from the home company: their amounts summed (in the
currency of the first that has one; a deal in another currency is left out of the sum, with a
reject), ``since`` the earliest close date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TypeVar

from ingest.adapters.hubspot.export import Export, record_id
from ingest.adapters.hubspot.files import Row
from ingest.adapters.hubspot.links import Links
from ingest.adapters.hubspot.owners import Owners
from ingest.adapters.hubspot.text import parse_when, words
from ingest.records import SourceRow
from ingest.values import parse_bool, parse_float

T = TypeVar("T")

WON_WORDS = frozenset(
    {"won", "closedwon", "gewonnen", "gagne", "gagnee", "ganado", "ganada", "ganho", "vinto"}
)
LOST_WORDS = frozenset(
    {"lost", "closedlost", "verloren", "perdu", "perdue", "perdido", "perdida", "perso"}
)
"""Words of a deal stage that close it won or lost, in the languages HubSpot exports."""


def deal_status(stage: str, won: str = "", closed: str = "") -> str:
    """``open``, ``won`` or ``lost``, from the stage and the "Is Closed Won" and
    "Is Deal Closed?" flags (blank when the export lacks them).

    >>> deal_status("Closed won (Sales Pipeline)"), deal_status("closedlost"), deal_status("Contract sent")
    ('won', 'lost', 'open')
    >>> deal_status("Vertrag unterschrieben", won="true"), deal_status("Archived", "No", "Yes")
    ('won', 'lost')
    """
    stage_words = words(stage)
    if _flag(won) or stage_words & WON_WORDS:
        return "won"
    if stage_words & LOST_WORDS or _flag(closed):
        return "lost"
    return "open"


def _flag(text: str) -> bool:
    try:
        return bool(text) and parse_bool(text)
    except ValueError:
        return False


def _status(row: Row) -> str:
    return deal_status(row.get("stage"), row.get("won"), row.get("closed"))


@dataclass
class _WonDeals:
    """The won deals of one company, summed into one supply relationship."""

    first: Row
    currency: str = ""
    total: float | None = None
    since: datetime | None = None


class Deals:
    """The deals of one export as opportunities and supply relationships."""

    def __init__(self, export: Export, links: Links, owners: Owners) -> None:
        self.export = export
        self.links = links
        self.owners = owners

    def opportunities(self) -> Iterator[SourceRow]:
        for row in self.export.records("deals"):
            status = _status(row)
            company, unmatched = self.links.deal_account(row)
            if company is None:
                self._reject_account(row, status, unmatched)
            owner = self.owners.owner(row.get("owner"))
            kept = "the deal is kept without an amount" + (
                " and left out of the supply value" if status == "won" else ""
            )
            data = {
                "id": record_id("deals", row.record_id),
                "name": row.get("name") or f"Deal {row.record_id}",
                "stage": row.get("stage"),
                "status": status,
                "amount": self._amount(row, kept),
                "currency": self._currency(row),
                "close_date": self.export.time(
                    row, "close_date", "the deal is kept without a close date"
                ),
                "company_id": company or "",
                "owner_id": owner.id if owner else "",
                "pipeline": row.get("pipeline"),
            }
            yield self.export.source(row, data)

    def _reject_account(self, row: Row, status: str, unmatched: list[tuple[str, str]]) -> None:
        header, value = unmatched[0] if unmatched else (row.column("company_ids"), "")
        if status == "won":
            reason = (
                "a won deal needs an associated company to become a supply relationship; "
                "kept as an opportunity without an account"
            )
        elif unmatched:
            reason = (
                "no company with this name or domain in the companies export; "
                "the deal is kept without an account"
            )
        else:
            return
        self.export.reject(row, header, value, reason)

    def _amount(self, row: Row, consequence: str) -> str:
        text = row.get("amount")
        if not text:
            return ""
        try:
            return repr(parse_float(text))
        except ValueError as exc:
            self.export.reject(row, row.column("amount"), text, f"{exc}; {consequence}")
            return ""

    def _currency(self, row: Row) -> str:
        text = row.get("currency")
        if not text or _iso_currency(text):
            return text.upper()
        reason = (
            f"{text!r} is not a three-letter ISO 4217 currency code (EUR, USD); "
            "the deal is kept without a currency"
        )
        self.export.reject(row, row.column("currency"), text, reason)
        return ""

    def supplies(self) -> Iterator[SourceRow]:
        """One supply relationship from the home company to each company with won deals."""
        home = self.export.context.home_company_id
        for company, won in self.won.items():
            data = {
                "supplier_id": home,
                "customer_id": company,
                "annual_value": "" if won.total is None else repr(won.total),
                "currency": won.currency,
                "since": won.since.isoformat() if won.since else "",
            }
            yield self.export.source(won.first, data, counted=False)

    @cached_property
    def won(self) -> dict[str, _WonDeals]:
        """The won deals by company, in the order each company's first is listed (the
        opportunities report what is wrong with a deal; this adds currency conflicts)."""
        won: dict[str, _WonDeals] = {}
        for row in self.export.rows("deals"):
            if not row.record_id or _status(row) != "won":
                continue
            company, _ = self.links.deal_account(row)
            if company is not None:
                self._add(won.setdefault(company, _WonDeals(row)), row)
        return won

    def _add(self, deals: _WonDeals, row: Row) -> None:
        currency = row.get("currency").upper() if _iso_currency(row.get("currency")) else ""
        if currency and deals.currency and currency != deals.currency:
            reason = (
                f"the company's other won deals are in {deals.currency}; "
                "this deal is left out of its supply value"
            )
            self.export.reject(row, row.column("currency"), currency, reason)
            return
        deals.currency = deals.currency or currency
        amount = _quiet(parse_float, row.get("amount"))
        if amount is not None:
            deals.total = (deals.total or 0.0) + amount
        close = _quiet(self._when, row.get("close_date"))
        if close is not None and (deals.since is None or close < deals.since):
            deals.since = close

    def _when(self, text: str) -> datetime:
        return parse_when(text, day_first=self.export.context.day_first)


def _iso_currency(text: str) -> bool:
    return len(text) == 3 and text.isascii() and text.isalpha()


def _quiet(parse: Callable[[str], T], text: str) -> T | None:
    """``parse(text)``, or ``None`` for a blank or unreadable text (reported elsewhere)."""
    if not text:
        return None
    try:
        return parse(text)
    except ValueError:
        return None
