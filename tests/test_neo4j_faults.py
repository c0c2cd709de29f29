"""Faults on Neo4j: a server that cannot be reached, refuses us, lacks the database, dies in
the middle of an ingest or of a request; and two ingests at once.

These tests run a Neo4j server of their own (killing or locking out the session's would
break the other tests).
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase
from pydantic import SecretStr

from api.app import create_app
from graph_model.settings import Settings
from ingest.generate import generate
from tests.conftest import assert_problem, clear_neo4j, environment, start_service
from tests.neo4j_server import Neo4jProcess, free_port, missing_tools

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jProcess]:
    if missing := missing_tools():
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the Neo4j fault tests, and this machine lacks {missing}")
        pytest.skip(f"needs a Neo4j server of its own; this machine lacks {missing}")
    # wrong passwords on purpose: no lock-out of the user after a few of them
    process = Neo4jProcess(
        tmp_path_factory.mktemp("neo4j-faults"), **{"dbms.security.auth_max_failed_attempts": "0"}
    )
    process.start()
    yield process
    process.stop()


@pytest.fixture
def settings(server: Neo4jProcess, tmp_path: Path) -> Settings:
    if server.process is None:
        server.start()
    settings = server.settings(data_dir=tmp_path / "data")
    clear_neo4j(settings)
    return settings


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    generate(folder, seed=7, companies=20, people=200, interactions=3000)
    return folder


def srm(settings: Settings, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``srm ARGS…`` in a process of its own, on the store of ``settings``."""
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ | environment(settings) | env,
        timeout=600,
    )


def spawn_srm(settings: Settings, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "api.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=os.environ | environment(settings) | env,
    )


def cypher(settings: Settings, query: str) -> list[dict[str, Any]]:
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    with GraphDatabase.driver(settings.neo4j_uri, auth=auth) as driver:
        records, _, _ = driver.execute_query(query, database_=settings.neo4j_database)
    return [dict(r) for r in records]


def graph_state(settings: Settings) -> dict[str, Any]:
    """Every node but the bookkeeping (ingest runs, the audit trail) and every relationship,
    with its properties."""
    nodes = cypher(
        settings,
        "MATCH (n) WHERE NOT n:IngestRun AND NOT n:AuditEntry AND NOT n:SrmStore "
        "RETURN labels(n)[0] AS label, properties(n) AS props ORDER BY label, n.id",
    )
    rels = cypher(
        settings,
        "MATCH (a)-[r]->(b) WHERE type(r) <> 'KNOWS' "
        "RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props "
        "ORDER BY type, a, b, r.key",
    )
    ties = cypher(
        settings,
        "MATCH (a)-[k:KNOWS]->(b) RETURN a.id AS a, b.id AS b, properties(k) AS props "
        "ORDER BY a, b",
    )
    for node in nodes:
        node["props"].pop("sources", None)  # which run wrote a node is not its state
    return {"nodes": nodes, "rels": rels, "ties": ties}


def same_state(found: dict[str, Any], expected: dict[str, Any]) -> None:
    assert found["nodes"] == expected["nodes"]
    assert found["rels"] == expected["rels"]
    assert [(t["a"], t["b"]) for t in found["ties"]] == [(t["a"], t["b"]) for t in expected["ties"]]
    for got, want in zip(found["ties"], expected["ties"], strict=True):
        assert got["props"] == pytest.approx(want["props"], rel=1e-9)


# -- what a person sees when Neo4j cannot be used --------------------------------------------


def unusable(server: Neo4jProcess, tmp_path: Path) -> dict[str, tuple[Settings, str]]:
    base = server.settings(data_dir=tmp_path / "data")
    return {
        "unreachable": (
            base.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{free_port()}"}),
            "NEO4J_URI",
        ),
        "wrong password": (
            base.model_copy(update={"neo4j_password": SecretStr("not-the-password")}),
            "NEO4J_PASSWORD",
        ),
        "wrong database": (base.model_copy(update={"neo4j_database": "nope"}), "NEO4J_DATABASE"),
    }


@pytest.mark.parametrize("fault", ["unreachable", "wrong password", "wrong database"])
def test_unusable_neo4j_is_a_503_and_exit_2_naming_the_setting(
    server: Neo4jProcess, tmp_path: Path, fault: str
) -> None:
    settings, setting = unusable(server, tmp_path)[fault]
    with TestClient(create_app(settings)) as client:
        for path in ("/readyz", "/v1/stats", "/v1/companies/x/coverage"):
            response = client.get(path)
            assert_problem(response, 503)
            assert setting in response.json()["detail"], response.json()
        assert client.get("/healthz").json() == {"status": "ok"}
    done = srm(settings, "stats")
    assert done.returncode == 2, done.stderr
    assert setting in done.stderr and "Traceback" not in done.stderr + done.stdout


def test_no_password_in_an_error_even_in_the_uri(server: Neo4jProcess, tmp_path: Path) -> None:
    base = server.settings(data_dir=tmp_path / "data")
    secret = base.neo4j_password.get_secret_value()
    in_uri = base.model_copy(update={"neo4j_uri": f"bolt://neo4j:{secret}@127.0.0.1:{server.port}"})
    done = srm(in_uri, "stats")
    assert done.returncode == 2 and "NEO4J_URI" in done.stderr
    assert secret not in done.stderr + done.stdout
    wrong = base.model_copy(update={"neo4j_password": SecretStr("typo-" + secret)})
    with TestClient(create_app(wrong)) as client:
        detail = client.get("/v1/stats").json()["detail"]
    assert "NEO4J_PASSWORD" in detail and secret not in detail


