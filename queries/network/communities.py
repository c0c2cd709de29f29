"""Communities: groups of people more tied to each other than to the rest.

Louvain modularity optimisation (networkx ``louvain_communities``, weighted by
strength, seed 0, so deterministic) on the person graph
(:mod:`queries.network.person_graph`). Each community lists its members and
the companies they currently work at, both sorted; communities smaller than
``min_size`` are left out, the rest sort by size descending, then first
member, and are named ``c1``, ``c2``… in that order.
"""

from __future__ import annotations

from datetime import datetime

import networkx as nx
from pydantic import BaseModel

from graph_model.store import GraphStore
from queries.entities import CompanyRef
from queries.names import NamedNode, Names
from queries.network.person_graph import person_graph
from queries.view import network_view

SEED = 0


class Community(BaseModel):
    """Its members and their companies by id, and each named in ``named_members`` (with
    their company) and ``named_companies``, in the same order."""

    id: str
    size: int
    members: list[str]
    named_members: list[NamedNode]
    companies: list[str]
    named_companies: list[CompanyRef]


class Communities(BaseModel):
    communities: list[Community]


def communities(
    store: GraphStore,
    as_of: datetime | None = None,
    min_size: int = 2,
    min_strength: float = 5.0,
) -> Communities:
    """The communities of the person graph at ``as_of`` with at least ``min_size`` members."""
    view = network_view(store, as_of)
    graph = person_graph(view, min_strength)
    found = nx.community.louvain_communities(graph, weight="strength", seed=SEED)
    groups = sorted(
        (sorted(group) for group in found if len(group) >= min_size),
        key=lambda members: (-len(members), members[0]),
    )
    names = Names(view, (p for members in groups for p in members))
    companies = [sorted({c for p in members for c in names.held(p)}) for members in groups]
    return Communities(
        communities=[
            Community(
                id=f"c{i}",
                size=len(members),
                members=members,
                named_members=[names.person(p) for p in members],
                companies=held,
                named_companies=[names.company(c) for c in held],
            )
            for i, (members, held) in enumerate(zip(groups, companies, strict=True), start=1)
        ]
    )
