"""The links of the relationship network around a set of nodes, at a view's ``as_of``.

A link is one of: ``KNOWS`` (a tie with ``s > 0``, from the smaller person id to
the larger, with its strength), ``WORKS_AT`` (current employment),
``SUPPLIES`` (active supply, supplier to customer; several supply
relationships of one pair make one link) and ``MANAGES_ACCOUNT``; it is
named by ``(start, end, type)`` and carries a strength (``None`` but for
``KNOWS``). The embedded store reads them from its index, Neo4j with
``ego_ring.cypher``; the ``as_of`` filter is the same code for both.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from neo4j.time import DateTime

from graph_model.neo4j.cypher import render
from graph_model.neo4j.store import native_value
from graph_model.ties import Tie
from queries.common import active
from queries.embedded_view import EmbeddedView
from queries.neo4j_view import Neo4jView, tie_from_props
from queries.view import NetworkView

CYPHER_DIR = Path(__file__).parent
BOUNDS = {"WORKS_AT": ("started_at", "ended_at"), "SUPPLIES": ("since", "until")}
STORED_TYPES = frozenset({*BOUNDS, "MANAGES_ACCOUNT"})


Link = tuple[str, str, str]
"""One edge of the network at ``as_of``: ``(start, end, type)``."""
Links = dict[Link, float | None]
"""Links at ``as_of`` with their strength (``None`` but for ``KNOWS``)."""


@dataclass(frozen=True, slots=True)
class Stored:
    """A relationship as stored: a ``KNOWS`` tie, or another type with its time bounds."""

    type: str
    start: str
    end: str
    since: datetime | None = None
    until: datetime | None = None
    tie: Tie | None = None


def add_current(found: Links, view: NetworkView, stored: Stored) -> None:
    """Add ``stored`` to ``found`` as the link it is at ``as_of``, when it holds then."""
    if stored.tie is not None:
        s = view.strength_of((stored.start, stored.end), stored.tie)
        if s > 0:
            found[stored.start, stored.end, "KNOWS"] = s
    elif stored.start != stored.end and active(stored.since, stored.until, view.as_of):
        found[stored.start, stored.end, stored.type] = None


def _bounded(rel_type: str, start: str, end: str, props: dict[str, Any]) -> Stored:
    since, until = BOUNDS.get(rel_type, ("", ""))
    return Stored(rel_type, start, end, props.get(since), props.get(until))


def _embedded(view: EmbeddedView, ids: Iterable[str], within: Collection[str] | None) -> Links:
    """What :func:`add_current` makes of the stored links of ``ids``, read from the index
    (a tie's strength is worked out once, whichever end it is reached from)."""
    graph, adj = view.index.graph, view.network._adj
    nodes, as_of = graph._node, view.as_of
    found: Links = {}
    for node in ids:
        company = nodes.get(node, {}).get("label") == "Company"
        for other, data in adj.get(node, {}).items():
            if within is not None and other not in within:
                continue
            if isinstance(data, Tie):
                key = (node, other, "KNOWS") if node < other else (other, node, "KNOWS")
                if key not in found and (s := view.strength_of(key[:2], data)) > 0:
                    found[key] = s
                continue
            since, until = data["job"]
            if (since is None or since <= as_of) and (until is None or as_of < until):
                found[(other, node, "WORKS_AT") if company else (node, other, "WORKS_AT")] = None
        if node not in graph:
            continue
        for start, end, data in (
            *graph.out_edges(node, data=True),
            *graph.in_edges(node, data=True),
        ):
            if data["type"] not in STORED_TYPES or (
                within is not None and not (start in within and end in within)
            ):
                continue
            add_current(found, view, _bounded(data["type"], start, end, data))
    return found


def _neo4j(
    view: Neo4jView, people: list[str], companies: list[str], among: list[str] | None
) -> Iterator[Stored]:
    query = render(CYPHER_DIR / "ego_ring.cypher")
    for record in view.store.read(query, people=people, companies=companies, among=among):
        props = dict(record["props"])
        if record["type"] == "KNOWS":
            yield Stored("KNOWS", record["start"], record["end"], tie=tie_from_props(props))
        else:
            times = {k: native_value(v) for k, v in props.items() if isinstance(v, DateTime)}
            yield _bounded(record["type"], record["start"], record["end"], times)


def links_around(
    view: NetworkView,
    people: Iterable[str],
    companies: Iterable[str],
    among: Collection[str] | None = None,
) -> Links:
    """The links at ``as_of`` of the given people and companies, with their strengths;
    with ``among`` (which holds them), only the links between nodes of ``among``."""
    people, companies = sorted(people), sorted(companies)
    within = None if among is None else set(among)
    if isinstance(view, EmbeddedView):
        return _embedded(view, [*people, *companies], within)
    wanted = None if within is None else sorted(within)
    found: Links = {}
    for s in _neo4j(cast(Neo4jView, view), people, companies, wanted):
        if within is not None and not (s.start in within and s.end in within):
            continue
        add_current(found, view, s)
    return found


def employers_of(view: NetworkView, people: Iterable[str]) -> dict[str, list[str]]:
    """The companies each person works at on ``as_of``, by id (one read on Neo4j)."""
    ids = sorted(set(people))
    if isinstance(view, EmbeddedView):
        return {p: view.employers(p) for p in ids}
    found: dict[str, list[str]] = {p: [] for p in ids}
    for r in cast(Neo4jView, view).store.read(render(CYPHER_DIR / "employers.cypher"), ids=ids):
        if active(native_value(r["started_at"]), native_value(r["ended_at"]), view.as_of):
            found[r["person"]].append(r["company"])
    return {p: sorted(companies) for p, companies in found.items()}
