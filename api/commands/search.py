"""``srm search``: people and companies by part of a name, e-mail, domain or id."""

from __future__ import annotations

from typing import Annotated

import typer

from api.commands.common import AsOfOption, JsonOption, opened_store, print_json
from api.commands.tables import Column, CsvOption, one_format, print_list
from graph_model.settings import Settings
from queries.search import Hit, search
from queries.search.models import Kind

HITS: list[Column[Hit]] = [
    Column("kind", "kind", lambda h: h.kind),
    Column("name", "name", lambda h: h.name),
    Column("id", "id", lambda h: h.id),
    Column("title", "title", lambda h: h.title),
    Column("company_id", None, lambda h: h.company.id if h.company else None),
    Column("company_name", "works at", lambda h: h.company.name if h.company else None),
    Column("email", None, lambda h: h.email),
    Column("domain", "domain", lambda h: h.domain),
    Column("match", "match", lambda h: h.match.value),
]


def search_command(
    text: Annotated[str, typer.Argument(help="part of a name, e-mail, domain or id")],
    kind: Annotated[Kind | None, typer.Option(help="only people or only companies")] = None,
    limit: Annotated[int, typer.Option(min=1, max=50, help="at most this many")] = 10,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """People and companies whose name, e-mail, domain, id or former name holds TEXT (any
    case, accents optional: "koehler" finds "Köhler"), best match first; a person with
    their employer. Any command that takes an id also takes a name it finds."""
    one_format(as_json, as_csv)
    with opened_store(Settings()) as store:
        answer = search(store, text, kind, limit, as_of)
    if as_json:
        print_json(answer)
        return
    print_list(f"found by {text!r}", HITS, answer.hits, as_csv, f"nothing found by {text!r}")
