"""Reciprocity: who supplies a company *and* buys from it, and where buying back could start.

Semantics in DESIGN.md ("Query semantics", Reciprocity). Mutual links sort by
total value (``value_out + value_in``) descending, then company id;
opportunities by value descending, then company id, category, current supplier
id; network pairs by ``value_ab + value_ba`` descending, then ``a``, then ``b``.

>>> import tempfile, pathlib
>>> from datetime import UTC, datetime
>>> from graph_model.embedded.store import EmbeddedStore
>>> from graph_model.store import NodeUpsert, RelRow, RelUpsert
>>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()))
>>> _ = store.write([
...     NodeUpsert("Company", [{"id": i, "name": i.title()} for i in ("desko", "byte", "shiny")]),
...     NodeUpsert("Product", [{"id": "mop", "name": "Mop", "category": "cleaning"}]),
...     RelUpsert("OFFERS", [RelRow("byte", "mop")]),
...     RelUpsert("SUPPLIES", [
...         RelRow("desko", "byte", {"category": "furniture", "annual_value": 100.0}),
...         RelRow("byte", "desko", {"category": "computers", "annual_value": 25.0}),
...         RelRow("shiny", "desko", {"category": "cleaning", "annual_value": 8.0}),
...     ]),
... ])
>>> result = company_reciprocity(store, "desko", datetime(2025, 6, 1, tzinfo=UTC))
>>> [(m.company_id, m.value_out, m.value_in, m.balance) for m in result.mutual]
[('byte', 100.0, 25.0, 0.25)]
>>> [(o.company_id, o.category, o.current_supplier_id, o.value) for o in result.opportunities]
[('byte', 'cleaning', 'shiny', 8.0)]
>>> pair = network_reciprocity(store).pairs[0]
>>> pair.a, pair.b, pair.value_ab, pair.value_ba, pair.balance
('byte', 'desko', 25.0, 100.0, 0.25)
>>> company_reciprocity(store, "nobody")
Traceback (most recent call last):
...
queries.common.UnknownId: no company with id 'nobody'
>>> store.close()
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from graph_model.store import GraphStore
from queries.backend import backend_reads
from queries.common import require, resolve_as_of
from queries.reciprocity.compute import (
    CompanyReciprocity,
    MutualLink,
    Opportunity,
    ReciprocalPair,
    ReciprocityPairs,
    Supply,
    company_result,
    network_pairs,
)
from queries.reciprocity.money import Money, Rates, RatesError, Valuation, rates_of
from queries.reciprocity.reads import ReciprocityReads

__all__ = [
    "CompanyReciprocity",
    "Money",
    "MutualLink",
    "Opportunity",
    "Rates",
    "RatesError",
    "ReciprocalPair",
    "ReciprocityPairs",
    "Valuation",
    "company_reciprocity",
    "network_reciprocity",
    "rates_of",
]


def _reads(store: GraphStore) -> ReciprocityReads:
    return backend_reads(ReciprocityReads, store.backend, store)


def company_reciprocity(
    store: GraphStore,
    company_id: str,
    as_of: datetime | None = None,
    rates: Rates | None = None,
) -> CompanyReciprocity:
    """Mutual supply links and reciprocity opportunities of one company, values converted
    with ``rates`` when given (:class:`~queries.common.UnknownId` when it is not a company)."""
    require(store, "Company", company_id)
    when = resolve_as_of(as_of)
    inputs = _reads(store).supplies_around(company_id)
    names = _names(store, [company_id, *_companies(inputs.supplies)])
    return company_result(company_id, inputs, when, rates, names)


def network_reciprocity(
    store: GraphStore,
    as_of: datetime | None = None,
    limit: int | None = None,
    rates: Rates | None = None,
) -> ReciprocityPairs:
    """Every pair of companies that supply each other (the first ``limit``; all when
    ``None``), values converted with ``rates`` when given."""
    when = resolve_as_of(as_of)
    supplies = _reads(store).all_supplies()
    return network_pairs(supplies, when, limit, rates, _names(store, _companies(supplies)))


def _companies(supplies: Iterable[Supply]) -> set[str]:
    return {c for s in supplies for c in (s.supplier, s.customer)}


def _names(store: GraphStore, ids: Iterable[str]) -> dict[str, str]:
    """The name of each of the companies ``ids``, in one read."""
    found = store.get_nodes("Company", sorted(set(ids)))
    return {c: str(props.get("name") or c) for c, props in found.items()}
