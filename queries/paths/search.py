"""The path search: what each step costs at ``as_of``, and the k best paths over an adjacency.

The network is an :data:`Adjacency`: node to neighbour to the edge's
:class:`~graph_model.ties.Tie` or the job ``(started_at, ended_at)`` (a networkx
graph's ``_adj`` is one, the embedded index's :attr:`~graph_model.embedded.index.GraphIndex.adjacency`).

Steps. A :data:`Steps` function lists the visible steps between a node and its
neighbours with their weights, reading each edge's
:class:`~graph_model.ties.Tie` (which stands as its own attribute mapping) or
its ``job`` as the search reaches the node: nothing is copied per request and
hidden edges never reach the search. A person–person step costs
``-ln(s / 100)`` and is hidden when ``s < min_strength`` (``s`` by the formula
of :mod:`graph_model.scoring` straight from the tie; through
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

Search. :func:`cheapest` is a bidirectional Dijkstra bounded by the number of
edges, so ``max_hops`` holds exactly and no candidate is wasted on longer
paths: a walk near that bound only steps towards the other end, and a label
that cannot beat the best path met, whatever the other side adds, is not
queued. ``k = 1`` is one such search: among best paths of exactly the same
cost it returns the one the search meets first. For ``k > 1``,
:func:`cheapest_paths` (Yen's algorithm) also draws the paths tied with the
k-th so that ties sort by node ids, at most ``EXAMINED * k`` paths in all.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from heapq import heappop, heappush, nsmallest
from itertools import pairwise
from typing import Any

from graph_model.embedded.tie_index import Row
from graph_model.scoring import DAY, T0
from graph_model.ties import Tie, balance
from queries.common import active
from queries.view import NetworkView, pair

MAX_K = 10
MAX_HOPS = 10
HOP = 1e4
EXAMINED = 4
SLACK = 1e-9
"""Weights this close count as equal when collecting ties."""

Adjacency = Mapping[str, Mapping[str, Any]]
"""Node to neighbour to the edge's :class:`~graph_model.ties.Tie` or job ``(started_at, ended_at)``."""
Steps = Callable[[str, Mapping[str, Any], bool], list[tuple[str, float]]]
"""``steps(v, neighbours, backward)``: each visible step ``v -> w`` (``w -> v`` when
``backward``) to one of ``neighbours`` (``v``'s adjacency: ``w`` to edge data) with its
weight, in adjacency order."""
Label = tuple[float, int, str, int]
"""An open label: weight, edges, node, index of the settled label it extends."""


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
        self.cost = self.steps(0.0)
        """The visible steps, weighed by their cost alone."""

    def strength(self, u: str, v: str, data: dict[str, Any]) -> float:
        """What an edge shows: the tie's ``s``, or ``colleague_strength`` for a job."""
        if isinstance(data, Tie):
            return self.view.strength_of(pair(u, v), data)
        return self.colleague_strength

    def score(self, adj: Adjacency, nodes: list[str]) -> float:
        """``100 * exp(-cost)`` of a path the steps allow."""
        costs = (step_weight(self.cost, adj, u, v) for u, v in pairwise(nodes))
        return 100.0 * math.exp(-math.fsum(costs))

    def steps(self, hop: float) -> Steps:
        """The visible steps, each weighing ``hop`` plus its cost."""
        as_of, at, rate = self.view.as_of, self.view.at, _rate(self.view)
        final, strength_of = self.final, self.view.strength_of
        floor, lightest = self.floor, self.lightest
        job_cost = hop - math.log(self.colleague_strength / 100.0) / 2.0
        exp, log = math.exp, math.log
        known: dict[str, list[tuple[str, float]]] = {}
        """The steps of each whole row seen (an index's rows stay as they are meanwhile:
        the k paths' searches step from the same nodes again and again)."""

        def visible(
            v: str, neighbours: Mapping[str, Any], backward: bool
        ) -> list[tuple[str, float]]:
            found: list[tuple[str, float]] = []
            if neighbours.__class__ is Row:
                if (seen := known.get(v)) is not None:
                    return seen
                known[v] = found
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
            names, neighbour, tie = file.names, file.neighbour, file.tie
            weight, balances, last = file.weight, file.balance, file.last
            for e in range(row.lo, row.hi):
                t = tie[e]
                if final or last[t] <= at:
                    w_t = weight[t]
                    if w_t < lightest:
                        continue
                    f = (1.0 - exp(w_t * rate)) * balances[t]
                    if f < floor:
                        continue
                    w = names[neighbour[e]]
                    if w in hidden:
                        continue
                else:
                    w = names[neighbour[e]]
                    if w in hidden:
                        continue
                    f = strength_of(pair(v, w), file.tie_at(t)) / 100.0
                    if f < floor:
                        continue
                found.append((w, hop - log(f)))

        return self._ending(visible) if self.staff else visible

    def _ending(self, steps: Steps) -> Steps:
        """``steps``, except that a step from a target company's employee ends the path."""
        staff, target = self.staff, self.target

        def ending(
            v: str, neighbours: Mapping[str, Any], backward: bool
        ) -> list[tuple[str, float]]:
            if not backward:
                if v in staff:
                    return [(target, 0.0)] if target in neighbours else []
                return steps(v, neighbours, backward)
            if v == target:
                return [(w, 0.0) for w in neighbours if w in staff]
            return [(w, cost) for w, cost in steps(v, neighbours, backward) if w not in staff]

        return ending


