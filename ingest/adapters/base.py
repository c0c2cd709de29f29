"""The adapter protocol: from an export's files to rows of the canonical tables.

An adapter reads the files of one export (see :mod:`ingest.sources`) and yields,
for each canonical table (``companies``, ``people``, ``products``, ``offers``,
``supplies``, ``interactions``, ``account_managers``), :class:`SourceRow` objects
whose ``data`` uses the canonical column names and whose ``file`` and ``line``
point at the row of the export they came from, so a reject names it. Values
stay text: the canonical builders parse and validate them, dates in any of the
formats :func:`ingest.values.parse_datetime` reads.

Ids are the adapter's own (prefix them with the source, ``sf:``, ``hs:``, so
they cannot collide with another system's); the pipeline merges them with
what the store holds (entity resolution) before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Protocol

from ingest.records import Reject, SourceRow
from ingest.sources import ExportFile

CanonicalTables = dict[str, Iterable[SourceRow]]


@dataclass(frozen=True)
class AdapterContext:
    """What an adapter needs to know beyond the files."""

    home_company_id: str
    """Id of our own organisation; internal people (CRM users) work there."""
    home_company_known: bool = True
    """False when the store has no home company yet: the adapter then adds a
    ``companies`` row for it (``is_home=true``, name ``home_company_name``)."""
    home_company_name: str = "Home company"
    day_first: bool = False
    """Read ``03/04/2025`` as 3 April (European exports) instead of March 4."""
    mapping: Path | None = None
    """The YAML mapping file, for the ``mapping`` format."""
    custom_fields: Mapping[str, str] = field(default_factory=dict)
    """Custom CRM fields read in place of standard ones: ``{"Task.Type": "Type__c"}``."""


def home_company_row(context: AdapterContext, file: str) -> SourceRow:
    """The ``companies`` row of our own organisation, for a store that has none yet
    (not counted: it comes from no row of the export)."""
    home = {"id": context.home_company_id, "name": context.home_company_name, "is_home": "true"}
    return SourceRow(file, 1, home, counted=False, day_first=context.day_first)


@dataclass
class AdapterReport:
    """File-level problems: rejects (a missing column) and warnings (a guessed encoding)."""

    rejects: list[Reject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    """Rows the adapter itself set aside, by file path (a file skipped whole, rows it
    could not map): counted as read and rejected."""
    left_out: dict[str, int] = field(default_factory=dict)
    """Rows that record nothing to ingest (a call that reached nobody), by file path:
    counted as read and left out."""

    def skip_file(self, export_file: ExportFile, column: str, reason: str) -> None:
        """Set aside all of ``export_file``: a reject of its header (line 1) says why,
        and every row of it is counted as rejected."""
        self.rejects.append(Reject(export_file.path, 1, column, "", f"{reason}; file skipped"))
        self.skipped[export_file.path] = sum(1 for _ in export_file.rows())


class Adapter(Protocol):
    format: ClassVar[str]
    """The ``--format`` name."""

    @staticmethod
    def detect(files: Mapping[str, ExportFile]) -> list[str]:
        """The files (paths) of ``files`` (by lower-case stem) that mark the export as this
        format's, by their headers; empty when none does."""
        ...

    def tables(
        self, files: Mapping[str, ExportFile], context: AdapterContext, report: AdapterReport
    ) -> CanonicalTables:
        """The canonical tables of the export; rows are read lazily, in file order."""
        ...
