"""The ``srm`` command line: serve the API, ingest exports, generate data, ask the graph."""

from __future__ import annotations

import typer
from pydantic import ValidationError

from api.commands import (
    at_risk,
    audit,
    coverage,
    duplicates,
    ingest,
    keys,
    network,
    paths,
    reciprocity,
    relationships,
    search,
    service,
    timeline,
)
from api.commands.common import errors, say, settings_problems
from graph_model.settings import Settings

app = typer.Typer(
    help="srm-graph: relationship intelligence for supplier relationship management.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("serve")(service.serve)
app.command("ingest")(ingest.ingest_command)
app.command("generate")(service.generate)
app.command("stats")(service.stats)
app.command("search")(search.search_command)
app.command("strength")(relationships.strength)
app.command("paths")(paths.paths)
app.command("reciprocity")(reciprocity.reciprocity)
app.command("coverage")(coverage.coverage)
app.command("ego")(network.ego)
app.command("brokers")(network.brokers)
app.command("communities")(network.communities)
app.command("at-risk")(at_risk.at_risk)
app.command("timeline")(timeline.timeline_command)
app.command("duplicates")(duplicates.duplicates)
app.add_typer(keys.app, name="keys")
app.command("audit")(audit.audit)


def main() -> None:
    """``srm``: the commands, with invalid settings told in one line each (exit 2), never
    as a traceback."""
    try:
        app()
    except ValidationError as exc:
        if exc.title != Settings.__name__:
            raise
        for line in settings_problems(exc):
            say(errors, "error:", "red", line)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
