"""The ``store`` fixture: every contract test runs on each backend.

The embedded store always; Neo4j too whenever ``NEO4J_URI`` is set (for
example after ``docker compose up neo4j``). The Neo4j database is emptied
before each test, so point it at a database you can spare.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app as cli_app
from graph_model.embedded.store import EmbeddedStore
from graph_model.settings import Settings
from graph_model.store import GraphStore
from graph_model.stores import open_store

BACKENDS = ["embedded", *(["neo4j"] if os.environ.get("NEO4J_URI") else [])]
CLEAR = (Path(__file__).parent / "cypher" / "clear.cypher").read_text()


def open_test_store(backend: str, tmp_path: Path) -> GraphStore:
    if backend == "embedded":
        return EmbeddedStore(tmp_path / "store")
    from graph_model.neo4j.store import Neo4jStore

    settings = Settings()
    store = Neo4jStore(
        settings.neo4j_uri,
        (settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        settings.neo4j_database,
    )
    with store._driver.session(database=settings.neo4j_database) as session:
        session.run(CLEAR).consume()
    return store


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    opened = open_test_store(request.param, tmp_path)
    yield opened
    opened.close()


def assert_problem(response: Any, status: int, parameters: Iterable[str] | None = None) -> None:
    """``response`` is an ``application/problem+json`` answer with ``status``; with
    ``parameters``, its errors name exactly those request parameters, in order."""
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    if parameters is not None:
        assert [e["parameter"] for e in response.json()["errors"]] == list(parameters)


def loaded_settings(tmp_path: Path, *loaders: Callable[[GraphStore], None]) -> Settings:
    """Settings of an embedded store in ``tmp_path`` that ``loaders`` have written to."""
    settings = Settings(backend="embedded", data_dir=tmp_path / "data")
    opened = open_store(settings)
    for load in loaders:
        load(opened)
    opened.close()
    return settings


@pytest.fixture
def srm(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run ``srm ARGS…`` on the test module's ``settings`` fixture's store."""
    monkeypatch.setenv("SRM_BACKEND", "embedded")
    monkeypatch.setenv("SRM_DATA_DIR", str(settings.data_dir))
    return lambda *args: CliRunner().invoke(cli_app, list(args))


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """The API over the test module's ``settings`` fixture."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client
