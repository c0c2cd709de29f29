"""Which company is the home company: one only, chosen by the store, the settings or the data.

A store has one home company. It is the company the store marks ``is_home``; else the one
``SRM_HOME_COMPANY`` names; else the one company a mapping's ``companies`` rows mark
``is_home``; else a company ``home`` that the ingest adds. A mapping whose rows mark
another company than the store's or the configured one, or several companies, is refused
before anything is read into the store.

>>> store_has_none = AdapterContext("home", home_company_known=False)
>>> choose_home([Marked("enron:domain:enron.com", "emails.csv", 2)], store_has_none)
('enron:domain:enron.com', False)
>>> choose_home([], store_has_none)
('home', True)
>>> choose_home([Marked("x", "a.csv", 5)], AdapterContext("acme"))
Traceback (most recent call last):
ingest.errors.ExportError: the mapping marks 'x' (a.csv, line 5) as the home company, but the home company is 'acme' (marked is_home in the store, or named by SRM_HOME_COMPANY); a store has one home company: leave is_home out of the mapping, or map it to 'acme'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ingest.adapters.base import AdapterContext
from ingest.errors import ExportError

DEFAULT_HOME = "home"
"""The id the ingest gives the home company when nothing names one."""


@dataclass(frozen=True)
class Marked:
    """A company the export's rows mark ``is_home``, and the first row that does."""

    id: str
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.id!r} ({self.file}, line {self.line})"


def choose_home(marked: Iterable[Marked], context: AdapterContext) -> tuple[str, bool]:
    """The home company's id, and whether the ingest must add a row for it; ExportError
    when the export marks several, or another than the store's or the configured one."""
    firsts: dict[str, Marked] = {}
    for mark in marked:
        firsts.setdefault(mark.id, mark)
    found, home = list(firsts.values()), context.home_company_id
    if len(found) > 1:
        listed = ", ".join(map(str, found))
        raise ExportError(
            f"the mapping marks several home companies: {listed}; exactly one company is the "
            "home company"
        )
    if not found:
        return home, not context.home_company_known
    [data] = found
    if data.id == home:
        return home, False
    if context.home_company_known:
        where = "marked is_home in the store, or named by SRM_HOME_COMPANY"
    elif home != DEFAULT_HOME:
        where = "named by SRM_HOME_COMPANY"
    else:
        return data.id, False
    raise ExportError(
        f"the mapping marks {data} as the home company, but the home company is {home!r} "
        f"({where}); a store has one home company: leave is_home out of the mapping, or map "
        f"it to {home!r}"
    )
