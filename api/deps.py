"""Dependencies of the routes: the settings and the open store, and the route class that
lets a route read the store while others do.

A route that takes the store answers from it under ``store.reader()``, held in the
thread that runs the route from its first read to its last (:class:`ReadingRoute`).
It is not held across a dependency's ``yield``: FastAPI runs a dependency's two halves
in whichever threads of its pool are free, and a reader taken in one thread and given
back in another is how a pool of waiting threads hangs a server.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.routing import APIRoute

from graph_model.settings import Settings
from graph_model.store import GraphStore


def get_store(request: Request) -> GraphStore:
    """The open store."""
    store: GraphStore = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _under_reader(route: Callable[..., Any]) -> Callable[..., Any]:
    """``route`` run under the reader of the store it is given as ``store``."""

    @functools.wraps(route)
    def answer(*args: Any, **kwargs: Any) -> Any:
        store: GraphStore = kwargs["store"]
        with store.reader():
            return route(*args, **kwargs)

    return answer


class ReadingRoute(APIRoute):
    """A route whose (synchronous) endpoint, when it takes ``store``, reads it under
    ``store.reader()`` in the thread that runs it."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        takes_store = "store" in inspect.signature(endpoint).parameters
        if takes_store and not inspect.iscoroutinefunction(endpoint):
            endpoint = _under_reader(endpoint)
        super().__init__(path, endpoint, **kwargs)


StoreDep = Annotated[GraphStore, Depends(get_store)]
AsOf = Annotated[
    datetime | None,
    Query(description="ISO-8601 date or instant (naive means UTC); default now"),
]
SettingsDep = Annotated[Settings, Depends(get_settings)]
