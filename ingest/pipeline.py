"""Ingest an export: read, validate, write in batches, report, record the run.

Rows are turned into records by the format's :class:`~ingest.canonical.FileSpec`
and handed to a :class:`~ingest.writer.BatchWriter` (interactions, most of an export,
to an :class:`~ingest.interaction_lane.InteractionLane`, which writes them
column-wise); every run is stored as an ``IngestRun`` node with its file hashes and
counts.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph_model.memory import collection_paused
from graph_model.settings import Settings
from graph_model.store import GraphStore, NodeUpsert, Props
from ingest.adapters.base import Adapter, AdapterContext, AdapterReport
from ingest.adapters.registry import Detected, adapter_class, detected
from ingest.canonical import CANONICAL_FILES, INTERACTIONS, PEOPLE, FileSpec, interaction_fields
from ingest.interaction_lane import InteractionLane
from ingest.outcome import nothing_ingested, old_before, old_interactions_note
from ingest.records import NodeRecord, Reject, SourceRow
from ingest.resolve import Resolver, resolve_row
from ingest.result import IngestResult, new_run_id, run_props
from ingest.snapshot import EVERYTHING, end_missing_employment, origin_system
from ingest.sources import ExportFile, open_export
from ingest.writer import BatchWriter, FileCounts, PendingRow

Progress = Callable[[str, int], None]


def _ingest_table(
    rows: Iterable[SourceRow],
    spec: FileSpec,
    writer: BatchWriter,
    result: IngestResult,
    resolver: Resolver | None,
    progress: Progress | None,
    default_currency: str | None = None,
) -> None:
    """Validate rows of one canonical table into ``writer`` (interactions through an
    :class:`~ingest.interaction_lane.InteractionLane`), counting them per source file
    (amounts without a currency in ``default_currency``)."""
    done = 0
    files = result.files
    lane = InteractionLane(writer, merge=resolver is not None) if spec is INTERACTIONS else None
    resolving = resolver if resolver is not None and resolver.resolves(spec) else None
    for source in rows:
        counts = files.get(source.file) or files.setdefault(source.file, FileCounts())
        merged = None
        if resolving:
            merge = resolve_row(source, spec, resolving)
            if merge is not None:
                result.merges.append(merge)
                merged = merge.source_id
        if lane is not None and not source.fills:
            recorded = _add_interaction(source, counts, lane, default_currency)
        else:
            recorded = _add_records(
                source, counts, spec, writer, resolver, merged, default_currency
            )
        if source.rejects:
            writer.rejects.extend(source.rejects)
            source.rejects.clear()
        if source.counted:
            counts.read += 1
        if not recorded:
            counts.rejected += source.counted
        done += 1
        if progress and done % 1000 == 0:
            progress(spec.name, done)
    if progress and done:
        progress(spec.name, done)
    if lane is not None:
        lane.flush()


def _add_interaction(
    source: SourceRow, counts: FileCounts, lane: InteractionLane, currency: str | None
) -> bool:
    """Queue an interaction row in ``lane``; whether it was taken."""
    fields = interaction_fields(source)
    if fields is None:
        return False
    if currency:
        _give_currency(fields[0], currency)
    lane.add(counts, source, *fields)
    return True


def _add_records(
    source: SourceRow,
    counts: FileCounts,
    spec: FileSpec,
    writer: BatchWriter,
    resolver: Resolver | None,
    merged: str | None,
    currency: str | None,
) -> bool:
    """Queue the records of a row in ``writer``, laid over the stored nodes when a
    ``resolver`` resolved the row (a ``merged`` id kept as an alias); whether it had any."""
    records = spec.build(source)
    if not records:
        return False
    if currency:
        for record in records:
            _give_currency(record.props, currency)
    if isinstance(records[0], NodeRecord):
        records[0].fill = source.fills
        if resolver:
            records[0].merge = True
            if merged:
                records[0].props["aliases"] = [merged]
    writer.add(PendingRow(counts, source, records))
    return True


AMOUNTS = ("annual_value", "amount")
"""The properties that hold an amount of money (in the record's ``currency``)."""


def _give_currency(props: Props, currency: str) -> None:
    """``currency`` for props with an amount and no currency."""
    if props.get("currency") is None and any(props.get(a) is not None for a in AMOUNTS):
        props["currency"] = currency


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
    batch_size: int | None = None
    """Records per write transaction; the store's own choice when ``None``."""
    rejects_dir: Path | None = None
    day_first: bool = False
    home_company: str | None = None
    """Id of the home company when the store has none marked ``is_home``."""
    home_company_name: str = "Home company"
    """Its name, when an export that does not list it (a CRM's) creates it."""
    dry_run: bool = False
    """Work out every outcome in a transaction that is rolled back; record no run."""
    snapshot: bool = False
    """The export is the whole state of its source: end the employment of its people
    who are missing from it (they are never deleted)."""
    custom_fields: dict[str, str] = field(default_factory=dict)
    """Custom CRM fields read in place of standard ones: ``{"Task.Type": "Type__c"}``."""
    half_life_days: float = 180.0
    """Of the scoring model: tells when the interactions of a run are old."""
    default_currency: str | None = None
    """The currency of the amounts an export gives without one."""

    @classmethod
    def from_settings(cls, settings: Settings, **choices: Any) -> IngestOptions:
        """The options the settings give, with a run's own ``choices`` (format, dry_run…)."""
        return cls(
            batch_size=settings.batch_size,
            rejects_dir=settings.data_dir / "rejects",
            home_company=settings.home_company,
            home_company_name=settings.home_company_name,
            half_life_days=settings.half_life_days,
            default_currency=settings.default_currency,
            **choices,
        )


def _context(store: GraphStore, options: IngestOptions) -> AdapterContext:
    marked = store.find_by("Company", "is_home", [True])
    home_id = marked[0]["id"] if marked else options.home_company or "home"
    known = bool(marked) or bool(store.get_node("Company", home_id))
    return AdapterContext(
        home_company_id=home_id,
        home_company_known=known,
        home_company_name=options.home_company_name,
        day_first=options.day_first,
        mapping=options.mapping,
        custom_fields=options.custom_fields,
    )


def ingest(
    store: GraphStore,
    path: Path,
    options: IngestOptions | None = None,
    *,
    progress: Progress | None = None,
    run_id: str | None = None,
    source: str | None = None,
) -> IngestResult:
    """Ingest the export at ``path`` into ``store``; record the run as an IngestRun (as
    ``run_id`` when given, its source named ``source``, by default the path)."""
    options = options or IngestOptions()
    now = datetime.now(UTC)
    run_id = run_id or new_run_id(now)
    result = IngestResult(run_id, source or str(path), now, format=options.format)
    result.dry_run = options.dry_run
    record_run = not options.dry_run
    if record_run:
        store.write([NodeUpsert("IngestRun", [run_props(result)])])
    report = AdapterReport()
    files: dict[str, ExportFile] = {}
    try:
        files = open_export(path)
        result.file_hashes = {f.path: f.sha256 for f in files.values()}
        result.format, result.format_reason = export_format(files, options)
        adapter = adapter_class(result.format)()
        with collection_paused(), _target(store, options) as target:
            _run(target, files, adapter, options, result, report, progress)
    except BaseException as exc:
        result.status, result.error = "failed", str(exc) or type(exc).__name__
        raise
    finally:
        _finish(result, report, options)
        if result.status == "running":
            headers = {f.path: f.header for f in files.values()}
            result.error = nothing_ingested(result.files, headers, result.rejects)
            result.status = "failed" if result.error else "succeeded"
        if record_run:
            store.write([NodeUpsert("IngestRun", [run_props(result)])])
    return result


def record_refused(store: GraphStore, source: str, options: IngestOptions, error: str) -> str:
    """Record as a failed run an export refused before its run could start (its files
    could not be read or told apart); the run's id (none is recorded for a dry run)."""
    now = datetime.now(UTC)
    result = IngestResult(new_run_id(now), source, now, format=options.format)
    result.status, result.finished_at, result.error = "failed", now, error
    if not options.dry_run:
        store.write([NodeUpsert("IngestRun", [run_props(result)])])
    return result.run_id


def export_format(files: dict[str, ExportFile], options: IngestOptions) -> Detected:
    """The format to read ``files`` as, and why: the one asked for, else the one detected
    (:class:`~ingest.errors.ExportError` when neither)."""
    if options.format:
        return Detected(options.format, "named for this run")
    return detected(files)


def check_export(path: Path, options: IngestOptions) -> str:
    """The format of the export at ``path``, read from its headers only, before a run
    (:class:`~ingest.errors.ExportError` when it cannot be read or told)."""
    fmt = export_format(open_export(path), options).format
    adapter_class(fmt)
    return fmt


@contextmanager
def _target(store: GraphStore, options: IngestOptions) -> Iterator[GraphStore]:
    """What the rows are written to: a rehearsal of the store for a dry run, else the store
    itself in a bulk load."""
    if options.dry_run:
        with store.dry_run() as rehearsal:
            yield rehearsal
    else:
        with store.bulk_load():
            yield store


def _run(
    store: GraphStore,
    files: dict[str, ExportFile],
    adapter: Adapter,
    options: IngestOptions,
    result: IngestResult,
    report: AdapterReport,
    progress: Progress | None,
) -> None:
    batch = options.batch_size or store.write_batch
    old = old_before(result.started_at, options.half_life_days)
    writer = BatchWriter(store, batch, result.rejects, old_before=old)
    resolver = None
    if result.format != "canonical":
        resolver = Resolver(
            store.find_nodes("Company", "", EVERYTHING),
            store.find_nodes("Person", "", EVERYTHING),
        )
    tables = adapter.tables(files, _context(store, options), report)
    seen: set[str] = set()
    systems: set[str] = set()
    for spec in CANONICAL_FILES:
        if spec.name in tables:
            rows = tables[spec.name]
            if spec is PEOPLE and options.snapshot:
                rows = _watch_people(rows, seen, systems)
            currency = options.default_currency
            _ingest_table(rows, spec, writer, result, resolver, progress, currency)
    writer.finish()
    result.records, result.interactions = writer.records, writer.interactions
    _file_problems(files, result, report)
    if options.snapshot and systems:
        resolved = {resolver.alias("Person", p) for p in seen} if resolver else seen
        result.ended_employment = end_missing_employment(
            store, resolved, systems, result.started_at
        )


def _file_problems(
    files: dict[str, ExportFile], result: IngestResult, report: AdapterReport
) -> None:
    """Rows the reader set aside and files it could not read as UTF-8."""
    for export_file in files.values():
        for line, column, reason in export_file.rejects:
            counts = result.files.setdefault(export_file.path, FileCounts())
            counts.read += 1
            counts.rejected += 1
            result.rejects.append(Reject(export_file.path, line, column, "", reason))
        if warning := export_file.encoding_warning:
            report.warnings.append(warning)


def _watch_people(
    rows: Iterable[SourceRow], seen: set[str], systems: set[str]
) -> Iterator[SourceRow]:
    for row in rows:
        if person_id := (row.data.get("id") or "").strip():
            seen.add(person_id)
        if system := origin_system(row.origin):
            systems.add(system)
        yield row


def _finish(result: IngestResult, report: AdapterReport, options: IngestOptions) -> None:
    result.finished_at = datetime.now(UTC)
    result.warnings = report.warnings
    if note := old_interactions_note(result.interactions, options.half_life_days):
        result.warnings.append(note)
    for file, skipped in report.skipped.items():
        counts = result.files.setdefault(file, FileCounts())
        counts.read += skipped
        counts.rejected += skipped
    for file, left_out in report.left_out.items():
        counts = result.files.setdefault(file, FileCounts())
        counts.read += left_out
        counts.left_out += left_out
    result.rejects.extend(report.rejects)
    result.rejects.sort(key=lambda r: (r.file, r.line, r.column))
    for reject in result.rejects:
        counts = result.files.setdefault(reject.file, FileCounts())
        counts.rejected_values += 1
    if result.rejects and options.rejects_dir is not None:
        result.rejects_path = options.rejects_dir / f"{result.run_id}.csv"
        write_rejects(result.rejects, result.rejects_path)
