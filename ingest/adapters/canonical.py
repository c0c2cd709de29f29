"""The canonical format itself: files named after the canonical tables."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from ingest.adapters.base import AdapterContext, AdapterReport, CanonicalTables
from ingest.canonical import CANONICAL_FILES, FileSpec
from ingest.records import SourceRow
from ingest.sources import ExportFile

_NAMES = frozenset(spec.name for spec in CANONICAL_FILES)


class CanonicalAdapter:
    """Reads ``companies.csv``, ``people.csv``… (or ``.jsonl``) as they are."""

    format: ClassVar[str] = "canonical"

    @staticmethod
    def detect(files: Mapping[str, ExportFile]) -> list[str]:
        return sorted(f.path for name, f in files.items() if name in _NAMES)

    def tables(
        self, files: Mapping[str, ExportFile], context: AdapterContext, report: AdapterReport
    ) -> CanonicalTables:
        tables: CanonicalTables = {}
        for spec in CANONICAL_FILES:
            if spec.name in files:
                tables[spec.name] = self._rows(files[spec.name], spec, context, report)
        report.warnings.extend(
            f"{f.path}: not a file of the canonical format; ignored"
            for name, f in sorted(files.items())
            if name not in _NAMES
        )
        return tables

    @staticmethod
    def _rows(
        export_file: ExportFile, spec: FileSpec, context: AdapterContext, report: AdapterReport
    ) -> Iterator[SourceRow]:
        missing = [c for c in spec.required if c not in export_file.header]
        if missing:
            names = ", ".join(missing)
            report.skip_file(
                export_file, names, f"required column(s) {names} missing from the header"
            )
            return
        keyed = "id" in spec.required
        path, origin, day_first = export_file.path, f"canonical:{spec.name}", context.day_first
        for line, data in export_file.rows():
            row_origin = f"{origin}:{(data.get('id') or '').strip()}" if keyed else origin
            yield SourceRow(path, line, data, origin=row_origin, day_first=day_first)
