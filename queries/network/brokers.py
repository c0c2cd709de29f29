"""Brokers: the people who sit on the shortest paths between others.

The score is the normalized betweenness centrality of a person in the person
graph (:mod:`queries.network.person_graph`, ties of ``s >= min_strength``),
counting hops: brokerage is about who connects otherwise separate people, and
strength already decides which ties are edges. networkx computes it exactly
up to ``EXACT_MAX_NODES`` people; above that it samples ``PIVOTS`` source
nodes with a fixed seed (``sampled`` says so). People with score 0 are no
brokers; the rest sort by score descending, then id.
"""

from __future__ import annotations

from datetime import datetime

import networkx as nx
from pydantic import BaseModel

from graph_model.store import GraphStore
from queries.entities import CompanyRef
from queries.names import Names
from queries.network.person_graph import person_graph
from queries.view import network_view

EXACT_MAX_NODES = 2000
PIVOTS = 500
SEED = 0


class Broker(BaseModel):
    """A person by id and name, with the ``company`` they work at on ``as_of``."""

    person_id: str
    name: str
    company: CompanyRef | None
    score: float


class Brokers(BaseModel):
    brokers: list[Broker]
    sampled: bool
    """Whether the scores are estimated from ``PIVOTS`` sampled source nodes."""


def brokers(
    store: GraphStore,
    as_of: datetime | None = None,
    limit: int = 20,
    min_strength: float = 5.0,
) -> Brokers:
    """The ``limit`` people with the highest betweenness at ``as_of``."""
    view = network_view(store, as_of)
    graph = person_graph(view, min_strength)
    sampled = graph.number_of_nodes() > EXACT_MAX_NODES
    scores: dict[str, float] = nx.betweenness_centrality(
        graph, k=PIVOTS if sampled else None, normalized=True, seed=SEED
    )
    ranked = sorted(
        ((p, s) for p, s in scores.items() if s > 0), key=lambda ps: (-round(ps[1], 9), ps[0])
    )[:limit]
    names = Names(view, (p for p, _ in ranked))
    return Brokers(
        brokers=[
            Broker(person_id=p, name=names.name(p), company=names.employer_of(p), score=s)
            for p, s in ranked
        ],
        sampled=sampled,
    )