def step_weight(steps: Steps, adj: Any, u: str, v: str) -> float:
    """The weight of a step ``u -> v`` that ``steps`` shows."""
    [(_, cost)] = steps(u, {v: adj[u][v]}, False)
    return cost


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


def cheapest(
    adj: Any,
    steps: Steps,
    source: str,
    target: str,
    limit: int,
    banned: AbstractSet[str] = frozenset(),
    cut: AbstractSet[tuple[str, str]] = frozenset(),
    bound: float = math.inf,
) -> tuple[float, list[str]] | None:
    """The cheapest path of at most ``limit`` edges avoiding the ``banned`` nodes and the
    ``cut`` steps, with its weight; ``None`` when none weighs less than ``bound``.

    Bidirectional label-setting Dijkstra over a networkx adjacency: a label is a
    walk from one end with its weight and edge count, and a node keeps every
    label that no other beats on both (a dearer way in may save edges). A label
    that, with the cheapest open label of the other side, weighs at least the
    best path met is kept off the queue: no path through it can beat that one.
    A label one or two edges short of ``limit`` only steps towards the other end
    (see :func:`_onwards`). The search stops once the two cheapest open labels
    together weigh more than the best path met. Of paths that weigh exactly the
    same, it returns the first by node ids, whatever the order neighbours are
    listed in: so both backends, whose adjacencies list them in other orders, agree.
    """
    over = limit + 1
    ends = (target, source)
    heaps: tuple[list[Label], list[Label]] = ([(0.0, 0, source, -1)], [(0.0, 0, target, -1)])
    settled: tuple[list[tuple[str, int]], list[tuple[str, int]]] = ([], [])
    fewest: tuple[dict[str, int], dict[str, int]] = ({}, {})
    fronts: tuple[dict[str, list[tuple[int, float, int]]], ...] = (
        {source: [(0, 0.0, -1)]},
        {target: [(0, 0.0, -1)]},
    )
    best = bound
    near: dict[str, frozenset[str]] = {}
    meet: tuple[int, int, str, int] | None = None
    side = 1
    while heaps[0] and heaps[1] and heaps[0][0][0] + heaps[1][0][0] <= best:
        side = 1 - side
        cost, hops, v, parent = heappop(heaps[side])
        few = fewest[side]
        if hops >= few.get(v, over):
            continue
        few[v] = hops
        index = len(settled[side])
        settled[side].append((v, parent))
        if hops == limit or v == ends[side]:
            continue
        mine, other, edges = fronts[side], fronts[1 - side], hops + 1
        heap, theirs = heaps[side], heaps[1 - side]
        onwards = _onwards(adj, steps, v, side == 1, ends[side], limit - edges, near)
        for w, step in onwards:
            if edges >= few.get(w, over) or (banned and w in banned):
                continue
            if cut and ((w, v) if side else (v, w)) in cut:
                continue
            c = cost + step
            front = mine.get(w)
            if front is None:
                mine[w] = [(edges, c, index)]
            elif not _admit(front, edges, c, index):
                continue
            for h, oc, op in other.get(w, ()):
                if edges + h <= limit and c + oc <= best:
                    found = (side, index, w, op)
                    if c + oc < best or _before(settled, found, meet):
                        best, meet = c + oc, found
            if c + theirs[0][0] <= best:
                heappush(heap, (c, edges, w, index))
    return None if meet is None else (best, _join(settled, meet))


