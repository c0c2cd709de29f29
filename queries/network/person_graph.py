"""The person graph that brokers and communities are computed on.

Its nodes are the people with at least one tie of ``s >= min_strength`` at
``as_of`` and its edges those ties, with attribute ``strength`` rounded to 1e-9
(the backends may differ in a float's last bits; rounding keeps that from
changing a partition). Nodes and edges are added in id order, so that
networkx, whose sampling and tie-breaking follow insertion order, gives the
same answer on both backends.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from queries.view import NetworkView


def person_graph(view: NetworkView, min_strength: float) -> Any:
    """An undirected ``networkx.Graph`` of the ties with ``s >= min_strength``."""
    ties = sorted((a, b, round(s, 9)) for a, b, s in view.ties() if s >= min_strength)
    graph = nx.Graph()
    graph.add_nodes_from(sorted({p for a, b, _ in ties for p in (a, b)}))
    graph.add_edges_from((a, b, {"strength": s}) for a, b, s in ties)
    return graph
