"""The part of a Neo4j graph a path search needs, read ring by ring into a small networkx graph.

A path of at most ``L`` edges (``Request.length``) only takes edges of nodes
fewer than ``ceil(L / 2)`` hops from the source or fewer than ``floor(L / 2)``
hops from the target. So the source's ring and the target's ring are read one
hop level at a time, both in the same Cypher call (``neighbourhood.cypher``),
and the next ring grows only along edges the weights allow. The graph carries
the same edge attributes as the embedded index (``tie``, ``job``), so
:mod:`queries.paths.search` gives the same answers on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import networkx as nx

from graph_model.neo4j.cypher import render
from graph_model.neo4j.store import Neo4jStore, native_value
from graph_model.store import GraphStore
from graph_model.ties import TieGraph
from queries.neo4j_view import tie_from_props
from queries.paths.search import EdgeCosts, Request

QUERY = Path(__file__).parent / "neighbourhood.cypher"


def _add(graph: Any, record: Any) -> None:
    """One edge of a ``neighbourhood.cypher`` record, as the embedded index keeps it."""
    node, other = record["id"], record["other"]
    if graph.has_edge(node, other):
        return
    tie = record["tie"]
    if tie is None:
        graph.add_edge(
            node, other, job=(native_value(record["started_at"]), native_value(record["ended_at"]))
        )
    else:
        TieGraph(graph)[node, other] = tie_from_props(tie)


def _next_ring(graph: Any, costs: EdgeCosts, ring: set[str], towards_target: bool) -> set[str]:
    """The nodes one allowed step away from ``ring`` (a step into it, on the target's side)."""
    steps, adj = costs.cost, graph._adj
    return {w for v in ring for w, _ in steps(v, adj[v], towards_target)}


def neighbourhood(store: GraphStore, costs: EdgeCosts, request: Request) -> Any:
    """The edges within reach of a path from ``request.source`` to ``request.target``."""
    depth = ((request.length + 1) // 2, request.length // 2)
    graph = nx.Graph()
    graph.add_nodes_from((request.source, request.target))
    rings = [{request.source}, {request.target}]
    reached = [{request.source}, {request.target}]
    read: set[str] = set()
    for level in range(depth[0]):
        sides = [side for side in (0, 1) if level < depth[side] and rings[side]]
        ids = sorted(set().union(*(rings[side] for side in sides)) - read)
        if ids:
            records = cast(Neo4jStore, store).read(render(QUERY), ids=ids, as_of=costs.view.as_of)
            for record in records:
                _add(graph, record)
            read.update(ids)
        for side in sides:
            if level + 1 < depth[side]:
                rings[side] = _next_ring(graph, costs, rings[side], side == 1) - reached[side]
                reached[side] |= rings[side]
    return graph
