"""What :class:`~queries.view.NetworkView` reads of a store: ties, interactions, employment."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from graph_model.store import Props
from graph_model.ties import InteractionFact, Tie

if TYPE_CHECKING:
    from queries.view import NetworkView

Pair = tuple[str, str]
Job = tuple[datetime | None, datetime | None]
"""An employment's ``(started_at, ended_at)``."""
SHOWN = ("id", "name", "title", "seniority")
"""What :meth:`NetworkReads.people` gives of a person."""


class NetworkReads(Protocol):
    """The stored ties (every interaction counted) and employment of one store."""

    def strength(self, view: NetworkView, key: Pair) -> float:
        """``s`` at the view's ``as_of`` of the stored tie of an ordered pair (0 when none)."""
        ...

    def ties_of(self, person_id: str) -> Iterator[tuple[str, Tie]]:
        """``(other person, tie)`` for each tie of ``person_id``."""
        ...

    def ties_between(
        self, people: Iterable[str], others: AbstractSet[str]
    ) -> Iterator[tuple[str, str, Tie]]:
        """``(p, q, tie)`` for each tie of a person ``p`` of ``people`` with one of ``others``."""
        ...

    def ties(self) -> Iterator[tuple[Pair, Tie]]:
        """Every tie, by ordered pair."""
        ...

    def latest_interaction(self) -> float:
        """When the latest interaction happened (epoch seconds; -inf when none)."""
        ...

    def interactions_after(self, at: float) -> Iterable[InteractionFact]:
        """Interactions later than ``at``, with their participants."""
        ...

    def shared_interactions(self, p: str, q: str) -> list[InteractionFact]:
        """Every interaction both took part in, with all its participants."""
        ...

    def interactions_of_pairs(self, pairs: Iterable[Pair]) -> list[InteractionFact]:
        """Every interaction the two people of one of ``pairs`` took part in, once each, by id."""
        ...

    def jobs_of(self, person_id: str) -> list[tuple[str, Job]]:
        """``(company, job)`` for each employment of a person."""
        ...

    def staff_of(self, company_id: str) -> list[tuple[str, Job]]:
        """``(person, job)`` for each employment at a company."""
        ...

    def job(self, person_id: str, company_id: str) -> Job | None:
        """The employment of a person at a company, if any."""
        ...

    def people(self, ids: Iterable[str]) -> dict[str, Props]:
        """What lists of people show of each (:data:`SHOWN`), by id; unknown ids left out."""
        ...
