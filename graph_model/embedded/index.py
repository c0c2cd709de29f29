"""The in-memory networkx index of the embedded store.

``graph`` holds companies and products as nodes, with all their properties
(the store answers reads of them from here once the index is built), and the
trade between them (``OFFERS``, ``SUPPLIES``) and the account managers of
companies (``MANAGES_ACCOUNT``) as keyed edges of a ``MultiDiGraph``. Of people's
properties, ``people`` keeps what lists of people show (name, title, seniority;
by id, so a question can pick the executives of a company without reading its
staff); the rest stay in SQLite. ``network`` is the
relationship network the queries walk: an undirected graph of people and
companies whose person–person edges carry the pair's
:class:`~graph_model.ties.Tie` (attribute ``tie``) and whose person–company
edges carry the employment interval (attribute ``job``: ``(started_at,
ended_at)``). Interactions themselves stay in SQLite.
The store feeds the index every committed row, in commit order, so it is a
view of the tables as of its last catch-up.

>>> from graph_model.scoring import ScoringModel
>>> index = GraphIndex(ScoringModel())
>>> index.apply_node("Company", {"id": "c1", "name": "Acme"})
>>> index.apply_rel("WORKS_AT", "", {"start": "p1", "end": "c1"})
>>> sorted(index.graph.nodes), index.network.edges["p1", "c1"]
(['c1'], {'job': (None, None)})
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from itertools import combinations
from typing import Any, NamedTuple

import networkx as nx

from graph_model.schema import PropType, node_type
from graph_model.scoring import ScoringModel
from graph_model.store import Props
from graph_model.ties import InteractionFact, TieGraph, add_interaction, pair_tie

GRAPH_LABELS = ("Company", "Product")
"""The labels whose nodes ``graph`` holds whole."""
INDEXED_LABELS = (*GRAPH_LABELS, "Person")
INDEXED_TYPES = ("WORKS_AT", "OFFERS", "SUPPLIES", "MANAGES_ACCOUNT")
INDEXED_COLUMNS: dict[str, tuple[str, ...]] = {
    "Person": ("id", "name", "title", "seniority"),
    "WORKS_AT": ("start", "end", "key", "started_at", "ended_at"),
}
"""The only columns the index reads of these (every column of the others)."""
_LISTED = {
    label: tuple(
        p.name
        for p in node_type(label).properties
        if p.indexed and p.type in (PropType.STRING, PropType.BOOL)
    )
    for label in GRAPH_LABELS
}
"""The properties of graph nodes the index also lists nodes by (those SQLite indexes)."""


class PersonBrief(NamedTuple):
    """What lists of people show of someone."""

    name: str
    title: str | None
    seniority: str | None


def _interned(value: str | None) -> str | None:
    """One string object for the many people who share a title or level."""
    return None if value is None else sys.intern(value)


class GraphIndex:
    """Entities and relationships (``graph``) and ties between people (``ties``)."""

    def __init__(self, model: ScoringModel) -> None:
        self.model = model
        self.graph: Any = nx.MultiDiGraph()
        self.network: Any = nx.Graph()
        self.ties = TieGraph(self.network)
        self.listed: dict[tuple[str, str, Any], set[str]] = {}
        """Ids of graph nodes by label, property and value (:data:`_LISTED`)."""
        self.people: dict[str, PersonBrief] = {}
        """Each person's name, title and seniority, by id."""
        self.latest = float("-inf")
        """The time of the latest interaction folded into the ties."""
        self.applied = 0
        """How many stored rows and interactions the index has read so far."""

    def apply_node(self, label: str, props: Props) -> None:
        """The node as stored now (properties it lost are dropped)."""
        self.applied += 1
        if label == "Person":
            self.people[props["id"]] = PersonBrief(
                props["name"], _interned(props.get("title")), _interned(props.get("seniority"))
            )
        else:
            node_id = props["id"]
            self.graph.add_node(node_id)
            attrs = self.graph.nodes[node_id]
            for key in self._keys(label, attrs):
                self.listed[key].discard(node_id)
            attrs.clear()
            attrs.update(props, label=label)
            for key in self._keys(label, attrs):
                self.listed.setdefault(key, set()).add(node_id)

    @staticmethod
    def _keys(label: str, props: Props) -> list[tuple[str, str, Any]]:
        return [(label, p, props[p]) for p in _LISTED[label] if props.get(p) is not None]

    def nodes(self, label: str, ids: Iterable[str]) -> dict[str, Props]:
        """Graph nodes of ``label`` by id, as stored (:meth:`GraphStore.get_nodes`)."""
        found = {}
        for node_id in sorted(set(ids)):
            attrs = self.graph._node.get(node_id)
            if attrs is not None and attrs.get("label") == label:
                found[node_id] = {k: v for k, v in attrs.items() if k != "label"}
        return found

    def lists(self, label: str, prop: str) -> bool:
        """Whether :meth:`nodes_by` answers for ``prop`` of ``label``."""
        return prop in _LISTED.get(label, ())

    def nodes_by(self, label: str, prop: str, values: Iterable[Any]) -> list[Props]:
        """Graph nodes of ``label`` whose ``prop`` is one of ``values``, by id
        (:meth:`GraphStore.find_by`)."""
        ids = set().union(*(self.listed.get((label, prop, v), ()) for v in values))
        return list(self.nodes(label, ids).values())

    def apply_rel(self, rel_type: str, key: str, props: Props) -> None:
        self.applied += 1
        if rel_type == "WORKS_AT":
            job = (props.get("started_at"), props.get("ended_at"))
            self.network.add_edge(props["start"], props["end"], job=job)
            return
        attrs = {k: v for k, v in props.items() if k not in ("start", "end")}
        self.graph.add_edge(props["start"], props["end"], key=key)
        data = self.graph.edges[props["start"], props["end"], key]
        data.clear()
        data.update(attrs, type=rel_type)

    def add_interactions(self, facts: Iterable[InteractionFact]) -> None:
        """Fold new interactions into the ties."""
        for fact in facts:
            self.applied += 1
            self.latest = max(self.latest, fact.at)
            add_interaction(self.ties, self.model, fact)

    def pairs_of(self, facts: Iterable[InteractionFact]) -> set[tuple[str, str]]:
        """Every pair of participants of ``facts``."""
        pairs: set[tuple[str, str]] = set()
        for fact in facts:
            pairs.update(combinations(sorted(set(fact.participants)), 2))
        return pairs

    def replace_tie(self, pair: tuple[str, str], facts: Iterable[InteractionFact]) -> None:
        """Recount one pair's tie from all the interactions it shares."""
        facts = list(facts)
        self.latest = max([self.latest, *(fact.at for fact in facts)])
        tie = pair_tie(self.model, pair, facts)
        if tie is not None:
            self.ties[pair] = tie
        elif self.ties.get(pair) is not None:
            del self.ties[pair]
