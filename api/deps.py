"""Dependencies of the routes: the settings and the open store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Query, Request

from graph_model.settings import Settings
from graph_model.store import GraphStore


def get_store(request: Request) -> Iterator[GraphStore]:
    """The open store, for as long as the request reads it (see ``GraphStore.reader``)."""
    store: GraphStore = request.app.state.store
    with store.reader():
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
