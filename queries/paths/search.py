"""The k best paths between two nodes over the visible steps of :mod:`queries.paths.costs`.

:func:`~queries.paths.cheapest.cheapest` is a bidirectional Dijkstra bounded by the
number of edges, so ``max_hops`` holds exactly and no candidate is wasted on longer
paths. ``k = 1`` is one such search: among best paths of exactly the same cost it
returns the one the search meets first. ``shortest`` with ``k = 1`` is :func:`fewest_hops`.

For ``k > 1``, :func:`cheapest_paths` is Yen's algorithm with Lawler's restriction:
loopless paths within the hop bound, as the semantics ask, where Eppstein-style methods
enumerate walks that loop and a reverse shortest-path tree would search most of the
graph at this density. It also draws the paths tied with the k-th so that ties sort by
node ids, at most ``EXAMINED * k`` paths in all. Its branch searches share what the
first search learnt: the k-th cheapest distinct path it met bounds them all, and what
its target side settled is a lower bound of what the target still costs from there.
"""

from __future__ import annotations

import math
from heapq import heappop, heappush, nsmallest
from itertools import pairwise

from queries.paths.cheapest import Hubs, Steps, cheapest, cheapest_met
from queries.paths.costs import HOP, Adjacency, EdgeCosts, Request

MAX_K = 10
MAX_HOPS = 10
EXAMINED = 4
SLACK = 1e-9
"""Weights this close count as equal when collecting ties."""


def cheapest_paths(
    steps: Steps, source: str, target: str, limit: int, k: int, cap: int
) -> list[tuple[float, list[str]]]:
    """The ``k`` cheapest simple paths of at most ``limit`` edges with their weights, cheapest
    first, and those as cheap as the k-th (``cap`` paths at most).

    Yen's algorithm: each path branches off the paths found so far, from where it left
    the one it came from on (Lawler); a branch is only searched below the weight the
    k-th path can still have: below that of the k-th path queued, and below the k-th
    distinct simple path the first search met on its way.
    """
    hubs: Hubs = {}
    rows: dict[str, dict[str, float]] = {}
    first, ceiling, ahead = cheapest_met(steps, source, target, limit, k if cap > 1 else 0, hubs)
    if first is None:
        return []
    found = [first]
    queue: list[tuple[float, list[str], int]] = []
    queued = {tuple(first[1])}
    last, branch = first[1], 0
    while len(found) < cap:
        roots = [0.0]
        for u, v in pairwise(last):
            row = rows.get(u)
            if row is None:
                row = rows[u] = dict(steps(u, False))
            roots.append(roots[-1] + row[v])
        # the branches nearest the target first: their searches are small, and the paths
        # they find bound the larger searches nearer the source
        for i in reversed(range(branch, len(last) - 1)):
            bound = min(_bound(found, queue, k), ceiling + SLACK)
            cut = {(p[i], p[i + 1]) for _, p in found if p[: i + 1] == last[: i + 1]}
            banned = frozenset(last[:i])
            spur = cheapest(
                steps, last[i], target, limit - i, banned, cut, bound - roots[i], hubs, ahead
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


def fewest_hops(steps: Steps, source: str, target: str, limit: int) -> list[str] | None:
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
            for w, step in steps(v, side == 1):
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
        found = fewest_hops(costs.steps(adj, 0.0), source, target, request.length)
        if found is None:
            return []
        nodes = found[: len(found) - request.company]
        return [(nodes, costs.score(adj, nodes))]
    steps = costs.steps(adj, HOP if request.shortest else 0.0)
    cap = 1 if k == 1 else EXAMINED * k
    ranked: list[tuple[tuple[float, ...], list[str], float]] = []
    for _, path in cheapest_paths(steps, source, target, request.length, k, cap):
        nodes = path[: len(path) - request.company]
        score = costs.score(adj, nodes)
        order = (len(nodes), -round(score, 9)) if request.shortest else (-round(score, 9),)
        ranked.append((order, nodes, score))
    ranked.sort()
    return [(nodes, score) for _, nodes, score in ranked[:k]]
