"""The HTTP API on every backend: status codes, JSON shapes, problem details."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_model.settings import Settings
from graph_model.stores import open_store
from ingest.pipeline import ingest
from tests.conftest import assert_no_internals, assert_problem
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


@pytest.mark.parametrize("as_of", ["0.5", "20250701", "-1"])
def test_a_number_is_not_a_date(client: TestClient, as_of: str) -> None:
    """pydantic took it for seconds since 1970 (``0.5`` was 1970-01-01T00:00:00.5Z)."""
    response = client.get("/v1/companies/c1", params={"as_of": as_of})
    assert_problem(response, 422, ["as_of"])
    assert "not a number" in response.json()["detail"]
    assert_no_internals(response)


@pytest.mark.parametrize("as_of", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-05:00"])
def test_an_instant_out_of_range_in_utc_is_a_422_problem(client: TestClient, as_of: str) -> None:
    """It was a 500 on every route that takes ``as_of``."""
    response = client.get("/v1/companies/c1", params={"as_of": as_of})
    assert_problem(response, 422, ["as_of"])
    assert_no_internals(response)


@pytest.mark.parametrize("q", ["\x00", "Acme\n", "\x7f"])
def test_control_characters_in_a_search_are_refused(client: TestClient, q: str) -> None:
    """A NUL found every company on the embedded store (and none on Neo4j)."""
    response = client.get("/v1/companies", params={"q": q})
    assert_problem(response, 422, ["q"])
    assert_no_internals(response)


def test_a_problem_repeats_a_long_input_clipped(client: TestClient) -> None:
    """A 422 repeated all of a long input, in ``detail``, ``message`` and ``input``."""
    response = client.get("/v1/companies/c1", params={"as_of": "x" * 60_000})
    assert_problem(response, 422, ["as_of"])
    assert len(response.content) < 1_000
    assert response.json()["errors"][0]["input"] == "x" * 200 + "… (60000 chars)"
    assert "xxx" not in response.json()["detail"]
    assert_no_internals(response)


def test_a_method_a_route_lacks_is_a_405_problem(client: TestClient) -> None:
    response = client.put("/v1/companies")
    assert_problem(response, 405)
    assert response.headers["allow"] == "GET"


def test_a_malformed_upload_is_a_400_problem(client: TestClient) -> None:
    multipart = {"content-type": "multipart/form-data; boundary=xyz"}
    response = client.post("/v1/ingest", content=b"garbage", headers=multipart)
    assert_problem(response, 400)
    assert_no_internals(response)
    declared = client.get("/openapi.json").json()["paths"]["/v1/ingest"]["post"]["responses"]
    assert {"400", "413", "422"} <= set(declared)


def test_an_unexpected_error_is_a_500_problem_with_a_reference_in_the_log(
    blank_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(blank_settings)

    @app.get("/v1/broken")
    def broken() -> None:
        raise RuntimeError("a bug with /tmp/srm-upload-x/secret.csv in its message")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/v1/broken")
    assert_problem(response, 500)
    assert_no_internals(response)
    reference = re.fullmatch(
        r"an unexpected error \(reference ([0-9a-f]{8})\): the service's log has the details",
        response.json()["detail"],
    )
    assert reference is not None, response.json()
    logged = [r for r in caplog.records if reference[1] in r.getMessage()]
    assert logged and logged[0].exc_info is not None and "RuntimeError" in caplog.text


def test_openapi_declares_the_problems(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    company = paths["/v1/companies/{company_id}"]["get"]["responses"]
    assert sorted(company) == ["200", "401", "403", "404", "422", "503"]
    assert all(company[status]["content"] == problem for status in company if status != "200")
    assert sorted(paths["/v1/relationships/at-risk"]["get"]["responses"]) == [
        "200",
        "401",
        "403",
        "409",
        "422",
        "503",
    ]
    assert sorted(paths["/readyz"]["get"]["responses"]) == ["200", "503"]


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


def test_the_docs_load_their_assets_from_the_service_not_a_cdn(client: TestClient) -> None:
    for page in ("/docs", "/redoc"):
        html = client.get(page)
        assert html.status_code == 200
        assert "cdn" not in html.text.lower()
        assets = re.findall(r'(?:src|href)="(/static-offline-docs/[^"]+)"', html.text)
        assert assets, html.text
        for asset in assets:
            served = client.get(asset)
            assert served.status_code == 200 and len(served.content) > 1000, asset
    assert "/openapi.json" in client.get("/docs").text
