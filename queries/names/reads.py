"""What naming reads of a store: people's names and jobs, companies' names, in one read.

Each backend implements :class:`NameReads` as ``Reads`` in the module named after it
(``embedded.py``: the index; ``neo4j.py`` with ``names.cypher``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from queries.view.reads import Job


@dataclass
class Found:
    """By id: the names of the people found, every job of theirs ``(company, job)``, and the
    names of the companies asked for and of every company those people work or worked at."""

    people: dict[str, str] = field(default_factory=dict)
    jobs: dict[str, list[tuple[str, Job]]] = field(default_factory=dict)
    companies: dict[str, str] = field(default_factory=dict)


class NameReads(Protocol):
    def names(self, people: list[str], companies: list[str]) -> Found:
        """What :class:`Found` holds of ``people`` and ``companies`` (unknown ids left out)."""
        ...
