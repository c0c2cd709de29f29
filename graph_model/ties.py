"""Ties: per-pair aggregates of the interactions two people shared.

A :class:`Tie` holds what the strength model needs for any ``as_of`` after its
last interaction (see :mod:`graph_model.scoring`); :func:`add_interaction`
folds one interaction into the ties of every pair of its participants. Both
backends keep them: the embedded store in memory, Neo4j as ``KNOWS``
relationships written in the same transaction as the interactions.

>>> from graph_model.scoring import ScoringModel
>>> ties: dict[tuple[str, str], Tie] = {}
>>> add_interaction(ties, ScoringModel(), InteractionFact("e1", "email", 0.0, ["p2", "p1", "p3"], "p1"))
>>> sorted(ties), ties["p1", "p2"].out_a, ties["p1", "p2"].mutual, ties["p2", "p3"].mutual
([('p1', 'p2'), ('p1', 'p3'), ('p2', 'p3')], 1, 0, 1)
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from graph_model.scoring import ScoringModel


class Tie:
    """Aggregates of one pair ``(a, b)``, ``a < b``: weight, counts by initiator, first/last.

    A tie also reads as the one-entry mapping ``{"tie": tie}``, so it can stand as
    its own edge attribute dict in a networkx graph (``data["tie"]`` works as for any
    edge) without a dict per edge.

    >>> tie = Tie()
    >>> tie["tie"] is tie, dict(tie) == {"tie": tie}, tie.get("job")
    (True, True, None)
    """

    __slots__ = ("count", "first", "last", "mutual", "out_a", "out_b", "weight")
    _KEY = "tie"

    def __init__(self) -> None:
        self.weight = 0.0
        self.count = 0
        self.out_a = 0
        self.out_b = 0
        self.mutual = 0
        self.first = float("inf")
        self.last = float("-inf")

    @classmethod
    def of(
        cls,
        weight: float,
        count: int,
        out_a: int,
        out_b: int,
        mutual: int,
        first: float,
        last: float,
    ) -> Tie:
        """A tie with these aggregates, in the order a store keeps them (the Cypher files
        return a ``KNOWS`` tie as this list: a list decodes faster than a map).

        >>> Tie.of(1.5, 2, 1, 0, 1, 10.0, 20.0).out_a
        1
        """
        tie = cls.__new__(cls)
        tie.weight, tie.count, tie.first, tie.last = weight, count, first, last
        tie.out_a, tie.out_b, tie.mutual = out_a, out_b, mutual
        return tie

    def add(self, contribution: float, at: float, started_by: int) -> None:
        """One more interaction; ``started_by`` is 0 (by a), 1 (by b) or -1 (mutual)."""
        self.weight += contribution
        self.count += 1
        if started_by == 0:
            self.out_a += 1
        elif started_by == 1:
            self.out_b += 1
        else:
            self.mutual += 1
        self.first = min(self.first, at)
        self.last = max(self.last, at)

    def clone(self) -> Tie:
        """A tie with the same aggregates, to fold into while this one is being read."""
        return Tie.of(
            self.weight, self.count, self.out_a, self.out_b, self.mutual, self.first, self.last
        )

    def subtract(self, other: Tie) -> Tie:
        """A new tie without ``other``'s interactions (those after some instant).

        Weight and counts are exact; ``first`` and ``last`` stay the whole tie's (the
        pair's interactions tell the latest one before that instant).
        """
        tie = Tie()
        if other.count >= self.count:
            return tie
        tie.weight = max(self.weight - other.weight, 0.0)
        tie.count = self.count - other.count
        tie.out_a = self.out_a - other.out_a
        tie.out_b = self.out_b - other.out_b
        tie.mutual = self.mutual - other.mutual
        tie.first = self.first
        tie.last = self.last
        return tie

    def __getitem__(self, key: str) -> Tie:
        if key == self._KEY:
            return self
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        return self if key == self._KEY else default

    def __contains__(self, key: object) -> bool:
        return key == self._KEY

    def __iter__(self) -> Iterator[str]:
        yield self._KEY

    def __len__(self) -> int:
        return 1

    def keys(self) -> tuple[str]:
        return (self._KEY,)

    def values(self) -> tuple[Tie]:
        return (self,)

    def items(self) -> tuple[tuple[str, Tie]]:
        return ((self._KEY, self),)

    def copy(self) -> dict[str, Tie]:
        return {self._KEY: self}

    def __repr__(self) -> str:
        return (
            f"Tie(weight={self.weight!r}, count={self.count}, out_a={self.out_a}, "
            f"out_b={self.out_b}, mutual={self.mutual})"
        )


@dataclass(frozen=True, slots=True)
class InteractionFact:
    """One interaction as ties see it."""

    id: str
    kind: str
    at: float
    participants: Sequence[str]
    initiator: str | None


def add_interaction(
    ties: MutableMapping[tuple[str, str], Tie],
    model: ScoringModel,
    fact: InteractionFact,
    among: Container[tuple[str, str]] | None = None,
) -> None:
    """Fold one interaction into ``ties`` (keyed by ordered pairs): into the tie of every pair
    of its participants, or of those pairs ``among`` these alone; ignored if it does not
    count."""
    people = sorted(set(fact.participants))
    contribution = model.contribution(fact.kind, fact.at, len(people))
    if contribution == 0.0:
        return
    for a, b in combinations(people, 2):
        if among is not None and (a, b) not in among:
            continue
        tie = ties.get((a, b))
        if tie is None:
            tie = ties[a, b] = Tie()
        tie.add(contribution, fact.at, _started_by(fact, a, b))


def pair_tie(
    model: ScoringModel, pair: tuple[str, str], facts: Iterable[InteractionFact]
) -> Tie | None:
    """The tie of ``pair`` (ordered) made of ``facts``, interactions both took part in;
    ``None`` when none of them counts.

    >>> fact = InteractionFact("m1", "meeting", 0.0, ["p2", "p1", "p3"], "p2")
    >>> tie = pair_tie(ScoringModel(), ("p1", "p2"), [fact])
    >>> tie.count, tie.out_b, pair_tie(ScoringModel(), ("p1", "p2"), [])
    (1, 1, None)
    """
    ties: dict[tuple[str, str], Tie] = {}
    for fact in facts:
        add_interaction(ties, model, fact, among=(pair,))
    return ties.get(pair)


def balance(out_a: int, out_b: int, mutual: int) -> float:
    """``0.5 + 0.5 * rho``, what a tie's strength is multiplied by for how balanced it is
    (see :mod:`graph_model.scoring`): exactly 1 when both sides started as many.

    >>> balance(2, 2, 0), balance(3, 1, 1)
    (1.0, 0.75)
    """
    if out_a == out_b:
        return 1.0
    m = mutual
    return 0.5 + 0.5 * ((out_a + m) / (out_b + m) if out_a < out_b else (out_b + m) / (out_a + m))


def _started_by(fact: InteractionFact, a: str, b: str) -> int:
    """0 when ``a`` started ``fact``, 1 when ``b`` did, -1 otherwise (mutual)."""
    return 0 if fact.initiator == a else 1 if fact.initiator == b else -1
