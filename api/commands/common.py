"""What the subcommands share: consoles, opening the store, JSON output."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated, Any

import typer
from pydantic import BaseModel, ValidationError
from rich.console import Console
from rich.text import Text

from api.commands.progress import IndexingBar
from api.commands.resolve import Ambiguous
from graph_model.embedded.store import DB_FILE, EmbeddedStore
from graph_model.settings import Settings
from graph_model.store import GraphStore, StoreUnavailable
from graph_model.stores import open_store
from queries.common import NoHomeCompany, UnknownId


def settings_problems(exc: ValidationError) -> list[str]:
    """One line per invalid setting: its environment variable, the value and why.

    >>> try:
    ...     Settings(colleague_strength=0)
    ... except ValidationError as exc:
    ...     settings_problems(exc)
    ['SRM_COLLEAGUE_STRENGTH=0: Input should be greater than 0']
    """
    lines = []
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else ""
        field = Settings.model_fields.get(name)
        alias = field.validation_alias if field is not None else None
        variable = alias if isinstance(alias, str) else f"SRM_{name.upper()}"
        lines.append(f"{variable}={error.get('input')}: {error['msg']}")
    return lines


UNKNOWN_ID = 1
"""The exit code of every command asked about an id (or key name, or run) that names
nothing, as README's "Command line" says; also of a question about our people while the
home company is not known."""
BAD_INPUT = 2
"""The exit code of unusable arguments, an unreadable export or a store that does not answer."""

console = Console(markup=False, emoji=False, highlight=False)
"""Prints ids, names and values verbatim: no markup, emoji codes or highlighting in them."""
errors = Console(stderr=True, markup=False, emoji=False, highlight=False, soft_wrap=True)


def say(to: Console, label: str, style: str, message: str) -> None:
    """``label`` in ``style``, then ``message`` as it is (``say(errors, "error:", "red", …)``)."""
    to.print(Text.assemble((label, style), " ", message))


AsOfOption = Annotated[
    datetime | None,
    typer.Option(
        "--as-of",
        help="ISO date or instant (naive = UTC); default now",
        formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"],
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="machine-readable output")]


@contextmanager
def opened_store(settings: Settings, writes: bool = False) -> Iterator[GraphStore]:
    """The configured store; exit 2 with the reason when it cannot be opened or stops
    answering, or, unless the command ``writes``, when there is no embedded store yet (it
    is not made empty on the way) or for a name several people or companies answer to
    (:mod:`api.commands.resolve`); exit :data:`UNKNOWN_ID` for an unknown id or name or a
    question about our people while the home company is not known."""
    if not writes and settings.backend == "embedded" and not (settings.data_dir / DB_FILE).exists():
        raise fail(
            f"no store in {settings.data_dir.resolve()} (SRM_DATA_DIR): ingest an export into "
            "it first (srm ingest EXPORT, or srm serve --demo for the sample data), or name "
            "the folder of an existing store"
        )
    try:
        store = open_store(settings)
    except StoreUnavailable as exc:
        raise fail(str(exc)) from exc
    if isinstance(store, EmbeddedStore):
        store.progress = IndexingBar(errors)
    try:
        yield store
    except StoreUnavailable as exc:
        raise fail(str(exc)) from exc
    except (UnknownId, NoHomeCompany) as exc:
        raise fail(str(exc.args[0]), UNKNOWN_ID) from exc
    except Ambiguous as exc:
        raise fail(f"{exc.args[0]}; name one by its id") from exc
    finally:
        store.close()


def display_names(store: GraphStore, label: str, ids: Iterable[str]) -> dict[str, str]:
    """``name (id)`` of each node of ``label`` among ``ids`` that exists, by id."""
    return {i: f"{n['name']} ({i})" for i, n in store.get_nodes(label, set(ids)).items()}


def print_json(value: BaseModel | dict[str, Any] | list[Any]) -> None:
    """Machine output on stdout, nothing else."""
    if isinstance(value, BaseModel):
        text = value.model_dump_json(indent=2)
    else:
        text = json.dumps(value, indent=2, default=str)
    typer.echo(text)


def fail(message: str, code: int = BAD_INPUT) -> typer.Exit:
    """Say ``message`` on stderr; the exit to raise with ``code``."""
    say(errors, "error:", "red", message)
    return typer.Exit(code)
