"""What a search reads of a store: the nodes of a label whose search key matches, and
people's current employers.

Each backend implements :class:`SearchReads` as ``Reads`` in the module named after it
(``embedded.py`` searches keys kept in memory, ``neo4j.py`` runs ``find.cypher`` on the
text index of ``search_key``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from queries.search.rank import Match

Searched = Literal["Person", "Company"]


@dataclass(frozen=True, order=True)
class Found:
    """A node whose key matches, in the order hits are listed: by match, key, id."""

    level: int
    key: str
    id: str
    label: Searched

    @property
    def match(self) -> Match:
        return list(Match)[self.level]


class SearchReads(Protocol):
    def find(self, label: Searched, folded: str, limit: int) -> list[Found]:
        """The first ``limit`` nodes of ``label`` whose search key matches the folded
        text ``folded`` (not empty), in :class:`Found` order."""
        ...

    def jobs(self, people: list[str], when: datetime) -> list[Job]:
        """The employments of ``people`` that are current at ``when``."""
        ...

    def prepare(self) -> None:
        """Get ready to answer the first search at once."""
        ...


@dataclass(frozen=True)
class Job:
    person: str
    company: str
    started_at: datetime | None
