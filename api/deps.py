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

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.routing import APIRoute
from pydantic import AfterValidator, BaseModel, BeforeValidator, WithJsonSchema

from api import problems
from api.auth import require
from graph_model.settings import Settings
from graph_model.store import GraphStore
from queries.common import resolve_as_of


async def get_store(request: Request) -> GraphStore:
    """The open store."""
    store: GraphStore = request.app.state.store
    return store


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _under_reader(route: Callable[..., Any]) -> Callable[..., Any]:
    """``route`` run under the reader of the open store, which it is given as ``store``.

    The store is taken from the request rather than through a dependency: FastAPI
    solves each dependency anew on every request.
    """
    signature = inspect.signature(route, eval_str=True)
    own = next((n for n, p in signature.parameters.items() if p.annotation is Request), None)
    asked = own or "_request"

    @functools.wraps(route)
    def answer(*args: Any, **kwargs: Any) -> Any:
        request: Request = kwargs[asked] if own else kwargs.pop(asked)
        store: GraphStore = request.app.state.store
        with store.reader():
            return route(*args, store=store, **kwargs)

    parameters = [p for n, p in signature.parameters.items() if n != "store"]
    if own is None:
        parameters.insert(
            0, inspect.Parameter(asked, inspect.Parameter.KEYWORD_ONLY, annotation=Request)
        )
    answer.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=sorted(parameters, key=lambda p: p.kind)
    )
    return answer


class ReadingRoute(APIRoute):
    """A route whose (synchronous) endpoint, when it takes ``store``, reads it under
    ``store.reader()`` in the thread that runs it."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        takes_store = "store" in inspect.signature(endpoint).parameters
        if takes_store and not inspect.iscoroutinefunction(endpoint):
            endpoint = _under_reader(endpoint)
        super().__init__(path, endpoint, **kwargs)


def _not_a_number(value: Any) -> Any:
    """``value``, unless it is a number (which pydantic would take for seconds since 1970)."""
    try:
        float(value)
    except (TypeError, ValueError):
        return value
    raise ValueError(
        "a date or instant is ISO-8601 (2025-07-01, 2025-07-01T09:30:00Z), not a number"
    )


def _in_utc(moment: datetime) -> datetime:
    """``moment`` as an aware UTC instant (naive means UTC), if there is one."""
    try:
        return resolve_as_of(moment)
    except OverflowError:
        raise ValueError("this instant is out of range once in UTC") from None


_DATE_OR_INSTANT = {"anyOf": [{"type": "string", "format": f} for f in ("date-time", "date")]}
Instant = Annotated[
    datetime,
    BeforeValidator(_not_a_number),
    AfterValidator(_in_utc),
    WithJsonSchema(_DATE_OR_INSTANT),
]
"""An ISO-8601 date or instant, in UTC: never a number, never out of range."""


class Answer(Response):
    """A route's answer serialised once, straight from its model (the route's
    ``response_model`` still documents it): FastAPI would dump the model, validate the dump
    again and serialise that, three passes where one does.

    >>> class Level(BaseModel):
    ...     level: int
    >>> Answer(Level(level=1)).body
    b'{"level":1}'
    """

    media_type = "application/json"

    def __init__(self, model: BaseModel) -> None:
        super().__init__(model.model_dump_json(by_alias=True))


def guarded_router(scope: str, tag: str, *statuses: int, prefix: str = "/v1") -> APIRouter:
    """A router whose routes read the store under its reader (:class:`ReadingRoute`), let
    through keys with ``scope``, and declare the problems they may answer with (those of
    :func:`~api.problems.guarded` and ``statuses``)."""
    return APIRouter(
        prefix=prefix,
        tags=[tag],
        route_class=ReadingRoute,
        dependencies=[require(scope)],
        responses=problems.guarded(*statuses),
    )


StoreDep = Annotated[GraphStore, Depends(get_store)]


def searched_text(description: str) -> Any:
    """The ``Query`` of text to search for: at most 200 characters, none of them control
    characters."""
    return Query(max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$", description=description)


AsOf = Annotated[
    Instant | None,
    Query(description="ISO-8601 date or instant (naive means UTC); default now"),
]
SettingsDep = Annotated[Settings, Depends(get_settings)]