def _before(
    settled: tuple[list[tuple[str, int]], list[tuple[str, int]]],
    found: tuple[int, int, str, int],
    meet: tuple[int, int, str, int] | None,
) -> bool:
    """Whether the path through ``found`` comes before the one through ``meet`` by node ids
    (they weigh the same; with no ``meet``, the bound the search was given is no path)."""
    return meet is not None and _join(settled, found) < _join(settled, meet)


def _onwards(
    adj: Any,
    steps: Steps,
    v: str,
    backward: bool,
    end: str,
    spare: int,
    near: dict[str, frozenset[str]],
) -> list[tuple[str, float]]:
    """The steps from ``v`` worth taking when the walk then has ``spare`` edges left: with
    none left, only to ``end`` (the other side's one label without edges is there); with one
    left, to ``end`` and its neighbours (``near`` keeps each end's, once read); otherwise all
    of them.

    >>> adj = {"a": {"b": {}, "c": {}, "t": {}}, "t": {"a": {}, "b": {}}}
    >>> def steps(v, neighbours, backward):
    ...     return [(w, 1.0) for w in neighbours]
    >>> [[w for w, _ in _onwards(adj, steps, "a", False, "t", spare, {})] for spare in (0, 1, 2)]
    [['t'], ['b', 't'], ['b', 'c', 't']]
    """
    neighbours: Mapping[str, Any] = adj[v]
    if spare == 0:
        return steps(v, {end: neighbours[end]} if end in neighbours else {}, backward)
    if spare == 1:
        around = near.get(end)
        if around is None:
            around = near[end] = frozenset(adj[end]) | {end}
        return [(w, cost) for w, cost in steps(v, neighbours, backward) if w in around]
    return steps(v, neighbours, backward)


def _admit(front: list[tuple[int, float, int]], edges: int, cost: float, parent: int) -> bool:
    """Add a label to a node's front unless one there is as cheap with as few edges."""
    for h, c, _ in front:
        if h <= edges and c <= cost:
            return False
    front[:] = [x for x in front if not (edges <= x[0] and cost <= x[1])]
    front.append((edges, cost, parent))
    return True


def _join(
    settled: tuple[list[tuple[str, int]], list[tuple[str, int]]], meet: tuple[int, int, str, int]
) -> list[str]:
    """The path through ``meet``: a settled label of one side, a node, a label of the other."""
    side, index, node, other = meet
    forward, backward = (index, other) if side == 0 else (other, index)
    nodes: list[str] = []
    while forward >= 0:
        v, forward = settled[0][forward]
        nodes.append(v)
    nodes.reverse()
    nodes.append(node)
    while backward >= 0:
        v, backward = settled[1][backward]
        nodes.append(v)
    return nodes


def cheapest_paths(
    adj: Any, steps: Steps, source: str, target: str, limit: int, k: int, cap: int
) -> list[tuple[float, list[str]]]:
    """The ``k`` cheapest simple paths of at most ``limit`` edges with their weights, cheapest
    first, and those as cheap as the k-th (``cap`` paths at most).

    Yen's algorithm: each path branches off the paths found so far, from where it left
    the one it came from on (Lawler); a branch is only searched below the weight the
    k-th path can still have.
    """
    first = cheapest(adj, steps, source, target, limit)
    if first is None:
        return []
    found = [first]
    queue: list[tuple[float, list[str], int]] = []
    queued = {tuple(first[1])}
    last, branch = first[1], 0
    while len(found) < cap:
        roots = [0.0]
        for u, v in pairwise(last):
            roots.append(roots[-1] + step_weight(steps, adj, u, v))
        # the branches nearest the target first: their searches are small, and the paths
        # they find bound the larger searches nearer the source
        for i in reversed(range(branch, len(last) - 1)):
            bound = _bound(found, queue, k)
            cut = {(p[i], p[i + 1]) for _, p in found if p[: i + 1] == last[: i + 1]}
            spur = cheapest(
                adj, steps, last[i], target, limit - i, frozenset(last[:i]), cut, bound - roots[i]
            )
            if spur is not None and (key := tuple(last[:i] + spur[1])) not in queued:
                queued.add(key)
                heappush(queue, (roots[i] + spur[0], list(key), i))
        if not queue or (len(found) >= k and queue[0][0] > found[k - 1][0] + SLACK):
            break
        cost, last, branch = heappop(queue)
        found.append((cost, last))
    return found


