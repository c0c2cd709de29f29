"""Warm introductions: the best relationship paths from a person to a person or a company.

Semantics in DESIGN.md ("Query semantics", Paths): person–person edges with
``s >= min_strength`` cost ``-ln(s / 100)``; current employment links a person
and a company at ``-ln(colleague_strength / 100) / 2``, so two colleagues are
linked through their company; a path's score is ``100 * exp(-cost)``.

- A company target is reached at its current employees: the path ends at the
  first one it reaches and the company is not part of it, so ``nodes``,
  ``hops`` and ``score`` count exactly the edges listed.
- A ``WORKS_AT`` edge shows ``strength = colleague_strength``: the two halves
  of a colleague link together weigh what a tie of that strength weighs.
  Colleague links do not depend on ``min_strength``.
- ``hops`` counts edges, person–company edges included; company nodes only
  appear between two colleagues.
- Paths sort best first: ``strongest`` by score descending, ``shortest`` by
  hops, then score descending; then by the node-id list. The source itself
  (``from == to``, or ``from`` already works at the target company) is one
  path of 0 hops and score 100.
- Search limits (k = 1, ties, candidates examined): see :mod:`queries.paths.search`.

>>> import tempfile, pathlib
>>> from datetime import UTC, datetime
>>> from graph_model.embedded.store import EmbeddedStore
>>> from graph_model.store import NodeUpsert, RelRow, RelUpsert
>>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()))
>>> now = datetime(2025, 3, 1, tzinfo=UTC)
>>> _ = store.write([
...     NodeUpsert("Company", [{"id": "acme", "name": "Acme"}]),
...     NodeUpsert("Person", [{"id": i, "name": i.title()} for i in ("ann", "bob", "cem")]),
...     NodeUpsert("Interaction", [{"id": "m1", "kind": "meeting", "occurred_at": now}]),
...     RelUpsert("WORKS_AT", [RelRow("bob", "acme"), RelRow("cem", "acme")]),
...     RelUpsert("PARTICIPATED_IN", [RelRow("ann", "m1"), RelRow("bob", "m1")]),
... ])
>>> [path] = paths(store, "ann", "cem", as_of=now).paths
>>> path.nodes, path.hops, round(path.score, 2)  # 100 * (1 - e^-0.5) * 0.3
(['ann', 'bob', 'acme', 'cem'], 3, 11.8)
>>> [(n.name, n.kind, n.company and n.company.name) for n in path.named_nodes]
[('Ann', 'person', None), ('Bob', 'person', 'Acme'), ('Acme', 'company', None), ('Cem', 'person', 'Acme')]
>>> [(e.type, round(e.strength, 2)) for e in path.edges]
[('KNOWS', 39.35), ('WORKS_AT', 30.0), ('WORKS_AT', 30.0)]
>>> [p.nodes for p in paths(store, "ann", "acme", as_of=now).paths]
[['ann', 'bob']]
>>> store.close()
"""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graph_model.settings import Settings
from graph_model.store import GraphStore
from queries.backend import backend_reads
from queries.common import UnknownId, node_label
from queries.names import Kind, NamedNode, Names
from queries.paths.costs import Adjacency, EdgeCosts, Request
from queries.paths.reads import PathReads
from queries.paths.search import MAX_HOPS, MAX_K, best_paths
from queries.view import NetworkView, network_view

MODES = ("strongest", "shortest")
MIN_STRENGTH: float = Settings.model_fields["path_min_strength"].default
COLLEAGUE_STRENGTH: float = Settings.model_fields["colleague_strength"].default

__all__ = [
    "MAX_HOPS",
    "MAX_K",
    "PathEdge",
    "PathsResult",
    "RelationshipPath",
    "configured_paths",
    "paths",
]


class PathEdge(BaseModel):
    """One step of a path, in path direction."""

    model_config = ConfigDict(validate_by_name=True, serialize_by_alias=True)

    from_: str = Field(alias="from")
    to: str
    type: Literal["KNOWS", "WORKS_AT"]
    strength: float
    """The tie's strength, or the colleague strength for a ``WORKS_AT`` edge."""


class RelationshipPath(BaseModel):
    """One path: its nodes from the source on (their ids, and each named in ``named_nodes``),
    its edges and their combined score."""

    nodes: list[str]
    named_nodes: list[NamedNode]
    hops: int
    score: float
    edges: list[PathEdge]


class PathsResult(BaseModel):
    """The best paths, best first; empty when there is none."""

    paths: list[RelationshipPath]


