"""Schemathesis fuzzes every operation of the OpenAPI document, in-process, on every backend.

Each operation is a test of its own over the seed network of tests/test_network.py,
called with a key of every scope (but for the cases that leave the key out on purpose),
and every answer goes through Schemathesis' checks: never a 5xx, only documented
status codes, content types, headers and bodies, schema-violating requests refused,
schema-valid ones accepted, and problems that neither show the server's insides nor
repeat much of what was sent (:func:`problem_tells_no_internals`). The seed is fixed and the examples are few (the coverage
phase's boundary cases, then at most ``max-examples`` generated ones), so a run asks the
same questions every time: some 1,750 per backend, in 20 to 30 seconds on each.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.python import asgi

from api.app import create_app
from api.auth import SCOPES
from api.keys import create_key
from graph_model.settings import Settings
from graph_model.stores import open_store
from tests.conftest import loaded_settings
from tests.test_network import seed


class Served:
    """The app of the running test and its key: the document is loaded once, while each
    test builds its app over its own store."""

    app: FastAPI | None = None
    token = ""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        assert self.app is not None, "only while a test runs"
        await self.app(scope, receive, send)


SERVED = Served()
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20250701,
        "generation": {"max-examples": 50, "database": "none"},
        "operations": [
            {
                # Any upload the schema allows is most likely no export at all: it gets the
                # documented 422 (the file that cannot be read, and why), which no schema of
                # a file upload can foretell. Every other answer is held to the check.
                "include-path": "/v1/ingest",
                "include-method": "POST",
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "401", "403", "404", "422"]
                    }
                },
            }
        ],
    }
)
schema = schemathesis.openapi.from_dict(create_app().openapi(), config=CONFIG)  # any settings
schema.app = SERVED


@schema.auth(refresh_interval=None)
class Bearer:
    """The running test's key, on every case but those that leave it out on purpose."""

    def get(self, case: Case, context: Any) -> str:
        return SERVED.token

    def set(self, case: Case, token: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}


def sent(case: Case) -> list[str]:
    """The path and query values of a request, longest first."""
    values: list[Any] = []
    for part in (case.path_parameters, case.query):
        for value in (part or {}).values():
            values += value if isinstance(value, list) else [value]
    return sorted((str(v) for v in values if str(v)), key=len, reverse=True)


@schemathesis.check
def problem_tells_no_internals(ctx: Any, response: schemathesis.Response, case: Case) -> None:
    """An error shows no traceback and no temporary path (but where it quotes what was sent:
    an id ``Traceback`` is no traceback), and stays small."""
    if response.status_code < 400:
        return
    text = response.text
    for value in sent(case):
        text = text.replace(value, "")
    if "Traceback" in text or tempfile.gettempdir() in text or "srm-upload-" in text:
        raise AssertionError(f"the problem shows the server's insides: {text[:500]}")
    if len(response.content) > 8192:
        raise AssertionError(f"a problem of {len(response.content)} bytes repeats too much")


@pytest.fixture
def served(blank_settings: Settings) -> Iterator[None]:
    """The app over the seed network, with a key of every scope."""
    settings = loaded_settings(blank_settings, seed)
    store = open_store(settings)
    try:
        SERVED.token = create_key(store, "fuzz", sorted(SCOPES))
    finally:
        store.close()
    SERVED.app = create_app(settings)
    try:
        yield
    finally:
        asgi.shutdown_lifespans()  # the app's lifespan, which its first request started
        SERVED.app = None


@schema.parametrize()
# One app and store serve all the examples of an operation: they read, and what they
# write (audit entries, ingest runs) changes none of their answers.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_api_conforms_to_its_openapi_document(case: Case, served: None) -> None:
    case.call_and_validate()
