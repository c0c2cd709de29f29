"""``srm ego``, ``srm brokers``, ``srm communities``, ``srm at-risk``: the network as a whole."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import typer
from rich.table import Table

from api.commands.common import (
    AsOfOption,
    JsonOption,
    console,
    display_names,
    fail,
    opened_store,
    print_json,
)
from graph_model.settings import Settings
from queries import at_risk as at_risk_query
from queries import network as network_query
from queries.common import resolve_as_of
from queries.network.ego import MAX_HOPS, MAX_LIMIT


def _table(title: str, columns: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> None:
    """A table; columns named with a leading ``#`` are numbers, right-aligned."""
    table = Table(title=title)
    for column in columns:
        table.add_column(column.lstrip("#"), justify="right" if column[0] == "#" else "left")
    for row in rows:
        table.add_row(*row)
    if table.row_count:
        console.print(table)
    else:
        console.print(f"{title}: none")


def ego(
    node_id: Annotated[str, typer.Argument(help="a person or company id")],
    hops: Annotated[int, typer.Option(min=1, max=MAX_HOPS, help="how far to walk")] = 2,
    limit: Annotated[
        int, typer.Option(min=1, max=MAX_LIMIT, help="at most this many nodes, nearest first")
    ] = 500,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """The people and companies around a person or company, and the links between them."""
    when = resolve_as_of(as_of)
    with opened_store(Settings()) as store:
        result = network_query.ego_network(store, node_id, hops, limit, when)
    if as_json:
        typer.echo(result.model_dump_json(indent=2, by_alias=True))
        return
    more = " (truncated)" if result.truncated else ""
    _table(
        f"within {hops} hops of {node_id} as of {when:%Y-%m-%d %H:%M} UTC{more}",
        ("#hops", "id", "label", "name"),
        ((str(n.distance), n.id, n.label, n.name) for n in result.nodes),
    )
    _table(
        "links",
        ("from", "to", "type", "#strength"),
        (
            (e.from_, e.to, e.type, "" if e.strength is None else f"{e.strength:.1f}")
            for e in result.edges
        ),
    )


def brokers(
    limit: Annotated[int, typer.Option(min=1, max=1000, help="at most this many people")] = 20,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """The people who most often sit on the shortest paths between others."""
    when, settings = resolve_as_of(as_of), Settings()
    with opened_store(settings) as store:
        result = network_query.brokers(store, when, limit, settings.path_min_strength)
    if as_json:
        print_json(result)
        return
    how = "sampled" if result.sampled else "exact"
    _table(
        f"brokers as of {when:%Y-%m-%d %H:%M} UTC ({how} betweenness)",
        ("#rank", "person", "name", "#score"),
        (
            (str(i), b.person_id, b.name, f"{b.score:.4f}")
            for i, b in enumerate(result.brokers, start=1)
        ),
    )


def communities(
    min_size: Annotated[int, typer.Option(min=1, help="leave out smaller communities")] = 2,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Groups of people more tied to each other than to the rest, largest first."""
    when, settings = resolve_as_of(as_of), Settings()
    with opened_store(settings) as store:
        result = network_query.communities(store, when, min_size, settings.path_min_strength)
    if as_json:
        print_json(result)
        return
    _table(
        f"communities as of {when:%Y-%m-%d %H:%M} UTC",
        ("id", "#size", "members", "companies"),
        (
            (c.id, str(c.size), ", ".join(c.members), ", ".join(c.companies))
            for c in result.communities
        ),
    )


def at_risk(
    window_days: Annotated[
        float | None, typer.Option(help="look back this many days; default SRM_AT_RISK_WINDOW_DAYS")
    ] = None,
    drop: Annotated[
        float | None, typer.Option(help="flag ties that lost this share; default SRM_AT_RISK_DROP")
    ] = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ties of our people that weakened, and key accounts whose executives went untouched.

    Exits 1 when the home company is not known, 2 for unusable arguments.
    """
    when, settings = resolve_as_of(as_of), Settings()
    with opened_store(settings) as store:
        try:
            result = at_risk_query.configured_at_risk(store, settings, when, window_days, drop)
        except ValueError as exc:
            raise fail(str(exc)) from exc
        if as_json:
            print_json(result)
            return
        names = display_names(store, "Person", (p for t in result.ties for p in (t.a, t.b)))
    _table(
        f"ties that fell as of {when:%Y-%m-%d %H:%M} UTC",
        ("a", "b", "#before", "#now", "#drop"),
        (
            (
                names.get(t.a, f"{t.a} ({t.a})"),
                names.get(t.b, f"{t.b} ({t.b})"),
                f"{t.strength_before:.1f}",
                f"{t.strength:.1f}",
                f"{t.drop:.0%}",
            )
            for t in result.ties
        ),
    )
    _table(
        "key accounts whose executives went untouched",
        ("account", "untouched", "executives", "last touch", "last activity"),
        (
            (
                f"{a.name} ({a.account_id})",
                a.reason.removesuffix(" untouched"),
                ", ".join(a.executives),
                "never" if a.last_touch is None else f"{a.last_touch:%Y-%m-%d}",
                "never" if a.last_activity is None else f"{a.last_activity:%Y-%m-%d}",
            )
            for a in result.accounts
        ),
    )
