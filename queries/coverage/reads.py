"""What coverage reads of a store, beside its :class:`~queries.view.NetworkView`.

Each backend implements :class:`CoverageReads` as ``Reads`` in the module named
after it (``embedded.py``, ``neo4j.py`` with the Cypher files of this folder).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from graph_model.store import Props


@dataclass(slots=True)
class Contact:
    """A tie with someone who works or worked at home: its strength at the view's
    ``as_of``, and when its last interaction happened (of all, ``as_of`` or not)."""

    person_id: str
    strength: float
    last: float
    started_at: datetime | None
    ended_at: datetime | None
    """Their employment at the home company."""


@dataclass(slots=True)
class Staffer:
    """Someone at one of the asked levels who works or worked at an account."""

    person: Props
    started_at: datetime | None
    ended_at: datetime | None
    contacts: list[Contact]


class CoverageReads(Protocol):
    """The accounts, their senior people and their contacts at home, whenever employed."""

    def accounts(self, home: str, tier: str | None) -> dict[str, str]:
        """Name by id of every company but ``home`` (of ``tier`` when given)."""
        ...

    def account_managers(self, account_id: str) -> set[str]:
        """Everyone with a ``MANAGES_ACCOUNT`` relationship to the account."""
        ...

    def staff(
        self, account_ids: Iterable[str], levels: Iterable[str], home: str
    ) -> dict[str, list[Staffer]]:
        """By account: the people at ``levels`` who work or worked there, with their contacts."""
        ...
