"""Helpers every capability shares: ``as_of`` handling, employment intervals, the home company,
whether an id is a person or a company.

>>> from datetime import datetime, UTC
>>> t = datetime(2025, 1, 1, tzinfo=UTC)
>>> active(datetime(2024, 1, 1, tzinfo=UTC), None, t), active(None, t, t)
(True, False)
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from graph_model.seniority import Seniority, rank
from graph_model.store import GraphStore

SENIORITY_VALUES = frozenset(s.value for s in Seniority)
_RANKS = {s.value: rank(s) for s in Seniority}
NodeLabel = Literal["Person", "Company"]


def utcnow() -> datetime:
    return datetime.now(UTC)


def resolve_as_of(as_of: datetime | None) -> datetime:
    """``as_of`` as an aware UTC datetime; now when ``None``, UTC when naive."""
    if as_of is None:
        return utcnow()
    if as_of.tzinfo is UTC:
        return as_of
    if as_of.tzinfo is None:
        return as_of.replace(tzinfo=UTC)
    return as_of.astimezone(UTC)


def active(start: datetime | None, end: datetime | None, as_of: datetime) -> bool:
    """``start <= as_of < end``, a blank bound being open."""
    return (start is None or start <= as_of) and (end is None or as_of < end)


def node_label(store: GraphStore, node_id: str) -> NodeLabel | None:
    """``Person`` or ``Company``, whichever ``node_id`` is; ``None`` for neither."""
    if store.get_node("Person", node_id) is not None:
        return "Person"
    if store.get_node("Company", node_id) is not None:
        return "Company"
    return None


def seniority_rank(level: str | None) -> int:
    """Sort key of a seniority level, highest first; unknown last."""
    return _RANKS.get(level, 99) if level is not None else 99


class NoHomeCompany(LookupError):
    """Which company is "us" is not known, so nobody is internal."""


def home_company(store: GraphStore, configured: str | None = None) -> str:
    """The one company marked ``is_home``, else ``configured`` (:class:`NoHomeCompany`
    when neither names exactly one company)."""
    marked = [str(c["id"]) for c in store.find_by("Company", "is_home", [True])]
    if len(marked) > 1:
        raise NoHomeCompany(
            f"several companies are marked is_home ({', '.join(marked)}); exactly one is needed"
        )
    if marked:
        return marked[0]
    if configured is None:
        raise NoHomeCompany(
            "no company is marked is_home and SRM_HOME_COMPANY is not set, "
            "so our people cannot be told from everyone else"
        )
    if store.get_node("Company", configured) is None:
        raise NoHomeCompany(f"SRM_HOME_COMPANY names {configured!r}, which is not a company")
    return configured
