"""At-risk relationships: falling ties and key accounts whose executives went quiet."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.auth import require
from api.deps import AsOf, ReadingRoute, SettingsDep, StoreDep
from queries.at_risk import AtRisk, configured_at_risk

router = APIRouter(
    prefix="/v1/relationships",
    tags=["relationships"],
    route_class=ReadingRoute,
    dependencies=[require("read")],
)


@router.get("/at-risk", response_model=AtRisk)
def get_at_risk(
    store: StoreDep,
    settings: SettingsDep,
    window_days: Annotated[
        float | None,
        Query(gt=0, description="look back this many days; default SRM_AT_RISK_WINDOW_DAYS (90)"),
    ] = None,
    drop: Annotated[
        float | None,
        Query(
            gt=0, le=1, description="flag ties that lost this share; default SRM_AT_RISK_DROP (0.3)"
        ),
    ] = None,
    as_of: AsOf = None,
) -> AtRisk:
    """Ties of our people that weakened, and key accounts whose executives went untouched."""
    return configured_at_risk(store, settings, as_of, window_days, drop)
