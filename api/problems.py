"""Errors as ``application/problem+json`` (RFC 9457) with a message a person understands,
and their place in the OpenAPI document: :func:`responses` declares the problems a route
can answer with, :class:`Problem` is their schema.

>>> list(guarded(409))
[401, 403, 409, 422, 503]
>>> clipped("abcdefgh", 3)
'abc… (8 chars)'
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema
from starlette.exceptions import HTTPException

from graph_model.store import StoreUnavailable
from queries.common import NoHomeCompany, UnknownId

PROBLEM_JSON = "application/problem+json"
ECHO_CHARS = 200
"""How much of an invalid input a problem repeats."""
DETAIL_CHARS = 1000
"""How long a problem's ``detail`` may grow (it may quote what a client sent)."""
_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Content too large",
    422: "Invalid request",
    503: "Unavailable",
}
_WHEN = {
    400: "a request that cannot be read (a malformed multipart body)",
    401: "a missing, unknown, revoked or expired API key",
    403: "the API key lacks the route's scope",
    404: "an unknown id",
    409: "the home company is not known (mark one is_home, or set SRM_HOME_COMPANY)",
    413: "an upload over SRM_UPLOAD_LIMIT_MIB",
    422: "invalid parameters (for an upload: an export that cannot be read)",
    503: "the store does not answer",
}
_REF = "#/components/schemas/"


class InvalidParameter(BaseModel):
    """One invalid part of a request; ``input`` is clipped to a few hundred characters."""

    parameter: str
    message: str
    input: Any = None


class Problem(BaseModel):
    """An error (RFC 9457): ``detail`` says what went wrong, ``errors`` which parameters."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[InvalidParameter] | None = None


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``responses`` of a route (or router) that can answer with ``statuses``."""
    declared: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        schema = {"schema": {"$ref": f"{_REF}Problem"}}
        declared[status] = {"description": _WHEN[status], "content": {PROBLEM_JSON: schema}}
    if 401 in declared:
        bearer = {"description": "Bearer", "schema": {"type": "string"}}
        declared[401]["headers"] = {"WWW-Authenticate": bearer}
    return declared


def guarded(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """:func:`responses` of a route behind a key: 401, 403, 422, 503 and ``statuses``."""
    return responses(401, 403, *sorted({422, 503, *statuses}))


def problem(
    status: int, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": clipped(detail, DETAIL_CHARS),
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


_log = logging.getLogger("srm.api")


def clipped(text: str, limit: int = ECHO_CHARS) -> str:
    """``text``, cut to ``limit`` characters and saying so."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} chars)"


def _where(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body")]
    return ".".join(parts) or "request"


def _echo(value: Any) -> Any:
    """An invalid input as a problem repeats it: short strings and numbers as they came,
    anything else as a clipped string."""
    if value is None or isinstance(value, bool | int | float):
        return value
    return clipped(value if isinstance(value, str) else repr(value))


def install(app: FastAPI) -> None:
    """Register the problem handlers on ``app``, and :class:`Problem` in its OpenAPI."""

    @app.exception_handler(HTTPException)
    async def http_problem(request: Request, exc: HTTPException) -> JSONResponse:
        return problem(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_problem(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            InvalidParameter(
                parameter=_where(tuple(e["loc"])),
                message=clipped(e["msg"].removeprefix("Value error, ")),
                input=_echo(e.get("input")),
            )
            for e in exc.errors()
        ]
        detail = "; ".join(f"{e.parameter}: {e.message}" for e in errors)
        return problem(422, detail, errors=jsonable_encoder(errors))

    @app.exception_handler(StoreUnavailable)
    async def store_problem(request: Request, exc: StoreUnavailable) -> JSONResponse:
        return problem(503, str(exc))

    @app.exception_handler(UnknownId)
    async def unknown_problem(request: Request, exc: UnknownId) -> JSONResponse:
        return problem(404, str(exc.args[0]))

    @app.exception_handler(NoHomeCompany)
    async def home_problem(request: Request, exc: NoHomeCompany) -> JSONResponse:
        return problem(409, str(exc))

    @app.exception_handler(Exception)
    async def unexpected_problem(request: Request, exc: Exception) -> JSONResponse:
        reference = secrets.token_hex(4)
        _log.error(
            "unexpected error %s on %s %s",
            reference,
            request.method,
            request.url.path,
            exc_info=exc,
        )
        return problem(
            500, f"an unexpected error (reference {reference}): the service's log has the details"
        )

    generate = app.openapi
    _, schemas = models_json_schema([(Problem, "serialization")], ref_template=_REF + "{model}")

    def openapi() -> dict[str, Any]:
        document = generate()
        document.setdefault("components", {}).setdefault("schemas", {}).update(schemas["$defs"])
        return document

    app.openapi = openapi  # type: ignore[method-assign]
