"""Executive coverage over a :class:`~queries.view.NetworkView` and the staff it is given.

Ties are scored at the view's ``as_of``; employment counts when active then.
An internal person covers an executive when their tie has
``s >= min_strength`` and ``s > 0``.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import NamedTuple

from graph_model.store import Props
from queries.common import active, seniority_rank
from queries.coverage.models import (
    AccountCoverage,
    AccountSummary,
    BestContact,
    ExecutiveCoverage,
    Portfolio,
)
from queries.coverage.reads import Staffer
from queries.names import Names
from queries.view import NetworkView


class Executive(NamedTuple):
    """A current executive of an account, ``s`` of each internal tie with ``s > 0``, and the
    strongest of them (:func:`best_of`)."""

    person: Props
    strengths: dict[str, float]
    best_contact: tuple[str, float] | None

    @property
    def id(self) -> str:
        return str(self.person["id"])

    def covering(self, min_strength: float) -> list[str]:
        """The internal people whose tie reaches ``min_strength``, by id."""
        return sorted(p for p, s in self.strengths.items() if s >= min_strength)


def best_of(strengths: dict[str, float]) -> tuple[str, float] | None:
    """The strongest tie, the smaller id on equal strength: ``(person, s)``.

    >>> best_of({"b": 40.0, "a": 40.0, "c": 12.5}), best_of({})
    (('a', 40.0), None)
    """
    if not strengths:
        return None
    top = max(strengths.values())
    return min(p for p, s in strengths.items() if s == top), top


def executives(view: NetworkView, staff: Iterable[Staffer]) -> list[Executive]:
    """Those of ``staff`` employed at ``as_of``, with ``s`` of each tie to someone employed at
    home then; most senior first, then by id."""
    found = []
    as_of = view.as_of
    for member in staff:
        if not active(member.started_at, member.ended_at, as_of):
            continue
        strengths = {
            c.person_id: c.strength
            for c in member.contacts
            if c.strength > 0 and active(c.started_at, c.ended_at, as_of)
        }
        found.append(Executive(member.person, strengths, best_of(strengths)))
    return sorted(found, key=lambda e: (seniority_rank(e.person.get("seniority")), e.id))


def _ratio(covered: int, total: int) -> float | None:
    return covered / total if total else None


def account_result(
    account_id: str,
    execs: list[Executive],
    managers: Set[str],
    min_strength: float,
    names: Names,
) -> AccountCoverage:
    """Coverage of one account whose internal account managers are ``managers``, with the
    names of the account, its best contacts and managers."""
    rows: list[ExecutiveCoverage] = []
    everyone: set[str] = set()
    manager_covers: list[str] = []
    for e in execs:
        by = e.covering(min_strength)
        everyone.update(by)
        best = e.best_contact
        if not managers.isdisjoint(by):
            manager_covers.append(e.id)
        rows.append(
            ExecutiveCoverage(
                person_id=e.id,
                name=e.person["name"],
                title=e.person.get("title"),
                seniority=e.person["seniority"],
                covered=bool(by),
                threads=len(by),
                best_contact=None
                if best is None
                else BestContact(person_id=best[0], name=names.name(best[0]), strength=best[1]),
            )
        )
    uncovered = sorted(r.person_id for r in rows if not r.covered)
    return AccountCoverage(
        account_id=account_id,
        name=names.company(account_id).name,
        coverage=_ratio(len(rows) - len(uncovered), len(rows)),
        executives=rows,
        uncovered=uncovered,
        single_threaded=len(everyone) == 1,
        account_managers=sorted(managers),
        named_account_managers=[names.person(m) for m in sorted(managers)],
        account_manager_covers=sorted(manager_covers),
    )


def summary(
    account_id: str, name: str, execs: list[Executive], min_strength: float
) -> AccountSummary:
    """One portfolio row."""
    covered = sum(1 for e in execs if e.covering(min_strength))
    return AccountSummary(
        account_id=account_id,
        name=name,
        coverage=_ratio(covered, len(execs)),
        executives=len(execs),
        covered=covered,
    )


def worst_first(rows: Iterable[AccountSummary], limit: int | None = None) -> Portfolio:
    """The first ``limit`` rows (all when ``None``) by coverage, those without executives last."""
    ordered = sorted(rows, key=lambda r: (r.coverage is None, r.coverage or 0.0, r.account_id))
    return Portfolio(accounts=ordered[:limit])
