"""``srm strength``: how strong a relationship is, explained."""

from __future__ import annotations

from typing import Annotated

import typer

from api.commands.common import (
    AsOfOption,
    JsonOption,
    console,
    fail,
    opened_store,
    print_json,
    say,
)
from api.commands.resolve import resolve
from api.commands.tables import Column, CsvOption, decimals, one_format, print_table, write_csv
from graph_model.settings import Settings
from queries.common import resolve_as_of
from queries.entities import CompanyRef
from queries.strength import PairStrength
from queries.strength import strength as strength_of

SHOWN = 20
"""Ties between two companies' people that the table shows (``--csv`` writes them all)."""
PAIRS: list[Column[PairStrength]] = [
    Column("a_name", "person", lambda p: p.a_name),
    Column("a_id", "id", lambda p: p.a),
    Column("b_name", "person", lambda p: p.b_name),
    Column("b_id", "id", lambda p: p.b),
    Column("strength", "strength", lambda p: p.strength, decimals(1), number=True),
]


def _side(name: str, node_id: str, company: CompanyRef | None) -> str:
    """``name (id)``, and for a person where they work."""
    return f"{name} ({node_id})" + (f" of {company.name}" if company else "")


def strength(
    a: Annotated[str, typer.Argument(help="a person or company: id or name")],
    b: Annotated[str, typer.Argument(help="another person, or another company: id or name")],
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Relationship strength (0-100) between two people or two companies, explained; for
    companies, the ties between their people (``--csv``: those ties).

    Exits 1 for an unknown id, 2 for a person and a company or unusable arguments.
    """
    one_format(as_json, as_csv)
    with opened_store(Settings()) as store:
        a, b = resolve(store, a), resolve(store, b)
        try:
            result = strength_of(store, a, b, resolve_as_of(as_of) if as_of else None)
        except ValueError as exc:
            raise fail(str(exc)) from exc
    if as_json:
        print_json(result)
        return
    if as_csv:
        write_csv(PAIRS, result.pairs or [])
        return
    c = result.components
    say(
        console,
        f"{_side(result.a_name, a, result.a_company)} – {_side(result.b_name, b, result.b_company)}",
        "bold",
        f"({result.level}): strength {result.strength:.1f} as of {result.as_of:%Y-%m-%d %H:%M} UTC",
    )
    console.print(
        f"{c.interactions} interactions"
        + (f", {c.first_at:%Y-%m-%d} to {c.last_at:%Y-%m-%d}" if c.first_at and c.last_at else "")
        + f"; decayed weight {c.decayed_weight:.2f}; reciprocity {c.reciprocity:.2f}"
    )
    if c.by_kind:
        console.print("by kind: " + ", ".join(f"{k} {n}" for k, n in c.by_kind.items()))
    if c.top_interactions:
        console.print("strongest contributions: " + ", ".join(c.top_interactions))
    if result.pairs:
        shown = len(result.pairs[:SHOWN])
        title = f"ties between their people: {shown} of {len(result.pairs)}, strongest first"
        print_table(title, PAIRS, result.pairs[:SHOWN])
