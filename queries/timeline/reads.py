"""What a timeline reads of a store: the latest interactions of a person or a company.

Each backend implements :class:`TimelineReads` as ``Reads`` in the module named after it
(``embedded.py``, ``neo4j.py`` with the Cypher files of this folder).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Happened:
    """One interaction as a timeline shows it."""

    id: str
    kind: str
    occurred_at: datetime
    subject: str | None
    company_id: str | None
    initiator_id: str | None
    participants: tuple[str, ...]


class TimelineReads(Protocol):
    def of_person(self, person_id: str, until: datetime, limit: int) -> list[Happened]:
        """The ``limit`` latest interactions ``person_id`` took part in, at or before
        ``until``: newest first, then by id descending."""
        ...

    def of_company(self, company_id: str, until: datetime, limit: int) -> list[Happened]:
        """The same for a company: the interactions naming it as their company, and those
        anyone who works or worked there took part in."""
        ...
