"""The HTTP API on every backend: status codes, JSON shapes, problem details."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_model.settings import Settings
from graph_model.stores import open_store
from ingest.pipeline import ingest
from tests.conftest import assert_problem
from tests.test_ingest_canonical import COMPANIES, INTERACTIONS, MANAGERS, PEOPLE, write_export


@pytest.fixture
def client(blank_settings: Settings, tmp_path: Path) -> Iterator[TestClient]:
    settings = blank_settings
    folder = write_export(
        tmp_path / "export",
        companies=COMPANIES,
        people=PEOPLE,
        interactions=INTERACTIONS,
        account_managers=MANAGERS,
    )
    store = open_store(settings)
    ingest(store, folder)
    store.close()
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_health_and_readiness(client: TestClient, backend: str) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready", "backend": backend}


def test_stats(client: TestClient, backend: str) -> None:
    body = client.get("/v1/stats").json()
    assert body["backend"] == backend
    assert body["labels"]["Company"] == 3
    assert body["labels"]["Person"] == 5
    assert body["types"]["WORKS_AT"] == 4
    assert body["types"]["MANAGES_ACCOUNT"] == 1


def test_company_search(client: TestClient) -> None:
    body = client.get("/v1/companies", params={"q": "INC"}).json()
    assert [c["id"] for c in body["companies"]] == ["c2"]
    assert body["companies"][0]["region"] == "US"
    everything = client.get("/v1/companies", params={"limit": 2}).json()["companies"]
    assert [c["name"] for c in everything] == ["Acme GmbH", "Beta Inc"]


def test_company_profile(client: TestClient) -> None:
    body = client.get("/v1/companies/c1").json()
    assert body["name"] == "Acme GmbH"
    assert [(p["id"], p["seniority"]) for p in body["people"]] == [
        ("p2", "executive"),
        ("p6", "executive"),
        ("p3", "staff"),
    ]
    assert [p["id"] for p in body["account_managers"]] == ["p1"]


def test_company_profile_as_of_before_employment(client: TestClient) -> None:
    body = client.get("/v1/companies/c1", params={"as_of": "2020-06-01"}).json()
    assert [p["id"] for p in body["people"]] == ["p2", "p6"]  # p3 starts in 2021


def test_person_profile(client: TestClient) -> None:
    body = client.get("/v1/people/p3").json()
    assert body["seniority"] == "staff"
    assert body["manager"]["id"] == "p6"
    [job] = body["employment"]
    assert job["company"] == {"id": "c1", "name": "Acme GmbH"}
    assert job["current"] is True
    assert job["started_at"] == "2021-01-01T00:00:00Z"
    assert client.get("/v1/people/p1").json()["manages_accounts"] == [
        {"id": "c1", "name": "Acme GmbH"},
    ]


@pytest.mark.parametrize("path", ["/v1/companies/nope", "/v1/people/nope"])
def test_unknown_ids_are_404_problems(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert_problem(response, 404)
    body = response.json()
    assert body["status"] == 404
    assert body["detail"].endswith("with id 'nope'")


def test_invalid_parameters_are_422_problems(client: TestClient) -> None:
    response = client.get("/v1/companies", params={"limit": 0})
    assert_problem(response, 422)
    body = response.json()
    assert body["detail"] == "limit: Input should be greater than or equal to 1"
    assert body["errors"][0]["parameter"] == "limit"
    bad_date = client.get("/v1/companies/c1", params={"as_of": "last tuesday"})
    assert bad_date.status_code == 422
    assert bad_date.json()["detail"].startswith("as_of:")


def test_openapi_is_served(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {
        "/healthz",
        "/readyz",
        "/v1/stats",
        "/v1/companies",
        "/v1/companies/{company_id}",
        "/v1/people/{person_id}",
    } <= set(schema["paths"])
    assert client.get("/docs").status_code == 200
