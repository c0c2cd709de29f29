"""The ego network of a person or a company: everything within a few hops, at ``as_of``.

The graph is made of the links of :mod:`queries.network.links`, walked in
either direction. Nodes come in breadth-first order (distance, then id); when
more than ``limit`` are within ``hops``, the first ``limit`` are kept and
``truncated`` is set. Edges join kept nodes only, sorted by (from, to, type).
Each ring is one read, and the nodes of the last ring are asked only for the
links among the kept nodes, so the walk never loads more than it shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from graph_model.store import GraphStore
from queries.common import NodeLabel as Label
from queries.common import node_label
from queries.network.links import Links, links_around
from queries.view import NetworkView, network_view

MAX_HOPS = 3
MAX_LIMIT = 5000
ENDS: dict[str, tuple[Label, Label]] = {
    "KNOWS": ("Person", "Person"),
    "WORKS_AT": ("Person", "Company"),
    "MANAGES_ACCOUNT": ("Person", "Company"),
    "SUPPLIES": ("Company", "Company"),
}


class EgoNode(BaseModel):
    """A person (with ``seniority``) or a company (with ``tier``), ``distance`` hops away."""

    id: str
    label: Label
    name: str
    distance: int
    seniority: str | None = None
    tier: str | None = None


class EgoEdge(BaseModel):
    """``KNOWS`` (``from`` < ``to``, with ``strength``), ``WORKS_AT``, ``SUPPLIES``
    (supplier to customer) or ``MANAGES_ACCOUNT``."""

    from_: str = Field(serialization_alias="from")
    to: str
    type: str
    strength: float | None = None


class EgoNetwork(BaseModel):
    nodes: list[EgoNode]
    edges: list[EgoEdge]
    truncated: bool


def _details(
    view: NetworkView, order: list[str], labels: dict[str, Label], distance: dict[str, int]
) -> list[dict[str, Any]]:
    """Each node of ``order`` as the fields of its :class:`EgoNode`."""
    people = view.people(n for n in order if labels[n] == "Person")
    companies = view.store.get_nodes("Company", [n for n in order if labels[n] == "Company"])
    nodes = []
    for n in order:
        props = people.get(n) or companies.get(n) or {}
        nodes.append(
            {
                "id": n,
                "label": labels[n],
                "name": props.get("name", n),
                "distance": distance[n],
                "seniority": props.get("seniority"),
                "tier": props.get("tier"),
            }
        )
    return nodes


def _split(ids: Iterable[str], labels: dict[str, Label]) -> tuple[list[str], list[str]]:
    ids = list(ids)
    return [n for n in ids if labels[n] == "Person"], [n for n in ids if labels[n] == "Company"]


def ego_network(
    store: GraphStore,
    node_id: str,
    hops: int = 2,
    limit: int = 500,
    as_of: datetime | None = None,
) -> EgoNetwork:
    """The ego network of ``node_id`` (:class:`~queries.common.UnknownId` when it is neither
    a person nor a company)."""
    if not 1 <= hops <= MAX_HOPS or not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"hops must be 1 to {MAX_HOPS} and limit 1 to {MAX_LIMIT}")
    label = node_label(store, node_id)
    view = network_view(store, as_of)
    distance, labels = {node_id: 0}, {node_id: label}
    found: Links = {}
    frontier, expanded = [node_id], set[str]()
    for ring in range(1, hops + 1):
        if not frontier or len(distance) > limit:
            break
        links = links_around(view, *_split(frontier, labels))
        found |= links
        expanded.update(frontier)
        for start, end, kind in links:
            start_label, end_label = ENDS[kind]
            labels.setdefault(start, start_label)
            labels.setdefault(end, end_label)
        frontier = sorted(labels.keys() - distance.keys())  # the nodes the links reached first
        distance.update(dict.fromkeys(frontier, ring))
    order = list(distance)  # ring by ring, each ring by id
    kept = order[:limit]
    rest = [n for n in kept if n not in expanded]
    if rest:
        found |= links_around(view, *_split(rest, labels), among=kept)
    keep = set(kept)
    shown = sorted(
        (link, strength) for link, strength in found.items() if link[0] in keep and link[1] in keep
    )
    edges = [
        {"from_": start, "to": end, "type": kind, "strength": strength}
        for (start, end, kind), strength in shown
    ]
    # validated as one document: a model per node and edge costs several times as much
    return EgoNetwork.model_validate(
        {
            "nodes": _details(view, kept, labels, distance),
            "edges": edges,
            "truncated": len(order) > limit,
        }
    )
