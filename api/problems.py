"""Errors as ``application/problem+json`` (RFC 9457) with a message a person understands."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from graph_model.store import StoreUnavailable
from queries.common import NoHomeCompany, UnknownId

PROBLEM_JSON = "application/problem+json"
_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    409: "Conflict",
    413: "Content too large",
    422: "Invalid request",
    503: "Unavailable",
}


def problem(
    status: int, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _where(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body")]
    return ".".join(parts) or "request"


def install(app: FastAPI) -> None:
    """Register the problem handlers on ``app``."""

    @app.exception_handler(HTTPException)
    async def http_problem(request: Request, exc: HTTPException) -> JSONResponse:
        return problem(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_problem(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"parameter": _where(tuple(e["loc"])), "message": e["msg"], "input": e.get("input")}
            for e in exc.errors()
        ]
        detail = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
        return problem(422, detail, errors=jsonable(errors))

    @app.exception_handler(StoreUnavailable)
    async def store_problem(request: Request, exc: StoreUnavailable) -> JSONResponse:
        return problem(503, str(exc))

    @app.exception_handler(UnknownId)
    async def unknown_problem(request: Request, exc: UnknownId) -> JSONResponse:
        return problem(404, str(exc.args[0]))

    @app.exception_handler(NoHomeCompany)
    async def home_problem(request: Request, exc: NoHomeCompany) -> JSONResponse:
        return problem(409, str(exc))


def jsonable(value: Any) -> Any:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(value)