def _bound(
    found: list[tuple[float, list[str]]], queue: list[tuple[float, list[str], int]], k: int
) -> float:
    """The weight a new path must stay under to be among the k cheapest or tie the k-th."""
    need = k - len(found)
    if need <= 0:
        return found[k - 1][0] + SLACK
    if len(queue) >= need:
        return nsmallest(need, queue)[-1][0] + SLACK
    return math.inf


def fewest_hops(adj: Any, steps: Steps, source: str, target: str, limit: int) -> list[str] | None:
    """The cheapest of the paths with the fewest edges (at most ``limit``); ``None`` if none.

    Bidirectional breadth-first search over the visible ``steps``, a whole layer
    at a time from the smaller side; each node keeps the cheapest way in from its side
    within its layer (from the smaller node id when two cost the same, so the answer does
    not depend on the order neighbours are listed in). Once the sides meet, every shortest path passes through a node
    both sides reached, where the two cheapest halves join.
    """
    reached: tuple[dict[str, tuple[int, float, str | None]], ...] = (
        {source: (0, 0.0, None)},
        {target: (0, 0.0, None)},
    )
    fronts = ([source], [target])
    depth = [0, 0]
    met = False
    while fronts[0] and fronts[1] and depth[0] + depth[1] < limit and not met:
        side = 0 if len(fronts[0]) <= len(fronts[1]) else 1
        mine, other = reached[side], reached[1 - side]
        layer = depth[side] + 1
        grown: list[str] = []
        for v in fronts[side]:
            cost_v = mine[v][1]
            for w, step in steps(v, adj[v], side == 1):
                seen = mine.get(w)
                if seen is not None and seen[0] < layer:
                    continue
                if seen is None:
                    grown.append(w)
                    met = met or w in other
                if seen is None or (cost_v + step, v) < (seen[1], seen[2] or ""):
                    mine[w] = (layer, cost_v + step, v)
        depth[side] = layer
        fronts[side].clear()
        fronts[side].extend(grown)
    if not met:
        return None
    ahead, back = reached
    joins = [(ahead[m][0] + back[m][0], ahead[m][1] + back[m][1], m) for m in ahead if m in back]
    hops, _, middle = min(joins)
    if hops > limit:
        return None
    path = _walk(ahead, middle)[::-1] + _walk(back, middle)[1:]
    return path


def _walk(reached: dict[str, tuple[int, float, str | None]], node: str) -> list[str]:
    """``node`` back to where its side started."""
    nodes = [node]
    while (parent := reached[nodes[-1]][2]) is not None:
        nodes.append(parent)
    return nodes


def best_paths(adj: Adjacency, costs: EdgeCosts, request: Request) -> list[tuple[list[str], float]]:
    """The k best paths with their scores, best first (a company target's node dropped)."""
    source, target, k = request.source, request.target, request.k
    if source == target or source in costs.staff:
        return [([source], 100.0)]
    if source not in adj or target not in adj:
        return []
    if request.shortest and k == 1:
        found = fewest_hops(adj, costs.cost, source, target, request.length)
        if found is None:
            return []
        nodes = found[: len(found) - request.company]
        return [(nodes, costs.score(adj, nodes))]
    steps = costs.steps(HOP if request.shortest else 0.0)
    cap = 1 if k == 1 else EXAMINED * k
    ranked: list[tuple[tuple[float, ...], list[str], float]] = []
    for _, path in cheapest_paths(adj, steps, source, target, request.length, k, cap):
        nodes = path[: len(path) - request.company]
        score = costs.score(adj, nodes)
        order = (len(nodes), -round(score, 9)) if request.shortest else (-round(score, 9),)
        ranked.append((order, nodes, score))
    ranked.sort()
    return [(nodes, score) for _, nodes, score in ranked[:k]]
