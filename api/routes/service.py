"""Liveness, readiness and graph statistics (none reads the index, so none waits for it to
catch up; liveness answers on the event loop, even when every worker thread is busy)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from api import problems
from api.auth import require
from api.deps import StoreDep

router = APIRouter(tags=["service"])


class Health(BaseModel):
    status: str


class Ready(BaseModel):
    status: str
    backend: str


class Stats(BaseModel):
    backend: str
    labels: dict[str, int]
    types: dict[str, int]


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """The process is up."""
    return Health(status="ok")


@router.get("/readyz", response_model=Ready, responses=problems.responses(503))
def readyz(store: StoreDep) -> Ready:
    """The store answers (503 as problem+json when it does not)."""
    store.ping()
    return Ready(status="ready", backend=store.backend)


@router.get(
    "/v1/stats",
    response_model=Stats,
    dependencies=[require("read")],
    responses=problems.responses(401, 403, 503),
)
def stats(store: StoreDep) -> Stats:
    """Node count per label and relationship count per type."""
    counts = store.counts()
    return Stats(backend=store.backend, labels=counts.labels, types=counts.types)
