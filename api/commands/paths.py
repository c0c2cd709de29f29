"""``srm paths``: warm-introduction paths from a person to a person or a company."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer

from api.commands.common import (
    AsOfOption,
    JsonOption,
    display_names,
    fail,
    opened_store,
    print_json,
)
from api.commands.resolve import resolve
from api.commands.tables import Column, CsvOption, decimals, one_format, print_list
from graph_model.settings import Settings
from queries.common import resolve_as_of
from queries.names import NamedNode
from queries.paths import MAX_HOPS, MAX_K, PathEdge, PathsResult, RelationshipPath, configured_paths


@dataclass(frozen=True)
class Step:
    """One node of a path, with the edge that leads to it (none for the first)."""

    number: int
    path: RelationshipPath
    index: int
    node: NamedNode
    edge: PathEdge | None


def _via(step: Step) -> str:
    """How a step is reached: a tie's strength, or ``works at`` through a company."""
    if step.edge is None:
        return ""
    return f"{step.edge.strength:.1f}" if step.edge.type == "KNOWS" else "works at"


STEPS: list[Column[Step]] = [
    Column("path", "path", lambda s: s.number, number=True),
    Column("score", "score", lambda s: s.path.score, decimals(1), number=True),
    Column("hops", None, lambda s: s.path.hops),
    Column("step", "step", lambda s: s.index, number=True),
    Column("edge_type", None, lambda s: s.edge.type if s.edge else None),
    Column("edge_strength", None, lambda s: s.edge.strength if s.edge else None),
    Column(None, "via", _via),
    Column("name", "name", lambda s: s.node.name),
    Column("id", "id", lambda s: s.node.id),
    Column("kind", None, lambda s: s.node.kind),
    Column("company_id", None, lambda s: s.node.company.id if s.node.company else None),
    Column("company_name", "works at", lambda s: s.node.company.name if s.node.company else None),
]


def steps(result: PathsResult) -> list[Step]:
    """Every node of every path, path by path."""
    return [
        Step(number, path, i, node, path.edges[i - 1] if i else None)
        for number, path in enumerate(result.paths, start=1)
        for i, node in enumerate(path.named_nodes)
    ]


def paths(
    source: Annotated[str, typer.Argument(metavar="FROM", help="the person who asks: id or name")],
    target: Annotated[str, typer.Argument(metavar="TO", help="a person or a company: id or name")],
    mode: Annotated[
        str, typer.Option(help="strongest (highest score) or shortest (fewest hops)")
    ] = "strongest",
    k: Annotated[int, typer.Option("--k", help=f"how many paths, 1-{MAX_K}")] = 3,
    max_hops: Annotated[int, typer.Option(help=f"at most this many edges, 1-{MAX_HOPS}")] = 6,
    min_strength: Annotated[
        float | None, typer.Option(help="weakest tie a path may use; default SRM_PATH_MIN_STRENGTH")
    ] = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Warm-introduction paths from a person to a person or a company, best first: a row per
    person or company on the way.

    Exits 1 for an unknown id, 2 for unusable arguments.
    """
    one_format(as_json, as_csv)
    settings = Settings()
    when = resolve_as_of(as_of)
    with opened_store(settings) as store:
        source, target = resolve(store, source, "person"), resolve(store, target)
        try:
            result = configured_paths(
                store, settings, source, target, mode, k, max_hops, min_strength, when
            )
        except ValueError as exc:
            raise fail(str(exc)) from exc
        if as_json:
            print_json(result)
            return
        names = display_names(store, "Company", [target])
        names |= display_names(store, "Person", [source, target])
    ends = f"{names.get(source, source)} → {names.get(target, target)}"
    title = f"{ends} ({mode}) as of {when:%Y-%m-%d %H:%M} UTC"
    print_list(title, STEPS, steps(result), as_csv, empty=f"{ends}: no path")
