"""One HubSpot export as it is read: its files by object, and the bookkeeping of its rows
(canonical rows with their provenance, rejects that name the HubSpot column, rows left out).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from itertools import chain

from ingest.adapters.base import AdapterContext, AdapterReport
from ingest.adapters.hubspot.files import HubSpotFile, Row, classify
from ingest.adapters.hubspot.headers import OBJECTS, OWNERS
from ingest.adapters.hubspot.text import parse_when
from ingest.errors import ExportError
from ingest.records import Reject, SourceRow
from ingest.sources import ExportFile

RECORD_NAMES: Mapping[str, str] = {
    "companies": "company",
    "contacts": "contact",
    "deals": "deal",
    "tickets": "ticket",
    "activities": "activity",
    "owners": "owner",
}
"""A record of each object, as ids (``hs:deal:7001``) and messages name it."""


def record_id(kind: str, number: str) -> str:
    """``hs:<record>:<id>``, or ``""`` without an id."""
    return f"hs:{RECORD_NAMES[kind]}:{number}" if number else ""


class Export:
    """The files of one export by object, and what reading their rows reports."""

    def __init__(
        self, files: Mapping[str, ExportFile], context: AdapterContext, report: AdapterReport
    ) -> None:
        self.context = context
        self.report = report
        self.files: dict[str, list[HubSpotFile]] = {kind.name: [] for kind in OBJECTS}
        self._left_out: Counter[tuple[str, str]] = Counter()
        for _, export_file in sorted(files.items()):
            self._add(export_file)

    def _add(self, export_file: ExportFile) -> None:
        try:
            found = classify(export_file)
        except ExportError as exc:
            self.report.warnings.append(f"{export_file.path}: unreadable ({exc}); ignored")
            return
        if found is None:
            kinds = ", ".join(kind.name for kind in reversed(OBJECTS))
            self.report.warnings.append(
                f"{export_file.path}: not a HubSpot export of {kinds}; ignored"
            )
        elif "id" not in found.headers and found.kind is not OWNERS:
            column = found.kind.id_header
            self.report.skip_file(
                export_file,
                column,
                f"no {column} column, so its {found.kind.name} cannot be told apart",
            )
        else:
            self.files[found.kind.name].append(found)

    @property
    def first_path(self) -> str | None:
        """The first file read, where the rows no file holds (the home company) are placed."""
        first = next(chain.from_iterable(self.files.values()), None)
        return first.path if first else None

    def has(self, kind: str) -> bool:
        return bool(self.files[kind])

    def rows(self, kind: str) -> Iterator[Row]:
        """Every row of the files of ``kind``, for looking records up."""
        return chain.from_iterable(f.rows() for f in self.files[kind])

    def records(self, kind: str) -> Iterator[Row]:
        """The rows of ``kind`` that have an id; the others are rejected (read each once)."""
        for row in self.rows(kind):
            if row.record_id:
                yield row
            else:
                column = row.column("id")
                self.skip(
                    row,
                    column,
                    "",
                    f"no {column}: the {RECORD_NAMES[kind]} cannot be told apart from others",
                )

    def source(
        self, row: Row, data: dict[str, str], *, counted: bool = True, origin: str | None = None
    ) -> SourceRow:
        """The canonical row ``data`` of ``row``, from the record ``row`` is unless ``origin``
        says otherwise."""
        if origin is None and row.record_id:
            origin = f"hubspot:{RECORD_NAMES[row.file.kind.name]}:{row.record_id}"
        return SourceRow(
            row.file.path,
            row.line,
            data,
            origin=origin,
            counted=counted,
            day_first=self.context.day_first,
        )

    def reject(self, row: Row, column: str, value: str, reason: str) -> None:
        """Report a value that is not taken (the rest of its row is)."""
        self.report.rejects.append(Reject(row.file.path, row.line, column, value, reason))

    def skip(self, row: Row, column: str, value: str, reason: str) -> None:
        """Reject a whole row: it is counted as read and rejected, and creates nothing."""
        self.reject(row, column, value, f"{reason}; row skipped")
        path = row.file.path
        self.report.skipped[path] = self.report.skipped.get(path, 0) + 1

    def leave_out(self, row: Row, reason: str) -> None:
        """Leave out a row that records nothing that happened (a cancelled meeting): read,
        not rejected; :meth:`report_left_out` counts them, with a warning."""
        self._left_out[(row.file.path, reason)] += 1

    def report_left_out(self) -> None:
        for (path, reason), count in sorted(self._left_out.items()):
            self.report.warnings.append(f"{path}: {count} row(s) left out: {reason}")
            self.report.left_out[path] = self.report.left_out.get(path, 0) + count
        self._left_out.clear()

    def time(self, row: Row, name: str, consequence: str) -> str:
        """Field ``name`` as an ISO timestamp; ``""`` when blank or unreadable (then rejected,
        saying the ``consequence``)."""
        text = row.get(name)
        if not text:
            return ""
        try:
            return parse_when(text, day_first=self.context.day_first).isoformat()
        except ValueError as exc:
            self.reject(row, row.column(name), text, f"{exc}; {consequence}")
            return ""

    def required_time(self, row: Row, name: str, why: str) -> str | None:
        """Field ``name`` as an ISO timestamp; ``None`` when blank or unreadable, and the row
        is skipped (``why`` says what a blank costs)."""
        text, column = row.get(name), row.column(name)
        if not text:
            self.skip(row, column, "", f"no {column}: {why}")
            return None
        try:
            return parse_when(text, day_first=self.context.day_first).isoformat()
        except ValueError as exc:
            self.skip(row, column, text, str(exc))
            return None
