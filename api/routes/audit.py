"""The audit trail over HTTP: read only, for keys with the ``admin`` scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api import problems
from api.audit import AuditRecord, entries
from api.auth import require
from api.deps import Instant, ReadingRoute, StoreDep

router = APIRouter(
    prefix="/v1",
    tags=["audit"],
    route_class=ReadingRoute,
    dependencies=[require("admin")],
    responses=problems.guarded(),
)


class AuditPage(BaseModel):
    """Entries newest first; ``next_cursor`` asks for the page after (``null``: no more)."""

    entries: list[AuditRecord]
    next_cursor: str | None
    more: bool


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
