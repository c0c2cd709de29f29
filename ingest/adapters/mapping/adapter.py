"""The mapping format's adapter: an export read as its mapping file describes it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import ClassVar

from ingest.adapters.base import (
    AdapterContext,
    AdapterReport,
    CanonicalTables,
    home_company_row,
)
from ingest.adapters.mapping.duplicates import combine
from ingest.adapters.mapping.home import Marked, choose_home
from ingest.adapters.mapping.loading import load_mapping, resolve_mapping
from ingest.adapters.mapping.lookups import Lookups
from ingest.adapters.mapping.model import MappingFile
from ingest.adapters.mapping.parts import selects
from ingest.adapters.mapping.rows import Context, EntryRows
from ingest.canonical import CANONICAL_FILES, COMPANIES
from ingest.errors import ExportError
from ingest.records import SourceRow
from ingest.sources import ExportFile
from ingest.values import parse_bool


class MappingAdapter:
    """Reads an export as the mapping file of ``context.mapping`` describes it."""

    format: ClassVar[str] = "mapping"

    @staticmethod
    def detect(files: Mapping[str, ExportFile]) -> list[str]:
        """Never: a mapping is named, not guessed."""
        return []

    def tables(
        self, files: Mapping[str, ExportFile], context: AdapterContext, report: AdapterReport
    ) -> CanonicalTables:
        if context.mapping is None:
            raise ExportError("the mapping format needs a mapping file (--mapping FILE)")
        path = resolve_mapping(context.mapping)
        mapping = load_mapping(path)
        ordered = sorted(files.values(), key=lambda f: f.path)
        selected = [[f for f in ordered if selects(e.file, e.headers, f)] for e in mapping.tables]
        day_first = context.day_first if mapping.day_first is None else mapping.day_first
        lookups = _lookups(mapping, ordered, report, context.home_company_id)
        report.warnings.extend(_warnings(mapping, ordered, selected, lookups.selected()))

        scratch = Context(mapping, context.home_company_id, day_first, AdapterReport(), lookups)
        home, add_home = choose_home(_marked(mapping, selected, scratch), context)
        rows_context = Context(mapping, home, day_first, report, lookups)
        counting: dict[str, int] = {}  # the entry that counts each file's rows: the first
        for index, chosen in enumerate(selected):
            for export_file in chosen:
                counting.setdefault(export_file.path, index)

        def rows(table: str) -> Iterator[SourceRow]:
            for index, entry in enumerate(mapping.tables):
                if entry.table == table:
                    made = EntryRows(entry, rows_context)
                    for export_file in selected[index]:
                        yield from made.rows(export_file, counting[export_file.path] == index)

        tables: CanonicalTables = {
            spec.name: combine(
                spec.name, mapping.duplicates(spec.name), rows(spec.name), report, day_first
            )
            for spec in CANONICAL_FILES
            if any(entry.table == spec.name for entry in mapping.tables)
        }
        if add_home:
            home_file = _home_file(mapping, selected) or path.name
            tables[COMPANIES.name] = _with_home(tables.get(COMPANIES.name), home_file, context)
        return tables


def _lookups(
    mapping: MappingFile, files: list[ExportFile], report: AdapterReport, home: str
) -> Lookups:
    """The mapping's lookups, knowing which of their columns the tables read."""
    lookups = Lookups(mapping.lookups, files, report, home)
    for entry in mapping.tables:
        for alias, columns in entry.joined_columns().items():
            lookups.wanted.setdefault(entry.join[alias].lookup, set()).update(columns)
    return lookups


def _marked(
    mapping: MappingFile, selected: list[list[ExportFile]], context: Context
) -> Iterator[Marked]:
    """The companies the export's rows mark ``is_home``, each with the row that does."""
    for entry, chosen in zip(mapping.tables, selected, strict=True):
        if entry.table != COMPANIES.name or "is_home" not in entry.columns:
            continue
        for export_file in chosen:
            for row in EntryRows(entry, context).rows(export_file, counted=False):
                try:
                    marked = parse_bool(row.raw("is_home"))
                except ValueError:
                    continue
                if marked and (company := row.raw("id")):
                    yield Marked(company, row.file, row.line)


def _home_file(mapping: MappingFile, selected: list[list[ExportFile]]) -> str | None:
    """The file the home company's row is counted under: the first a companies table reads,
    else the first read at all."""
    pairs = list(zip(mapping.tables, selected, strict=True))
    pairs.sort(key=lambda pair: pair[0].table != COMPANIES.name)
    return next((f.path for _, chosen in pairs for f in chosen), None)


def _with_home(
    rows: Iterable[SourceRow] | None, file: str, context: AdapterContext
) -> Iterator[SourceRow]:
    """The home company's row (the store has none yet), then ``rows``."""
    yield home_company_row(context, file)
    if rows is not None:
        yield from rows


def _warnings(
    mapping: MappingFile,
    files: list[ExportFile],
    selected: list[list[ExportFile]],
    looked_up: set[str],
) -> Iterator[str]:
    """Files no entry or lookup reads, and columns an entry reads that a file it reads lacks."""
    read = {f.path for chosen in selected for f in chosen} | looked_up
    for export_file in files:
        if export_file.path not in read:
            yield f"{export_file.path}: no table of mapping {mapping.name!r} reads it; ignored"
    for index, (entry, chosen) in enumerate(zip(mapping.tables, selected, strict=True)):
        for export_file in chosen:
            if missing := sorted(entry.columns_read() - set(export_file.header)):
                yield (
                    f"{export_file.path}: no column {', '.join(missing)} for tables[{index}] "
                    f"({entry.name or entry.table}); left blank"
                )
