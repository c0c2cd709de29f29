"""The in-memory networkx index of the embedded store.

It holds companies, people and products as nodes and the relationships between
them as keyed edges of a ``MultiDiGraph``; interactions stay in SQLite. The store
feeds it every committed row, in commit order, so it is always a view of the
tables as of the last catch-up.

>>> index = GraphIndex()
>>> index.apply_node("Company", {"id": "c1", "name": "Acme"})
>>> index.apply_rel("WORKS_AT", "k1", {"start": "p1", "end": "c1"})
>>> sorted(index.graph.nodes)
['c1', 'p1']
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph_model.store import Props

INDEXED_LABELS = frozenset({"Company", "Person", "Product"})
INDEXED_TYPES = frozenset({"WORKS_AT", "REPORTS_TO", "OFFERS", "SUPPLIES", "MANAGES_ACCOUNT"})


class GraphIndex:
    """Nodes keyed by id (attribute ``label``), edges keyed by the relationship key."""

    def __init__(self) -> None:
        self.graph: Any = nx.MultiDiGraph()
        self.applied = 0
        """How many stored rows the index has read so far."""

    def apply_node(self, label: str, props: Props) -> None:
        self.applied += 1
        if label in INDEXED_LABELS:
            self.graph.add_node(props["id"], label=label, **props)

    def apply_rel(self, rel_type: str, key: str, props: Props) -> None:
        self.applied += 1
        if rel_type not in INDEXED_TYPES:
            return
        attrs = {k: v for k, v in props.items() if k not in ("start", "end")}
        self.graph.add_edge(props["start"], props["end"], key=key, type=rel_type, **attrs)
