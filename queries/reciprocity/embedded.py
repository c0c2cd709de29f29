"""Reciprocity reads of the embedded store: its index."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from typing import Any, cast

from graph_model.embedded.index import GraphIndex
from graph_model.embedded.store import EmbeddedStore
from graph_model.store import GraphStore
from queries.reciprocity.compute import Inputs, Supply

Edge = tuple[str, str, dict[str, Any]]


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
            currency=data.get("currency"),
        )
        for start, end, data in edges
        if data["type"] == "SUPPLIES"
    ]


class Reads:
    """:class:`~queries.reciprocity.reads.ReciprocityReads` from the index."""

    def __init__(self, store: GraphStore) -> None:
        self.index: GraphIndex = cast(EmbeddedStore, store).index

    def _offered(self, company_id: str) -> set[str]:
        return {
            end
            for start, end, data in self.index.edges_of(company_id)
            if start == company_id and data["type"] == "OFFERS"
        }

    def _categories(self, product_ids: Iterable[str]) -> dict[str, str]:
        products = self.index.nodes("Product", product_ids)
        return {p: props["category"] for p, props in products.items() if props.get("category")}

    def supplies_around(self, company_id: str) -> Inputs:
        supplies = _supplies(self.index.edges_of(company_id))
        offers = {
            s.customer: self._offered(s.customer) for s in supplies if s.supplier == company_id
        }
        products = chain((s.product_id for s in supplies if s.product_id), *offers.values())
        return Inputs(supplies, self._categories(set(products)), offers)

    def all_supplies(self) -> list[Supply]:
        return _supplies(self.index.all_edges())
