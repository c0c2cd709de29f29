"""The command line of the questions of tests/test_coverage.py, on every backend: JSON, tables
and CSV."""

from __future__ import annotations

import json
from typing import Any

import pytest

from graph_model.settings import Settings
from tests.conftest import loaded_settings
from tests.csv_output import csv_rows, number
from tests.network_data import load
from tests.test_coverage import extend


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, load, extend)


@pytest.fixture
def run(srm: Any) -> Any:
    return lambda *args: srm("coverage", *args)


def test_cli_json(run: Any) -> None:
    result = run("x", "--as-of", "2025-07-01", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert (body["coverage"], body["uncovered"], body["account_manager_covers"]) == (
        0.5,
        ["x2"],
        ["x1"],
    )
    result = run("x", "--as-of", "2025-07-01", "--min-strength", "5", "--levels", "vp", "--json")
    assert result.exit_code == 0, result.output
    assert [e["person_id"] for e in json.loads(result.stdout)["executives"]] == ["x2"]

    result = run("--portfolio", "--as-of", "2025-07-01", "--relationship", "customer", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "accounts": [
            {
                "account_id": "x",
                "name": "Xylo Retail GmbH",
                "coverage": 0.5,
                "executives": 2,
                "covered": 1,
            },
        ]
    }


def test_cli_tables(run: Any) -> None:
    result = run("x", "--as-of", "2025-07-01")
    assert result.exit_code == 0, result.output
    assert "Xenia Lorenz" in result.stdout and "39.3" in result.stdout and "50%" in result.stdout
    assert "uncovered: Xaver Maier (x2)" in result.stdout
    result = run("y", "--as-of", "2025-07-01")
    assert "single-threaded: every covered executive hangs on Hugo Brandt (h3)" in result.stdout
    result = run("--portfolio", "--as-of", "2025-07-01", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert "Yarrow" in result.stdout and "Zinc" not in result.stdout


def test_cli_csv_is_the_json(run: Any) -> None:
    body = json.loads(run("x", "--as-of", "2025-07-01", "--json").stdout)
    rows = csv_rows(run("x", "--as-of", "2025-07-01", "--csv"))
    assert [
        (
            r["person_id"],
            r["name"],
            r["title"],
            r["seniority"],
            r["covered"],
            int(r["threads"]),
            r["best_contact_id"],
            r["best_contact"],
            float(r["strength"]),
        )
        for r in rows
    ] == [
        (
            e["person_id"],
            e["name"],
            e["title"],
            e["seniority"],
            "true" if e["covered"] else "false",
            e["threads"],
            e["best_contact"]["person_id"],
            e["best_contact"]["name"],
            e["best_contact"]["strength"],
        )
        for e in body["executives"]
    ]
    asked = ("--portfolio", "--as-of", "2025-07-01")
    body = json.loads(run(*asked, "--json").stdout)
    rows = csv_rows(run(*asked, "--csv"))
    assert [
        (r["account_id"], r["name"], number(r["coverage"]), int(r["covered"]), int(r["executives"]))
        for r in rows
    ] == [
        (a["account_id"], a["name"], a["coverage"], a["covered"], a["executives"])
        for a in body["accounts"]
    ]
    assert [r["account_id"] for r in rows] == ["x", "y", "z"]  # z has no executives: last
    assert run("x", "--json", "--csv").exit_code == 2


def test_cli_errors(run: Any) -> None:
    assert run("nobody").exit_code == 1
    assert run().exit_code == 2
    assert run("x", "--portfolio").exit_code == 2
    assert run("x", "--tier", "key").exit_code == 2
    assert run("x", "--levels", "ceo").exit_code == 2
    assert run("h").exit_code == 2
    assert run("--portfolio", "--tier", "gold").exit_code == 2
