"""Ingest an export: read, validate, write in batches, report, record the run.

Rows are turned into records by the format's :class:`~ingest.canonical.FileSpec`
and handed to a :class:`~ingest.writer.BatchWriter`; every run is stored as an
``IngestRun`` node with its file hashes and counts.
"""

from __future__ import annotations

import csv
import json
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from graph_model.store import GraphStore, NodeUpsert
from ingest.adapters.base import AdapterContext, AdapterReport
from ingest.adapters.registry import adapter_class, detect_format
from ingest.canonical import CANONICAL_FILES, FileSpec
from ingest.records import Reject, SourceRow
from ingest.sources import open_export
from ingest.writer import BatchWriter, FileCounts, PendingRow

Progress = Callable[[str, int], None]


@dataclass
class IngestResult:
    run_id: str
    source: str
    started_at: datetime
    format: str = "canonical"
    finished_at: datetime | None = None
    status: str = "running"
    files: dict[str, FileCounts] = field(default_factory=dict)
    """Counts by source file (path inside the export)."""
    rejects: list[Reject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rejects_path: Path | None = None

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in self.files.values())

    @property
    def reject_share(self) -> float:
        read = sum(c.read for c in self.files.values())
        rejected = sum(c.rejected for c in self.files.values())
        return rejected / read if read else 0.0


def _new_run_id(now: datetime) -> str:
    return f"run-{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _run_props(result: IngestResult, hashes: dict[str, str]) -> dict[str, object]:
    counts = {name: vars(c) for name, c in result.files.items()}
    return {
        "id": result.run_id,
        "source": result.source,
        "format": result.format,
        "status": result.status,
        "started_at": result.started_at,
        "finished_at": result.finished_at,
        "file_hashes": json.dumps(hashes, sort_keys=True),
        "counts": json.dumps(counts, sort_keys=True),
    }


def _ingest_table(
    rows: Iterable[SourceRow],
    spec: FileSpec,
    writer: BatchWriter,
    result: IngestResult,
    progress: Progress | None,
) -> None:
    """Validate rows of one canonical table into ``writer``, counting them per source file."""
    done = 0
    for source in rows:
        counts = result.files.setdefault(source.file, FileCounts())
        records = spec.build(source)
        writer.rejects.extend(source.rejects)
        source.rejects.clear()
        if source.counted:
            counts.read += 1
        if not records:
            counts.rejected += source.counted
        else:
            writer.add(PendingRow(counts, source, records))
        done += 1
        if progress and done % 1000 == 0:
            progress(spec.name, done)
    if progress and done:
        progress(spec.name, done)


def write_rejects(rejects: Sequence[Reject], path: Path) -> None:
    """The rejects report: one CSV row per rejected value."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["file", "line", "column", "value", "reason"])
        for r in rejects:
            out.writerow([r.file, r.line, r.column, r.value, r.reason])


@dataclass(frozen=True)
class IngestOptions:
    format: str | None = None
    """``canonical``, ``salesforce``, ``hubspot`` or ``mapping``; detected when ``None``."""
    mapping: Path | None = None
    batch_size: int = 5000
    rejects_dir: Path | None = None
    day_first: bool = False
    home_company: str | None = None
    """Id of the home company when the store has none marked ``is_home``."""


def _context(store: GraphStore, options: IngestOptions) -> AdapterContext:
    marked = store.find_by("Company", "is_home", [True])
    if marked:
        home_id = marked[0]["id"]
    else:
        home_id = options.home_company or "home"
    known = bool(marked) or bool(store.get_node("Company", home_id))
    return AdapterContext(
        home_company_id=home_id,
        home_company_known=known,
        day_first=options.day_first,
        mapping=options.mapping,
    )


def ingest(
    store: GraphStore,
    path: Path,
    options: IngestOptions | None = None,
    *,
    progress: Progress | None = None,
) -> IngestResult:
    """Ingest the export at ``path`` into ``store``; record the run as an IngestRun."""
    options = options or IngestOptions()
    now = datetime.now(UTC)
    files = open_export(path)
    fmt = options.format or detect_format(files)
    adapter = adapter_class(fmt)()
    result = IngestResult(_new_run_id(now), str(path), now, format=fmt)
    hashes = {f.path: f.sha256 for f in files.values()}
    store.write([NodeUpsert("IngestRun", [_run_props(result, hashes)])])
    report = AdapterReport()
    writer = BatchWriter(store, options.batch_size, result.rejects)
    try:
        tables = adapter.tables(files, _context(store, options), report)
        for spec in CANONICAL_FILES:
            if spec.name in tables:
                _ingest_table(tables[spec.name], spec, writer, result, progress)
        writer.finish()
        result.status = "succeeded"
    except BaseException:
        result.status = "failed"
        raise
    finally:
        result.finished_at = datetime.now(UTC)
        result.warnings = report.warnings
        for reject in report.rejects:
            counts = result.files.setdefault(reject.file, FileCounts())
            skipped = report.skipped.get(reject.file, 0)
            counts.read += skipped
            counts.rejected += skipped
        result.rejects.extend(report.rejects)
        result.rejects.sort(key=lambda r: (r.file, r.line, r.column))
        if result.rejects and options.rejects_dir is not None:
            result.rejects_path = options.rejects_dir / f"{result.run_id}.csv"
            write_rejects(result.rejects, result.rejects_path)
        store.write([NodeUpsert("IngestRun", [_run_props(result, hashes)])])
    return result
