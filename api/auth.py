"""Who calls, and whether they may: bearer API keys checked against the store, per scope.

While the store holds no usable key, the service is open (it then listens on a loopback
address only, see ``srm serve``); once it holds one, every route but ``/healthz`` and
``/readyz`` needs ``Authorization: Bearer <token>``: 401 without a usable token, 403
when the key lacks the route's scope. What the store says is remembered for
``REMEMBER`` seconds, so a key created or revoked in another process counts within
that time, and a burst of requests costs one read.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPBearer

from api.audit import record, request_entry
from api.keys import SCOPES, ApiKey, any_usable, verify
from graph_model.store import GraphStore

REMEMBER = 2.0
AUDITED = frozenset({"reciprocity"})
"""Scopes whose requests the audit trail keeps, refused ones too."""
BEARER = "an API key's token, from `srm keys create NAME --scopes read,...`"


@dataclass(frozen=True)
class Caller:
    """The key a request came with (``None`` while the service needs none), its scopes."""

    key: str | None
    scopes: frozenset[str]


class Keyring:
    """The store's keys as requests need them, remembered for ``REMEMBER`` seconds."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._required: tuple[float, bool] = (-REMEMBER, False)
        self._known: dict[str, tuple[float, ApiKey | None]] = {}

    def remembered_required(self) -> bool | None:
        """Whether requests need a key, if the store was asked less than ``REMEMBER`` ago."""
        with self._lock:
            at, answer = self._required
        return answer if time.monotonic() - at < REMEMBER else None

    def required(self) -> bool:
        """Whether requests need a key (the store holds a usable one)."""
        answer = self.remembered_required()
        if answer is not None:
            return answer
        now = time.monotonic()
        answer = any_usable(self.store)
        with self._lock:
            self._required = (now, answer)
        return answer

    def remembered_key(self, token: str) -> tuple[bool, ApiKey | None]:
        """``(True, key)`` when the store was asked about ``token`` less than ``REMEMBER``
        ago (``key``: its usable key, if any); ``(False, None)`` otherwise."""
        return self._remembered(_digest(token))

    def _remembered(self, seen: str) -> tuple[bool, ApiKey | None]:
        with self._lock:
            at, key = self._known.get(seen, (-REMEMBER, None))
        return (True, key) if time.monotonic() - at < REMEMBER else (False, None)

    def key_of(self, token: str) -> ApiKey | None:
        """The usable key of ``token``, if any."""
        seen = _digest(token)
        remembered, key = self._remembered(seen)
        if remembered:
            return key
        now = time.monotonic()
        key = verify(self.store, token)
        with self._lock:
            if len(self._known) > 10_000:
                self._known.clear()
            self._known[seen] = (now, key)
        return key


def _digest(token: str) -> str:
    """What a token is remembered by (no token is kept in memory)."""
    return hashlib.sha256(token.encode()).hexdigest()


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(401, detail, headers={"WWW-Authenticate": "Bearer"})


class _Guard(HTTPBearer):
    """The check of one scope: a bearer scheme to OpenAPI, and one dependency to solve per
    request (a check taking ``Security(bearer)`` would be two)."""

    def __init__(self, scope: str) -> None:
        super().__init__(auto_error=False, scheme_name="HTTPBearer", description=BEARER)
        self.scope = scope

    async def __call__(self, request: Request) -> Caller:  # type: ignore[override]
        """Answered in the event loop while what the store said is remembered; the store
        is read in a worker thread otherwise."""
        credentials = await super().__call__(request)
        keyring: Keyring = request.app.state.keyring
        scope = self.scope

        async def refuse(exc: HTTPException, key: str | None = None) -> HTTPException:
            if scope in AUDITED:
                entry = request_entry(request, key, exc.status_code)
                await run_in_threadpool(record, keyring.store, entry)
            return exc

        if credentials is None:
            required = keyring.remembered_required()
            if required is None:
                required = await run_in_threadpool(keyring.required)
            if required:
                detail = "this service needs an API key: Authorization: Bearer <token>"
                raise await refuse(_unauthorized(detail))
            caller = Caller(None, frozenset(SCOPES))
        else:
            token = credentials.credentials
            remembered, key = keyring.remembered_key(token)
            if not remembered:
                key = await run_in_threadpool(keyring.key_of, token)
            if key is None:
                raise await refuse(_unauthorized("unknown, revoked or expired API key"))
            if scope not in key.scopes:
                lacks = HTTPException(403, f"the key {key.name!r} lacks the {scope!r} scope")
                raise await refuse(lacks, key.name)
            caller = Caller(key.name, frozenset(key.scopes))
        request.state.caller = caller
        return caller


def require(scope: str) -> Any:
    """A dependency that lets a request through with a key of ``scope`` (or none needed)."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    return Security(_Guard(scope))


def caller_of(request: Request) -> Caller:
    """The caller the route's scope check let through."""
    caller: Caller = request.state.caller
    return caller


CallerDep = Annotated[Caller, Depends(caller_of)]
