"""What each step of a path costs at ``as_of``.

The network is an :data:`Adjacency`: node to neighbour to the edge's
:class:`~graph_model.ties.Tie` or the job ``(started_at, ended_at)`` (a networkx
graph's ``_adj`` is one, the embedded index's :attr:`~graph_model.embedded.index.GraphIndex.adjacency`).

A :data:`~queries.paths.cheapest.Steps` function lists the visible steps of a
node with their weights, reading each edge's :class:`~graph_model.ties.Tie` (which
stands as its own attribute mapping) or its ``job`` as the search reaches the node:
nothing is copied per request and hidden edges never reach the search. A
person–person step costs ``-ln(s / 100)`` and is hidden when ``s < min_strength``
(``s`` by the formula of :mod:`graph_model.scoring` straight from the tie; through
``NetworkView.strength_of`` for ties with interactions after ``as_of``, which
only an ``as_of`` before the latest interaction checks for). A person–company
step costs ``-ln(colleague_strength / 100) / 2`` while the job is active at
``as_of`` and is hidden otherwise. For a company target, the step from one of
its current employees to the company is free and any other step away from
such an employee is hidden: a path ends at the first employee it reaches (the
company node is then dropped from it). In ``shortest`` mode every step also
weighs ``HOP``, more than any path within ``MAX_HOPS`` can cost (a visible
step's ``s / 100`` is at least the smallest float, so it costs less than 745):
the search orders by edge count, then by cost.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from graph_model.embedded.tie_index import Row
from graph_model.scoring import DAY, T0
from graph_model.ties import Tie, balance
from queries.common import active
from queries.paths.cheapest import Steps
from queries.view import NetworkView, pair

HOP = 1e4

Adjacency = Mapping[str, Mapping[str, Any]]
"""Node to neighbour to the edge's :class:`~graph_model.ties.Tie` or job ``(started_at, ended_at)``."""


@dataclass(frozen=True)
class Request:
    """What to look for: ``company`` when the target is a company."""

    source: str
    target: str
    company: bool
    shortest: bool
    k: int
    max_hops: int

    @property
    def length(self) -> int:
        """The most edges a path may have in the graph (one more to a company node)."""
        return self.max_hops + self.company


