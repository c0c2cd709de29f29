"""Fixtures that run a test on every backend: ``backend``, ``blank_settings``, ``store``.

A test that asks for one of them runs twice: on the embedded store (a fresh folder)
and on Neo4j (the database emptied first). The Neo4j server is the one
``scripts/neo4j-server`` starts, once per session, when Java and Maven are present;
``NEO4J_URI`` (with ``NEO4J_PASSWORD``) points the suite at another server instead, and
its ``neo4j`` database is emptied before each test, so point it at one you can spare.
Without either, the Neo4j half is skipped with the reason, except in CI, where it fails.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from fastapi.testclient import TestClient
from neo4j import GraphDatabase
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app as cli_app
from graph_model.embedded.store import EmbeddedStore
from graph_model.settings import Settings
from graph_model.store import GraphStore
from graph_model.stores import open_store
from tests.neo4j_server import Neo4jProcess, missing_tools

BACKENDS = ["embedded", "neo4j"]
CLEAR = (Path(__file__).parent / "cypher" / "clear.cypher").read_text()


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings of the ``neo4j`` backend on the session's server."""
    if os.environ.get("NEO4J_URI"):
        yield Settings(backend="neo4j")
        return
    missing = missing_tools()
    if missing is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs every test on Neo4j, and this machine lacks {missing}")
        pytest.skip(f"no Neo4j to test on: this machine lacks {missing}; or set NEO4J_URI")
    server = Neo4jProcess(tmp_path_factory.mktemp("neo4j"))
    server.start()
    try:
        yield server.settings()
    finally:
        server.stop()


def clear_neo4j(settings: Settings) -> None:
    """Delete every node and relationship of the database ``settings`` name."""
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    with (
        GraphDatabase.driver(settings.neo4j_uri, auth=auth) as driver,
        driver.session(database=settings.neo4j_database) as session,
    ):
        session.run(CLEAR).consume()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each backend in turn (the Neo4j server starts on first use)."""
    if request.param == "neo4j":
        request.getfixturevalue("neo4j_settings")
    return str(request.param)


@pytest.fixture
def blank_settings(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    """Settings of an empty store on ``backend``; rejects and other files under ``tmp_path``."""
    data_dir = tmp_path / "data"
    if backend == "embedded":
        return Settings(backend="embedded", data_dir=data_dir)
    base: Settings = request.getfixturevalue("neo4j_settings")
    clear_neo4j(base)
    return base.model_copy(update={"data_dir": data_dir})


@pytest.fixture
def store(blank_settings: Settings) -> Iterator[GraphStore]:
    """An empty, open store on each backend."""
    opened = open_store(blank_settings)
    yield opened
    opened.close()


@pytest.fixture(scope="session", params=BACKENDS)
def fresh_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[], GraphStore]]:
    """For property tests, whose examples share one test: a function that returns an empty
    store, on each backend in turn."""
    opened: list[GraphStore] = []
    if request.param == "neo4j":
        settings: Settings = request.getfixturevalue("neo4j_settings")
        opened.append(open_store(settings))

        def fresh() -> GraphStore:
            clear_neo4j(settings)
            return opened[0]

    else:

        def fresh() -> GraphStore:
            while opened:
                opened.pop().close()
            opened.append(EmbeddedStore(tmp_path_factory.mktemp("example")))
            return opened[0]

    yield fresh
    for store in opened:
        store.close()


def recorded_reads(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """Every Cypher read ``store`` (a Neo4j one) runs from now on, with its parameters, in a
    list that grows as it runs them."""
    if store.backend != "neo4j":
        pytest.skip("counts Cypher round trips; the embedded store reads its index")
    seen: list[tuple[str, Any]] = []
    read = store.read  # type: ignore[attr-defined]

    def recording(query: str, **params: Any) -> Any:
        seen.append((query, params))
        return read(query, **params)

    monkeypatch.setattr(store, "read", recording)
    return seen


def assert_problem(response: Any, status: int, parameters: Iterable[str] | None = None) -> None:
    """``response`` is an ``application/problem+json`` answer with ``status``; with
    ``parameters``, its errors name exactly those request parameters, in order."""
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    if parameters is not None:
        assert [e["parameter"] for e in response.json()["errors"]] == list(parameters)


def assert_no_internals(response: Any) -> None:
    """``response`` shows neither a traceback nor a temporary path of the server."""
    text = response.text
    assert "Traceback" not in text and 'File "' not in text
    assert tempfile.gettempdir() not in text and "srm-upload-" not in text


def loaded_settings(settings: Settings, *loaders: Callable[[GraphStore], None]) -> Settings:
    """``settings``, once ``loaders`` have written to its store."""
    opened = open_store(settings)
    try:
        for load in loaders:
            load(opened)
    finally:
        opened.close()
    return settings


def environment(settings: Settings) -> dict[str, str]:
    """The environment variables that make a command open the store of ``settings``."""
    return {
        "SRM_BACKEND": settings.backend,
        "SRM_DATA_DIR": str(settings.data_dir),
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j_database,
    }


def start_service(
    settings: Settings, port: int, log_path: Path, *options: str
) -> subprocess.Popen[bytes]:
    """``srm serve --port PORT [OPTIONS]`` on the store of ``settings``, in a process of its
    own that writes what it prints (stdout and stderr) to ``log_path``."""
    with log_path.open("w") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "api.cli", "serve", "--port", str(port), *options],
            cwd=Path(__file__).resolve().parent.parent,
            env=os.environ | environment(settings),
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def stop_service(server: subprocess.Popen[bytes], patience: float = 60.0) -> int:
    """SIGTERM to a service :func:`start_service` started; its exit code (a failed test when
    it is still running after ``patience`` seconds: it is killed then)."""
    server.send_signal(signal.SIGTERM)
    try:
        return server.wait(patience)
    except subprocess.TimeoutExpired:
        server.kill()
        raise AssertionError("the service did not stop on SIGTERM") from None


@pytest.fixture
def srm(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run ``srm ARGS…`` on the test module's ``settings`` fixture's store."""
    for name, value in environment(settings).items():
        monkeypatch.setenv(name, value)
    return lambda *args: CliRunner().invoke(cli_app, list(args))


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """The API over the test module's ``settings`` fixture."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def participants(store: GraphStore, interaction_id: str) -> dict[str, bool]:
    """Who took part in an interaction, and whether they started it."""
    node = store.get_node("Interaction", interaction_id) or {}
    rels = store.relationships("PARTICIPATED_IN", end=interaction_id)
    return {r.start: r.start == node.get("initiator_id") for r in rels}
