"""``srm audit``: read the audit trail, newest first."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table

from api.audit import entries
from api.commands.common import JsonOption, console, opened_store, print_json
from graph_model.settings import Settings


def audit(
    route: Annotated[str | None, typer.Option(help="only routes containing this")] = None,
    key: Annotated[str | None, typer.Option(help="only requests made with this key")] = None,
    since: Annotated[datetime | None, typer.Option(help="at or after this instant (UTC)")] = None,
    until: Annotated[datetime | None, typer.Option(help="before this instant (UTC)")] = None,
    limit: Annotated[int, typer.Option(min=1, help="at most this many entries")] = 50,
    cursor: Annotated[str | None, typer.Option(help="the next cursor a page printed")] = None,
    as_json: JsonOption = False,
) -> None:
    """Who asked who supplies whom, who ingested what, who changed a key."""
    with opened_store(Settings()) as store:
        found, next_cursor = entries(
            store, limit, cursor, route=route, key=key, since=since, until=until
        )
    if as_json:
        print_json(
            {"entries": [e.model_dump(mode="json") for e in found], "next_cursor": next_cursor}
        )
        return
    table = Table(title="audit trail, newest first")
    for column in ("at (UTC)", "key", "action", "route", "outcome", "parameters", "counts"):
        table.add_column(column)
    for e in found:
        parameters = ", ".join(f"{k}={v}" for k, v in e.parameters.items())
        counts = ", ".join(f"{k} {v}" for k, v in e.counts.items())
        table.add_row(
            f"{e.at:%Y-%m-%d %H:%M:%S}",
            e.key or "-",
            e.action,
            e.route,
            e.outcome,
            parameters,
            counts,
        )
    console.print(table)
    if next_cursor:
        console.print(f"more: srm audit --cursor {next_cursor}")
