"""The FastAPI application: ``create_app()`` opens the configured store in its lifespan.

>>> from fastapi.testclient import TestClient
>>> import tempfile
>>> with TestClient(create_app(Settings(data_dir=tempfile.mkdtemp()))) as client:
...     client.get("/healthz").json()
{'status': 'ok'}
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi_offline import FastAPIOffline

from api import page, problems
from api.admission import Admission
from api.auth import Keyring
from api.compression import GzipLarge
from api.routes import (
    at_risk,
    audit,
    coverage,
    entities,
    ingest,
    network,
    paths,
    reciprocity,
    search,
    service,
    strength,
)
from api.uploads import UploadLimit
from graph_model.settings import Settings
from graph_model.store import GraphStore, StoreUnavailable
from graph_model.stores import open_for_serving
from ingest.jobs import IngestJobs
from ingest.runs import fail_interrupted
from queries.search import prepare

log = logging.getLogger("srm.api")


def _prepare_search(store: GraphStore) -> None:
    """Search ready before the first one is asked for (it would wait for this meanwhile)."""
    try:
        prepare(store)
    except (StoreUnavailable, sqlite3.Error) as exc:
        log.warning("search could not be prepared: %s", exc)


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """The API over the store ``settings`` name (read from the environment by default), or
    over ``store`` when one is given already open (:mod:`api.workers`)."""

    resolved = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = resolved
        app.state.store = store if store is not None else open_for_serving(resolved)
        app.state.admission = Admission(resolved.heavy_slots, resolved.busy_wait_seconds)
        app.state.jobs = IngestJobs(app.state.store)
        app.state.keyring = Keyring(app.state.store)
        threading.Thread(
            target=_prepare_search, args=(app.state.store,), name="search", daemon=True
        ).start()
        try:
            interrupted = await run_in_threadpool(fail_interrupted, app.state.store)
            for run_id in interrupted:
                log.warning("ingest run %s was interrupted: marked failed", run_id)
        except StoreUnavailable as exc:  # /readyz says so until the store answers
            log.warning("could not look for interrupted ingest runs: %s", exc)
        try:
            yield
        finally:
            app.state.jobs.close()
            app.state.store.close()

    app = FastAPIOffline(
        title="srm-graph",
        summary="Relationship intelligence for supplier relationship management.",
        version="0.1.0",
        lifespan=lifespan,
    )
    problems.install(app)
    app.add_middleware(UploadLimit, limit_bytes=resolved.upload_limit_mib << 20)
    app.add_middleware(GzipLarge, minimum_size=1024)  # a 423-node ego network: 457 KB → 64 KB
    # matched in this order: the questions asked most come first
    for module in (
        strength,
        paths,
        coverage,
        network,
        search,
        reciprocity,
        at_risk,
        entities,
        service,
        ingest,
        audit,
    ):
        app.include_router(module.router)
    page.install(app)
    return app
