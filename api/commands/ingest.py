"""``srm ingest``: load exports, list runs, watch a drop folder."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from api.audit import Entry, ingest_counts, record
from api.commands.common import JsonOption, console, errors, fail, opened_store, print_json
from graph_model.settings import Settings
from graph_model.store import GraphStore
from ingest.adapters.registry import FORMATS
from ingest.pipeline import IngestOptions, IngestResult, ingest
from ingest.runs import fail_interrupted, list_runs, result_summary
from ingest.sources import ExportError
from ingest.watch import DropFolderBusy, watch


def print_result(result: IngestResult) -> None:
    title = f"ingest {result.run_id} ({result.format}, {result.status})"
    table = Table(title=("dry run: " if result.dry_run else "") + title)
    for column in ("file", "read", "created", "updated", "unchanged", "rejected"):
        table.add_column(column, justify="left" if column == "file" else "right")
    for name, c in sorted(result.files.items()):
        values = (c.read, c.created, c.updated, c.unchanged, c.rejected)
        table.add_row(name, *(f"{v:,}" for v in values))
    console.print(table)
    for merge in result.merges:
        console.print(
            f"merged {merge.label.lower()} {merge.source_id} into {merge.node_id}: {merge.reason} "
            f"({merge.file}, line {merge.line})"
        )
    if result.ended_employment:
        console.print(
            f"snapshot: ended the employment of {len(result.ended_employment)} people missing "
            f"from the export: {', '.join(result.ended_employment[:20])}"
        )
    for warning in result.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}")
    if not result.changed:
        console.print("No changes: the store already held everything in this export.")
    elif result.dry_run:
        console.print("Dry run: nothing was written.")
    if result.rejects_path:
        console.print(f"{len(result.rejects)} rejected value(s) listed in {result.rejects_path}")


def run_ingest(
    store: GraphStore, path: Path, options: IngestOptions, show_progress: bool
) -> IngestResult:
    """Ingest with a progress bar, once runs left ``running`` by dead processes are marked
    failed."""
    for run_id in fail_interrupted(store):
        errors.print(f"ingest run {run_id} was interrupted: marked failed")
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=errors,
        disable=not show_progress,
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(name: str, rows: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name)
            bar.update(tasks[name], description=f"{name}: {rows:,} rows")

        try:
            result = ingest(store, path, options, progress=progress)
        except Exception as exc:
            _audit(store, path, options, "failed", {"error": str(exc)})
            raise
    more = {"run": result.run_id}
    _audit(store, path, options, result.status, more, ingest_counts(result.files))
    return result


def _audit(
    store: GraphStore,
    path: Path,
    options: IngestOptions,
    outcome: str,
    more: dict[str, str],
    counts: dict[str, int] | None = None,
) -> None:
    """The command-line ingest in the audit trail (no key: whoever runs the command)."""
    asked = {"source": str(path), "format": options.format, "dry_run": options.dry_run}
    asked["snapshot"] = options.snapshot
    entry = Entry(None, "ingest", "srm ingest", outcome, {**asked, **more}, counts or {})
    record(store, entry)


def _runs(settings: Settings, limit: int, as_json: bool) -> None:
    with opened_store(settings) as store:
        fail_interrupted(store)
        runs = list_runs(store, limit)
    if as_json:
        print_json([r.model_dump(mode="json") for r in runs])
        return
    table = Table(title="ingest runs, newest first")
    for column in (
        "run",
        "format",
        "status",
        "started",
        "seconds",
        "read",
        "changed",
        "rejected",
        "source",
    ):
        table.add_column(column)
    for r in runs:
        seconds = f"{(r.finished_at - r.started_at).total_seconds():.1f}" if r.finished_at else ""
        table.add_row(
            r.id,
            r.format or "",
            r.status,
            f"{r.started_at:%Y-%m-%d %H:%M:%S}",
            seconds,
            f"{r.read:,}",
            f"{r.created + r.updated:,}",
            f"{r.rejected:,}",
            r.source,
        )
    console.print(table)


def ingest_command(
    path: Annotated[
        Path | None,
        typer.Argument(help="an export (folder, .zip, .csv, .jsonl), or `runs` to list past runs"),
    ] = None,
    export_format: Annotated[
        str | None,
        typer.Option("--format", help=f"one of {', '.join(FORMATS)}; detected when left out"),
    ] = None,
    mapping: Annotated[
        Path | None, typer.Option(help="YAML mapping file (--format mapping)")
    ] = None,
    day_first: Annotated[bool, typer.Option(help="read 03/04/2025 as 3 April")] = False,
    dry_run: Annotated[bool, typer.Option(help="report what would change, write nothing")] = False,
    snapshot: Annotated[
        bool, typer.Option(help="the export is the whole source: end missing people's employment")
    ] = False,
    watch_dir: Annotated[
        Path | None, typer.Option("--watch", help="ingest each export dropped into this folder")
    ] = None,
    interval: Annotated[float, typer.Option(help="seconds between looks at --watch")] = 60.0,
    once: Annotated[
        bool, typer.Option(help="with --watch: handle what is there, then stop")
    ] = False,
    limit: Annotated[int, typer.Option(help="with `runs`: how many")] = 20,
    as_json: JsonOption = False,
    progress: Annotated[bool, typer.Option(help="show a progress bar")] = True,
) -> None:
    """Ingest a CRM export; print what was created, updated, unchanged and rejected per file.

    Exits 1 when the share of rejected rows passes SRM_REJECT_THRESHOLD (every good row is
    kept), 2 when the export cannot be read at all.
    """
    settings = Settings()
    if path is not None and str(path) == "runs" and not path.exists():
        _runs(settings, limit, as_json)
        return
    options = IngestOptions.from_settings(
        settings,
        format=export_format,
        mapping=mapping,
        day_first=day_first,
        dry_run=dry_run,
        snapshot=snapshot,
    )
    show = progress and sys.stderr.isatty() and not as_json
    if watch_dir is not None:
        _watch(settings, watch_dir, options, interval, once)
        return
    if path is None:
        raise fail("name an export to ingest, `runs`, or --watch FOLDER")
    with opened_store(settings) as store:
        try:
            result = run_ingest(store, path, options, show)
        except ExportError as exc:
            raise fail(str(exc)) from exc
    if as_json:
        print_json(result_summary(result).model_dump(mode="json"))
    else:
        print_result(result)
    if result.reject_share > settings.reject_threshold:
        errors.print(
            f"[red]{result.reject_share:.1%} of rows rejected, more than the threshold "
            f"of {settings.reject_threshold:.0%} (SRM_REJECT_THRESHOLD); the good rows are kept[/red]"
        )
        raise typer.Exit(1)


def _watch(
    settings: Settings, folder: Path, options: IngestOptions, interval: float, once: bool
) -> None:
    def run(source: Path) -> bool:
        console.print(f"ingesting {source.name}")
        with opened_store(settings) as store:
            try:
                result = run_ingest(store, source, options, False)
            except ExportError as exc:
                errors.print(f"[red]error:[/red] {exc}")
                return False
        print_result(result)
        return result.reject_share <= settings.reject_threshold

    try:
        handled = watch(folder, run, interval=interval, once=once)
    except DropFolderBusy as exc:
        raise fail(str(exc)) from exc
    console.print(f"{handled} export(s) handled")
