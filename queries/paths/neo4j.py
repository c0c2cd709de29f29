"""Path reads of Neo4j: the part of the graph a path search needs, read a batch at a time.

The search itself runs in Python (:mod:`queries.paths.search`) on the edges read
here, which are those the embedded index would give it. What to read follows a
bidirectional Dijkstra: each round reads, in one ``neighbourhood.cypher`` call,
the edges of the cheapest nodes not read yet on each side (at most ``BATCH`` a
side, twice as many each round after ``STEADY``), relaxes them, and asks the search for the ``k`` best paths among the edges
read so far. It stops once

- the cheapest unread node of the source's side and of the target's side together
  cost more than the ``k``-th best path found (a path through an unread edge would
  have to pass through a node cheaper than that on one of the sides, and all such
  nodes are read), or
- every node fewer than ``ceil(L / 2)`` steps from the source and every node fewer
  than ``floor(L / 2)`` steps from the target has been read (``L`` the most edges a
  path may have: every such path then lies among the edges read), or nothing is
  left to read.

Only nodes fewer than ``L`` steps from their side are read. Costs are those of the
search (``shortest`` adds ``HOP`` a step), so the paths found on the edges read are
those the whole graph has.
"""

from __future__ import annotations

import math
from heapq import heappop, heappush
from pathlib import Path
from typing import Any

from graph_model.neo4j.cypher import moment
from graph_model.ties import Tie
from queries.paths.cheapest import Steps
from queries.paths.costs import HOP, Adjacency, EdgeCosts, Request
from queries.paths.search import SLACK, cheapest_paths
from queries.view import NetworkView
from queries.view.neo4j import cypher

QUERY = Path(__file__).parent / "neighbourhood.cypher"
BATCH = 24
"""Nodes a side reads per round at most, in the first ``STEADY`` rounds."""
STEADY = 4
"""Rounds after which the batch doubles each round (up to ``MOST``): a search that needs
thousands of nodes takes a dozen rounds, not hundreds, each with its own round trip and
its own search for the ``k``-th best path."""
MOST = 2048


class Reads:
    """:class:`~queries.paths.reads.PathReads` with ``neighbourhood.cypher``."""

    def __init__(self, view: NetworkView) -> None:
        self.view = view

    def adjacency(self, costs: EdgeCosts, request: Request) -> Adjacency:
        return _Expansion(self, costs, request).run()

    def read(self, ids: list[str], lightest: float) -> list[list[Any]]:
        """The ``[id, other, tie, started_at, ended_at]`` rows of ``neighbourhood.cypher``."""
        rows: list[list[Any]] = cypher(self.view.store, QUERY, ids=ids, lightest=lightest)[0][
            "rows"
        ]
        return rows


class _Expansion:
    """The edges read so far, and a Dijkstra from each end over them."""

    def __init__(self, reads: Reads, costs: EdgeCosts, request: Request) -> None:
        self.reads, self.costs, self.request = reads, costs, request
        self.ends = (request.source, request.target)
        self.limit = request.length
        self.depth = ((self.limit + 1) // 2, self.limit // 2)
        source, target = self.ends
        self.adj: dict[str, dict[str, Any]] = {source: {}, target: {}}
        self.loaded: set[str] = set()
        self.steps = self._remembered(costs.steps(self.adj, HOP if request.shortest else 0.0))
        self.dist: tuple[dict[str, float], ...] = ({source: 0.0}, {target: 0.0})
        self.hops: tuple[dict[str, int], ...] = ({source: 0}, {target: 0})
        self.heaps: tuple[list[tuple[float, str]], ...] = ([(0.0, source)], [(0.0, target)])
        self.expanded: tuple[set[str], set[str]] = (set(), set())
        self.ring: tuple[set[str], set[str]] = ({source}, {target})
        """Nodes within the ring of their side (as the ring rule above) not expanded yet."""
        self.rounds = 0

    def run(self) -> Adjacency:
        source, target = self.ends
        if source == target or source in self.costs.staff:
            return self.adj
        while True:
            size = min(BATCH << max(self.rounds - STEADY, 0), MOST)
            self.rounds += 1
            batches = (self._batch(0, size), self._batch(1, size))
            if not batches[0] and not batches[1]:
                break
            self._load(sorted({v for batch in batches for v in batch} - self.loaded))
            for side, batch in enumerate(batches):
                for v in batch:
                    self._expand(side, v)
            if not self.ring[0] and not self.ring[1]:
                break
            if self._radius(0) + self._radius(1) > self._kth_best() + SLACK:
                break
        return self.adj

    def _batch(self, side: int, size: int) -> list[str]:
        """The cheapest nodes of ``side`` still to expand (``size`` at most)."""
        heap = self.heaps[side]
        batch: list[str] = []
        while heap and len(batch) < size:
            d, v = heappop(heap)
            if self._stale(side, d, v):
                continue
            self.expanded[side].add(v)
            self.ring[side].discard(v)
            if v != self.ends[1 - side]:
                batch.append(v)
        return batch

    def _radius(self, side: int) -> float:
        """What the cheapest node of ``side`` not expanded yet costs (``inf``: none)."""
        heap = self.heaps[side]
        while heap and self._stale(side, *heap[0]):
            heappop(heap)
        return heap[0][0] if heap else math.inf

    def _stale(self, side: int, d: float, v: str) -> bool:
        """Whether the heap entry ``(d, v)`` of ``side`` is not worth expanding: ``v`` was
        expanded, reached cheaper since, or lies as far from its end as a path may go."""
        return (
            v in self.expanded[side] or d > self.dist[side][v] or self.hops[side][v] >= self.limit
        )

    def _expand(self, side: int, v: str) -> None:
        dist, hops, heap = self.dist[side], self.hops[side], self.heaps[side]
        near = hops[v] + 1
        for w, cost in self.steps(v, side == 1):
            d = dist[v] + cost
            improved = d < dist.get(w, math.inf)
            if improved:
                dist[w] = d
            if near < hops.get(w, self.limit + 1):
                hops[w] = near
                if near < self.depth[side] and w not in self.expanded[side]:
                    self.ring[side].add(w)
                improved = True
            if improved and w not in self.expanded[side]:
                heappush(heap, (dist[w], w))

    def _remembered(self, steps: Steps) -> Steps:
        """``steps`` remembered for the nodes read: their edges are all read, so the steps
        from them stay the same from round to round."""
        memo: dict[tuple[str, bool], list[tuple[str, float]]] = {}
        loaded = self.loaded

        def remembered(v: str, backward: bool) -> list[tuple[str, float]]:
            if v not in loaded:
                return steps(v, backward)
            found = memo.get((v, backward))
            if found is None:
                found = memo[(v, backward)] = steps(v, backward)
            return found

        return remembered

    def _kth_best(self) -> float:
        """What the ``k``-th best path among the edges read costs (``inf``: fewer paths)."""
        k = self.request.k
        found = cheapest_paths(self.steps, *self.ends, self.limit, k, k)
        return found[k - 1][0] if len(found) >= k else math.inf

    def _load(self, ids: list[str]) -> None:
        if not ids:
            return
        adj = self.adj
        for node, other, tie, started_at, ended_at in self.reads.read(ids, self.costs.lightest):
            near = adj.setdefault(node, {})
            if other in near:
                continue
            if tie is None:
                data: Any = (moment(started_at), moment(ended_at))
            else:
                data = Tie.of(*tie)
            near[other] = data
            adj.setdefault(other, {})[node] = data
        self.loaded.update(ids)
