"""The cheapest path of at most ``limit`` edges: a bidirectional, hop-bounded Dijkstra.

A label is a walk from one end with its weight and edge count, and a node
keeps every label that no other beats on both (a dearer way in may save
edges). The side with fewer open labels steps next. A label that, with the
cheapest open label of the other side, weighs at least the best path met is
kept off the queue: no path through it can beat that one. A label one or two
edges short of ``limit`` only steps towards the other end (see
:meth:`_Search._onwards`). The search stops once the two cheapest open labels together
weigh more than the best path met. Of paths that weigh exactly the same, it
returns the first by node ids, whatever the order neighbours are listed in: so
both backends, whose adjacencies list them in other orders, agree.

A node with ``GROUP`` steps or more that all weigh the same (a company's
staff) opens them as one :class:`_Group` instead of a label each: its members
share one front entry, and they leave the queue one at a time in node order,
only as far as the search gets to them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from heapq import heappop, heappush
from typing import NamedTuple

Steps = Callable[[str, bool], list[tuple[str, float]]]
"""``steps(v, backward)``: each visible step ``v -> w`` (``w -> v`` when ``backward``) with
its weight, the same list each time during a search. A step weighs the same both ways:
``v``'s steps backward are the steps into ``v``."""
Label = tuple[float, int, str, int]
"""An open label: weight, edges, node, index of the settled label it extends (a group's
members: ``-2 - `` the group's number)."""
Front = list[tuple[int, float, int]]
"""A node's labels on one side: edges, weight, index of the settled label each extends."""
Meet = tuple[int, int, str, int]
"""Where two sides meet: the side, its settled label, the node, the other side's label."""
Hub = tuple[list[str], frozenset[str]]
"""A group's members in node order, and as a set."""
Hubs = dict[tuple[str, bool], Hub | None]
"""Per node and direction, its steps' members when they form a group."""


class Ahead(NamedTuple):
    """What reaching the target costs at least from each node: ``known`` for the nodes a
    search from the target settled, ``floor`` for any other."""

    known: dict[str, float]
    floor: float


GROUP = 64
"""The fewest steps of one weight that are opened as a group."""


@dataclass(slots=True)
class _Group:
    """The members of a node reached as one label: ``edges`` and ``cost`` from ``parent``.

    ``skipped``: members that never had the label (banned, cut, or beaten on their side);
    ``dropped``: members whose label a better one replaced (they still leave the queue).
    """

    members: list[str]
    among: frozenset[str]
    edges: int
    cost: float
    parent: int
    skipped: set[str]
    dropped: set[str] = field(default_factory=set)
    next: int = 0

    def holds(self, w: str) -> bool:
        """Whether ``w`` has the group's label."""
        return w in self.among and w not in self.skipped and w not in self.dropped


