"""Reciprocity reads of Neo4j, with the Cypher files beside this module."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from graph_model.neo4j.cypher import moment
from graph_model.store import GraphStore
from queries.reciprocity.compute import Inputs, Supply
from queries.view.neo4j import cypher

HERE = Path(__file__).parent


def _supply(record: Any) -> Supply:
    return Supply(
        supplier=record["supplier"],
        customer=record["customer"],
        product_id=record["product_id"],
        category=record["category"],
        annual_value=record["annual_value"],
        since=moment(record["since"]),
        until=moment(record["until"]),
        currency=record["currency"],
    )


class Reads:
    """:class:`~queries.reciprocity.reads.ReciprocityReads` with ``supplies_around.cypher``,
    ``offers_of.cypher`` and ``all_supplies.cypher``."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def _read(self, name: str, **params: Any) -> list[Any]:
        return cypher(self.store, HERE / f"{name}.cypher", **params)

    def supplies_around(self, company_id: str) -> Inputs:
        records = self._read("supplies_around", company_id=company_id)
        supplies = [_supply(r) for r in records]
        categories = {
            r["product_id"]: r["product_category"] for r in records if r["product_category"]
        }
        customers = sorted({s.customer for s in supplies if s.supplier == company_id})
        offers: dict[str, set[str]] = defaultdict(set)
        for r in self._read("offers_of", company_ids=customers):
            offers[r["company_id"]].add(r["product_id"])
            if r["category"]:
                categories[r["product_id"]] = r["category"]
        return Inputs(supplies, categories, offers)

    def all_supplies(self) -> list[Supply]:
        return [_supply(r) for r in self._read("all_supplies")]
