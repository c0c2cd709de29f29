"""Reciprocity inputs read from Neo4j with the Cypher files beside this module."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from graph_model.neo4j.cypher import render
from graph_model.neo4j.store import Neo4jStore, native_value
from graph_model.store import GraphStore
from queries.reciprocity.compute import Inputs, Supply

CYPHER_DIR = Path(__file__).parent


def _read(store: GraphStore, name: str, **params: Any) -> list[Any]:
    return cast(Neo4jStore, store).read(render(CYPHER_DIR / f"{name}.cypher"), **params)


def _supply(record: Any) -> Supply:
    return Supply(
        supplier=record["supplier"],
        customer=record["customer"],
        product_id=record["product_id"],
        category=record["category"],
        annual_value=record["annual_value"],
        since=native_value(record["since"]),
        until=native_value(record["until"]),
    )


def supplies_around(store: GraphStore, company_id: str, as_of: datetime) -> Inputs:
    """The supplies into and out of ``company_id`` active at ``as_of``, and the products
    its customers offer."""
    records = _read(store, "supplies_around", company_id=company_id, as_of=as_of)
    supplies = [_supply(r) for r in records]
    categories = {r["product_id"]: r["product_category"] for r in records if r["product_category"]}
    customers = sorted({s.customer for s in supplies if s.supplier == company_id})
    offers: dict[str, set[str]] = defaultdict(set)
    for r in _read(store, "offers_of", company_ids=customers):
        offers[r["company_id"]].add(r["product_id"])
        if r["category"]:
            categories[r["product_id"]] = r["category"]
    return Inputs(supplies, categories, offers)


def all_supplies(store: GraphStore, as_of: datetime) -> list[Supply]:
    """Every supply active at ``as_of``."""
    return [_supply(r) for r in _read(store, "all_supplies", as_of=as_of)]
