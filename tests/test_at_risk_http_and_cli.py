"""At-risk over HTTP and on the command line, on every backend, over the network of
tests/test_at_risk.py."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_model.settings import Settings
from graph_model.store import NodeUpsert
from graph_model.stores import open_store
from tests.conftest import assert_no_internals, assert_problem, loaded_settings
from tests.test_at_risk import NAMES, QUIET_SINCE_AS_OF_50, company, seed


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, seed)


def executive(person: str) -> dict[str, Any]:
    return {"id": person, "name": NAMES[person], "kind": "person", "company": company(person)}


def test_api_at_risk(client: TestClient) -> None:
    response = client.get(
        "/v1/relationships/at-risk",
        params={"as_of": "2026-01-17T00:00:00Z", "window_days": 150, "min_strength": 0},
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"ties", "ties_total", "accounts", "accounts_total", "next_cursor", "more"}
    assert body["ties"] == QUIET_SINCE_AS_OF_50
    assert (body["ties_total"], body["accounts_total"], body["more"]) == (5, 2, False)
    assert body["accounts"] == [
        {
            "account_id": "y",
            "name": "Yarrow Furniture Ltd",
            "tier": "strategic",
            "executives": ["y1"],
            "named_executives": [executive("y1")],
            "last_touch": "2025-05-17T00:00:00Z",
            "last_activity": None,
            "reason": "account untouched",
        },
        {
            "account_id": "x",
            "name": "Xylo Retail GmbH",
            "tier": "key",
            "executives": ["x1", "x2"],
            "named_executives": [executive("x1"), executive("x2")],
            "last_touch": "2025-07-31T00:00:00Z",
            "last_activity": None,
            "reason": "account untouched",
        },
    ]


def test_api_defaults_and_limit(client: TestClient) -> None:
    defaults = client.get("/v1/relationships/at-risk", params={"as_of": "2026-01-17"}).json()
    # 90 days: every tie went quiet, but only h1-x1 was at least 50 then (52.9)
    assert [(t["a"], t["b"], t["reason"]) for t in defaults["ties"]] == [("h1", "x1", "went quiet")]
    assert [a["account_id"] for a in defaults["accounts"]] == ["y", "x"]
    one = client.get(
        "/v1/relationships/at-risk",
        params={"as_of": "2026-01-17", "window_days": 150, "min_strength": 0, "limit": 1},
    ).json()
    assert one["ties"] == QUIET_SINCE_AS_OF_50[:1]
    assert (one["ties_total"], one["accounts_total"], one["more"], one["next_cursor"]) == (
        5,
        2,
        True,
        "1",
    )


@pytest.mark.parametrize(
    "params",
    [
        {"window_days": 0},
        {"drop": 0},
        {"drop": 1.5},
        {"min_strength": -1},
        {"min_strength": 101},
        {"limit": 0},
        {"as_of": "yesterday"},
    ],
)
def test_api_bad_parameters_are_422_problems(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/v1/relationships/at-risk", params=params)
    assert_problem(response, 422, params)


@pytest.mark.parametrize("window_days", ["36526", "1e12", "inf"])
def test_api_window_of_more_than_a_century_is_a_422_problem(
    client: TestClient, window_days: str
) -> None:
    """It was a 500: the window's start fell out of the range of datetimes."""
    response = client.get("/v1/relationships/at-risk", params={"window_days": window_days})
    assert_problem(response, 422, ["window_days"])
    assert_no_internals(response)


def test_api_window_before_the_year_1_starts_with_it(client: TestClient) -> None:
    """It was a 500; nothing can have happened earlier, so nothing has fallen since."""
    response = client.get("/v1/relationships/at-risk", params={"as_of": "0001-01-02"})
    assert response.status_code == 200
    assert_no_internals(response)
    body = response.json()
    assert body["ties"] == []
    assert [(a["account_id"], a["last_touch"]) for a in body["accounts"]] == [
        ("y", None),  # strategic first
        ("x", None),
    ]


