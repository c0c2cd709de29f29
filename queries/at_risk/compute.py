"""At-risk relationships over two :class:`~queries.view.NetworkView`: now and a window ago."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Set
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from graph_model.scoring import ScoringModel
from graph_model.settings import Settings
from graph_model.store import GraphStore
from graph_model.ties import Tie
from queries.at_risk.models import AtRisk, FallingTie, QuietAccount, QuietReason
from queries.at_risk.reads import AtRiskReads
from queries.backend import backend_reads
from queries.common import active, home_company
from queries.coverage import coverage_reads
from queries.names import Names
from queries.strength.compute import counted_interactions
from queries.view import NetworkView, network_view
from queries.view.reads import Pair

TIER_RANK = {"strategic": 0, "key": 1}
"""The tiers of the accounts watched, the more important first."""
MIN_STRENGTH = 50.0
"""How strong a tie must have been a window ago to be watched: a strong one."""
LIMIT = 20
"""How many of each list a reader is shown unless they ask for more: the largest losses
and the most important accounts."""


@dataclass(frozen=True, slots=True)
class Fall:
    """A tie's strength a window ago and now, and whether it had no interaction between."""

    key: Pair
    before: float
    now: float
    quiet: bool

    @property
    def loss(self) -> float:
        return self.before - self.now


def quiet_between(now: NetworkView, before: NetworkView, key: Pair, stored: Tie) -> bool:
    """Whether the tie had no interaction that counts after ``before`` up to ``now``."""
    if stored.last <= before.at:
        return True
    if stored.last <= now.at:
        return False
    return now.effective(key, stored).count == before.effective(key, stored).count


def weight_floor(model: ScoringModel, decay: float, min_strength: float) -> float:
    """The least ``weight`` (every interaction counted, see :mod:`graph_model.scoring`) a tie
    needs to reach ``min_strength`` at an instant whose decay factor is ``decay``: its
    strength there is at most ``100 * (1 - exp(-weight * decay / scale))``, since its balance
    factor is at most 1 and interactions after that instant only add to ``weight``. A hair
    lower, so that rounding never leaves a tie out.

    >>> m = ScoringModel()
    >>> at = datetime(2025, 3, 1, tzinfo=UTC).timestamp()
    >>> w = m.contribution("meeting", at, 2)  # one meeting that day: s = 39.35 when mutual
    >>> weight_floor(m, m.decay(at), 39.34) < w < weight_floor(m, m.decay(at), 39.35)
    True
    >>> weight_floor(m, m.decay(at), 0), weight_floor(m, m.decay(at), 100)
    (0.0, inf)
    """
    if min_strength <= 0:
        return 0.0
    if min_strength >= 100 or decay <= 0:
        return math.inf
    return -model.scale * math.log1p(-min_strength / 100) / decay * (1 - 1e-9)


def falling_ties(
    now: NetworkView, before: NetworkView, internal: Set[str], min_strength: float, drop: float
) -> list[Fall]:
    """Ties between one of our people and someone outside that :func:`fell`. Ties between
    colleagues are not relationships to manage, so they are left out. Only the ties that
    could have reached ``min_strength`` at ``before`` are read (heavy enough, see
    :func:`weight_floor`, and begun by then)."""
    floor = weight_floor(before.model, before.decay, min_strength)
    if math.isinf(floor):
        return []
    reads = backend_reads(AtRiskReads, now.backend, now)
    return fell(now, before, reads.heavy_ties(internal, floor, before.at), min_strength, drop)


def fell(
    now: NetworkView,
    before: NetworkView,
    ties: Iterable[tuple[Pair, Tie]],
    min_strength: float,
    drop: float,
) -> list[Fall]:
    """Those of the stored ``ties`` at least ``min_strength`` at ``before`` that went quiet
    since or lost at least ``drop`` of it, the largest loss first (each scored at both
    instants; when many had interactions after an instant, its view reads those
    interactions once, for these ties alone)."""
    ties = list(ties)
    for view in (before, now):
        view.read_later_interactions_of(ties)
    rows = []
    for key, stored in ties:
        s_before = before.strength_of(key, stored)
        if s_before <= 0 or s_before < min_strength:
            continue
        s_now = now.strength_of(key, stored)
        quiet = quiet_between(now, before, key, stored)
        if quiet or round((s_before - s_now) / s_before, 9) >= drop:
            rows.append(Fall(key, s_before, s_now, quiet))
    return sorted(rows, key=lambda f: (-round(f.loss, 9), f.key))


def last_touch(view: NetworkView, p: str, q: str, last: float) -> float | None:
    """When ``p`` and ``q`` last had an interaction that counts, at or before ``as_of``
    (``last``: when they last had any)."""
    if last <= view.at:
        return last
    return max(
        (fact.at for fact, _ in counted_interactions(view, view.shared_interactions(p, q))),
        default=None,
    )


