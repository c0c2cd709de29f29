"""What executive coverage answers: one account in detail, or the portfolio in brief."""

from __future__ import annotations

from pydantic import BaseModel

from queries.names import NamedNode


class BestContact(BaseModel):
    """The internal person with the strongest tie to an executive, by id and name."""

    person_id: str
    name: str
    strength: float


class ExecutiveCoverage(BaseModel):
    """One executive of the account; ``threads`` counts the internal people covering them."""

    person_id: str
    name: str
    title: str | None
    seniority: str
    covered: bool
    threads: int
    best_contact: BestContact | None
    """Strongest internal tie at any strength, so uncovered executives show the nearest way in."""


class AccountCoverage(BaseModel):
    """Executives by seniority (highest first), then id; the id lists by id (the account
    managers also named in ``named_account_managers``, in the same order).

    ``coverage`` is covered / executives (``None`` without executives);
    ``single_threaded`` when every covered executive is covered by one and the
    same internal person.
    """

    account_id: str
    name: str
    coverage: float | None
    executives: list[ExecutiveCoverage]
    uncovered: list[str]
    single_threaded: bool
    account_managers: list[str]
    named_account_managers: list[NamedNode]
    account_manager_covers: list[str]


class AccountSummary(BaseModel):
    """One account of the portfolio: how many executives it has and how many are covered."""

    account_id: str
    name: str
    coverage: float | None
    executives: int
    covered: int


class Portfolio(BaseModel):
    """Accounts by coverage ascending, those without executives last, then by id."""

    accounts: list[AccountSummary]
