"""The relationship network at one instant, as the capabilities read it.

A :class:`NetworkView` answers the questions every capability asks — a tie's
strength at ``as_of``, a person's ties, who works where, the interactions two
people shared — from the :class:`~queries.view.reads.NetworkReads` of its
store's backend (``embedded.py``: the in-memory index; ``neo4j.py``: the Cypher
files of this folder). Ties are exact for any ``as_of``: a tie whose last
interaction came later has the interactions after ``as_of`` taken out (see
:mod:`graph_model.scoring`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from datetime import datetime

from graph_model.store import GraphStore, Props
from graph_model.ties import InteractionFact, Tie, add_interaction, pair_tie
from queries.backend import backend_reads
from queries.common import active, resolve_as_of
from queries.view.reads import NetworkReads, Pair

PAIR_READS = 32


def pair(p: str, q: str) -> Pair:
    """The ordered key of a tie."""
    return (p, q) if p < q else (q, p)


class NetworkView:
    """Ties and employment at ``as_of``."""

    __slots__ = (
        "_folded",
        "_later",
        "_latest",
        "_pair_reads",
        "as_of",
        "at",
        "backend",
        "decay",
        "model",
        "reads",
        "store",
    )

    def __init__(self, store: GraphStore, as_of: datetime) -> None:
        self.store = store
        self.backend = store.backend
        self.model = store.model
        self.as_of = as_of
        self.at = as_of.timestamp()
        self.decay = self.model.decay(self.at)
        """The factor that turns a tie's weight into ``R`` at ``as_of``."""
        self.reads: NetworkReads = backend_reads(NetworkReads, store.backend, store)
        self._latest: float | None = None
        self._later: dict[Pair, Tie] | None = None
        self._folded: AbstractSet[Pair] | None = None
        self._pair_reads = 0

    @property
    def latest(self) -> float:
        """When the latest interaction happened (epoch seconds; -inf when none), asked of the
        backend once per view."""
        if self._latest is None:
            self._latest = self.reads.latest_interaction()
        return self._latest

    def read_later_interactions(self, keys: AbstractSet[Pair] | None = None) -> None:
        """Read every interaction after ``as_of`` now, for a question about many ties; with
        ``keys``, fold only those ties' parts of them (the parts of the others are read
        again, all of them, if one is asked for)."""
        if self._later is None or self._folded is not None:
            self._fold_later(keys)

    def read_later_interactions_of(self, ties: Iterable[tuple[Pair, Tie]]) -> None:
        """Before a question scores the stored ``ties``: when more of them had interactions
        after ``as_of`` than the first few that read their own, read those interactions now,
        once, for these ties alone."""
        keys = {key for key, tie in ties if tie.last > self.at}
        if len(keys) > PAIR_READS:
            self.read_later_interactions(keys)

    def _later_part(self, key: Pair) -> Tie | None:
        """The part of the tie of ``key`` made of interactions later than ``as_of``."""
        if self._later is None or (self._folded is not None and key not in self._folded):
            self._fold_later(None)
        assert self._later is not None
        return self._later.get(key)

    def _fold_later(self, keys: AbstractSet[Pair] | None) -> None:
        """Fold every interaction after ``as_of`` into the later parts of the ties of ``keys``
        (of every tie when ``None``)."""
        later: dict[Pair, Tie] = {}
        if self.latest > self.at:
            for fact in self.reads.interactions_after(self.at):
                add_interaction(later, self.model, fact, among=keys)
        self._later, self._folded = later, keys

    def effective(self, key: Pair, tie: Tie) -> Tie:
        """``tie`` as it stood at ``as_of``.

        The first few ties asked for read their own later interactions; a question about
        many ties reads every interaction after ``as_of`` once instead.
        """
        if tie.last <= self.at:
            return tie
        if self._later is None and self._pair_reads < PAIR_READS:
            self._pair_reads += 1
            own = (f for f in self.reads.shared_interactions(*key) if f.at > self.at)
            later = pair_tie(self.model, key, own)
        else:
            later = self._later_part(key)
        return tie if later is None else tie.subtract(later)

    def strength_of(self, key: Pair, tie: Tie) -> float:
        """``s`` of a stored tie at ``as_of``."""
        now = tie if tie.last <= self.at else self.effective(key, tie)
        if not now.count or now.weight <= 0:
            return 0.0
        oriented = (now.out_a, now.out_b) if key[0] < key[1] else (now.out_b, now.out_a)
        rho = self.model.reciprocity(*oriented, now.mutual)
        return self.model.combine(now.weight * self.decay, rho)

    def strength(self, p: str, q: str) -> float:
        """``s(p, q)`` at ``as_of``, 0-100."""
        if p == q:
            return 0.0
        return self.reads.strength(self, pair(p, q))

    def ties_of(self, person_id: str) -> Iterator[tuple[str, float]]:
        """``(other person, strength)`` for each tie of ``person_id`` with strength > 0."""
        for other, stored in self.reads.ties_of(person_id):
            s = self.strength_of(pair(person_id, other), stored)
            if s > 0:
                yield other, s

    def ties_between(
        self, people: Iterable[str], others: AbstractSet[str]
    ) -> Iterator[tuple[str, str, float]]:
        """``(p, q, strength)`` for each tie of a person ``p`` of ``people`` with one ``q`` of
        ``others``, strength > 0."""
        for p, q, stored in self.reads.ties_between(people, others):
            s = self.strength_of(pair(p, q), stored)
            if s > 0:
                yield p, q, s

    def ties(self) -> Iterator[tuple[str, str, float]]:
        """``(a, b, strength)`` for every tie with strength > 0, ``a < b``."""
        for key, stored in self.reads.ties():
            s = self.strength_of(key, stored)
            if s > 0:
                yield key[0], key[1], s

    def shared_interactions(self, p: str, q: str) -> list[InteractionFact]:
        """Every interaction both took part in (whenever it happened)."""
        return self.reads.shared_interactions(p, q)

    def interactions_of_pairs(self, pairs: Iterable[Pair]) -> list[InteractionFact]:
        """Every interaction the two people of one of ``pairs`` took part in, once each."""
        return self.reads.interactions_of_pairs(pairs)

    def people(self, ids: Iterable[str]) -> dict[str, Props]:
        """What lists of people show of each (``id``, ``name``, ``title``, ``seniority``), by id."""
        return self.reads.people(ids)

    def employers(self, person_id: str) -> list[str]:
        """Companies ``person_id`` works at on ``as_of``, by id."""
        return sorted(c for c, job in self.reads.jobs_of(person_id) if active(*job, self.as_of))

    def works_at(self, person_id: str, company_id: str) -> bool:
        """Whether ``person_id`` works at ``company_id`` on ``as_of``."""
        job = self.reads.job(person_id, company_id)
        return job is not None and active(*job, self.as_of)

    def employees(self, company_id: str) -> list[str]:
        """People working at ``company_id`` on ``as_of``, by id."""
        return sorted(p for p, job in self.reads.staff_of(company_id) if active(*job, self.as_of))


def network_view(store: GraphStore, as_of: datetime | None = None) -> NetworkView:
    """The view of ``store``'s network at ``as_of`` (default now)."""
    return NetworkView(store, resolve_as_of(as_of))
