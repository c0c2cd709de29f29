"""At-risk relationships: falling ties and key accounts whose executives went quiet."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.admission import HEAVY
from api.deps import AsOf, SettingsDep, StoreDep, guarded_router
from api.paging import Cursor, PageInfo, cut
from queries.at_risk import AtRisk, configured_at_risk

router = guarded_router("read", "relationships", 409, prefix="/v1/relationships")


class AtRiskPage(AtRisk, PageInfo):
    """A page of each list: the same stretch of the ties and of the accounts."""


@router.get("/at-risk", response_model=AtRiskPage, dependencies=HEAVY)
def get_at_risk(
    store: StoreDep,
    settings: SettingsDep,
    window_days: Annotated[
        float | None,
        Query(
            gt=0,
            le=36_525,
            description="look back this many days (at most 100 years); "
            "default SRM_AT_RISK_WINDOW_DAYS (90)",
        ),
    ] = None,
    drop: Annotated[
        float | None,
        Query(
            gt=0, le=1, description="flag ties that lost this share; default SRM_AT_RISK_DROP (0.3)"
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=10_000, description="at most this many a page")] = 100,
    cursor: Cursor = None,
    as_of: AsOf = None,
) -> AtRiskPage:
    """Ties of our people that weakened, and key accounts whose executives went untouched."""
    found = configured_at_risk(store, settings, as_of, window_days, drop)
    ties, page = cut(found.ties, cursor, limit)
    accounts, more_accounts = cut(found.accounts, cursor, limit)
    info = page if page.more else more_accounts
    return AtRiskPage(ties=ties, accounts=accounts, **info.model_dump())
