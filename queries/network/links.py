"""The links of the relationship network around a set of nodes, at a view's ``as_of``.

A link is one of: ``KNOWS`` (a tie with ``s > 0``, from the smaller person id to
the larger, with its strength), ``WORKS_AT`` (current employment),
``SUPPLIES`` (active supply, supplier to customer; several supply
relationships of one pair make one link) and ``MANAGES_ACCOUNT``; it is
named by ``(start, end, type)`` and carries a strength (``None`` but for
``KNOWS``). Each backend reads the stored relationships (``embedded.py``,
``neo4j.py`` with ``ego_ring.cypher``); :func:`add_current` decides, for both,
what each is at ``as_of``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graph_model.ties import Tie
from queries.backend import backend_reads
from queries.common import active
from queries.network.reads import Link, LinkReads, Links
from queries.view import NetworkView

BOUNDS = {"WORKS_AT": ("started_at", "ended_at"), "SUPPLIES": ("since", "until")}
"""The properties that bound each type's relationships in time."""
STORED_TYPES = frozenset({*BOUNDS, "MANAGES_ACCOUNT"})
"""The stored relationship types a network link can be (``KNOWS`` aside)."""

__all__ = [
    "BOUNDS",
    "STORED_TYPES",
    "Link",
    "Links",
    "Stored",
    "add_current",
    "links_around",
    "stored",
]


@dataclass(frozen=True, slots=True)
class Stored:
    """A relationship as stored: a ``KNOWS`` tie, or another type with its time bounds."""

    type: str
    start: str
    end: str
    since: datetime | None = None
    until: datetime | None = None
    tie: Tie | None = None


def stored(rel_type: str, start: str, end: str, props: Mapping[str, Any]) -> Stored:
    """A stored relationship other than ``KNOWS``, with its time bounds from ``props``."""
    since, until = BOUNDS.get(rel_type, ("", ""))
    return Stored(rel_type, start, end, props.get(since), props.get(until))


def add_current(found: Links, view: NetworkView, stored: Stored) -> None:
    """Add ``stored`` to ``found`` as the link it is at ``as_of``, when it holds then (a tie's
    strength is worked out once, whichever end it is reached from)."""
    if stored.tie is not None:
        key = (stored.start, stored.end, "KNOWS")
        if key not in found and (s := view.strength_of(key[:2], stored.tie)) > 0:
            found[key] = s
    elif stored.start != stored.end and active(stored.since, stored.until, view.as_of):
        found[stored.start, stored.end, stored.type] = None


def links_around(
    view: NetworkView,
    people: Iterable[str],
    companies: Iterable[str],
    among: Collection[str] | None = None,
) -> Links:
    """The links at ``as_of`` of the given people and companies, with their strengths;
    with ``among`` (which holds them), only the links between nodes of ``among``."""
    within = None if among is None else set(among)
    reads = backend_reads(LinkReads, view.backend, view)
    return reads.links(sorted(people), sorted(companies), within)
