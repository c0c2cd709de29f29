"""``srm ego``, ``srm brokers``, ``srm communities``: the network as a whole."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

import typer

from api.commands.common import AsOfOption, JsonOption, opened_store, print_json
from api.commands.resolve import resolve
from api.commands.tables import Column, CsvOption, decimals, one_format, print_list
from graph_model.settings import Settings
from queries import network as network_query
from queries.common import resolve_as_of
from queries.names import NamedNode
from queries.network import Broker, EgoEdge, EgoNode
from queries.network.ego import MAX_HOPS, MAX_LIMIT

NODES: list[Column[EgoNode]] = [
    Column("distance", "hops", lambda n: n.distance, number=True),
    Column("name", "name", lambda n: n.name),
    Column("id", "id", lambda n: n.id),
    Column("label", "label", lambda n: n.label),
]


@dataclass(frozen=True)
class Link:
    """A link of an ego network with the names of its ends."""

    edge: EgoEdge
    from_name: str
    to_name: str


LINKS: list[Column[Link]] = [
    Column("from_id", None, lambda k: k.edge.from_),
    Column("from_name", "from", lambda k: k.from_name),
    Column("to_id", None, lambda k: k.edge.to),
    Column("to_name", "to", lambda k: k.to_name),
    Column("type", "type", lambda k: k.edge.type),
    Column("strength", "strength", lambda k: k.edge.strength, decimals(1), number=True),
]
BROKERS: list[Column[tuple[int, Broker]]] = [
    Column("rank", "rank", lambda r: r[0], number=True),
    Column("name", "name", lambda r: r[1].name),
    Column("person_id", "id", lambda r: r[1].person_id),
    Column("company_id", None, lambda r: r[1].company.id if r[1].company else None),
    Column("company_name", "works at", lambda r: r[1].company.name if r[1].company else None),
    Column("score", "score", lambda r: r[1].score, decimals(4), number=True),
]


@dataclass(frozen=True)
class Member:
    """A member of a community."""

    community: str
    size: int
    person: NamedNode


MEMBERS: list[Column[Member]] = [
    Column("community", "community", lambda m: m.community),
    Column("size", "size", lambda m: m.size, number=True),
    Column("name", "name", lambda m: m.person.name),
    Column("person_id", "id", lambda m: m.person.id),
    Column("company_id", None, lambda m: m.person.company.id if m.person.company else None),
    Column(
        "company_name", "works at", lambda m: m.person.company.name if m.person.company else None
    ),
]


def ego(
    node_id: Annotated[str, typer.Argument(help="a person or company: id or name")],
    hops: Annotated[int, typer.Option(min=1, max=MAX_HOPS, help="how far to walk")] = 2,
    limit: Annotated[
        int, typer.Option(min=1, max=MAX_LIMIT, help="at most this many nodes, nearest first")
    ] = 500,
    which: Annotated[
        Literal["nodes", "links"] | None,
        typer.Option("--list", help="only this list (with --csv: the nodes unless this says)"),
    ] = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """The people and companies around a person or company, and the links between them.

    Exits 1 for an unknown id, 2 for unusable arguments.
    """
    one_format(as_json, as_csv)
    when = resolve_as_of(as_of)
    with opened_store(Settings()) as store:
        node_id = resolve(store, node_id)
        result = network_query.ego_network(store, node_id, hops, limit, when)
    if as_json:
        typer.echo(result.model_dump_json(indent=2, by_alias=True))
        return
    if which != "links":
        more = " (truncated)" if result.truncated else ""
        title = f"within {hops} hops of {node_id} as of {when:%Y-%m-%d %H:%M} UTC{more}"
        print_list(title, NODES, result.nodes, as_csv)
    if which == "links" or (which is None and not as_csv):
        names = {n.id: n.name for n in result.nodes}
        links = [Link(e, names.get(e.from_, e.from_), names.get(e.to, e.to)) for e in result.edges]
        print_list("links", LINKS, links, as_csv)


def brokers(
    limit: Annotated[int, typer.Option(min=1, max=1000, help="at most this many people")] = 20,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """The people who most often sit on the shortest paths between others."""
    one_format(as_json, as_csv)
    when, settings = resolve_as_of(as_of), Settings()
    with opened_store(settings) as store:
        result = network_query.brokers(store, when, limit, settings.path_min_strength)
    if as_json:
        print_json(result)
        return
    how = "sampled" if result.sampled else "exact"
    title = f"brokers as of {when:%Y-%m-%d %H:%M} UTC ({how} betweenness)"
    print_list(title, BROKERS, list(enumerate(result.brokers, start=1)), as_csv)


def communities(
    min_size: Annotated[int, typer.Option(min=1, help="leave out smaller communities")] = 2,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Groups of people more tied to each other than to the rest, largest first: a row
    per member."""
    one_format(as_json, as_csv)
    when, settings = resolve_as_of(as_of), Settings()
    with opened_store(settings) as store:
        result = network_query.communities(store, when, min_size, settings.path_min_strength)
    if as_json:
        print_json(result)
        return
    members = [Member(c.id, c.size, p) for c in result.communities for p in c.named_members]
    print_list(f"communities as of {when:%Y-%m-%d %H:%M} UTC", MEMBERS, members, as_csv)
