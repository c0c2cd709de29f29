"""The audit trail: kept in the store, read by admins only, never changed through the API."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api import auth
from api.app import create_app
from api.cli import app as cli_app
from api.keys import create_key, revoke_key
from graph_model.settings import Settings
from graph_model.store import GraphStore
from graph_model.stores import open_store
from tests.conftest import assert_problem, environment, loaded_settings
from tests.test_ingest_canonical import COMPANIES, PEOPLE, write_export
from tests.test_network import seed


@pytest.fixture(autouse=True)
def no_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "REMEMBER", 0.0)


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, seed)


@pytest.fixture
def store(settings: Settings) -> Iterator[GraphStore]:
    opened = open_store(settings)
    yield opened
    opened.close()


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _trail(client: TestClient, token: str, **params: Any) -> dict[str, Any]:
    response = client.get("/v1/audit", params=params, headers=_bearer(token))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_reciprocity_requests_are_kept_answered_or_refused_across_restarts(
    settings: Settings, store: GraphStore
) -> None:
    admin = create_key(store, "auditor", ["admin"])
    sales = create_key(store, "sales", ["read", "reciprocity"])
    bi = create_key(store, "bi", ["read"])
    with TestClient(create_app(settings)) as client:
        url = "/v1/companies/x/reciprocity?as_of=2025-07-01"
        assert client.get(url, headers=_bearer(sales)).status_code == 200
        assert_problem(client.get(url, headers=_bearer(bi)), 403)
        assert_problem(client.get("/v1/reciprocity"), 401)
        assert_problem(client.get("/v1/companies/nope/reciprocity", headers=_bearer(sales)), 404)
        assert client.get("/v1/strength?a=h1&b=x1", headers=_bearer(bi)).status_code == 200
    with TestClient(create_app(settings)) as client:  # the service started again
        found = _trail(client, admin)
    requests = [e for e in found["entries"] if e["action"] == "request"]
    assert [(e["key"], e["route"], e["outcome"]) for e in requests] == [
        ("sales", "GET /v1/companies/nope/reciprocity", "404"),
        (None, "GET /v1/reciprocity", "401"),
        ("bi", "GET /v1/companies/x/reciprocity", "403"),
        ("sales", "GET /v1/companies/x/reciprocity", "200"),
    ]
    answered = requests[-1]
    assert answered["parameters"] == {"company_id": "x", "as_of": "2025-07-01"}
    assert set(answered["counts"]) == {"mutual", "opportunities"}
    assert answered["client"] == "testclient"
    keys = [
        (e["outcome"], e["parameters"]["name"]) for e in found["entries"] if e["action"] == "key"
    ]
    assert keys == [("created", "bi"), ("created", "sales"), ("created", "auditor")]


def test_ingests_and_key_changes_are_kept(
    settings: Settings, store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = write_export(tmp_path / "export", companies=COMPANIES, people=PEOPLE)
    admin = create_key(store, "auditor", ["admin"])
    etl = create_key(store, "etl", ["ingest"])
    revoke_key(store, "etl")
    etl = create_key(store, "etl", ["ingest"])
    with TestClient(create_app(settings)) as client:
        files = [("files", (p.name, p.read_bytes(), "text/csv")) for p in sorted(export.iterdir())]
        started = client.post("/v1/ingest", files=files, headers=_bearer(etl)).json()
        client.app.state.jobs.wait(started["id"], timeout=60)
        for name, value in environment(settings).items():
            monkeypatch.setenv(name, value)
        ran = CliRunner().invoke(cli_app, ["ingest", str(export), "--no-progress"])
        assert ran.exit_code == 1  # the fixture's rejects pass the threshold; the rest is in
        [cli, api] = _trail(client, admin, route="ingest")["entries"][:2]
        assert (cli["key"], cli["route"], cli["outcome"]) == (None, "srm ingest", "succeeded")
        assert (api["key"], api["route"], api["outcome"]) == ("etl", "POST /v1/ingest", "succeeded")
        assert api["parameters"]["run"] == started["id"]
        assert api["counts"]["read"] == cli["counts"]["read"] > 0
        changes = _trail(client, admin, route="srm keys")["entries"]
        assert [(e["outcome"], e["parameters"]["name"]) for e in changes] == [
            ("created", "etl"),
            ("revoked", "etl"),
            ("created", "etl"),
            ("created", "auditor"),
        ]


def test_the_trail_is_read_by_admins_a_page_at_a_time_and_cannot_be_changed(
    settings: Settings, store: GraphStore
) -> None:
    admin = create_key(store, "auditor", ["admin"])
    sales = create_key(store, "sales", ["read", "reciprocity"])
    with TestClient(create_app(settings)) as client:
        for _ in range(5):
            client.get("/v1/reciprocity", headers=_bearer(sales))
        assert_problem(client.get("/v1/audit", headers=_bearer(sales)), 403)
        first = _trail(client, admin, limit=3, key="sales")
        second = _trail(client, admin, limit=3, key="sales", cursor=first["next_cursor"])
        assert (len(first["entries"]), first["more"]) == (3, True)
        assert (len(second["entries"]), second["more"]) == (2, False)
        ids = [e["id"] for e in first["entries"] + second["entries"]]
        assert ids == sorted(ids, reverse=True) and len(set(ids)) == 5
        later = datetime.now(UTC) + timedelta(minutes=1)
        assert _trail(client, admin, since=later.isoformat())["entries"] == []
        naive = (later - timedelta(hours=1)).replace(tzinfo=None).isoformat()
        assert len(_trail(client, admin, since=naive, key="sales")["entries"]) == 5
        for method in ("PUT", "PATCH", "DELETE", "POST"):
            assert client.request(method, "/v1/audit", headers=_bearer(admin)).status_code == 405
        paths = client.get("/openapi.json").json()["paths"]
        assert set(paths["/v1/audit"]) == {"get"}


def test_srm_audit_prints_the_trail(
    settings: Settings, store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_key(store, "sales", ["reciprocity"])
    for name, value in environment(settings).items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(cli_app, ["audit", "--json", "--route", "srm keys"])
    assert result.exit_code == 0, result.output
    body = __import__("json").loads(result.stdout)
    assert [e["parameters"]["name"] for e in body["entries"]] == ["sales"]
    assert body["next_cursor"] is None
