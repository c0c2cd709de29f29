"""``srm duplicates``: companies that look like one but were not merged, with the evidence."""

from __future__ import annotations

from typing import Annotated

import typer

from api.commands.common import JsonOption, console, fail, opened_store, print_json
from api.commands.tables import Column, CsvOption, decimals, one_format, print_table, write_csv
from graph_model.settings import Settings
from queries.duplicates import DuplicatePair, near_duplicates


def _evidence(pair: DuplicatePair, between: str) -> str:
    return between.join(f"{e.rule}: {e.detail}" for e in pair.evidence)


PAIRS: list[Column[DuplicatePair]] = [
    Column("score", "score", lambda p: p.score, decimals(2), number=True),
    Column("a_id", None, lambda p: p.a.id),
    Column("a_name", None, lambda p: p.a.name),
    Column("a_domain", None, lambda p: p.a.domain),
    Column(None, "a", lambda p: f"{p.a.name} ({p.a.id})"),
    Column("b_id", None, lambda p: p.b.id),
    Column("b_name", None, lambda p: p.b.name),
    Column("b_domain", None, lambda p: p.b.domain),
    Column(None, "b", lambda p: f"{p.b.name} ({p.b.id})"),
    Column("rules", None, lambda p: ";".join(e.rule for e in p.evidence)),
    Column("evidence", None, lambda p: _evidence(p, "; ")),
    Column(None, "evidence", lambda p: _evidence(p, "\n")),
]


def duplicates(
    min_score: Annotated[
        float, typer.Option(help="leave out pairs that score less (above 0, at most 1)")
    ] = 0.5,
    limit: Annotated[int, typer.Option(min=1, help="at most this many pairs, best first")] = 100,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Pairs of companies that look like the same one but were not merged, best first, with
    the evidence for each (same or similar name, shared words, same domain) and a score.

    Exits 0 (also when there are none), 2 for unusable arguments.
    """
    one_format(as_json, as_csv)
    with opened_store(Settings()) as store:
        try:
            result = near_duplicates(store, min_score, limit)
        except ValueError as exc:
            raise fail(str(exc)) from exc
    if as_json:
        print_json(result)
    elif as_csv:
        write_csv(PAIRS, result.pairs)
    elif result.total:
        title = (
            f"near-duplicate companies: {len(result.pairs)} of {result.total} pairs scoring "
            f"{result.min_score:g} or more, among {result.companies:,} companies"
        )
        print_table(title, PAIRS, result.pairs)
    else:
        console.print(
            f"no near-duplicates among {result.companies:,} companies "
            f"(none scores {result.min_score:g} or more)"
        )
