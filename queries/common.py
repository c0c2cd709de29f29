"""Helpers every capability shares: ``as_of`` handling, employment intervals, the home company,
whether an id is a person or a company, and the one error for an unknown id.

>>> from datetime import datetime, UTC
>>> t = datetime(2025, 1, 1, tzinfo=UTC)
>>> active(datetime(2024, 1, 1, tzinfo=UTC), None, t), active(None, t, t)
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable
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


def employer(jobs: Iterable[tuple[str, datetime | None]]) -> str | None:
    """Of a person's current jobs ``(company, started_at)``, the company they are named with:
    the latest started (an unknown start counts as the earliest), then the first by id.

    >>> t = datetime(2025, 1, 1, tzinfo=UTC)
    >>> employer([("b", None), ("c", t), ("a", t), ("d", datetime(2020, 1, 1, tzinfo=UTC))])
    'a'
    >>> employer([]) is None
    True
    """
    ranked = [(start is None, -start.timestamp() if start else 0.0, c) for c, start in jobs]
    return min(ranked)[2] if ranked else None


class UnknownId(LookupError):
    """An id that names nothing of the kind a question asks about (404 over HTTP, exit 1
    on the command line).

    >>> UnknownId("company", "c9")
    UnknownId("no company with id 'c9'")
    """

    def __init__(self, kind: str, node_id: str) -> None:
        super().__init__(f"no {kind} with id {node_id!r}")
        self.node_id = node_id


def node_label(store: GraphStore, node_id: str) -> NodeLabel:
    """``Person`` or ``Company``, whichever ``node_id`` is (:class:`UnknownId` for neither)."""
    return node_labels(store, [node_id])[node_id]


def node_labels(store: GraphStore, ids: list[str]) -> dict[str, NodeLabel]:
    """``Person`` or ``Company`` for each of ``ids``, in two reads at most
    (:class:`UnknownId` for the first that is neither)."""
    found: dict[str, NodeLabel] = dict.fromkeys(store.existing_ids("Person", ids), "Person")
    rest = [i for i in ids if i not in found]
    if rest:
        found.update(dict.fromkeys(store.existing_ids("Company", rest), "Company"))
    for node_id in ids:
        if node_id not in found:
            raise UnknownId("person or company", node_id)
    return found


def require(store: GraphStore, label: NodeLabel, node_id: str) -> None:
    """:class:`UnknownId` unless ``node_id`` is a node of ``label``."""
    if store.get_node(label, node_id) is None:
        raise UnknownId(label.lower(), node_id)


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
