"""Dependencies of the routes: the settings and the open store."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Query, Request

from graph_model.settings import Settings
from graph_model.store import GraphStore


def get_store(request: Request) -> Iterator[GraphStore]:
    """The open store. On the embedded store one request reads it at a time: its in-memory
    index is caught up (mutated) when a request starts reading it."""
    store: GraphStore = request.app.state.store
    if store.backend != "embedded":
        yield store
        return
    with request.app.state.store_lock:
        yield store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[GraphStore, Depends(get_store)]
AsOf = Annotated[
    datetime | None,
    Query(description="ISO-8601 date or instant (naive means UTC); default now"),
]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def new_store_lock() -> threading.Lock:
    return threading.Lock()
