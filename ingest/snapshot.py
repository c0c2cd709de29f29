"""Snapshots: an export that is the whole state of its source ends what it no longer lists.

People are never deleted: a person of the source who is missing from its
latest snapshot keeps the node, and their open jobs known from that source end.
"""

from __future__ import annotations

from datetime import datetime

from graph_model.store import GraphStore, RelRow, RelUpsert

EVERYTHING = 1 << 62
"""A limit that lists every node."""


def origin_system(origin: str | None) -> str | None:
    """The source system of a provenance entry: ``salesforce`` of ``salesforce:Contact:003…``."""
    return origin.split(":", 1)[0] if origin else None


def _systems(entries: list[str] | None) -> set[str | None]:
    return {origin_system(entry) for entry in entries or ()}


def end_missing_employment(
    store: GraphStore, seen: set[str], systems: set[str], when: datetime
) -> list[str]:
    """End (at ``when``) the open jobs, known from ``systems``, of people not in ``seen``."""
    ended: list[str] = []
    rows: list[RelRow] = []
    for person in store.find_nodes("Person", "", EVERYTHING):
        if person["id"] in seen or not systems & _systems(person.get("sources")):
            continue
        for job in store.relationships("WORKS_AT", start=person["id"]):
            if job.props.get("ended_at") is None and systems & _systems(job.props.get("sources")):
                rows.append(RelRow(job.start, job.end, job.props | {"ended_at": when}))
                ended.append(person["id"])
    if rows:
        store.write([RelUpsert("WORKS_AT", rows)])
    return sorted(set(ended))