def _ask(port: int, method: str, url: str, token: str | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        conn.request(method, url, body=b"" if method == "POST" else None, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def _served_log(settings: Settings, tmp_path: Path, asks: list[tuple[str, str, str | None]]) -> str:
    """What ``srm serve`` wrote (stdout and stderr) while answering ``asks``
    (method, URL, token), then stopping on SIGTERM; every answer is a problem or a 200."""
    port, log_path = free_port(), tmp_path / f"serve-{free_port()}.log"
    served = start_service(settings, port, log_path)
    try:
        deadline = time.monotonic() + 120
        while served.poll() is None and time.monotonic() < deadline:
            try:
                if _ask(port, "GET", "/healthz") == 200:
                    break
            except OSError:
                time.sleep(0.1)
        if served.poll() is None:
            statuses = [_ask(port, *ask) for ask in asks]
            assert set(statuses) <= {200, 401, 403, 422}, statuses
    finally:
        served.send_signal(signal.SIGTERM)
        served.wait(60)
    return log_path.read_text()


def test_no_token_or_password_in_the_service_log(server: Neo4jProcess, tmp_path: Path) -> None:
    base = server.settings(data_dir=tmp_path / "data")
    clear_neo4j(base)
    secret = base.neo4j_password.get_secret_value()
    created = srm(base, "keys", "create", "ops", "--scopes", "read,ingest,reciprocity,admin")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    reader = srm(base, "keys", "create", "reader", "--scopes", "read").stdout.strip()
    forged = token[:-6] + "AAAAAA"
    asks: list[tuple[str, str, str | None]] = [
        ("GET", "/v1/stats", token),
        ("GET", "/v1/reciprocity", token),
        ("GET", "/v1/reciprocity", reader),
        ("GET", "/v1/audit", token),
        ("GET", "/v1/stats", forged),
        ("GET", "/v1/stats", secret),
        ("GET", "/v1/stats", None),
        ("POST", "/v1/ingest", token),
        ("GET", "/readyz", None),
    ]
    logs = _served_log(base, tmp_path, asks)
    assert "GET /v1/stats" in logs and "401" in logs and "403" in logs  # it did log the requests
    wrong = base.model_copy(update={"neo4j_password": SecretStr("typo-" + secret)})
    in_uri = base.model_copy(update={"neo4j_uri": f"bolt://neo4j:{secret}@127.0.0.1:{server.port}"})
    for refused in (wrong, in_uri):
        failed = _served_log(refused, tmp_path, asks)
        assert "NEO4J_" in failed, failed
        logs += failed
    for hidden in (secret, token, token.split(".")[1], reader.split(".")[1], forged):
        assert hidden not in logs
    assert "Traceback" not in logs


def test_a_server_that_goes_away_is_a_503_until_it_is_back(
    server: Neo4jProcess, settings: Settings
) -> None:
    with TestClient(create_app(settings)) as client:
        assert client.get("/v1/stats").status_code == 200
        server.kill()
        try:
            response = client.get("/v1/stats")
            assert_problem(response, 503)
            assert "NEO4J_URI" in response.json()["detail"]
        finally:
            server.start()
        assert client.get("/v1/stats").status_code == 200


def test_an_ingest_killed_with_the_server_completes_to_one_clean_ingest(
    server: Neo4jProcess, settings: Settings, export: Path
) -> None:
    ingesting = spawn_srm(settings, "ingest", str(export), SRM_BATCH_SIZE="500")
    deadline = time.monotonic() + 300
    while not cypher(settings, "MATCH (i:Interaction) RETURN count(i) > 0 AS started")[0][
        "started"
    ]:
        assert time.monotonic() < deadline and ingesting.poll() is None, ingesting.communicate()
        time.sleep(0.05)
    server.kill()
    _, stderr = ingesting.communicate(timeout=120)
    assert ingesting.returncode == 2, stderr
    assert "NEO4J_URI" in stderr and "Traceback" not in stderr
    server.start()
    written = cypher(settings, "MATCH (i:Interaction) RETURN count(i) AS n")[0]["n"]
    assert 0 < written < 3000  # it died half-way
    rerun = srm(settings, "ingest", str(export))
    assert rerun.returncode == 0, rerun.stderr
    after_crash = graph_state(settings)
    clear_neo4j(settings)
    clean = srm(settings, "ingest", str(export))
    assert clean.returncode == 0, clean.stderr
    same_state(after_crash, graph_state(settings))


def test_two_ingests_at_once_end_in_their_union(
    settings: Settings, export: Path, tmp_path: Path
) -> None:
    """The same companies and people, and each half of the interactions, at the same time:
    both finish, nothing is duplicated, and the ties are those of one ingest of both."""
    halves = [tmp_path / "first", tmp_path / "second"]
    lines = (export / "interactions.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    for n, half in enumerate(halves):
        half.mkdir()
        for name in ("companies", "people", "products", "offers", "supplies", "account_managers"):
            (half / f"{name}.csv").write_bytes((export / f"{name}.csv").read_bytes())
        (half / "interactions.csv").write_text(lines[0] + "".join(lines[1 + n :: 2]))
    running = [spawn_srm(settings, "ingest", str(h), SRM_BATCH_SIZE="300") for h in halves]
    for process in running:
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
    duplicates = cypher(
        settings,
        "MATCH (n) WHERE n.id IS NOT NULL WITH labels(n)[0] AS label, n.id AS id, count(*) AS c "
        "WHERE c > 1 RETURN label, id",
    )
    assert duplicates == []
    doubled_ties = cypher(
        settings,
        "MATCH (a)-[k:KNOWS]->(b) WITH a, b, count(k) AS c WHERE c > 1 RETURN a.id AS a, b.id AS b",
    )
    assert doubled_ties == []
    together = graph_state(settings)
    clear_neo4j(settings)
    for half in halves:
        assert srm(settings, "ingest", str(half)).returncode == 0
    same_state(together, graph_state(settings))
