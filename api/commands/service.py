"""``srm serve``, ``srm stats`` and ``srm generate``."""

from __future__ import annotations

import ipaddress
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from api import logs
from api.commands.common import JsonOption, console, errors, fail, opened_store, print_json
from api.commands.ingest import print_result, run_ingest
from api.commands.tables import Column, CsvOption, decimals, one_format, print_list
from api.keys import any_usable
from graph_model.embedded.store import EmbeddedStore
from graph_model.settings import Settings
from ingest.pipeline import IngestOptions

DEMO_SEED, DEMO_COMPANIES, DEMO_PEOPLE, DEMO_INTERACTIONS = 42, 40, 400, 6000


def generate(
    out_dir: Annotated[Path, typer.Argument(help="folder to write the canonical CSV files to")],
    seed: Annotated[int, typer.Option(help="same seed, same files")] = 42,
    companies: Annotated[int, typer.Option(min=2)] = 60,
    people: Annotated[int, typer.Option(min=2)] = 600,
    interactions: Annotated[int, typer.Option(min=0)] = 5000,
    end: Annotated[
        str | None, typer.Option(help="last day of the data, YYYY-MM-DD; default today")
    ] = None,
) -> None:
    """Write a realistic canonical dataset (deterministic per seed and end date)."""
    from ingest.generate import generate as write_dataset

    try:
        last_day = date.fromisoformat(end) if end else None
        written = write_dataset(
            out_dir,
            seed=seed,
            companies=companies,
            people=people,
            interactions=interactions,
            end=last_day,
        )
    except ValueError as exc:
        raise fail(str(exc)) from exc
    for name, rows in written.items():
        console.print(f"{name}: {rows:,} rows")


COUNTS: list[Column[tuple[str, str, int]]] = [
    Column("kind", None, lambda c: c[0]),
    Column("name", "label / type", lambda c: c[1]),
    Column("count", "count", lambda c: c[2], decimals(0), number=True),
]


def stats(as_json: JsonOption = False, as_csv: CsvOption = False) -> None:
    """Node count per label and relationship count per type (``--csv``: ``kind`` is
    ``label`` or ``type``)."""
    one_format(as_json, as_csv)
    settings = Settings()
    with opened_store(settings) as store:
        counts = store.counts()
    if as_json:
        print_json({"backend": settings.backend, "labels": counts.labels, "types": counts.types})
        return
    rows = [("label", name, n) for name, n in counts.labels.items()]
    rows += [("type", name, n) for name, n in counts.types.items()]
    print_list(f"srm-graph ({settings.backend})", COUNTS, rows, as_csv)


def serve(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    demo: Annotated[
        bool, typer.Option(help="load the generated sample data into an empty store first")
    ] = False,
    insecure: Annotated[
        bool, typer.Option(help="listen beyond this machine although no API key exists")
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1, help="processes serving requests; with the embedded store they share its index"
        ),
    ] = 1,
) -> None:
    """Run the HTTP API (OpenAPI docs at /docs). Once an API key exists (`srm keys create`),
    every request needs one; while none does, it listens on this machine only."""
    import uvicorn

    from api.app import create_app

    settings = Settings()
    if demo:
        _load_demo(settings)
    with opened_store(settings, writes=True) as store:
        keys = any_usable(store)
        if isinstance(store, EmbeddedStore):
            store.prepare_index()  # once, with a progress bar, before the service maps it
    if keys:
        errors.print("API keys exist: every request but /healthz and /readyz needs one")
    elif loopback(host):
        errors.print(f"no API key exists: open to this machine only ({host})")
    elif insecure:
        errors.print(f"no API key exists and {host} is reachable from other machines", style="red")
    else:
        raise fail(
            f"no API key exists, so {host} would let anyone who can reach it read and write "
            "everything: create a key first (srm keys create NAME --scopes read), listen on "
            "127.0.0.1, or pass --insecure"
        )
    logs.to_stderr()
    if workers > 1:
        from api.workers import serve_workers

        serve_workers(settings, host, port, workers)
    else:
        uvicorn.run(create_app(settings), host=host, port=port)


def loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only.

    >>> [loopback(h) for h in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "10.0.0.5")]
    [True, True, True, False, False]
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _load_demo(settings: Settings) -> None:
    from ingest.generate import generate as write_dataset

    with opened_store(settings, writes=True) as store:
        if store.counts().labels["Company"]:
            console.print("The store holds data already; the sample is not loaded again.")
            return
        folder = settings.data_dir / "sample"
        write_dataset(
            folder,
            seed=DEMO_SEED,
            companies=DEMO_COMPANIES,
            people=DEMO_PEOPLE,
            interactions=DEMO_INTERACTIONS,
        )
        options = IngestOptions.from_settings(settings)
        print_result(run_ingest(store, folder, options, sys.stderr.isatty()))
