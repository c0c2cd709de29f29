"""``srm timeline``: the interactions of a person or a company, newest first."""

from __future__ import annotations

from typing import Annotated

import typer

from api.commands.common import AsOfOption, JsonOption, opened_store, print_json
from api.commands.resolve import resolve
from api.commands.tables import Column, CsvOption, one_format, print_list
from graph_model.settings import Settings
from queries.timeline import Named, TimelineEntry, timeline


def _named(who: Named) -> str:
    return f"{who.name} ({who.id})" if who.name else who.id


ENTRIES: list[Column[TimelineEntry]] = [
    Column("id", None, lambda e: e.id),
    Column("occurred_at", "when", lambda e: e.occurred_at),
    Column("kind", "kind", lambda e: e.kind),
    Column("subject", "subject", lambda e: e.subject),
    Column("company_id", None, lambda e: e.company.id if e.company else None),
    Column("company_name", None, lambda e: e.company.name if e.company else None),
    Column(None, "company", lambda e: _named(e.company) if e.company else None),
    Column("initiator_id", None, lambda e: e.initiator_id),
    Column("participant_ids", None, lambda e: ";".join(p.id for p in e.participants)),
    Column("participant_names", None, lambda e: "; ".join(p.name or "" for p in e.participants)),
    Column(None, "who took part", lambda e: ", ".join(_named(p) for p in e.participants)),
]


def timeline_command(
    node_id: Annotated[str, typer.Argument(help="a person or company: id or name")],
    as_of: AsOfOption = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="at most this many")] = 20,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """The latest interactions of a person or a company (for a company also those logged
    against it with none of its people), newest first. Exits 1 for an unknown id."""
    one_format(as_json, as_csv)
    with opened_store(Settings()) as store:
        result = timeline(store, resolve(store, node_id), as_of, limit)
    if as_json:
        print_json(result)
        return
    title = f"{result.name} ({result.id}): latest interactions"
    empty = f"{result.name} ({result.id}): no interactions"
    print_list(title, ENTRIES, result.entries, as_csv, empty)
