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
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from datetime import datetime
from typing import Any, NamedTuple

import networkx as nx

from graph_model.schema import PropType, node_type
from graph_model.scoring import ScoringModel
from graph_model.store import Props
from graph_model.ties import InteractionFact, Tie, add_interaction

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


Pair = tuple[str, str]
Job = tuple[datetime | None, datetime | None]
"""An employment's ``(started_at, ended_at)``."""


class PersonBrief(NamedTuple):
    """What lists of people show of someone."""

    name: str
    title: str | None
    seniority: str | None


def _interned(value: str | None) -> str | None:
    """One string object for the many people who share a title or level."""
    return None if value is None else sys.intern(value)


class TieGraph(MutableMapping[Pair, Tie]):
    """The ties of an undirected networkx graph (edge attribute ``tie``), keyed by pair."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph

    def __getitem__(self, pair: Pair) -> Tie:
        tie: Tie = self.graph._adj[pair[0]][pair[1]]["tie"]
        return tie

    def get(self, pair: Pair, default: Any = None) -> Any:
        neighbours = self.graph._adj.get(pair[0])
        data = neighbours.get(pair[1]) if neighbours else None
        return default if data is None else data["tie"]

    def __setitem__(self, pair: Pair, tie: Tie) -> None:
        """The tie is the edge's attribute mapping itself (see :class:`Tie`)."""
        a, b = pair
        adj = self.graph._adj
        for node in pair:
            if node not in adj:
                self.graph.add_node(node)
        adj[a][b] = adj[b][a] = tie

    def __delitem__(self, pair: Pair) -> None:
        self.graph.remove_edge(*pair)

    def __iter__(self) -> Iterator[Pair]:
        for a, b, tie in self.graph.edges(data="tie"):
            if tie is not None:
                yield (a, b) if a < b else (b, a)

    def __len__(self) -> int:
        return sum(1 for _ in self)


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
        """Fold new interactions into the ties, in place."""
        for fact in facts:
            self.applied += 1
            self.latest = max(self.latest, fact.at)
            add_interaction(self.ties, self.model, fact)

    def put_ties(self, ties: Mapping[Pair, Tie | None], latest: float, interactions: int) -> None:
        """Put in these ties (``None``: the pair has none now), made of ``interactions`` more
        interactions, the latest at ``latest``."""
        for pair, tie in ties.items():
            if tie is not None:
                self.ties[pair] = tie
            elif self.ties.get(pair) is not None:
                del self.ties[pair]
        self.latest = max(self.latest, latest)
        self.applied += interactions

    # -- reads ----------------------------------------------------------------

    @property
    def adjacency(self) -> Mapping[str, Mapping[str, Any]]:
        """``network`` as the path search walks it: node to neighbour to the edge's
        :class:`~graph_model.ties.Tie` or ``{"job": Job}``."""
        adjacency: Mapping[str, Mapping[str, Any]] = self.network._adj
        return adjacency

    def tie(self, a: str, b: str) -> Tie | None:
        """The tie of two people, counting every interaction."""
        data = self.network._adj.get(a, {}).get(b)
        return data if isinstance(data, Tie) else None

    def ties_of(self, person_id: str) -> Iterator[tuple[str, Tie]]:
        """``(other person, tie)`` for each tie of ``person_id``."""
        for other, data in self.network._adj.get(person_id, {}).items():
            if isinstance(data, Tie):
                yield other, data

    def all_ties(self) -> Iterator[tuple[Pair, Tie]]:
        """Every tie, keyed by its ordered pair."""
        return iter(self.ties.items())

    def jobs(self, node_id: str) -> Iterator[tuple[str, Job]]:
        """``(company, job)`` of each employment of a person, ``(person, job)`` of a company."""
        for other, data in self.network._adj.get(node_id, {}).items():
            if not isinstance(data, Tie):
                yield other, data["job"]

    def job(self, person_id: str, company_id: str) -> Job | None:
        """The employment of a person at a company, if any."""
        data = self.network._adj.get(person_id, {}).get(company_id)
        if data is None or isinstance(data, Tie):
            return None
        job: Job = data["job"]
        return job

    def label(self, node_id: str) -> str | None:
        """The label of a graph node (company or product)."""
        attrs = self.graph._node.get(node_id)
        label: str | None = None if attrs is None else attrs.get("label")
        return label

    def companies(self) -> Iterator[tuple[str, Props]]:
        """``(id, properties)`` of every company (with ``label``)."""
        for node_id, attrs in self.graph._node.items():
            if attrs.get("label") == "Company":
                yield node_id, attrs

    def edges_of(self, node_id: str) -> Iterator[tuple[str, str, Props]]:
        """``(start, end, properties and type)`` of each ``OFFERS``, ``SUPPLIES`` and
        ``MANAGES_ACCOUNT`` relationship of a node, outgoing first."""
        graph = self.graph
        if node_id not in graph._node:
            return
        for end, keyed in graph._succ[node_id].items():
            for data in keyed.values():
                yield node_id, end, data
        for start, keyed in graph._pred[node_id].items():
            for data in keyed.values():
                yield start, node_id, data

    def all_edges(self) -> Iterator[tuple[str, str, Props]]:
        """Every graph relationship, as :meth:`edges_of` gives them."""
        yield from self.graph.edges(data=True)
