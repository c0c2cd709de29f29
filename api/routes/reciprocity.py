"""Reciprocity over HTTP; every request, answered or refused, is in the audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request

from api import problems
from api.audit import record, request_entry
from api.auth import caller_of
from api.deps import AsOf, SettingsDep, StoreDep, guarded_router
from api.paging import Cursor, PageInfo, cut, wanted
from graph_model.store import GraphStore
from queries.common import UnknownId, resolve_as_of
from queries.reciprocity import (
    CompanyReciprocity,
    Rates,
    RatesError,
    ReciprocityPairs,
    company_reciprocity,
    network_reciprocity,
    rates_of,
)

router = guarded_router("reciprocity", "reciprocity (audited)")


def get_rates(settings: SettingsDep) -> Rates | None:
    """The rates table of the settings; 503 while it cannot be used."""
    try:
        return rates_of(settings)
    except (OSError, RatesError) as exc:
        raise HTTPException(503, f"SRM_FX_RATES cannot be used: {exc}") from exc


RatesDep = Annotated[Rates | None, Depends(get_rates)]


def _audit(request: Request, store: GraphStore, status: int, **counts: int) -> None:
    """The request in the audit trail, with what came back."""
    record(store, request_entry(request, caller_of(request).key, status, **counts))


@router.get(
    "/companies/{company_id}/reciprocity",
    response_model=CompanyReciprocity,
    responses=problems.responses(404),
)
def company(
    company_id: str, request: Request, store: StoreDep, rates: RatesDep, as_of: AsOf = None
) -> CompanyReciprocity:
    """Companies that supply this one and buy from it, and customers that could supply it;
    values in their currencies, or converted when SRM_FX_RATES names a rates table
    (``valuation`` says which)."""
    try:
        result = company_reciprocity(store, company_id, resolve_as_of(as_of), rates)
    except UnknownId:
        _audit(request, store, 404)
        raise
    _audit(request, store, 200, mutual=len(result.mutual), opportunities=len(result.opportunities))
    return result


class PairsPage(ReciprocityPairs, PageInfo):
    """A page of the pairs."""


@router.get("/reciprocity", response_model=PairsPage)
def network(
    request: Request,
    store: StoreDep,
    rates: RatesDep,
    as_of: AsOf = None,
    limit: Annotated[int, Query(ge=1, le=10_000, description="at most this many a page")] = 100,
    cursor: Cursor = None,
) -> PairsPage:
    """Every pair of companies that supply each other, the largest total value first."""
    result = network_reciprocity(store, resolve_as_of(as_of), wanted(cursor, limit), rates)
    pairs, page = cut(result.pairs, cursor, limit)
    _audit(request, store, 200, pairs=len(pairs))
    return PairsPage(valuation=result.valuation, pairs=pairs, **page.model_dump())
