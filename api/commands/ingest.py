"""``srm ingest``: load exports, list runs, watch a drop folder."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from api.audit import Entry, ingest_counts, record
from api.commands.common import (
    UNKNOWN_ID,
    JsonOption,
    console,
    errors,
    fail,
    opened_store,
    print_json,
    say,
)
from api.commands.run_report import print_run
from api.commands.tables import Column, decimals, one_format, print_list
from graph_model.settings import Settings
from graph_model.store import GraphStore
from ingest.adapters.registry import FORMATS
from ingest.errors import ExportError
from ingest.pipeline import IngestOptions, ingest
from ingest.result import IngestResult
from ingest.runs import RunRecord, fail_interrupted, get_run, list_runs, result_summary
from ingest.watch import DropFolderBusy, watch


def print_result(result: IngestResult) -> None:
    print_run(result_summary(result).run, dry_run=result.dry_run)


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


def _seconds(run: RunRecord) -> float | None:
    return (run.finished_at - run.started_at).total_seconds() if run.finished_at else None


RUNS: list[Column[RunRecord]] = [
    Column("id", "run", lambda r: r.id),
    Column("format", "format", lambda r: r.format),
    Column("status", "status", lambda r: r.status),
    Column("started_at", "started", lambda r: r.started_at, lambda t: f"{t:%Y-%m-%d %H:%M:%S}"),
    Column("finished_at", None, lambda r: r.finished_at),
    Column("seconds", "seconds", _seconds, lambda v: "" if v is None else f"{v:.1f}", number=True),
    Column("read", "read", lambda r: r.read, decimals(0), number=True),
    Column("changed", "changed", lambda r: r.created + r.updated, decimals(0), number=True),
    Column("rejected", "rejected", lambda r: r.rejected, decimals(0), number=True),
    Column("source", "source", lambda r: r.source),
]


def _runs(settings: Settings, limit: int, as_json: bool, as_csv: bool) -> None:
    with opened_store(settings) as store:
        fail_interrupted(store)
        runs = list_runs(store, limit)
    if as_json:
        print_json([r.model_dump(mode="json") for r in runs])
    else:
        print_list("ingest runs, newest first", RUNS, runs, as_csv)


def _run(settings: Settings, run_id: str, as_json: bool) -> None:
    with opened_store(settings) as store:
        fail_interrupted(store)
        run = get_run(store, run_id)
    if run is None:
        raise fail(f"no ingest run with id {run_id!r}", UNKNOWN_ID)
    if as_json:
        print_json(run)
    else:
        print_run(run, every_merge=True)


def ingest_command(
    path: Annotated[
        Path | None,
        typer.Argument(help="an export (folder, .zip, .csv, .jsonl), or `runs` to list past runs"),
    ] = None,
    run_id: Annotated[
        str | None, typer.Argument(help="after `runs`: one run, with its whole report")
    ] = None,
    export_format: Annotated[
        str | None,
        typer.Option("--format", help=f"one of {', '.join(FORMATS)}; detected when left out"),
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option(help="YAML mapping file, or a shipped one by name; implies --format mapping"),
    ] = None,
    day_first: Annotated[bool, typer.Option(help="read 03/04/2025 as 3 April")] = False,
    dry_run: Annotated[bool, typer.Option(help="report what would change, write nothing")] = False,
    snapshot: Annotated[
        bool, typer.Option(help="the export is the whole source: end missing people's employment")
    ] = False,
    custom_field: Annotated[
        list[str] | None,
        typer.Option(
            "--custom-field",
            metavar="OBJECT.FIELD=COLUMN",
            help="read a custom field in place of a standard one (Salesforce: "
            "Activity.Type=Type__c, Contact.Title=Job_Title__c); repeatable",
        ),
    ] = None,
    watch_dir: Annotated[
        Path | None, typer.Option("--watch", help="ingest each export dropped into this folder")
    ] = None,
    interval: Annotated[float, typer.Option(help="seconds between looks at --watch")] = 60.0,
    once: Annotated[
        bool, typer.Option(help="with --watch: handle what is there, then stop")
    ] = False,
    limit: Annotated[int, typer.Option(help="with `runs`: how many")] = 20,
    as_json: JsonOption = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="with `runs`: the list as CSV with a header row")
    ] = False,
    progress: Annotated[bool, typer.Option(help="show a progress bar")] = True,
) -> None:
    """Ingest a CRM export; print what was created, updated, unchanged and rejected per file.

    Exits 1 when the share of rejected rows passes SRM_REJECT_THRESHOLD (every good row is
    kept), 2 when the export cannot be read, or nothing of it or of one of its files was
    ingested (the run is recorded as failed, the good rows are kept).
    """
    settings = Settings()
    one_format(as_json, as_csv)
    runs = path is not None and str(path) == "runs" and not path.exists()
    if as_csv and (not runs or run_id is not None):
        raise fail("--csv goes with `srm ingest runs`, the list of runs")
    if runs and run_id is not None:
        _run(settings, run_id, as_json)
        return
    if runs:
        _runs(settings, limit, as_json, as_csv)
        return
    if mapping is not None and export_format not in (None, "mapping"):
        raise fail(f"--mapping reads the mapping format, not --format {export_format}")
    options = IngestOptions.from_settings(
        settings,
        format="mapping" if mapping is not None else export_format,
        mapping=mapping,
        day_first=day_first,
        dry_run=dry_run,
        snapshot=snapshot,
        custom_fields={k: v for k, _, v in (f.partition("=") for f in custom_field or ())},
    )
    show = progress and sys.stderr.isatty() and not as_json
    if watch_dir is not None:
        _watch(settings, watch_dir, options, interval, once)
        return
    if path is None:
        raise fail("name an export to ingest, `runs`, or --watch FOLDER")
    with opened_store(settings, writes=True) as store:
        try:
            result = run_ingest(store, path, options, show)
        except ExportError as exc:
            raise fail(str(exc)) from exc
    if as_json:
        print_json(result_summary(result).model_dump(mode="json"))
    else:
        print_result(result)
    if result.status == "failed":
        raise typer.Exit(2)
    if result.reject_share > settings.reject_threshold:
        errors.print(
            f"{result.reject_share:.1%} of rows rejected, more than the threshold "
            f"of {settings.reject_threshold:.0%} (SRM_REJECT_THRESHOLD); the good rows are kept",
            style="red",
        )
        raise typer.Exit(1)


def _watch(
    settings: Settings, folder: Path, options: IngestOptions, interval: float, once: bool
) -> None:
    def run(source: Path) -> bool:
        console.print(f"ingesting {source.name}")
        with opened_store(settings, writes=True) as store:
            try:
                result = run_ingest(store, source, options, False)
            except ExportError as exc:
                say(errors, "error:", "red", str(exc))
                return False
        print_result(result)
        return result.status == "succeeded" and result.reject_share <= settings.reject_threshold

    try:
        handled = watch(folder, run, interval=interval, once=once)
    except DropFolderBusy as exc:
        raise fail(str(exc)) from exc
    console.print(f"{handled} export(s) handled")
