"""The lists a command prints: a table on the console, or CSV on stdout (``--csv``), from one
declaration of their columns.

A :class:`Column` reads its value from an item of the list; CSV writes it as it is (ids
and names verbatim, numbers unformatted, instants in ISO 8601, nothing as an empty
field, quoted by the ``csv`` module as RFC 4180 says), the table as the column shows it.
A column without a ``title`` is written to CSV only (the ids a table has no room for),
one without a ``name`` shown in the table only.

>>> columns = [Column("id", "id", lambda r: r[0]), Column("score", "score", lambda r: r[1])]
>>> write_csv(columns, [("a,b", 0.125), ('Bo "B" Li', None)])
id,score
"a,b",0.125
"Bo ""B"" Li",
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Generic, TypeVar

import typer
from rich.console import JustifyMethod
from rich.table import Table

from api.commands.common import console, fail

T = TypeVar("T")
Cell = str | int | float | bool | datetime | None

CsvOption = Annotated[
    bool, typer.Option("--csv", help="the list as CSV with a header row (not with --json)")
]


def text(value: Cell) -> str:
    """A value as a table shows it when its column says nothing else.

    >>> text(None), text(True), text(3), text(datetime(2025, 7, 1, 9, 30))
    ('', 'yes', '3', '2025-07-01 09:30')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return str(value)


def decimals(places: int) -> Callable[[Cell], str]:
    """Numbers shown to ``places`` decimals (``-`` for none).

    >>> decimals(1)(22.14), decimals(1)(None)
    ('22.1', '-')
    """
    return lambda value: "-" if value is None else f"{value:,.{places}f}"


def share(value: Cell) -> str:
    """A share shown as a whole percentage (``-`` for none).

    >>> share(0.426), share(None)
    ('43%', '-')
    """
    return "-" if value is None else f"{value:.0%}"


def day(value: Cell) -> str:
    """An instant shown as its day (``never`` for none)."""
    return "never" if not isinstance(value, datetime) else f"{value:%Y-%m-%d}"


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: ``name`` heads it in CSV, ``title`` in the table; ``value`` reads it from
    an item; ``shown`` formats it for the table; a ``number`` is aligned right."""

    name: str | None
    title: str | None
    value: Callable[[T], Cell]
    shown: Callable[[Cell], str] = text
    number: bool = False


def csv_cell(value: Cell) -> str | int | float:
    """A value as CSV writes it.

    >>> csv_cell(None), csv_cell(False), csv_cell(0.1 + 0.2)
    ('', 'false', 0.30000000000000004)
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def write_csv(columns: Sequence[Column[T]], items: Iterable[T]) -> None:
    """A header row, then a row per item, of the columns with a ``name``, on stdout."""
    written = [c for c in columns if c.name is not None]
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(c.name for c in written)
    writer.writerows([csv_cell(c.value(item)) for c in written] for item in items)


def print_table(
    title: str, columns: Sequence[Column[T]], items: Iterable[T], empty: str | None = None
) -> None:
    """The items as a table of the columns with a ``title`` (a long value folds onto more
    lines, never cut short); ``empty`` (or ``TITLE: none``) when there are none."""
    shown = [c for c in columns if c.title is not None]
    table = Table(title=title)
    for column in shown:
        justify: JustifyMethod = "right" if column.number else "left"
        table.add_column(column.title or "", justify=justify, overflow="fold")
    for item in items:
        table.add_row(*(c.shown(c.value(item)) for c in shown))
    console.print(table if table.row_count else empty or f"{title}: none")


def print_list(
    title: str,
    columns: Sequence[Column[T]],
    items: Iterable[T],
    as_csv: bool,
    empty: str | None = None,
) -> None:
    """:func:`write_csv` with ``as_csv``, else :func:`print_table`."""
    if as_csv:
        write_csv(columns, items)
    else:
        print_table(title, columns, items, empty)


def one_format(as_json: bool, as_csv: bool) -> None:
    """Exit 2 when both ``--json`` and ``--csv`` are asked for."""
    if as_json and as_csv:
        raise fail("--json and --csv exclude each other: ask for one")