class _Search:
    """One search's state: per side its queue, settled labels, fewest edges per settled
    node, fronts and groups."""

    def __init__(
        self,
        steps: Steps,
        ends: tuple[str, str],
        limit: int,
        banned: AbstractSet[str],
        cut: AbstractSet[tuple[str, str]],
        bound: float,
        hubs: Hubs,
        keep: int = 0,
        ahead: Ahead | None = None,
    ) -> None:
        source, target = ends
        self.steps, self.limit, self.banned, self.cut = steps, limit, banned, cut
        self.ends = (target, source)
        """The end each side walks towards."""
        self.hubs = hubs
        self.heaps: tuple[list[Label], list[Label]] = (
            [(0.0, 0, source, -1)],
            [(0.0, 0, target, -1)],
        )
        self.settled: tuple[list[tuple[str, int]], list[tuple[str, int]]] = ([], [])
        self.fewest: tuple[dict[str, int], dict[str, int]] = ({}, {})
        self.fronts: tuple[dict[str, Front], dict[str, Front]] = (
            {source: [(0, 0.0, -1)]},
            {target: [(0, 0.0, -1)]},
        )
        self.groups: tuple[list[_Group], list[_Group]] = ([], [])
        self.waiting = [0, 0]
        """Per side, group members still to leave the queue."""
        self.best = bound
        self.meet: Meet | None = None
        self.keep = keep
        """How many of the cheapest distinct simple paths met to keep."""
        self.kept: list[tuple[float, tuple[str, ...]]] = []
        """Those paths, the dearest first (weights negated)."""
        self.ceiling = math.inf if keep else -math.inf
        """The weight of the ``keep``-th cheapest path kept (``inf``: fewer kept)."""
        self.reach = max(self.best, self.ceiling)
        """The weight under which a path met counts."""
        self.ahead = ahead
        """Lower bounds of what the target still costs, for the source's side."""
        self.behind: dict[str, float] = {}
        """What the target's side settled each node at first (see :meth:`ahead_of`)."""
        self.unqueued = math.inf
        """The cheapest label the target's side kept off its queue."""
        self.into: list[dict[str, float] | None] = [None, None]
        """Per side, the steps into the end it walks towards, once read."""

    def run(self) -> tuple[float, list[str]] | None:
        heaps, waiting = self.heaps, self.waiting
        while heaps[0] and heaps[1] and heaps[0][0][0] + heaps[1][0][0] <= self.best:
            side = 0 if len(heaps[0]) + waiting[0] <= len(heaps[1]) + waiting[1] else 1
            self._step(side)
        return None if self.meet is None else (self.best, _join(self.settled, self.meet))

    def ahead_of(self) -> Ahead:
        """After :meth:`run` of a search without bans or cuts: what the target costs at least from
        each node. A node the target's side settled costs what it settled at first; any other
        at least the cheapest label left in its queue or kept off it (a walk there passes
        through one of those, or through a label that one beats)."""
        heap = self.heaps[1]
        return Ahead(self.behind, min(heap[0][0] if heap else math.inf, self.unqueued))

    def _step(self, side: int) -> None:
        """Settle the cheapest open label of ``side`` and step on from it."""
        heap = self.heaps[side]
        cost, hops, v, parent = heappop(heap)
        if parent < -1:
            group = self.groups[side][-2 - parent]
            group.next += 1
            self.waiting[side] -= 1
            if group.next < len(group.members):
                heappush(heap, (cost, hops, group.members[group.next], parent))
            if v in group.skipped:
                return
            parent = group.parent
        few = self.fewest[side]
        if hops >= few.get(v, self.limit + 1):
            return
        if side and v not in few:
            self.behind[v] = cost
        few[v] = hops
        index = len(self.settled[side])
        self.settled[side].append((v, parent))
        limit = self.limit
        if hops == limit or v == self.ends[side]:
            return
        edges = hops + 1
        backward = side == 1
        spare = limit - edges
        onwards = self._onwards(side, v, spare) if spare < 2 else self.steps(v, backward)
        if spare >= 2 and len(onwards) >= GROUP:
            hub = self._hub(v, backward, onwards)
            if hub is not None:
                self._open(side, v, hub, edges, cost + onwards[0][1], index)
                return
        self._relax(side, v, cost, edges, index, onwards)

    def _relax(
        self,
        side: int,
        v: str,
        cost: float,
        edges: int,
        index: int,
        onwards: list[tuple[str, float]],
    ) -> None:
        """Label each of ``onwards`` from the settled label ``index`` of ``v``."""
        few, banned, cut, limit = self.fewest[side], self.banned, self.cut, self.limit
        over = limit + 1
        mine, other = self.fronts[side], self.fronts[1 - side]
        groups, theirs_groups = self.groups[side], self.groups[1 - side]
        heap, theirs = self.heaps[side], self.heaps[1 - side]
        ahead = None if side else self.ahead
        known, floor = (None, 0.0) if ahead is None else ahead
        for w, step in onwards:
            if edges >= few.get(w, over) or (banned and w in banned):
                continue
            if cut and ((w, v) if side else (v, w)) in cut:
                continue
            c = cost + step
            if groups and not _beside(groups, w, edges, c):
                continue
            front = mine.get(w)
            if front is None:
                mine[w] = [(edges, c, index)]
            elif not _admit(front, edges, c, index):
                continue
            reach = self.reach
            for h, oc, op in other.get(w, ()):
                if edges + h <= limit and c + oc <= reach:
                    self._met(c + oc, (side, index, w, op))
                    reach = self.reach
            for g in theirs_groups:
                if edges + g.edges <= limit and c + g.cost <= reach and g.holds(w):
                    self._met(c + g.cost, (side, index, w, g.parent))
                    reach = self.reach
            best = self.best
            if c + theirs[0][0] <= best and (known is None or c + known.get(w, floor) <= best):
                heappush(heap, (c, edges, w, index))
            elif side and c < self.unqueued:
                self.unqueued = c

    def _onwards(self, side: int, v: str, spare: int) -> list[tuple[str, float]]:
        """The steps from ``v`` worth taking when the walk then has ``spare`` edges left:
        with none left, only to the end (the other side's label without edges is there);
        with one left, to the end and the nodes with a step into it."""
        into = self.into[side]
        if into is None:
            end = self.ends[side]
            into = self.into[side] = dict(self.steps(end, side == 0))
            into[end] = 0.0
        if spare == 0:
            weight = into.get(v)
            return [] if weight is None else [(self.ends[side], weight)]
        return [(w, cost) for w, cost in self.steps(v, side == 1) if w in into]

    def _met(self, weight: float, found: Meet) -> None:
        """A path of ``weight`` (at most :attr:`reach`) through ``found``."""
        if weight <= self.best and (weight < self.best or _before(self.settled, found, self.meet)):
            self.best, self.meet = weight, found
        if weight < self.ceiling:
            self._keep(weight, _join(self.settled, found))
        self.reach = max(self.best, self.ceiling)

    def _keep(self, weight: float, path: list[str]) -> None:
        """Keep ``path`` if it is simple and among the cheapest met."""
        walk = tuple(path)
        kept = self.kept
        if len(set(walk)) < len(walk) or any(walk == other for _, other in kept):
            return
        heappush(kept, (-weight, walk))
        if len(kept) > self.keep:
            heappop(kept)
        if len(kept) == self.keep:
            self.ceiling = -kept[0][0]

    def _hub(self, v: str, backward: bool, onwards: list[tuple[str, float]]) -> Hub | None:
        """``v``'s steps as a group's members, when they all weigh the same."""
        key = (v, backward)
        if key not in self.hubs:
            weight, hub = onwards[0][1], None
            if all(step == weight for _, step in onwards):
                members = sorted(w for w, _ in onwards)
                hub = (members, frozenset(members))
            self.hubs[key] = hub
        return self.hubs[key]

    def _open(
        self,
        side: int,
        v: str,
        hub: Hub,
        edges: int,
        c: float,
        index: int,
    ) -> None:
        """Reach the members of ``hub`` from the settled label ``index`` of ``v``, as
        :meth:`_relax` would one by one."""
        members, among = hub
        skipped = self._skipped(side, v, among, edges, c)
        group = _Group(members, among, edges, c, index, skipped)
        limit, other = self.limit, self.fronts[1 - side]
        for w in among.intersection(other):
            if w not in skipped:
                for h, oc, op in other[w]:
                    if edges + h <= limit and c + oc <= self.reach:
                        self._met(c + oc, (side, index, w, op))
        for g in self.groups[1 - side]:
            if edges + g.edges <= limit and c + g.cost <= self.reach:
                for w in among.intersection(g.among):
                    if w not in skipped and g.holds(w):
                        self._met(c + g.cost, (side, index, w, g.parent))
        if c + self.heaps[1 - side][0][0] > self.best:
            if side:
                self.unqueued = min(self.unqueued, c)
            return
        number = len(self.groups[side])
        self.groups[side].append(group)
        self.waiting[side] += len(members) - 1
        heappush(self.heaps[side], (c, edges, members[0], -2 - number))

    def _skipped(self, side: int, v: str, among: frozenset[str], edges: int, c: float) -> set[str]:
        """The members that would not take a label of ``edges`` and ``c`` one by one; the
        others take it, and labels at them that it beats are dropped."""
        skipped = {w for w in self.banned if w in among}
        for a, b in self.cut:
            if (b if side else a) == v and (w := a if side else b) in among:
                skipped.add(w)
        few = self.fewest[side]
        skipped.update(w for w in among.intersection(few) if edges >= few[w])
        mine = self.fronts[side]
        for w in among.intersection(mine):
            if w not in skipped and not _stands(mine[w], edges, c):
                skipped.add(w)
        groups = self.groups[side]
        for w in set().union(*(among.intersection(g.among) for g in groups)):
            if w not in skipped and not _beside(groups, w, edges, c):
                skipped.add(w)
        return skipped


