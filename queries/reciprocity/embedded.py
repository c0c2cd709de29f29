"""Reciprocity inputs read from the embedded store's networkx index."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from typing import Any, cast

from graph_model.embedded.store import EmbeddedStore
from graph_model.store import GraphStore
from queries.reciprocity.compute import Inputs, Supply

Edge = tuple[str, str, dict[str, Any]]


def _graph(store: GraphStore) -> Any:
    return cast(EmbeddedStore, store).index.graph


def _supplies(edges: Iterable[Edge]) -> list[Supply]:
    return [
        Supply(
            supplier=start,
            customer=end,
            product_id=data.get("product_id"),
            category=data.get("category"),
            annual_value=data.get("annual_value"),
            since=data.get("since"),
            until=data.get("until"),
        )
        for start, end, data in edges
        if data["type"] == "SUPPLIES"
    ]


def _offered(graph: Any, company_id: str) -> set[str]:
    return {p for _, p, data in graph.out_edges(company_id, data=True) if data["type"] == "OFFERS"}


def _product_categories(graph: Any, product_ids: Iterable[str]) -> dict[str, str]:
    found = {}
    for product_id in product_ids:
        node = graph.nodes.get(product_id, {})
        if node.get("label") == "Product" and node.get("category"):
            found[product_id] = node["category"]
    return found


def supplies_around(store: GraphStore, company_id: str) -> Inputs:
    """The supplies into and out of ``company_id`` and the products its customers offer."""
    graph = _graph(store)
    if company_id not in graph:
        return Inputs(supplies=[])
    supplies = _supplies(
        chain(graph.out_edges(company_id, data=True), graph.in_edges(company_id, data=True))
    )
    offers = {s.customer: _offered(graph, s.customer) for s in supplies if s.supplier == company_id}
    products = chain((s.product_id for s in supplies if s.product_id), *offers.values())
    return Inputs(supplies, _product_categories(graph, set(products)), offers)


def all_supplies(store: GraphStore) -> list[Supply]:
    """Every supply in the store."""
    return _supplies(_graph(store).edges(data=True))
