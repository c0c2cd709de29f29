"""The in-memory index of the embedded store.

``graph`` holds companies and products as nodes, with all their properties
(the store answers reads of them from here once the index is built), and the
trade between them (``OFFERS``, ``SUPPLIES``) and the account managers of
companies (``MANAGES_ACCOUNT``) as keyed edges of a networkx ``MultiDiGraph``. Of people's
properties, ``people`` keeps what lists of people show (name, title, seniority;
by id, so a question can pick the executives of a company without reading its
staff); the rest stay in SQLite. The relationship network the queries walk is
made of ``ties``, the person–person :class:`~graph_model.ties.Tie` aggregates (a
mapped :mod:`~graph_model.embedded.tie_file` with the ties changed since put
over it, :class:`~graph_model.embedded.tie_index.TieIndex`), and ``jobs``, the
person–company employment intervals (``(started_at, ended_at)``, both
ways; a person whose one job has no dates is held as the company's id alone, as most
are). Interactions themselves stay in SQLite.
The store feeds the index every committed row, in commit order, so it is a
view of the tables as of its last catch-up.

>>> from graph_model.scoring import ScoringModel
>>> index = GraphIndex(ScoringModel(), None)
>>> index.apply_node("Company", {"id": "c1", "name": "Acme"})
>>> index.apply_rel("WORKS_AT", "", {"start": "p1", "end": "c1"})
>>> sorted(index.graph.nodes), index.job("p1", "c1")
(['c1'], (None, None))
"""

from __future__ import annotations

import sys
from collections.abc import Container, Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

import networkx as nx

from graph_model.embedded.people import People
from graph_model.embedded.tie_file import TieFile
from graph_model.embedded.tie_index import Pair, Row, TieIndex
from graph_model.schema import PropType, node_type
from graph_model.scoring import ScoringModel
from graph_model.store import Props
from graph_model.ties import Tie

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


Job = tuple[datetime | None, datetime | None]
"""An employment's ``(started_at, ended_at)``."""


_NO_JOBS: dict[str, Job] = {}
_UNDATED: Job = (None, None)
"""The one job without dates most people have, held once."""


def _held(jobs: dict[str, Job] | str | None) -> dict[str, Job]:
    """Jobs as :attr:`GraphIndex.jobs` holds them, by company or person."""
    if jobs is None:
        return _NO_JOBS
    return {jobs: _UNDATED} if isinstance(jobs, str) else jobs


class GraphIndex:
    """Entities and relationships (``graph``) and ties between people (``ties``)."""

    def __init__(self, model: ScoringModel, file: TieFile | None) -> None:
        self.model = model
        self.graph: Any = nx.MultiDiGraph()
        self.ties = TieIndex(file)
        self.jobs: dict[str, dict[str, Job] | str] = {}
        """Person to company and company to person to ``(started_at, ended_at)``; a person
        with one job without dates, to that company (no dict for each of them)."""
        self.listed: dict[tuple[str, str, Any], set[str]] = {}
        """Ids of graph nodes by label, property and value (:data:`_LISTED`)."""
        self.people = People()
        """Each person's name, title and seniority, by id."""
        self.latest = float("-inf") if file is None else file.latest
        """The time of the latest interaction folded into the ties."""
        self.applied = 0
        """How many stored rows and interactions the index has read so far."""

    def apply_node(self, label: str, props: Props) -> None:
        """The node as stored now (properties it lost are dropped)."""
        self.applied += 1
        if label == "Person":
            self.people.put(props["id"], props["name"], props.get("title"), props.get("seniority"))
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

    def existing(self, label: str, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` that are nodes of ``label`` (a person, company or product)."""
        if label == "Person":
            return {i for i in ids if i in self.people}
        nodes = self.graph._node
        return {i for i in ids if (attrs := nodes.get(i)) is not None and attrs["label"] == label}

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
            job = _UNDATED if job == _UNDATED else job
            person, company = sys.intern(props["start"]), sys.intern(props["end"])
            held = self.jobs.get(person)
            if job is _UNDATED and (held is None or held == company):
                self.jobs[person] = company
            else:
                self._jobs_of(person)[company] = job
            self._jobs_of(company)[person] = job
            return
        attrs = {k: v for k, v in props.items() if k not in ("start", "end")}
        self.graph.add_edge(props["start"], props["end"], key=key)
        data = self.graph.edges[props["start"], props["end"], key]
        data.clear()
        data.update(attrs, type=rel_type)

    def _jobs_of(self, node_id: str) -> dict[str, Job]:
        """The jobs of a node as a dict of its own, to change."""
        held = self.jobs.get(node_id)
        if not isinstance(held, dict):
            held = self.jobs[node_id] = dict(_held(held))
        return held

    def put_ties(self, ties: Mapping[Pair, Tie | None], latest: float, interactions: int) -> None:
        """Put in these ties (``None``: the pair has none now), made of ``interactions`` more
        interactions, the latest at ``latest``."""
        self.ties.put(ties)
        self.latest = max(self.latest, latest)
        self.applied += interactions

    # -- reads ----------------------------------------------------------------

    @property
    def adjacency(self) -> Adjacency:
        """The network as the path search walks it: node to :class:`Row` of neighbour to
        the edge's :class:`~graph_model.ties.Tie` or :data:`Job`."""
        return Adjacency(self)

    def tie(self, a: str, b: str) -> Tie | None:
        """The tie of two people, counting every interaction."""
        tie: Tie | None = self.ties.get((a, b) if a < b else (b, a))
        return tie

    def ties_of(
        self, person_id: str, among: Container[str] | None = None
    ) -> Iterator[tuple[str, Tie]]:
        """``(other person, tie)`` for each tie of ``person_id`` (with one of ``among``)."""
        return self.ties.of(person_id, among)

    def all_ties(self) -> Iterator[tuple[Pair, Tie]]:
        """Every tie, keyed by its ordered pair."""
        return self.ties.items()

    def jobs_of(self, node_id: str) -> Iterator[tuple[str, Job]]:
        """``(company, job)`` of each employment of a person, ``(person, job)`` of a company."""
        yield from _held(self.jobs.get(node_id)).items()

    def staff(self, company_id: str) -> Mapping[str, Job]:
        """Everyone who has or had a job at ``company_id``, to the job."""
        return _held(self.jobs.get(company_id))

    def job(self, person_id: str, company_id: str) -> Job | None:
        """The employment of a person at a company, if any."""
        return _held(self.jobs.get(person_id)).get(company_id)

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


class Adjacency(Mapping[str, Row]):
    """An index's network, node to :class:`~graph_model.embedded.tie_index.Row`."""

    __slots__ = ("index",)

    def __init__(self, index: GraphIndex) -> None:
        self.index = index

    def __getitem__(self, node: str) -> Row:
        if node not in self:
            raise KeyError(node)
        return self.index.ties.row(node, _held(self.index.jobs.get(node)))

    def __contains__(self, node: object) -> bool:
        return node in self.index.jobs or self.index.ties.knows(node)  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[str]:
        raise TypeError("an index's network is not listed node by node")

    def __len__(self) -> int:
        raise TypeError("an index's network is not counted node by node")