def cheapest(
    steps: Steps,
    source: str,
    target: str,
    limit: int,
    banned: AbstractSet[str] = frozenset(),
    cut: AbstractSet[tuple[str, str]] = frozenset(),
    bound: float = math.inf,
    hubs: Hubs | None = None,
    ahead: Ahead | None = None,
) -> tuple[float, list[str]] | None:
    """The cheapest path of at most ``limit`` edges avoiding the ``banned`` nodes and the
    ``cut`` steps, with its weight; ``None`` when none weighs less than ``bound``.

    ``hubs`` keeps which nodes open groups from one search to the next over the same
    ``steps``; ``ahead``, what the target costs at least from each node: the source's side
    queues no label that cannot beat ``bound`` with it.

    >>> adj = {"a": "bc", "b": "at", "c": "at", "t": "bc"}
    >>> def steps(v, backward):
    ...     return [(w, 2.0 if "c" in (v, w) else 1.0) for w in adj[v]]
    >>> cheapest(steps, "a", "t", 2)
    (2.0, ['a', 'b', 't'])
    >>> cheapest(steps, "a", "t", 2, banned={"b"})
    (4.0, ['a', 'c', 't'])
    """
    search = _Search(
        steps, (source, target), limit, banned, cut, bound, {} if hubs is None else hubs, 0, ahead
    )
    return search.run()


