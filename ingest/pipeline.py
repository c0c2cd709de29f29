"""Ingest an export: read, validate, resolve references, upsert in batches, report.

Rows are turned into records by the format's :class:`~ingest.canonical.FileSpec`,
gathered into batches of unique keys and written one transaction a batch.
Relationships whose nodes are neither in the store nor earlier in the run wait
until the end of the run (a manager listed after the report); those still
unresolved then are rejected, and only they: the rest of their row is kept.
"""

from __future__ import annotations

import csv
import json
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from graph_model.schema import NODES, RELS
from graph_model.store import GraphStore, NodeUpsert, Outcome, RelRow, RelUpsert, Upsert
from ingest.canonical import CANONICAL_FILES, FileSpec
from ingest.records import NodeRecord, Record, Reject, RelRecord, SourceRow
from ingest.sources import ExportFile, open_export

Progress = Callable[[str, int], None]
REFERENCED_LABELS = frozenset({"Company", "Person", "Product"})
_NODE_ORDER = {n.label: i for i, n in enumerate(NODES)}
_REL_ORDER = {r.type: i for i, r in enumerate(RELS)}


@dataclass
class FileCounts:
    """Rows of one file by what became of them; ``read`` is their sum."""

    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


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


@dataclass
class _Row:
    """A row on its way into the store, and what happened to each of its records."""

    counts: FileCounts
    source: SourceRow
    records: list[Record]
    outcomes: list[Outcome | None] = field(default_factory=list)
    waiting: int = 0

    def __post_init__(self) -> None:
        self.outcomes = [None] * len(self.records)

    def settle(self) -> None:
        primary = self.outcomes[0]
        if primary is None:
            self.counts.rejected += 1
        elif primary is Outcome.CREATED:
            self.counts.created += 1
        elif any(o in (Outcome.CREATED, Outcome.UPDATED) for o in self.outcomes):
            self.counts.updated += 1
        else:
            self.counts.unchanged += 1


class _Writer:
    """Batches records with unique keys and writes them, resolving references first."""

    def __init__(self, store: GraphStore, batch_size: int, result: IngestResult) -> None:
        self.store = store
        self.batch_size = batch_size
        self.result = result
        self.known: dict[str, set[str]] = defaultdict(set)
        self.batch: list[tuple[_Row, int]] = []
        self.keys: set[tuple[str, ...]] = set()
        self.waiting: list[tuple[_Row, int]] = []

    def add(self, row: _Row, indexes: Sequence[int], *, final: bool = False) -> None:
        """Queue records of ``row``, first writing the batch if it is full or has their keys."""
        keys = [row.records[i].key for i in indexes]
        if len(self.batch) + len(keys) > self.batch_size or not self.keys.isdisjoint(keys):
            self.flush(final)
        for index in indexes:
            record = row.records[index]
            if isinstance(record, NodeRecord) and record.label in REFERENCED_LABELS:
                self.known[record.label].add(record.props["id"])
            self.batch.append((row, index))
        self.keys.update(keys)

    def flush(self, final: bool = False) -> None:
        if not self.batch:
            return
        self._resolve(r.records[i] for r, i in self.batch)
        ready: list[tuple[_Row, int]] = []
        for row, index in self.batch:
            record = row.records[index]
            if isinstance(record, RelRecord) and not self._resolved(record):
                if final:
                    self._reject_refs(row, record)
                else:
                    row.waiting += 1
                    self.waiting.append((row, index))
                continue
            ready.append((row, index))
        self._write(ready)
        rows = {id(r): r for r, _ in self.batch}
        self.batch, self.keys = [], set()
        for row in rows.values():
            if row.waiting == 0:
                row.settle()

    def finish(self) -> None:
        """Write what waited for later rows, and reject what is still unresolved."""
        self.flush()
        waiting, self.waiting = self.waiting, []
        for row, index in waiting:
            row.waiting -= 1
            self.add(row, [index], final=True)
        self.flush(final=True)

    def _resolve(self, records: Iterable[Record]) -> None:
        unknown: dict[str, set[str]] = defaultdict(set)
        for record in records:
            if isinstance(record, RelRecord):
                for ref in record.refs:
                    if ref.id not in self.known[ref.label]:
                        unknown[ref.label].add(ref.id)
        for label, ids in unknown.items():
            self.known[label] |= self.store.existing_ids(label, ids)

    def _resolved(self, record: RelRecord) -> bool:
        return all(ref.id in self.known[ref.label] for ref in record.refs)

    def _reject_refs(self, row: _Row, record: RelRecord) -> None:
        source = row.source
        for ref in record.refs:
            if ref.id not in self.known[ref.label]:
                source.reject(
                    ref.column,
                    f"no {ref.label.lower()} with id {ref.id!r} in this export or the store",
                    ref.id,
                )
        self.result.rejects.extend(source.rejects)
        source.rejects.clear()

    def _write(self, ready: Sequence[tuple[_Row, int]]) -> None:
        groups: dict[tuple[int, str], list[tuple[_Row, int]]] = defaultdict(list)
        for row, index in ready:
            record = row.records[index]
            if isinstance(record, NodeRecord):
                groups[(_NODE_ORDER[record.label], record.label)].append((row, index))
            else:
                groups[(100 + _REL_ORDER[record.type], record.type)].append((row, index))
        order = sorted(groups)
        upserts: list[Upsert] = []
        for rank, name in order:
            members = groups[(rank, name)]
            if rank < 100:
                upserts.append(NodeUpsert(name, [r.records[i].props for r, i in members]))
            else:
                rels = []
                for r, i in members:
                    rec = r.records[i]
                    assert isinstance(rec, RelRecord)
                    rels.append(RelRow(rec.start, rec.end, rec.props))
                upserts.append(RelUpsert(name, rels))
        if not upserts:
            return
        for key, outcomes in zip(order, self.store.write(upserts), strict=True):
            for (row, index), outcome in zip(groups[key], outcomes, strict=True):
                row.outcomes[index] = outcome


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
    export_file: ExportFile, spec: FileSpec, writer: _Writer, progress: Progress | None
) -> None:
    """Read one file of the export through ``spec`` into ``writer``."""
    counts = writer.result.files.setdefault(spec.name, FileCounts())
    header = export_file.header
    missing = [c for c in spec.required if c not in header]
    if missing:
        for _ in export_file.rows():
            counts.read += 1
            counts.rejected += 1
        writer.result.rejects.append(
            Reject(export_file.path, 1, ",".join(missing), "",
                   f"required column(s) {', '.join(missing)} missing from the header; file skipped")
        )
        return
    for line, data in export_file.rows():
        counts.read += 1
        source = SourceRow(export_file.path, line, data)
        records = spec.build(source)
        writer.result.rejects.extend(source.rejects)
        source.rejects.clear()
        if not records:
            counts.rejected += 1
        else:
            writer.add(_Row(counts, source, records), range(len(records)))
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
    writer = _Writer(store, batch_size, result)
    try:
        for spec in CANONICAL_FILES:
            if spec.name in files:
                ingest_file(files[spec.name], spec, writer, progress)
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