def test_api_without_home_company_is_a_409_problem(settings: Settings) -> None:
    store = open_store(settings)
    store.write([NodeUpsert("Company", [{"id": "h", "name": "Home AG", "is_home": None}])])
    store.close()
    with TestClient(create_app(settings)) as client:
        response = client.get("/v1/relationships/at-risk")
    assert_problem(response, 409)
    assert "is_home" in response.json()["detail"]


@pytest.fixture
def run(srm: Any) -> Any:
    return lambda *args: srm("at-risk", *args)


def test_cli_json(run: Any) -> None:
    result = run("--as-of", "2026-01-17", "--window-days", "150", "--min-strength", "0", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["ties"] == QUIET_SINCE_AS_OF_50
    assert [(a["account_id"], a["last_touch"]) for a in body["accounts"]] == [
        ("y", "2025-05-17T00:00:00Z"),
        ("x", "2025-07-31T00:00:00Z"),
    ]
    cut = json.loads(
        run("--as-of", "2026-01-17", "--min-strength", "0", "--limit", "2", "--json").stdout
    )
    assert (len(cut["ties"]), cut["ties_total"], len(cut["accounts"])) == (2, 5, 2)


def test_cli_csv_is_the_json(run: Any) -> None:
    asked = ("--as-of", "2026-01-17", "--window-days", "150", "--min-strength", "0")
    body = json.loads(run(*asked, "--json").stdout)
    result = run(*asked, "--csv")
    assert result.exit_code == 0, result.output
    ties = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [
        (
            t["a_id"],
            t["a_name"],
            t["a_company_id"],
            t["a_company_name"],
            t["b_id"],
            t["b_name"],
            t["b_company_id"],
            float(t["strength_before"]),
            float(t["strength"]),
            float(t["drop"]),
            t["reason"],
        )
        for t in ties
    ] == [
        (
            t["a"],
            t["a_name"],
            t["a_company"]["id"],
            t["a_company"]["name"],
            t["b"],
            t["b_name"],
            t["b_company"]["id"] if t["b_company"] else "",
            t["strength_before"],
            t["strength"],
            t["drop"],
            t["reason"],
        )
        for t in body["ties"]
    ]
    accounts = list(csv.DictReader(io.StringIO(run(*asked, "--list", "accounts", "--csv").stdout)))
    assert [
        (
            a["account_id"],
            a["name"],
            a["tier"],
            a["executive_ids"],
            a["executives"],
            a["last_touch"],
        )
        for a in accounts
    ] == [
        (
            a["account_id"],
            a["name"],
            a["tier"],
            ";".join(a["executives"]),
            "; ".join(e["name"] for e in a["named_executives"]),
            datetime.fromisoformat(a["last_touch"]).isoformat(),
        )
        for a in body["accounts"]
    ]


def test_cli_tables_and_errors(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(
        "--as-of", "2026-01-17", "--window-days", "150", "--min-strength", "0", "--limit", "3"
    )
    assert result.exit_code == 0, result.output
    assert "3 of 5" in result.stdout and "Xenia" in result.stdout and "33%" in result.stdout
    assert "Yarrow" in result.stdout and "2025-07-31" in result.stdout
    only = run("--as-of", "2026-01-17", "--list", "accounts")
    assert "Yarrow" in only.stdout and "ties" not in only.stdout
    assert run("--drop", "0").exit_code == 2
    assert run("--min-strength", "101").exit_code == 2
    assert run("--limit", "0").exit_code == 2
    both = run("--json", "--csv")
    assert both.exit_code == 2 and "exclude each other" in both.output
    monkeypatch.setenv("SRM_HOME_COMPANY", "nobody")
    settings = Settings()
    store = open_store(settings)
    store.write([NodeUpsert("Company", [{"id": "h", "name": "Home AG", "is_home": None}])])
    store.close()
    assert run().exit_code == 1
