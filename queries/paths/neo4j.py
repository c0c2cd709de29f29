"""Path reads of Neo4j: the part of the graph a path search needs, read ring by ring.

A path of at most ``L`` edges (``Request.length``) only takes edges of nodes
fewer than ``ceil(L / 2)`` hops from the source or fewer than ``floor(L / 2)``
hops from the target. So the source's ring and the target's ring are read one
hop level at a time, both in the same Cypher call (``neighbourhood.cypher``),
and the next ring grows only along edges the weights allow. The adjacency holds
the same edges as the embedded index (a :class:`~graph_model.ties.Tie` or a
``job``), so :mod:`queries.paths.search` gives the same answers on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from queries.paths.search import Adjacency, EdgeCosts, Request
from queries.view import NetworkView
from queries.view.neo4j import cypher, job_of, tie_from_list

QUERY = Path(__file__).parent / "neighbourhood.cypher"


class Reads:
    """:class:`~queries.paths.reads.PathReads` with ``neighbourhood.cypher``."""

    def __init__(self, view: NetworkView) -> None:
        self.view = view

    def adjacency(self, costs: EdgeCosts, request: Request) -> Adjacency:
        depth = ((request.length + 1) // 2, request.length // 2)
        adj: dict[str, dict[str, Any]] = {request.source: {}, request.target: {}}
        rings = [{request.source}, {request.target}]
        reached = [{request.source}, {request.target}]
        read: set[str] = set()
        for level in range(depth[0]):
            sides = [side for side in (0, 1) if level < depth[side] and rings[side]]
            ids = sorted(set().union(*(rings[side] for side in sides)) - read)
            if ids:
                for record in cypher(self.view.store, QUERY, ids=ids, lightest=costs.lightest):
                    _add(adj, record)
                read.update(ids)
            for side in sides:
                if level + 1 < depth[side]:
                    rings[side] = _next_ring(adj, costs, rings[side], side == 1) - reached[side]
                    reached[side] |= rings[side]
        return adj


def _add(adj: dict[str, dict[str, Any]], record: Any) -> None:
    """One edge of a ``neighbourhood.cypher`` record, both ways."""
    node, other, tie = record["id"], record["other"], record["tie"]
    if other in adj.get(node, ()):
        return
    data = {"job": job_of(record)} if tie is None else tie_from_list(tie)
    adj.setdefault(node, {})[other] = data
    adj.setdefault(other, {})[node] = data


def _next_ring(adj: Adjacency, costs: EdgeCosts, ring: set[str], towards_target: bool) -> set[str]:
    """The nodes one allowed step away from ``ring`` (a step into it, on the target's side)."""
    return {w for v in ring for w, _ in costs.cost(v, adj[v], towards_target)}
