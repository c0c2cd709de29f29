"""At-risk relationships: falling ties and key accounts whose executives went quiet."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.admission import HEAVY
from api.deps import AsOf, SettingsDep, StoreDep, guarded_router
from api.paging import Cursor, PageInfo, cut, wanted
from queries.at_risk import LIMIT, MIN_STRENGTH, AtRisk, configured_at_risk

router = guarded_router("read", "relationships", 409, prefix="/v1/relationships")


class AtRiskPage(AtRisk, PageInfo):
    """A page of each list: the same stretch of the ties and of the accounts, with how many
    each holds in all."""


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
            gt=0,
            le=1,
            description="flag ties still in touch that lost this share; "
            "default SRM_AT_RISK_DROP (0.3)",
        ),
    ] = None,
    min_strength: Annotated[
        float | None,
        Query(
            ge=0,
            le=100,
            description=f"watch ties at least this strong a window ago; default {MIN_STRENGTH:g}",
        ),
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=10_000, description="at most this many of each list a page")
    ] = LIMIT,
    cursor: Cursor = None,
    as_of: AsOf = None,
) -> AtRiskPage:
    """Ties of our people that were strong a window ago (``min_strength``, 50) and went
    quiet (no interaction in the window) or weakened (lost at least ``drop`` though still in
    touch), the largest loss first; and key or strategic accounts whose executives none of
    our people touched in the window, strategic first, then the longest untouched.

    The defaults (90 days, 50, 20 a page) keep to the strong ties that matter: a tie that
    merely goes quiet for 90 days loses at most 29 % of its weight, under ``drop``, so
    silence is told apart, and weak ties, which fade and come back all the time, are left
    out. ``ties_total`` and ``accounts_total`` count each whole list.
    """
    found = configured_at_risk(
        store, settings, as_of, window_days, drop, min_strength, wanted(cursor, limit)
    )
    ties, page = cut(found.ties, cursor, limit)
    accounts, more_accounts = cut(found.accounts, cursor, limit)
    info = page if page.more else more_accounts
    return AtRiskPage(
        ties=ties,
        ties_total=found.ties_total,
        accounts=accounts,
        accounts_total=found.accounts_total,
        **info.model_dump(),
    )
