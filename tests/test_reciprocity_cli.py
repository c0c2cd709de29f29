"""The command line of the questions of tests/test_reciprocity.py, on every backend: JSON, tables
and CSV."""

from __future__ import annotations

import json
from typing import Any

import pytest

from graph_model.settings import Settings
from tests.conftest import loaded_settings
from tests.csv_output import csv_rows, number
from tests.test_reciprocity import MUTUAL, OPPORTUNITIES, PAIRS, assert_rows, seed


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, seed)


@pytest.fixture
def run(srm: Any) -> Any:
    return lambda *args: srm("reciprocity", *args)


def test_cli_json(run: Any) -> None:
    result = run("x", "--as-of", "2025-06-01", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["company_id"] == "x"
    assert_rows(body["mutual"], MUTUAL)
    assert_rows(body["opportunities"], OPPORTUNITIES)

    result = run("--all", "--as-of", "2025-06-01", "--limit", "2", "--json")
    assert result.exit_code == 0, result.output
    assert_rows(json.loads(result.stdout)["pairs"], PAIRS[:2])


def test_cli_tables(run: Any) -> None:
    result = run("x", "--as-of", "2025-06-01")
    assert result.exit_code == 0, result.output
    assert "Alpha" in result.stdout and "0.33" in result.stdout and "80.00" in result.stdout
    result = run("--all", "--as-of", "2025-06-01")
    assert result.exit_code == 0, result.output
    assert "Epsilon" in result.stdout and "0.67" in result.stdout


def test_cli_csv_is_the_json(run: Any) -> None:
    asked = ("x", "--as-of", "2025-06-01")
    body = json.loads(run(*asked, "--json").stdout)
    mutual = csv_rows(run(*asked, "--csv"))
    assert [
        (m["company_id"], m["name"], number(m["value_out"]), number(m["value_in"])) for m in mutual
    ] == [(m["company_id"], m["name"], m["value_out"], m["value_in"]) for m in body["mutual"]]
    assert [number(m["balance"]) for m in mutual] == [m["balance"] for m in body["mutual"]]
    assert mutual[0]["out_by_currency"] == "150.0"  # no currency on the supplies
    rows = csv_rows(run(*asked, "--list", "opportunities", "--csv"))
    text = ("company_id", "name", "category", "current_supplier_id", "current_supplier_name")
    assert [{k: o[k] for k in text} | {"value": number(o["value"])} for o in rows] == [
        {k: o[k] for k in text} | {"value": o["value"]} for o in body["opportunities"]
    ]
    body = json.loads(run("--all", "--as-of", "2025-06-01", "--json").stdout)
    pairs = csv_rows(run("--all", "--as-of", "2025-06-01", "--csv"))
    values = ("value_ab", "value_ba", "balance")
    assert [
        {"a": p["a_id"], "a_name": p["a_name"], "b": p["b_id"], "b_name": p["b_name"]}
        | {k: number(p[k]) for k in values}
        for p in pairs
    ] == [
        {k: p[k] for k in ("a", "a_name", "b", "b_name")} | {k: p[k] for k in values}
        for p in body["pairs"]
    ]
    assert len(pairs) == 4
    assert run("--all", "--json", "--csv").exit_code == 2


def test_cli_errors(run: Any) -> None:
    assert run("nobody").exit_code == 1
    assert run().exit_code == 2
    assert run("x", "--all").exit_code == 2
    assert run("x", "--as-of", "soon").exit_code == 2
