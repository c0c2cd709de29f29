"""``srm timeline``: the interactions of a person or a company, newest first."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from api.commands.common import AsOfOption, JsonOption, console, opened_store, print_json
from graph_model.settings import Settings
from queries.timeline import Named, timeline


def _named(who: Named) -> str:
    return f"{who.name} ({who.id})" if who.name else who.id


def timeline_command(
    node_id: Annotated[str, typer.Argument(help="a person or company id")],
    as_of: AsOfOption = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="at most this many")] = 20,
    as_json: JsonOption = False,
) -> None:
    """The latest interactions of a person or a company (for a company also those logged
    against it with none of its people), newest first. Exits 1 for an unknown id."""
    with opened_store(Settings()) as store:
        result = timeline(store, node_id, as_of, limit)
    if as_json:
        print_json(result)
        return
    table = Table(title=f"{result.name} ({result.id}): latest interactions")
    for column in ("when", "kind", "subject", "company", "who took part"):
        table.add_column(column, overflow="fold")
    for e in result.entries:
        table.add_row(
            f"{e.occurred_at:%Y-%m-%d %H:%M}",
            e.kind,
            e.subject or "",
            _named(e.company) if e.company else "",
            ", ".join(_named(p) for p in e.participants),
        )
    if result.entries:
        console.print(table)
    else:
        console.print(f"{result.name} ({result.id}): no interactions")
