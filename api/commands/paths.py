"""``srm paths``: warm-introduction paths from a person to a person or a company."""

from __future__ import annotations

from typing import Annotated

import typer

from api.commands.common import (
    AsOfOption,
    JsonOption,
    console,
    fail,
    opened_store,
    print_json,
    say,
)
from graph_model.settings import Settings
from queries.common import resolve_as_of
from queries.paths import MAX_HOPS, MAX_K, RelationshipPath, configured_paths


def line(path: RelationshipPath) -> str:
    """``h2 -(22.1)- x1 -[works at]- x …   score 8.7, 3 hops``."""
    parts = [path.nodes[0]]
    for edge in path.edges:
        parts.append(f"-({edge.strength:.1f})-" if edge.type == "KNOWS" else "-[works at]-")
        parts.append(edge.to)
    hops = f"{path.hops} hop" + ("" if path.hops == 1 else "s")
    return f"{' '.join(parts)}   score {path.score:.1f}, {hops}"


def paths(
    source: Annotated[str, typer.Argument(metavar="FROM", help="the person who asks")],
    target: Annotated[str, typer.Argument(metavar="TO", help="a person, or a company")],
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
) -> None:
    """Warm-introduction paths from a person to a person or a company, best first."""
    settings = Settings()
    when = resolve_as_of(as_of)
    with opened_store(settings) as store:
        try:
            result = configured_paths(
                store, settings, source, target, mode, k, max_hops, min_strength, when
            )
        except ValueError as exc:
            raise fail(str(exc)) from exc
    if as_json:
        print_json(result)
        return
    say(console, f"{source} → {target}", "bold", f"({mode}) as of {when:%Y-%m-%d %H:%M} UTC")
    if not result.paths:
        console.print("no path")
    for path in result.paths:
        typer.echo(line(path))
