"""``srm strength``: how strong a relationship is, explained."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from api.commands.common import (
    AsOfOption,
    JsonOption,
    console,
    fail,
    opened_store,
    print_json,
    say,
)
from graph_model.settings import Settings
from queries.common import resolve_as_of
from queries.strength import strength as strength_of


def strength(
    a: Annotated[str, typer.Argument(help="a person or company id")],
    b: Annotated[str, typer.Argument(help="another person, or another company")],
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Relationship strength (0-100) between two people or two companies, explained."""
    with opened_store(Settings()) as store:
        try:
            result = strength_of(store, a, b, resolve_as_of(as_of) if as_of else None)
        except ValueError as exc:
            raise fail(str(exc)) from exc
    if as_json:
        print_json(result)
        return
    c = result.components
    say(
        console,
        f"{a} – {b}",
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
        table = Table(title="ties between their people")
        for column in ("person", "person", "strength"):
            table.add_column(column, justify="right" if column == "strength" else "left")
        for pair in result.pairs[:20]:
            table.add_row(pair.a, pair.b, f"{pair.strength:.1f}")
        console.print(table)
