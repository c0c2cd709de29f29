"""Reciprocity over HTTP; every request that reaches the data is written to ``srm.audit``."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.auth import require
from api.deps import AsOf, ReadingRoute, StoreDep
from queries.common import UnknownId, resolve_as_of
from queries.reciprocity import (
    CompanyReciprocity,
    ReciprocityPairs,
    company_reciprocity,
    network_reciprocity,
)

router = APIRouter(
    prefix="/v1",
    tags=["reciprocity (audited)"],
    route_class=ReadingRoute,
    dependencies=[require("reciprocity")],
)
audit_log = logging.getLogger("srm.audit")


def audit(
    request: Request, company_id: str | None, as_of: datetime, status: int, **counts: int
) -> None:
    """One JSON line on ``srm.audit``: who asked which route about what, and what came back."""
    record = {
        "route": request.url.path,
        "company_id": company_id,
        "as_of": as_of.isoformat(),
        "client": request.client.host if request.client else None,
        "status": status,
        **counts,
    }
    audit_log.info("reciprocity %s", json.dumps(record))


@router.get("/companies/{company_id}/reciprocity", response_model=CompanyReciprocity)
def company(
    company_id: str, request: Request, store: StoreDep, as_of: AsOf = None
) -> CompanyReciprocity:
    """Companies that supply this one and buy from it, and customers that could supply it."""
    when = resolve_as_of(as_of)
    try:
        result = company_reciprocity(store, company_id, when)
    except UnknownId:
        audit(request, company_id, when, 404)
        raise
    audit(
        request,
        company_id,
        when,
        200,
        mutual=len(result.mutual),
        opportunities=len(result.opportunities),
    )
    return result


@router.get("/reciprocity", response_model=ReciprocityPairs)
def network(
    request: Request,
    store: StoreDep,
    as_of: AsOf = None,
    limit: Annotated[int, Query(ge=1, le=10_000, description="at most this many pairs")] = 100,
) -> ReciprocityPairs:
    """Every pair of companies that supply each other, the largest total value first."""
    when = resolve_as_of(as_of)
    result = network_reciprocity(store, when, limit)
    audit(request, None, when, 200, pairs=len(result.pairs))
    return result