class EdgeCosts:
    """Strengths and weights of the edges at the view's ``as_of``, towards one target.

    ``staff``: the target company's current employees (empty for a person target).
    """

    def __init__(
        self,
        view: NetworkView,
        target: str,
        staff: frozenset[str],
        min_strength: float,
        colleague_strength: float,
    ) -> None:
        self.view = view
        self.target = target
        self.staff = staff
        self.min_strength = min_strength
        self.colleague_strength = colleague_strength
        self.final = view.latest <= view.at
        """No tie has interactions after ``as_of``."""
        if not self.final:
            view.read_later_interactions()
        self.floor = max(min_strength / 100.0, math.ulp(0.0))
        """The least ``s / 100`` of a visible tie."""
        self.lightest = _lightest(self.floor, _rate(view))
        """A tie weight under which no tie is visible, whatever its reciprocity (interactions
        after ``as_of`` only take weight away)."""
        self._weigh = self._visible(0.0)

    def strength(self, u: str, v: str, data: dict[str, Any]) -> float:
        """What an edge shows: the tie's ``s``, or ``colleague_strength`` for a job."""
        if isinstance(data, Tie):
            return self.view.strength_of(pair(u, v), data)
        return self.colleague_strength

    def score(self, adj: Adjacency, nodes: list[str]) -> float:
        """``100 * exp(-cost)`` of a path the steps allow."""
        weigh = self._weigh
        costs = (weigh(u, {v: adj[u][v]})[0][1] for u, v in pairwise(nodes))
        return 100.0 * math.exp(-math.fsum(costs))

    def steps(self, adj: Adjacency, hop: float) -> Steps:
        """The visible steps of ``adj``'s nodes, each weighing ``hop`` plus its cost.

        A node's steps are worked out once (an index's rows stay as they are meanwhile:
        the k paths' searches step from the same nodes again and again).
        """
        visible = self._visible(hop)
        known: dict[str, list[tuple[str, float]]] = {}

        def steps(v: str, backward: bool) -> list[tuple[str, float]]:
            found = known.get(v)
            if found is None:
                neighbours = adj[v]
                found = visible(v, neighbours)
                if neighbours.__class__ is Row:
                    known[v] = found
            return found

        return self._ending(steps, adj) if self.staff else steps

    def _visible(self, hop: float) -> Callable[[str, Mapping[str, Any]], list[tuple[str, float]]]:
        """``visible(v, neighbours)``: the visible steps from ``v`` to ``neighbours``, each
        weighing ``hop`` plus its cost, in their order."""
        as_of, at, rate = self.view.as_of, self.view.at, _rate(self.view)
        final, strength_of = self.final, self.view.strength_of
        floor, lightest = self.floor, self.lightest
        job_cost = hop - math.log(self.colleague_strength / 100.0) / 2.0
        exp, log = math.exp, math.log

        def visible(v: str, neighbours: Mapping[str, Any]) -> list[tuple[str, float]]:
            found: list[tuple[str, float]] = []
            if neighbours.__class__ is Row:
                row: Row = neighbours
                if row.file is not None and row.lo < row.hi:
                    mapped(v, row, found)
                neighbours = row.rest
            for w, data in neighbours.items():
                if not isinstance(data, Tie):
                    start, end = data
                    if active(start, end, as_of):
                        found.append((w, job_cost))
                    continue
                if final or data.last <= at:
                    if data.weight < lightest:
                        continue
                    f = 1.0 - exp(data.weight * rate)
                    if data.out_a != data.out_b:  # balanced: the factor is exactly 1
                        f *= balance(data.out_a, data.out_b, data.mutual)
                else:
                    f = strength_of(pair(v, w), data) / 100.0
                if f >= floor:
                    found.append((w, hop - log(f)))
            return found

        def mapped(v: str, row: Row, found: list[tuple[str, float]]) -> None:
            """``visible`` of the ties a tie file holds, read in place (the same formula)."""
            file, hidden = row.file, row.hidden
            assert file is not None
            names, lo, hi = file.names, row.lo, row.hi
            weight, balances, last = file.weight, file.balance, file.last
            for t, n in zip(file.tie[lo:hi], file.neighbour[lo:hi], strict=True):
                if final or last[t] <= at:
                    w_t = weight[t]
                    if w_t < lightest:
                        continue
                    f = (1.0 - exp(w_t * rate)) * balances[t]
                    if f < floor:
                        continue
                    w = names[n]
                    if hidden and w in hidden:
                        continue
                else:
                    w = names[n]
                    if hidden and w in hidden:
                        continue
                    f = strength_of(pair(v, w), file.tie_at(t)) / 100.0
                    if f < floor:
                        continue
                found.append((w, hop - log(f)))

        return visible

    def _ending(self, steps: Steps, adj: Adjacency) -> Steps:
        """``steps``, except that a step from a target company's employee ends the path."""
        staff, target = self.staff, self.target

        def ending(v: str, backward: bool) -> list[tuple[str, float]]:
            if not backward:
                if v in staff:
                    return [(target, 0.0)] if target in adj[v] else []
                return steps(v, backward)
            if v == target:
                return [(w, 0.0) for w, _ in steps(v, backward) if w in staff]
            return [(w, cost) for w, cost in steps(v, backward) if w not in staff]

        return ending


def _rate(view: NetworkView) -> float:
    """``rate`` with ``R / scale = -weight * rate`` at ``as_of`` (``-inf`` long before ``T0``)."""
    try:
        decay = math.pow(2.0, -(view.at - T0) / (view.model.half_life_days * DAY))
    except OverflowError:
        return -math.inf
    return -decay / view.model.scale


def _lightest(floor: float, rate: float) -> float:
    """A tie weight under which ``s / 100 <= 1 - exp(weight * rate)`` is below ``floor``
    whatever the reciprocity (a hair under the exact bound, so rounding hides nothing)."""
    if floor >= 1.0 or rate >= 0.0:
        return math.inf
    return math.log1p(-floor) / rate * (1.0 - 1e-9)
