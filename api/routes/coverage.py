"""Executive coverage of one account, and of the portfolio worst first."""

from __future__ import annotations

from typing import Annotated

from fastapi import HTTPException, Query
from fastapi.exceptions import RequestValidationError

from api import problems
from api.admission import HEAVY
from api.auth import CallerDep
from api.deps import AsOf, SettingsDep, StoreDep, guarded_router
from api.paging import Cursor, PageInfo, cut, wanted
from graph_model.settings import Settings
from queries.coverage import (
    AccountCoverage,
    CoverageParams,
    Portfolio,
    Tier,
    Trade,
    account_coverage,
    parse_levels,
    portfolio_coverage,
)
from queries.coverage.params import LEVELS_PATTERN

router = guarded_router("read", "relationships", 409)

MinStrength = Annotated[
    float | None,
    Query(ge=0, le=100, description="strength (0-100) that covers an executive; default 10"),
]
Levels = Annotated[
    str | None,
    Query(
        description="comma-separated seniority levels of the executives; default executive,vp",
        json_schema_extra={"pattern": LEVELS_PATTERN},  # parse_levels checks it, saying why
    ),
]


def _params(settings: Settings, min_strength: float | None, levels: str | None) -> CoverageParams:
    try:
        parsed = None if levels is None else parse_levels(levels)
    except ValueError as exc:
        raise RequestValidationError(
            [{"type": "value_error", "loc": ("query", "levels"), "msg": str(exc), "input": levels}]
        ) from exc
    return CoverageParams.from_settings(settings, min_strength, parsed)


@router.get(
    "/companies/{company_id}/coverage",
    response_model=AccountCoverage,
    responses=problems.responses(404),
)
def company_coverage(
    company_id: str,
    store: StoreDep,
    settings: SettingsDep,
    min_strength: MinStrength = None,
    levels: Levels = None,
    as_of: AsOf = None,
) -> AccountCoverage:
    """Which executives of the account our people know, and through how many of them."""
    params = _params(settings, min_strength, levels)
    try:
        return account_coverage(store, company_id, as_of, params)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc


class PortfolioPage(Portfolio, PageInfo):
    """A page of the portfolio."""


@router.get("/coverage", response_model=PortfolioPage, dependencies=HEAVY)
def portfolio(
    store: StoreDep,
    settings: SettingsDep,
    caller: CallerDep,
    tier: Annotated[Tier | None, Query(description="only accounts of this tier")] = None,
    relationship: Annotated[
        Trade | None, Query(description="only customers or only suppliers of the home company")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=10_000, description="at most this many a page")] = 100,
    cursor: Cursor = None,
    min_strength: MinStrength = None,
    levels: Levels = None,
    as_of: AsOf = None,
) -> PortfolioPage:
    """Executive coverage of every account, the worst covered first (only customers or only
    suppliers: with the ``reciprocity`` scope, since that tells who supplies whom)."""
    if relationship is not None and "reciprocity" not in caller.scopes:
        raise HTTPException(403, "filtering by customer or supplier needs the 'reciprocity' scope")
    params = _params(settings, min_strength, levels)
    found = portfolio_coverage(store, as_of, params, tier, relationship, wanted(cursor, limit))
    accounts, page = cut(found.accounts, cursor, limit)
    return PortfolioPage(accounts=accounts, **page.model_dump())
