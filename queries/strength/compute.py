"""Strength and its explanation, over a :class:`~queries.view.NetworkView`."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel

from graph_model.store import GraphStore
from graph_model.ties import InteractionFact
from queries.common import node_labels
from queries.entities import CompanyRef
from queries.names import Names
from queries.view import NetworkView, network_view

TOP = 5


class Components(BaseModel):
    """What a strength is made of, at ``as_of``."""

    interactions: int
    by_kind: dict[str, int]
    first_at: datetime | None
    last_at: datetime | None
    decayed_weight: float
    """``R``: the decayed, participant-weighted sum of the interactions."""
    reciprocity: float
    """``rho``: 1 when both sides reach out equally (or meet), towards 0 when one side does all."""
    top_interactions: list[str]
    """The interactions that contribute most, largest first."""


class PairStrength(BaseModel):
    """A tie between a person of company ``a`` and one of company ``b``, by id and name."""

    a: str
    a_name: str
    b: str
    b_name: str
    strength: float


class StrengthResult(BaseModel):
    """``a`` and ``b`` by id and name, for two people with the company each works at on
    ``as_of``."""

    a: str
    a_name: str
    a_company: CompanyRef | None = None
    b: str
    b_name: str
    b_company: CompanyRef | None = None
    level: Literal["person", "company"]
    as_of: datetime
    strength: float
    components: Components
    pairs: list[PairStrength] | None = None


def counted_interactions(
    view: NetworkView, facts: Iterable[InteractionFact]
) -> list[tuple[InteractionFact, float]]:
    """Facts at or before ``as_of`` that count, with their decayed weight ``w_i`` at ``as_of``."""
    counted = []
    for fact in facts:
        if fact.at > view.at:
            continue
        contribution = view.model.contribution(fact.kind, fact.at, len(set(fact.participants)))
        if contribution > 0:
            counted.append((fact, view.model.decayed(contribution, view.at)))
    return counted


def _components(
    view: NetworkView,
    counted: list[tuple[InteractionFact, float]],
    side: Callable[[InteractionFact], int],
) -> Components:
    """``side(fact)`` is 0 or 1 for the side that started it, -1 when mutual."""
    starts = Counter(side(fact) for fact, _ in counted)
    rho = view.model.reciprocity(starts[0], starts[1], starts[-1])
    ranked = sorted(counted, key=lambda fw: (-round(fw[1], 9), fw[0].id))
    times = [fact.at for fact, _ in counted]
    return Components(
        interactions=len(counted),
        by_kind=dict(sorted(Counter(fact.kind for fact, _ in counted).items())),
        first_at=datetime.fromtimestamp(min(times), UTC) if times else None,
        last_at=datetime.fromtimestamp(max(times), UTC) if times else None,
        decayed_weight=math.fsum(w for _, w in counted),
        reciprocity=rho,
        top_interactions=[fact.id for fact, _ in ranked[:TOP]],
    )


def person_strength(view: NetworkView, a: str, b: str) -> StrengthResult:
    """``s(a, b)`` and its components."""
    counted = counted_interactions(view, view.shared_interactions(a, b)) if a != b else []

    def side(fact: InteractionFact) -> int:
        return 0 if fact.initiator == a else 1 if fact.initiator == b else -1

    components = _components(view, counted, side)
    strength_value = 0.0
    if counted:
        strength_value = view.model.combine(components.decayed_weight, components.reciprocity)
    names = Names(view, [a, b])
    return StrengthResult(
        a=a,
        a_name=names.name(a),
        a_company=names.employer_of(a),
        b=b,
        b_name=names.name(b),
        b_company=names.employer_of(b),
        level="person",
        as_of=view.as_of,
        strength=strength_value,
        components=components,
    )


def company_strength(view: NetworkView, a: str, b: str) -> StrengthResult:
    """``S(a, b)`` over the current people of both companies, with the pairs it combines."""
    staff_a, staff_b = view.employees(a), set(view.employees(b))
    ties = sorted(
        ((p, q, s) for p, q, s in view.ties_between(staff_a, staff_b) if p != q),
        key=lambda t: (-t[2], t[0], t[1]),
    )
    names = Names(view, {p for t in ties for p in t[:2]}, [a, b])
    pairs = [
        PairStrength(a=p, a_name=names.name(p), b=q, b_name=names.name(q), strength=s)
        for p, q, s in ties
    ]
    keep = 1.0
    for x in pairs:
        keep *= 1.0 - x.strength / 100.0
    facts = view.interactions_of_pairs((x.a, x.b) for x in pairs)
    side_a = set(staff_a)
    either = side_a | staff_b

    def side(fact: InteractionFact) -> int:
        if fact.initiator is None or fact.initiator not in either:
            return -1
        return 0 if fact.initiator in side_a else 1

    components = _components(view, counted_interactions(view, facts), side)
    return StrengthResult(
        a=a,
        a_name=names.company(a).name,
        b=b,
        b_name=names.company(b).name,
        level="company",
        as_of=view.as_of,
        strength=100.0 * (1.0 - keep) if pairs else 0.0,
        components=components,
        pairs=pairs,
    )


def strength(store: GraphStore, a: str, b: str, as_of: datetime | None = None) -> StrengthResult:
    """Strength between two people or two companies (:class:`~queries.common.UnknownId`
    for an unknown id; ``ValueError`` for a person and a company)."""
    view = network_view(store, as_of)
    found = {node_id: label.lower() for node_id, label in node_labels(store, [a, b]).items()}
    if found[a] != found[b]:
        raise ValueError(f"{a!r} is a {found[a]} and {b!r} a {found[b]}: compare like with like")
    if found[a] == "person":
        return person_strength(view, a, b)
    return company_strength(view, a, b)