def cheapest_met(
    steps: Steps, source: str, target: str, limit: int, keep: int, hubs: Hubs
) -> tuple[tuple[float, list[str]] | None, float, Ahead]:
    """:func:`cheapest`, and the weight of the ``keep``-th cheapest distinct simple path of
    at most ``limit`` edges that the search met on its way (``inf``: it met fewer). The
    ``keep`` cheapest paths weigh at most that much. Then what the target costs at least
    from each node (:meth:`_Search.ahead_of`), for later searches to the same target.

    >>> adj = {"a": "bc", "b": "at", "c": "at", "t": "bc"}
    >>> def steps(v, backward):
    ...     return [(w, 2.0 if "c" in (v, w) else 1.0) for w in adj[v]]
    >>> first, ceiling, ahead = cheapest_met(steps, "a", "t", 2, 2, {})
    >>> first, ceiling
    ((2.0, ['a', 'b', 't']), 4.0)
    """
    search = _Search(steps, (source, target), limit, frozenset(), frozenset(), math.inf, hubs, keep)
    return search.run(), search.ceiling, search.ahead_of()


def _beside(groups: list[_Group], w: str, edges: int, cost: float) -> bool:
    """Whether a label at ``w`` stands beside the groups' labels there: none is as cheap
    with as few edges (it drops those it beats)."""
    beaten = []
    for g in groups:
        if g.holds(w):
            if g.edges <= edges and g.cost <= cost:
                return False
            if edges <= g.edges and cost <= g.cost:
                beaten.append(g)
    for g in beaten:
        g.dropped.add(w)
    return True


def _before(
    settled: tuple[list[tuple[str, int]], list[tuple[str, int]]],
    found: Meet,
    meet: Meet | None,
) -> bool:
    """Whether the path through ``found`` comes before the one through ``meet`` by node ids
    (they weigh the same; with no ``meet``, the bound the search was given is no path)."""
    return meet is not None and _join(settled, found) < _join(settled, meet)


def _admit(front: Front, edges: int, cost: float, parent: int) -> bool:
    """Add a label to a node's front unless one there is as cheap with as few edges."""
    if not _stands(front, edges, cost):
        return False
    front.append((edges, cost, parent))
    return True


def _stands(front: Front, edges: int, cost: float) -> bool:
    """Whether a label of ``edges`` and ``cost`` stands beside a node's front: none there is
    as cheap with as few edges (it takes out those it beats)."""
    for h, c, _ in front:
        if h <= edges and c <= cost:
            return False
    front[:] = [x for x in front if not (edges <= x[0] and cost <= x[1])]
    return True


def _join(settled: tuple[list[tuple[str, int]], list[tuple[str, int]]], meet: Meet) -> list[str]:
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
