"""The audit trail: who asked who supplies whom, who ingested what, who changed a key.

Each entry is a node of its own in the store (``AuditEntry``), written once under an
id that sorts by time and never written again: no route changes or deletes one, and
it outlasts the process, however the service was started. Entries are read newest
first, a page at a time (the ``cursor`` is the last id of the page before).

>>> import tempfile
>>> from pathlib import Path
>>> from graph_model.embedded.store import EmbeddedStore
>>> store = EmbeddedStore(Path(tempfile.mkdtemp()))
>>> ids = [record(store, Entry("bi", "request", "GET /v1/reciprocity", "200")) for _ in range(3)]
>>> page, cursor = entries(store, limit=2)
>>> len(page), len(entries(store, limit=2, cursor=cursor)[0])
(2, 1)
>>> store.close()
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from starlette.requests import Request

from graph_model.store import GraphStore, NodeUpsert, Props

PAGE_SCAN = 500
"""Entries read at a time while looking for those a filter keeps."""


@dataclass(frozen=True)
class Entry:
    """What happened: ``action`` is ``request``, ``ingest`` or ``key``; ``outcome`` an HTTP
    status, a run's end or what was done to a key."""

    key: str | None
    action: str
    route: str
    outcome: str
    parameters: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    client: str | None = None


class AuditRecord(BaseModel):
    id: str
    at: datetime
    key: str | None
    action: str
    route: str
    parameters: dict[str, Any]
    outcome: str
    counts: dict[str, int]
    client: str | None


TALLIES = ("read", "created", "updated", "rejected")
"""What the trail counts of an ingest."""


def ingest_counts(files: Mapping[str, Any]) -> dict[str, int]:
    """:data:`TALLIES` of an ingest over its files (each with those counts as attributes)."""
    return {tally: sum(getattr(counts, tally) for counts in files.values()) for tally in TALLIES}


def request_entry(request: Request, key: str | None, status: int, **counts: int) -> Entry:
    """An HTTP request as the trail keeps it: route, path and query parameters, client."""
    return Entry(
        key=key,
        action="request",
        route=f"{request.method} {request.url.path}",
        outcome=str(status),
        parameters={**request.path_params, **request.query_params},
        counts=counts,
        client=request.client.host if request.client else None,
    )


def record(store: GraphStore, entry: Entry) -> str:
    """Write ``entry`` now; its id."""
    at = datetime.now(UTC)
    entry_id = f"{at:%Y%m%dT%H%M%S%fZ}-{secrets.token_hex(4)}"
    props = {
        "id": entry_id,
        "at": at,
        "key": entry.key,
        "action": entry.action,
        "route": entry.route,
        "parameters": json.dumps(entry.parameters, sort_keys=True, default=str),
        "outcome": entry.outcome,
        "counts": json.dumps(entry.counts, sort_keys=True),
        "client": entry.client,
    }
    store.write([NodeUpsert("AuditEntry", [props])])
    return entry_id


def _record(props: Props) -> AuditRecord:
    return AuditRecord(
        id=props["id"],
        at=props["at"],
        key=props.get("key"),
        action=props["action"],
        route=props["route"],
        parameters=json.loads(props.get("parameters") or "{}"),
        outcome=props["outcome"],
        counts=json.loads(props.get("counts") or "{}"),
        client=props.get("client"),
    )


def entries(
    store: GraphStore,
    limit: int = 50,
    cursor: str | None = None,
    *,
    route: str | None = None,
    key: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> tuple[list[AuditRecord], str | None]:
    """Up to ``limit`` entries, newest first, older than the entry ``cursor``, whose route
    contains ``route``, of key ``key``, at or after ``since`` and before ``until``; and the
    cursor of the next page (``None``: no more)."""
    since, until = _utc(since), _utc(until)
    found: list[AuditRecord] = []
    while len(found) < limit:
        batch = store.latest_nodes("AuditEntry", "id", PAGE_SCAN, before=cursor)
        for props in batch:
            cursor = props["id"]
            entry = _record(props)
            if since is not None and entry.at < since:
                return found, None  # older ones are all earlier
            if _kept(entry, route, key, until):
                found.append(entry)
                if len(found) == limit:
                    return found, cursor
        if len(batch) < PAGE_SCAN:
            return found, None
    return found, cursor


def _utc(moment: datetime | None) -> datetime | None:
    """``moment`` as an aware UTC instant (naive means UTC)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _kept(entry: AuditRecord, route: str | None, key: str | None, until: datetime | None) -> bool:
    return (
        (route is None or route in entry.route)
        and (key is None or entry.key == key)
        and (until is None or entry.at < until)
    )
