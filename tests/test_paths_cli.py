"""The command line of the questions of tests/test_paths.py, on every backend: JSON, tables
and CSV."""

from __future__ import annotations

import json
from typing import Any

import pytest

from graph_model.settings import Settings
from tests.conftest import loaded_settings
from tests.csv_output import company_of, csv_rows
from tests.network_data import load


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, load)


@pytest.fixture
def run(srm: Any) -> Any:
    return lambda *args: srm("paths", *args)


def test_cli_json(run: Any) -> None:
    result = run("h2", "h1", "--as-of", "2025-07-01", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    # h2 -h- h1 (30), the direct tie (22.12), h2 -x1- h1 (0.2212 * 0.3935 = 8.70)
    assert [(p["nodes"], round(p["score"], 2)) for p in body["paths"]] == [
        (["h2", "h", "h1"], 30.0),
        (["h2", "h1"], 22.12),
        (["h2", "x1", "h1"], 8.7),
    ]
    assert body["paths"][1]["edges"][0]["from"] == "h2"
    result = run(
        "h2",
        "x2",
        "--as-of",
        "2025-07-01",
        "--mode",
        "shortest",
        "--k",
        "1",
        "--min-strength",
        "10",
        "--max-hops",
        "3",
        "--json",
    )
    assert [p["nodes"] for p in json.loads(result.stdout)["paths"]] == [["h2", "x1", "x", "x2"]]


def test_cli_table(run: Any) -> None:
    result = run("h2", "h1", "--as-of", "2025-07-01")
    assert result.exit_code == 0, result.output
    assert "Henrik Vogt (h2) → Hanna Keller (h1) (strongest)" in result.stdout
    rows = [line.split("│")[1:-1] for line in result.stdout.splitlines() if line.startswith("│")]
    assert [[cell.strip() for cell in row] for row in rows] == [
        ["1", "30.0", "0", "", "Henrik Vogt", "h2", "Home AG"],
        ["1", "30.0", "1", "works at", "Home AG", "h", ""],
        ["1", "30.0", "2", "works at", "Hanna Keller", "h1", "Home AG"],
        ["2", "22.1", "0", "", "Henrik Vogt", "h2", "Home AG"],
        ["2", "22.1", "1", "22.1", "Hanna Keller", "h1", "Home AG"],
        ["3", "8.7", "0", "", "Henrik Vogt", "h2", "Home AG"],
        ["3", "8.7", "1", "22.1", "Xenia Lorenz", "x1", "Xylo Retail GmbH"],
        ["3", "8.7", "2", "39.3", "Hanna Keller", "h1", "Home AG"],
    ]
    nothing = run("h3", "x1", "--max-hops", "2")
    assert "Hugo Brandt (h3) → Xenia Lorenz (x1): no path" in nothing.stdout


def test_cli_csv_is_the_json(run: Any) -> None:
    asked = ("h2", "x2", "--as-of", "2025-07-01")
    body = json.loads(run(*asked, "--json").stdout)
    rows = csv_rows(run(*asked, "--csv"))
    expected = []
    for number, path in enumerate(body["paths"], start=1):
        edges = [None, *path["edges"]]
        for step, (node, edge) in enumerate(zip(path["named_nodes"], edges, strict=True)):
            expected.append(
                {
                    "path": str(number),
                    "score": repr(path["score"]),
                    "hops": str(path["hops"]),
                    "step": str(step),
                    "edge_type": edge["type"] if edge else "",
                    "edge_strength": repr(edge["strength"]) if edge else "",
                    "name": node["name"],
                    "id": node["id"],
                    "kind": node["kind"],
                    "company_id": company_of(node)[0],
                    "company_name": company_of(node)[1],
                }
            )
    assert rows == expected
    assert [r["id"] for r in rows[:4]] == ["h2", "x1", "x", "x2"]
    assert run(*asked, "--json", "--csv").exit_code == 2


def test_cli_errors(run: Any) -> None:
    assert run("zz", "x1").exit_code == 1  # an unknown id, as for every command
    assert run("h1", "x1", "--mode", "fastest").exit_code == 2
    assert run("h1", "x1", "--k", "11").exit_code == 2
    assert run("h1", "x1", "--as-of", "soon").exit_code == 2
