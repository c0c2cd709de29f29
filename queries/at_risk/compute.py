"""At-risk relationships over two :class:`~queries.view.NetworkView`: now and a window ago."""

from __future__ import annotations

from collections.abc import Collection, Set
from datetime import UTC, datetime, timedelta
from typing import Literal

from pydantic import BaseModel

from graph_model.settings import Settings
from graph_model.store import GraphStore
from graph_model.ties import Tie
from queries.at_risk.reads import ActivityReads
from queries.backend import backend_reads
from queries.common import active, home_company
from queries.coverage import coverage_reads
from queries.strength.compute import counted_interactions
from queries.view import NetworkView, network_view

ACCOUNT_TIERS = ("key", "strategic")


class FallingTie(BaseModel):
    """A tie (``a < b``) whose strength fell by ``drop`` (a share of ``strength_before``)."""

    a: str
    b: str
    strength: float
    strength_before: float
    drop: float


QuietReason = Literal["account untouched", "executives untouched"]


class QuietAccount(BaseModel):
    """A key or strategic account none of whose ``executives`` an internal person touched
    in the window; ``last_touch`` is the latest such touch before it, if any.
    ``last_activity`` is the latest interaction naming the account as its company (an
    activity logged against the account, with or without its people), and ``reason`` says
    whether the account had any in the window (``executives untouched``) or none
    (``account untouched``)."""

    account_id: str
    name: str
    executives: list[str]
    last_touch: datetime | None
    last_activity: datetime | None
    reason: QuietReason


class AtRisk(BaseModel):
    """Ties by drop descending, then ``a``, ``b``; accounts by ``last_touch`` ascending
    (never touched first), then id."""

    ties: list[FallingTie]
    accounts: list[QuietAccount]


def falling_ties(
    now: NetworkView, before: NetworkView, internal: Set[str], drop: float
) -> list[FallingTie]:
    """Ties with an internal side whose strength fell by at least ``drop`` since ``before``
    (the stored ties are read once and scored at both instants)."""
    rows = []
    for key, stored in now.reads.ties():
        a, b = key
        if a not in internal and b not in internal:
            continue
        s_before = before.strength_of(key, stored)
        if s_before <= 0:
            continue
        s_now = now.strength_of(key, stored)
        fell = (s_before - s_now) / s_before
        if round(fell, 9) >= drop:
            rows.append(FallingTie(a=a, b=b, strength=s_now, strength_before=s_before, drop=fell))
    return sorted(rows, key=lambda t: (-round(t.drop, 9), t.a, t.b))


def last_touch(view: NetworkView, p: str, q: str, tie: Tie) -> float | None:
    """When ``p`` and ``q`` last had an interaction that counts, at or before ``as_of``."""
    if tie.last <= view.at:
        return tie.last
    return max(
        (fact.at for fact, _ in counted_interactions(view, view.shared_interactions(p, q))),
        default=None,
    )


def quiet_accounts(
    store: GraphStore,
    view: NetworkView,
    home: str,
    window_start: float,
    levels: Collection[str],
) -> list[QuietAccount]:
    """Key and strategic accounts whose current executives no internal person touched after
    ``window_start`` (epoch seconds); accounts without executives are left out."""
    accounts = [a for a in store.find_by("Company", "tier", ACCOUNT_TIERS) if a["id"] != home]
    staff = coverage_reads(view).staff([a["id"] for a in accounts], levels, home)
    activity = backend_reads(ActivityReads, view.backend, view)
    active_at = activity.last_activity((a["id"] for a in accounts), view.at)
    rows = []
    for account in accounts:
        current = [
            member
            for member in staff.get(account["id"], [])
            if active(member.started_at, member.ended_at, view.as_of)
        ]
        executives = sorted(str(member.person["id"]) for member in current)
        if not executives:
            continue
        touches = [
            last_touch(view, str(member.person["id"]), contact.person_id, contact.tie)
            for member in current
            for contact in member.contacts
            if active(contact.started_at, contact.ended_at, view.as_of)
        ]
        last = max((t for t in touches if t is not None), default=None)
        if last is None or last <= window_start:
            named = active_at.get(account["id"])
            rows.append(
                QuietAccount(
                    account_id=account["id"],
                    name=account["name"],
                    executives=executives,
                    last_touch=_instant(last),
                    last_activity=_instant(named),
                    reason="executives untouched"
                    if named is not None and named > window_start
                    else "account untouched",
                )
            )
    return sorted(
        rows,
        key=lambda r: (
            r.last_touch is not None,
            r.last_touch.timestamp() if r.last_touch else 0.0,
            r.account_id,
        ),
    )


def _instant(at: float | None) -> datetime | None:
    return None if at is None else datetime.fromtimestamp(at, UTC)


EARLIEST = datetime.min.replace(tzinfo=UTC)


def start_of_window(as_of: datetime, window_days: float) -> datetime:
    """``window_days`` before ``as_of``, or :data:`EARLIEST` when that is earlier still
    (nothing can have happened before it).

    >>> start_of_window(datetime(1, 1, 2, tzinfo=UTC), 90) == EARLIEST
    True
    """
    try:
        return as_of - timedelta(days=window_days)
    except OverflowError:
        return EARLIEST


WINDOW_DAYS: float = Settings.model_fields["at_risk_window_days"].default
DROP: float = Settings.model_fields["at_risk_drop"].default
LEVELS: tuple[str, ...] = Settings.model_fields["coverage_levels"].default


def at_risk(
    store: GraphStore,
    as_of: datetime | None = None,
    window_days: float = WINDOW_DAYS,
    drop: float = DROP,
    levels: Collection[str] = LEVELS,
    home: str | None = None,
) -> AtRisk:
    """Falling ties and quiet accounts at ``as_of``; ``home`` names the home company when
    none is marked ``is_home`` (:class:`NoHomeCompany` when it is not known)."""
    if window_days <= 0 or not 0 < drop <= 1:
        raise ValueError("window_days must be positive and drop in (0, 1]")
    now = network_view(store, as_of)
    before = network_view(store, start_of_window(now.as_of, window_days))
    home_id = home_company(store, home)
    internal = set(now.employees(home_id))
    return AtRisk(
        ties=falling_ties(now, before, internal, drop),
        accounts=quiet_accounts(store, now, home_id, before.at, levels),
    )


def configured_at_risk(
    store: GraphStore,
    settings: Settings,
    as_of: datetime | None = None,
    window_days: float | None = None,
    drop: float | None = None,
) -> AtRisk:
    """:func:`at_risk` with the window and drop given, else ``settings``' own, and the
    levels and home company of ``settings``."""
    return at_risk(
        store,
        as_of,
        window_days=settings.at_risk_window_days if window_days is None else window_days,
        drop=settings.at_risk_drop if drop is None else drop,
        levels=settings.coverage_levels,
        home=settings.home_company,
    )
