"""What the subcommands share: consoles, opening the store, JSON output."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from pydantic import BaseModel
from rich.console import Console

from graph_model.settings import Settings
from graph_model.store import GraphStore, StoreUnavailable
from graph_model.stores import open_store

console = Console()
errors = Console(stderr=True)


@contextmanager
def opened_store(settings: Settings) -> Iterator[GraphStore]:
    """The configured store, or exit 2 with the reason it cannot be opened."""
    try:
        store = open_store(settings)
    except StoreUnavailable as exc:
        errors.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    try:
        yield store
    finally:
        store.close()


def print_json(value: BaseModel | dict[str, Any] | list[Any]) -> None:
    """Machine output on stdout, nothing else."""
    if isinstance(value, BaseModel):
        text = value.model_dump_json(indent=2)
    else:
        text = json.dumps(value, indent=2, default=str)
    typer.echo(text)


def fail(message: str, code: int = 2) -> typer.Exit:
    errors.print(f"[red]error:[/red] {message}")
    return typer.Exit(code)