def _check(mode: str, k: int, max_hops: int, min_strength: float, colleague: float) -> None:
    if mode not in MODES:
        raise ValueError(f"mode must be strongest or shortest, not {mode!r}")
    if not 1 <= k <= MAX_K:
        raise ValueError(f"k must be between 1 and {MAX_K}, not {k}")
    if not 1 <= max_hops <= MAX_HOPS:
        raise ValueError(f"max_hops must be between 1 and {MAX_HOPS}, not {max_hops}")
    if not 0 <= min_strength <= 100:
        raise ValueError(f"min_strength must be between 0 and 100, not {min_strength}")
    if not 0 < colleague <= 100:
        raise ValueError(f"colleague_strength must be above 0 and at most 100, not {colleague}")


def _edges(adj: Adjacency, costs: EdgeCosts, nodes: list[str]) -> list[PathEdge]:
    """The edges of a path found in ``adj``, spelled out."""
    return [
        PathEdge(
            from_=u,
            to=v,
            type="KNOWS" if "tie" in adj[u][v] else "WORKS_AT",
            strength=costs.strength(u, v, adj[u][v]),
        )
        for u, v in pairwise(nodes)
    ]


def kinds(edges: list[PathEdge]) -> list[Kind]:
    """What each node of a path from a person is: a ``KNOWS`` edge leads to a person, a
    ``WORKS_AT`` edge from a person to a company and from a company to a person.

    >>> kinds([PathEdge(from_="a", to="b", type="WORKS_AT", strength=30.0)])
    ['person', 'company']
    """
    found: list[Kind] = ["person"]
    for edge in edges:
        found.append("company" if edge.type == "WORKS_AT" and found[-1] == "person" else "person")
    return found


def _named(
    view: NetworkView, found: list[tuple[list[str], list[PathEdge]]]
) -> list[list[NamedNode]]:
    """The nodes of each path, named in one lookup for all of them."""
    kinded = [list(zip(nodes, kinds(edges), strict=True)) for nodes, edges in found]
    people = {n for path in kinded for n, kind in path if kind == "person"}
    companies = {n for path in kinded for n, kind in path if kind == "company"}
    names = Names(view, people, companies)
    return [[names.node(n, kind) for n, kind in path] for path in kinded]


def paths(
    store: GraphStore,
    source: str,
    target: str,
    mode: str = "strongest",
    k: int = 3,
    max_hops: int = 6,
    min_strength: float = MIN_STRENGTH,
    as_of: datetime | None = None,
    *,
    colleague_strength: float = COLLEAGUE_STRENGTH,
) -> PathsResult:
    """The ``k`` best paths from person ``source`` to a person or company ``target``
    (:class:`~queries.common.UnknownId` for an unknown id; ``ValueError`` for a parameter
    out of range)."""
    _check(mode, k, max_hops, min_strength, colleague_strength)
    people = store.get_nodes("Person", [source, target])
    if source not in people:
        raise UnknownId("person", source)
    company = target not in people and node_label(store, target) == "Company"
    view = network_view(store, as_of)
    staff = frozenset(view.employees(target)) if company else frozenset()
    costs = EdgeCosts(view, target, staff, min_strength, colleague_strength)
    request = Request(source, target, company, mode == "shortest", k, max_hops)
    adj = backend_reads(PathReads, view.backend, view).adjacency(costs, request)
    found = [
        (nodes, score, _edges(adj, costs, nodes))
        for nodes, score in best_paths(adj, costs, request)
    ]
    named = _named(view, [(nodes, edges) for nodes, _, edges in found])
    return PathsResult(
        paths=[
            RelationshipPath(
                nodes=nodes, named_nodes=named_nodes, hops=len(nodes) - 1, score=score, edges=edges
            )
            for (nodes, score, edges), named_nodes in zip(found, named, strict=True)
        ]
    )


def configured_paths(
    store: GraphStore,
    settings: Settings,
    source: str,
    target: str,
    mode: str = "strongest",
    k: int = 3,
    max_hops: int = 6,
    min_strength: float | None = None,
    as_of: datetime | None = None,
) -> PathsResult:
    """:func:`paths` with ``min_strength`` given, else ``settings``' own, and the colleague
    strength of ``settings``."""
    floor = settings.path_min_strength if min_strength is None else min_strength
    return paths(
        store,
        source,
        target,
        mode,
        k,
        max_hops,
        floor,
        as_of,
        colleague_strength=settings.colleague_strength,
    )
