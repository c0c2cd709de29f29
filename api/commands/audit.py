"""``srm audit``: read the audit trail, newest first."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

import typer

from api.audit import AuditRecord, entries
from api.commands.common import JsonOption, console, errors, opened_store, print_json
from api.commands.tables import Column, CsvOption, one_format, print_list, text
from graph_model.settings import Settings

ENTRIES: list[Column[AuditRecord]] = [
    Column("id", None, lambda e: e.id),
    Column("at", "at (UTC)", lambda e: e.at, lambda t: f"{t:%Y-%m-%d %H:%M:%S}"),
    Column("key", "key", lambda e: e.key, lambda k: text(k) or "-"),
    Column("action", "action", lambda e: e.action),
    Column("route", "route", lambda e: e.route),
    Column("outcome", "outcome", lambda e: e.outcome),
    Column("parameters", None, lambda e: json.dumps(e.parameters, default=str)),
    Column(None, "parameters", lambda e: _joined(e.parameters, "=")),
    Column("counts", None, lambda e: json.dumps(e.counts)),
    Column(None, "counts", lambda e: _joined(e.counts, " ")),
    Column("client", None, lambda e: e.client),
]


def _joined(values: dict[str, Any], between: str) -> str:
    """``a=1, b=2``: the values by name, with ``between`` name and value."""
    return ", ".join(f"{k}{between}{v}" for k, v in values.items())


def audit(
    route: Annotated[str | None, typer.Option(help="only routes containing this")] = None,
    key: Annotated[str | None, typer.Option(help="only requests made with this key")] = None,
    since: Annotated[datetime | None, typer.Option(help="at or after this instant (UTC)")] = None,
    until: Annotated[datetime | None, typer.Option(help="before this instant (UTC)")] = None,
    limit: Annotated[int, typer.Option(min=1, help="at most this many entries")] = 50,
    cursor: Annotated[str | None, typer.Option(help="the next cursor a page printed")] = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Who asked who supplies whom, who ingested what, who changed a key (with ``--csv``,
    parameters and counts as JSON objects, and the cursor of the next page on stderr)."""
    one_format(as_json, as_csv)
    with opened_store(Settings()) as store:
        found, next_cursor = entries(
            store, limit, cursor, route=route, key=key, since=since, until=until
        )
    if as_json:
        print_json(
            {"entries": [e.model_dump(mode="json") for e in found], "next_cursor": next_cursor}
        )
        return
    print_list("audit trail, newest first", ENTRIES, found, as_csv)
    if next_cursor:
        (errors if as_csv else console).print(f"more: srm audit --cursor {next_cursor}")
