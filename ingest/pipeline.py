"""Ingest an export: read, validate, write in batches, report, record the run.

Rows are turned into records by the format's :class:`~ingest.canonical.FileSpec`
and handed to a :class:`~ingest.writer.BatchWriter`; every run is stored as an
``IngestRun`` node with its file hashes and counts.
"""

from __future__ import annotations

import csv
import json
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from graph_model.store import GraphStore, NodeUpsert
from ingest.canonical import CANONICAL_FILES, FileSpec
from ingest.records import Reject, SourceRow
from ingest.sources import ExportFile, open_export
from ingest.writer import BatchWriter, FileCounts, PendingRow

Progress = Callable[[str, int], None]


@dataclass
class IngestResult:
    run_id: str
    source: str
    started_at: datetime
    finished_at: datetime | None = None
    status: str = "running"
    files: dict[str, FileCounts] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)
    ignored_files: list[str] = field(default_factory=list)
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


def _run_props(result: IngestResult, fmt: str, hashes: dict[str, str]) -> dict[str, object]:
    counts = {name: vars(c) for name, c in result.files.items()}
    return {
        "id": result.run_id,
        "source": result.source,
        "format": fmt,
        "status": result.status,
        "started_at": result.started_at,
        "finished_at": result.finished_at,
        "file_hashes": json.dumps(hashes, sort_keys=True),
        "counts": json.dumps(counts, sort_keys=True),
    }


def ingest_file(
    export_file: ExportFile,
    spec: FileSpec,
    writer: BatchWriter,
    counts: FileCounts,
    progress: Progress | None,
) -> None:
    """Read one file of the export through ``spec`` into ``writer``."""
    header = export_file.header
    missing = [c for c in spec.required if c not in header]
    if missing:
        for _ in export_file.rows():
            counts.read += 1
            counts.rejected += 1
        writer.rejects.append(
            Reject(export_file.path, 1, ",".join(missing), "",
                   f"required column(s) {', '.join(missing)} missing from the header; file skipped")
        )
        return
    for line, data in export_file.rows():
        counts.read += 1
        source = SourceRow(export_file.path, line, data)
        records = spec.build(source)
        writer.rejects.extend(source.rejects)
        source.rejects.clear()
        if not records:
            counts.rejected += 1
        else:
            writer.add(PendingRow(counts, source, records))
        if progress and counts.read % 1000 == 0:
            progress(spec.name, counts.read)
    if progress:
        progress(spec.name, counts.read)


def write_rejects(rejects: Sequence[Reject], path: Path) -> None:
    """The rejects report: one CSV row per rejected value."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["file", "line", "column", "value", "reason"])
        for r in rejects:
            out.writerow([r.file, r.line, r.column, r.value, r.reason])


def ingest(
    store: GraphStore,
    path: Path,
    *,
    batch_size: int = 5000,
    rejects_dir: Path | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """Ingest the canonical export at ``path`` into ``store``; record it as an IngestRun."""
    now = datetime.now(UTC)
    files = open_export(path)
    result = IngestResult(_new_run_id(now), str(path), now)
    hashes = {f.path: f.sha256 for f in files.values()}
    store.write([NodeUpsert("IngestRun", [_run_props(result, "canonical", hashes)])])
    specs = {spec.name: spec for spec in CANONICAL_FILES}
    result.ignored_files = sorted(f.path for name, f in files.items() if name not in specs)
    writer = BatchWriter(store, batch_size, result.rejects)
    try:
        for spec in CANONICAL_FILES:
            if spec.name in files:
                counts = result.files.setdefault(spec.name, FileCounts())
                ingest_file(files[spec.name], spec, writer, counts, progress)
        writer.finish()
        result.status = "succeeded"
    except BaseException:
        result.status = "failed"
        raise
    finally:
        result.finished_at = datetime.now(UTC)
        result.rejects.sort(key=lambda r: (r.file, r.line, r.column))
        if result.rejects and rejects_dir is not None:
            result.rejects_path = rejects_dir / f"{result.run_id}.csv"
            write_rejects(result.rejects, result.rejects_path)
        store.write([NodeUpsert("IngestRun", [_run_props(result, "canonical", hashes)])])
    return result
