"""The ``srm`` command line: serve the API, ingest exports, generate data, inspect the graph."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph_model.settings import Settings
from graph_model.store import GraphStore, StoreUnavailable
from graph_model.stores import open_store
from ingest.pipeline import IngestOptions, IngestResult, ingest
from ingest.sources import ExportError

app = typer.Typer(
    help="srm-graph: relationship intelligence for supplier relationship management.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console()
errors = Console(stderr=True)

DEMO_SEED, DEMO_COMPANIES, DEMO_PEOPLE, DEMO_INTERACTIONS = 42, 40, 400, 6000


@contextmanager
def _store(settings: Settings) -> Iterator[GraphStore]:
    try:
        store = open_store(settings)
    except StoreUnavailable as exc:
        errors.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    try:
        yield store
    finally:
        store.close()


def _print_result(result: IngestResult) -> None:
    table = Table(title=f"ingest {result.run_id} ({result.status})")
    for column in ("file", "read", "created", "updated", "unchanged", "rejected"):
        table.add_column(column, justify="left" if column == "file" else "right")
    for name, c in result.files.items():
        table.add_row(name, *(str(v) for v in (c.read, c.created, c.updated, c.unchanged, c.rejected)))
    console.print(table)
    for warning in result.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}")
    if not result.changed:
        console.print("No changes: the store already held everything in this export.")
    if result.rejects_path:
        console.print(f"{len(result.rejects)} rejected value(s) listed in {result.rejects_path}")


def _ingest(store: GraphStore, settings: Settings, path: Path, show_progress: bool) -> IngestResult:
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
        console=errors, disable=not show_progress, transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(name: str, rows: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name)
            bar.update(tasks[name], description=f"{name}: {rows:,} rows")

        options = IngestOptions(
            batch_size=settings.batch_size,
            rejects_dir=settings.data_dir / "rejects",
            home_company=settings.home_company,
        )
        return ingest(store, path, options, progress=progress)


@app.command("ingest")
def ingest_command(
    path: Annotated[Path, typer.Argument(help="a canonical export: folder, .zip, .csv or .jsonl")],
    progress: Annotated[bool, typer.Option(help="show a progress bar")] = True,
) -> None:
    """Ingest an export; print what was created, updated, unchanged and rejected per file."""
    settings = Settings()
    with _store(settings) as store:
        try:
            result = _ingest(store, settings, path, progress and sys.stderr.isatty())
        except ExportError as exc:
            errors.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
    _print_result(result)
    if result.reject_share > settings.reject_threshold:
        errors.print(
            f"[red]{result.reject_share:.1%} of rows rejected, more than the threshold "
            f"of {settings.reject_threshold:.0%} (SRM_REJECT_THRESHOLD)[/red]"
        )
        raise typer.Exit(1)


@app.command()
def generate(
    out_dir: Annotated[Path, typer.Argument(help="folder to write the canonical CSV files to")],
    seed: Annotated[int, typer.Option(help="same seed, same files")] = 42,
    companies: Annotated[int, typer.Option(min=2)] = 60,
    people: Annotated[int, typer.Option(min=2)] = 600,
    interactions: Annotated[int, typer.Option(min=0)] = 5000,
    end: Annotated[str | None, typer.Option(help="last day of the data, YYYY-MM-DD; default today")] = None,
) -> None:
    """Write a realistic canonical dataset (deterministic per seed and end date)."""
    from ingest.generate import generate as write_dataset

    last_day = date.fromisoformat(end) if end else None
    written = write_dataset(
        out_dir, seed=seed, companies=companies, people=people, interactions=interactions,
        end=last_day,
    )
    for name, rows in written.items():
        console.print(f"{name}: {rows:,} rows")


@app.command()
def stats(as_json: Annotated[bool, typer.Option("--json", help="machine-readable output")] = False) -> None:
    """Node count per label and relationship count per type."""
    with _store(Settings()) as store:
        counts = store.counts()
    if as_json:
        console.print_json(json.dumps({"labels": counts.labels, "types": counts.types}))
        return
    table = Table(title=f"srm-graph ({store.backend})")
    table.add_column("label / type")
    table.add_column("count", justify="right")
    for name, n in (*counts.labels.items(), *counts.types.items()):
        table.add_row(name, f"{n:,}")
    console.print(table)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    demo: Annotated[bool, typer.Option(help="load the generated sample data into an empty store first")] = False,
) -> None:
    """Run the HTTP API (OpenAPI docs at /docs)."""
    import uvicorn

    from api.app import create_app

    settings = Settings()
    if demo:
        _load_demo(settings)
    uvicorn.run(create_app(settings), host=host, port=port)


def _load_demo(settings: Settings) -> None:
    from ingest.generate import generate as write_dataset

    with _store(settings) as store:
        if store.counts().labels["Company"]:
            console.print("The store holds data already; the sample is not loaded again.")
            return
        folder = settings.data_dir / "sample"
        write_dataset(
            folder, seed=DEMO_SEED, companies=DEMO_COMPANIES, people=DEMO_PEOPLE,
            interactions=DEMO_INTERACTIONS,
        )
        _print_result(_ingest(store, settings, folder, sys.stderr.isatty()))
