"""Amounts in their currencies: summed per currency, and turned into one number only when
that is sound (one currency throughout, or a rates table the user supplies).

A rates table is a CSV file (``SRM_FX_RATES``) with the columns ``currency``, ``rate``
and ``date``: what one unit of the currency was worth on that date in the reporting
currency, the one row whose rate is 1.

>>> sums = Sums()
>>> sums.add("EUR", 100.0); sums.add("USD", 50.0); sums.add("EUR", 20.0)
>>> [(m.currency, m.amount) for m in sums.by_currency()]
[('EUR', 120.0), ('USD', 50.0)]
>>> sums.value(None) is None  # two currencies, no rates: no single number
True
>>> rates = Rates("EUR", date(2026, 11, 30), {"EUR": 1.0, "USD": 0.9}, "rates.csv")
>>> sums.value(rates)
165.0
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from graph_model.settings import Settings

CODE = re.compile(r"[A-Z]{3}")
"""An ISO 4217 currency code, as amounts are stored with it."""


class Money(BaseModel):
    """An amount in ``currency`` (``None``: it was stored without one)."""

    currency: str | None
    amount: float


class Valuation(BaseModel):
    """How the values of a result were made single numbers: ``currency`` is theirs, and
    ``rates_date`` and ``rates`` (the file) say which conversion, if any, made them.
    Without rates, values are numbers only when every amount of the result is in one
    currency (or none has any); otherwise they are null, and ``comparable`` false."""

    currency: str | None
    comparable: bool = True
    rates_date: date | None = None
    rates: str | None = None

    def value(self, sums: Sums, rates: Rates | None) -> float | None:
        """``sums`` as one number in this valuation's currency, if it can be one."""
        if rates is not None:
            return sums.value(rates)
        return sums.value(None) if self.comparable else None


class RatesError(ValueError):
    """A rates table that cannot be used: the file, line, column and why."""


@dataclass(frozen=True)
class Rates:
    """What one unit of each currency is worth in ``currency`` (the reporting currency),
    as of ``date`` (the oldest date of the table)."""

    currency: str
    date: date
    per_unit: dict[str, float]
    source: str

    @staticmethod
    def read(path: Path) -> Rates:
        """The table in ``path`` (:class:`RatesError` names what is wrong with it)."""
        return _read(path, path.stat().st_mtime_ns)

    def valuation(self) -> Valuation:
        return Valuation(currency=self.currency, rates_date=self.date, rates=self.source)


def valuation(sums: list[Sums], rates: Rates | None) -> Valuation:
    """How a result of these amounts is valued: by ``rates``, or in their one currency."""
    if rates is not None:
        return rates.valuation()
    found = set().union(*(s.currencies() for s in sums)) if sums else set()
    if len(found) > 1:
        return Valuation(currency=None, comparable=False)
    return Valuation(currency=next(iter(found), None))


@lru_cache(maxsize=8)
def _read(path: Path, _mtime: int) -> Rates:
    per_unit: dict[str, float] = {}
    dates: list[date] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.DictReader(handle)
        missing = {"currency", "rate", "date"} - set(rows.fieldnames or ())
        if missing:
            raise RatesError(f"{path.name}, line 1: no column {', '.join(sorted(missing))}")
        for row in rows:
            where = f"{path.name}, line {rows.line_num}"
            code = (row["currency"] or "").strip().upper()
            if not CODE.fullmatch(code):
                raise RatesError(f"{where}, currency: {code!r} is not a three-letter code")
            try:
                rate = float(row["rate"] or "")
                dates.append(date.fromisoformat((row["date"] or "").strip()))
            except ValueError as exc:
                raise RatesError(f"{where}: {exc}") from None
            if not math.isfinite(rate) or rate <= 0:
                raise RatesError(f"{where}, rate: {rate} is not a positive number")
            per_unit[code] = rate
    base = [code for code, rate in per_unit.items() if rate == 1.0]
    if len(base) != 1:
        raise RatesError(
            f"{path.name}: one currency must have the rate 1 (the reporting currency); "
            f"{'none has' if not base else ', '.join(base) + ' have'}"
        )
    return Rates(base[0], min(dates), per_unit, path.name)


@dataclass
class Sums:
    """Amounts added up per currency (exactly: :func:`math.fsum` of each)."""

    amounts: dict[str | None, list[float]] = field(default_factory=lambda: defaultdict(list))

    def add(self, currency: str | None, amount: float) -> None:
        self.amounts[currency].append(amount)

    def by_currency(self) -> list[Money]:
        """One amount per currency, the currency-less last."""
        return [
            Money(currency=currency, amount=math.fsum(values))
            for currency, values in sorted(
                self.amounts.items(), key=lambda kv: (kv[0] is None, kv[0] or "")
            )
        ]

    def currencies(self) -> set[str | None]:
        return set(self.amounts)

    def value(self, rates: Rates | None) -> float | None:
        """The amounts as one number: converted with ``rates`` (``None`` when one of their
        currencies has no rate, or is unknown), or without rates their sum when they share
        one currency (``None`` when they do not). No amount at all is worth 0."""
        if rates is None:
            if len(self.amounts) > 1:
                return None
            return math.fsum(next(iter(self.amounts.values()), []))
        converted = []
        for currency, values in self.amounts.items():
            rate = rates.per_unit.get(currency) if currency else None
            if rate is None:
                return None
            converted += [v * rate for v in values]
        return math.fsum(converted)


def rates_of(settings: Settings) -> Rates | None:
    """The rates table of ``settings`` (``SRM_FX_RATES``), read again when it changes."""
    return None if settings.fx_rates is None else Rates.read(settings.fx_rates)
