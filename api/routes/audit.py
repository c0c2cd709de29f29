"""The audit trail over HTTP: read only, for keys with the ``admin`` scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.audit import AuditRecord, entries
from api.deps import Instant, StoreDep, guarded_router
from api.paging import PageInfo

router = guarded_router("admin", "audit")


class AuditPage(PageInfo):
    """Entries newest first."""

    entries: list[AuditRecord]


@router.get("/audit", response_model=AuditPage)
def audit(
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=1000, description="at most this many entries")] = 50,
    cursor: Annotated[str | None, Query(max_length=64, description="next_cursor of a page")] = None,
    route: Annotated[str | None, Query(max_length=200, description="part of the route")] = None,
    key: Annotated[str | None, Query(max_length=64, description="the key's name")] = None,
    since: Annotated[Instant | None, Query(description="at or after this instant")] = None,
    until: Annotated[Instant | None, Query(description="before this instant")] = None,
) -> AuditPage:
    """Who asked who supplies whom, who ingested what, who changed a key, newest first."""
    found, next_cursor = entries(
        store, limit, cursor, route=route, key=key, since=since, until=until
    )
    return AuditPage(entries=found, next_cursor=next_cursor, more=next_cursor is not None)
