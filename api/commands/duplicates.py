"""``srm duplicates``: companies that look like one but were not merged, with the evidence."""

from __future__ import annotations

import csv
import sys
from typing import Annotated

import typer
from rich.table import Table

from api.commands.common import JsonOption, console, fail, opened_store, print_json
from graph_model.settings import Settings
from queries.duplicates import DuplicatePair, Duplicates, near_duplicates

CSV_COLUMNS = (
    "score",
    "a_id",
    "a_name",
    "a_domain",
    "b_id",
    "b_name",
    "b_domain",
    "rules",
    "evidence",
)


def _evidence(pair: DuplicatePair, between: str) -> str:
    return between.join(f"{e.rule}: {e.detail}" for e in pair.evidence)


def _print_table(result: Duplicates) -> None:
    table = Table(
        title=f"near-duplicate companies: {len(result.pairs)} of {result.total} pairs scoring "
        f"{result.min_score:g} or more, among {result.companies:,} companies"
    )
    table.add_column("score", justify="right")
    table.add_column("a")
    table.add_column("b")
    table.add_column("evidence")
    for pair in result.pairs:
        table.add_row(
            f"{pair.score:.2f}",
            f"{pair.a.name} ({pair.a.id})",
            f"{pair.b.name} ({pair.b.id})",
            _evidence(pair, "\n"),
        )
    console.print(table)


def _print_csv(result: Duplicates) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in result.pairs:
        writer.writerow(
            (
                f"{p.score:.4f}",
                p.a.id,
                p.a.name,
                p.a.domain or "",
                p.b.id,
                p.b.name,
                p.b.domain or "",
                ";".join(e.rule for e in p.evidence),
                _evidence(p, "; "),
            )
        )


def duplicates(
    min_score: Annotated[
        float, typer.Option(help="leave out pairs that score less (above 0, at most 1)")
    ] = 0.5,
    limit: Annotated[int, typer.Option(min=1, help="at most this many pairs, best first")] = 100,
    as_json: JsonOption = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV with a header row")] = False,
) -> None:
    """Pairs of companies that look like the same one but were not merged, best first, with
    the evidence for each (same or similar name, shared words, same domain) and a score.

    Exits 0 (also when there are none), 2 for unusable arguments.
    """
    if as_json and as_csv:
        raise fail("--json and --csv exclude each other")
    with opened_store(Settings()) as store:
        try:
            result = near_duplicates(store, min_score, limit)
        except ValueError as exc:
            raise fail(str(exc)) from exc
    if as_json:
        print_json(result)
    elif as_csv:
        _print_csv(result)
    elif result.total:
        _print_table(result)
    else:
        console.print(
            f"no near-duplicates among {result.companies:,} companies "
            f"(none scores {result.min_score:g} or more)"
        )