@dataclass(frozen=True, slots=True)
class Quiet:
    """An account whose executives went untouched: when they and it were last touched."""

    account: dict[str, Any]
    executives: list[str]
    last: float | None
    named: float | None
    reason: QuietReason


def quiet_accounts(
    store: GraphStore,
    view: NetworkView,
    home: str,
    window_start: float,
    levels: Collection[str],
) -> list[Quiet]:
    """Key and strategic accounts whose current executives no internal person touched after
    ``window_start`` (epoch seconds), the most important first; accounts without executives
    are left out."""
    accounts = [a for a in store.find_by("Company", "tier", tuple(TIER_RANK)) if a["id"] != home]
    staff = coverage_reads(view).staff([a["id"] for a in accounts], levels, home)
    activity = backend_reads(AtRiskReads, view.backend, view)
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
            last_touch(view, str(member.person["id"]), contact.person_id, contact.last)
            for member in current
            for contact in member.contacts
            if active(contact.started_at, contact.ended_at, view.as_of)
        ]
        last = max((t for t in touches if t is not None), default=None)
        if last is None or last <= window_start:
            named = active_at.get(account["id"])
            busy = named is not None and named > window_start
            reason: QuietReason = "executives untouched" if busy else "account untouched"
            rows.append(Quiet(account, executives, last, named, reason))
    return sorted(
        rows,
        key=lambda r: (
            TIER_RANK[r.account["tier"]],
            r.last is not None,
            r.last or 0.0,
            r.account["id"],
        ),
    )


def _instant(at: float | None) -> datetime | None:
    return None if at is None else datetime.fromtimestamp(at, UTC)


def named(view: NetworkView, ties: list[Fall], accounts: list[Quiet], limit: int | None) -> AtRisk:
    """The first ``limit`` ties and accounts (all when ``None``) with the names of their
    people, read in one lookup, and how many there are in all."""
    total_ties, total_accounts = len(ties), len(accounts)
    ties, accounts = ties[:limit], accounts[:limit]
    people = {p for f in ties for p in f.key} | {e for q in accounts for e in q.executives}
    names = Names(view, people)
    return AtRisk(
        ties=[
            FallingTie(
                a=f.key[0],
                a_name=names.name(f.key[0]),
                a_company=names.employer_of(f.key[0]),
                b=f.key[1],
                b_name=names.name(f.key[1]),
                b_company=names.employer_of(f.key[1]),
                strength=f.now,
                strength_before=f.before,
                drop=f.loss / f.before,
                reason="went quiet" if f.quiet else "weakened",
            )
            for f in ties
        ],
        ties_total=total_ties,
        accounts=[
            QuietAccount(
                account_id=q.account["id"],
                name=q.account["name"],
                tier=q.account["tier"],
                executives=q.executives,
                named_executives=[names.person(e) for e in q.executives],
                last_touch=_instant(q.last),
                last_activity=_instant(q.named),
                reason=q.reason,
            )
            for q in accounts
        ],
        accounts_total=total_accounts,
    )


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
    min_strength: float = MIN_STRENGTH,
    limit: int | None = None,
) -> AtRisk:
    """Falling ties and quiet accounts at ``as_of``, the first ``limit`` of each (all when
    ``None``); ``home`` names the home company when none is marked ``is_home``
    (:class:`NoHomeCompany` when it is not known)."""
    if window_days <= 0 or not 0 < drop <= 1:
        raise ValueError("window_days must be positive and drop in (0, 1]")
    if not 0 <= min_strength <= 100 or (limit is not None and limit < 1):
        raise ValueError("min_strength must be in [0, 100] and limit at least 1")
    now = network_view(store, as_of)
    before = network_view(store, start_of_window(now.as_of, window_days))
    home_id = home_company(store, home)
    internal = set(now.employees(home_id))
    ties = falling_ties(now, before, internal, min_strength, drop)
    return named(now, ties, quiet_accounts(store, now, home_id, before.at, levels), limit)


def configured_at_risk(
    store: GraphStore,
    settings: Settings,
    as_of: datetime | None = None,
    window_days: float | None = None,
    drop: float | None = None,
    min_strength: float | None = None,
    limit: int | None = None,
) -> AtRisk:
    """:func:`at_risk` with the window and drop given, else ``settings``' own, the
    ``min_strength`` given, else :data:`MIN_STRENGTH`, and the levels and home company of
    ``settings``."""
    return at_risk(
        store,
        as_of,
        window_days=settings.at_risk_window_days if window_days is None else window_days,
        drop=settings.at_risk_drop if drop is None else drop,
        levels=settings.coverage_levels,
        home=settings.home_company,
        min_strength=MIN_STRENGTH if min_strength is None else min_strength,
        limit=limit,
    )
