"""The timeline of a person or a company: its interactions, newest first, with names.

A person's timeline holds the interactions they took part in; a company's, those naming it
as their company (an activity logged against the account, with or without its people) and
those anyone who works or worked there took part in. Only interactions at or before
``as_of``; newest first, then by id descending.

>>> import tempfile, pathlib
>>> from datetime import UTC, datetime
>>> from graph_model.embedded.store import EmbeddedStore
>>> from graph_model.store import NodeUpsert, RelRow, RelUpsert
>>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()))
>>> day = lambda d: datetime(2025, 3, d, tzinfo=UTC)
>>> _ = store.write([
...     NodeUpsert("Company", [{"id": "acme", "name": "Acme"}]),
...     NodeUpsert("Person", [{"id": "ann", "name": "Ann"}, {"id": "bo", "name": "Bo"}]),
...     NodeUpsert("Interaction", [
...         {"id": "m1", "kind": "meeting", "occurred_at": day(1)},
...         {"id": "c1", "kind": "call", "occurred_at": day(2), "company_id": "acme"},
...     ]),
...     RelUpsert("WORKS_AT", [RelRow("ann", "acme")]),
...     RelUpsert("PARTICIPATED_IN", [RelRow("ann", "m1"), RelRow("bo", "m1")]),
... ])
>>> [(e.id, [p.name for p in e.participants]) for e in timeline(store, "acme", day(9), 10).entries]
[('c1', []), ('m1', ['Ann', 'Bo'])]
>>> [e.id for e in timeline(store, "bo", day(9), 10).entries]
['m1']
>>> store.close()
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from graph_model.store import GraphStore
from queries.backend import backend_reads
from queries.common import NodeLabel, node_label, require, resolve_as_of
from queries.timeline.reads import Happened, TimelineReads


class Named(BaseModel):
    """A person or a company, by id and name."""

    id: str
    name: str | None


class TimelineEntry(BaseModel):
    """One interaction: what, when, about which company, who started it and who took part."""

    id: str
    kind: str
    occurred_at: datetime
    subject: str | None
    company: Named | None
    initiator_id: str | None
    participants: list[Named]


class Timeline(BaseModel):
    """The interactions of a person or company (``label``), newest first."""

    id: str
    label: NodeLabel
    name: str
    entries: list[TimelineEntry]


def timeline(
    store: GraphStore,
    node_id: str,
    as_of: datetime | None = None,
    limit: int = 50,
    label: NodeLabel | None = None,
) -> Timeline:
    """The ``limit`` latest interactions of a person or a company (of ``label``, when
    given) at or before ``as_of`` (:class:`~queries.common.UnknownId` when ``node_id`` is
    neither, or not of ``label``)."""
    if label is None:
        label = node_label(store, node_id)
    else:
        require(store, label, node_id)
    until = resolve_as_of(as_of)
    reads = backend_reads(TimelineReads, store.backend, store)
    read = reads.of_person if label == "Person" else reads.of_company
    happened = read(node_id, until, limit)
    own = store.get_node(label, node_id) or {}
    return Timeline(
        id=node_id, label=label, name=own.get("name", node_id), entries=_named(store, happened)
    )


def _named(store: GraphStore, happened: list[Happened]) -> list[TimelineEntry]:
    people = store.get_nodes("Person", {p for h in happened for p in h.participants})
    companies = store.get_nodes("Company", {h.company_id for h in happened if h.company_id})

    def named(found: dict[str, dict[str, object]], node_id: str) -> Named:
        name = found.get(node_id, {}).get("name")
        return Named(id=node_id, name=name if isinstance(name, str) else None)

    return [
        TimelineEntry(
            id=h.id,
            kind=h.kind,
            occurred_at=h.occurred_at,
            subject=h.subject,
            company=named(companies, h.company_id) if h.company_id else None,
            initiator_id=h.initiator_id,
            participants=[named(people, p) for p in h.participants],
        )
        for h in happened
    ]
