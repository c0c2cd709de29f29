"""The command line of the questions of tests/test_network.py, on every backend: JSON, tables
and CSV."""

from __future__ import annotations

import json
from typing import Any

import pytest

from graph_model.settings import Settings
from tests.conftest import loaded_settings
from tests.csv_output import company_of, csv_rows, number
from tests.test_network import COMPANY, HOP_1_EDGES, HOP_1_NODES, seed


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, seed)


@pytest.fixture
def run(srm: Any) -> Any:
    return srm


def test_cli_json(run: Any) -> None:
    result = run("ego", "h1", "--hops", "1", "--as-of", "2025-07-01", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert [n["id"] for n in body["nodes"]] == [n[0] for n in HOP_1_NODES]
    assert [(e["from"], e["to"], e["type"]) for e in body["edges"]] == [e[:3] for e in HOP_1_EDGES]
    result = run("brokers", "--limit", "1", "--as-of", "2025-07-01", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["brokers"] == [
        {
            "person_id": "h1",
            "name": "Hanna Keller",
            "company": COMPANY["h"],
            "score": pytest.approx(0.2),
        },
    ]
    result = run("communities", "--as-of", "2025-07-01", "--json")
    assert result.exit_code == 0, result.output
    assert [c["members"] for c in json.loads(result.stdout)["communities"]] == [
        ["h1", "h2", "x1", "x2", "x4"],
        ["h3", "y1"],
    ]


def test_cli_tables_and_errors(run: Any) -> None:
    result = run("ego", "y", "--hops", "1", "--as-of", "2025-07-01")
    assert result.exit_code == 0, result.output
    assert "Yusuf Demir" in result.stdout and "SUPPLIES" in result.stdout
    result = run("brokers", "--as-of", "2025-07-01")
    assert result.exit_code == 0, result.output
    assert "Henrik Vogt" in result.stdout and "0.2000" in result.stdout
    result = run("communities", "--as-of", "2025-07-01")
    assert result.exit_code == 0, result.output
    assert (
        "c2" in result.stdout and "Hugo Brandt" in result.stdout and "Yusuf Demir" in result.stdout
    )
    assert run("ego", "nobody").exit_code == 1
    assert run("ego", "h1", "--hops", "4").exit_code == 2
    for command in ("ego h1", "brokers", "communities"):
        both = run(*command.split(), "--json", "--csv")
        assert both.exit_code == 2 and "exclude each other" in both.output


def test_cli_csv_is_the_json(run: Any) -> None:
    asked = ("ego", "h1", "--hops", "1", "--as-of", "2025-07-01")
    body = json.loads(run(*asked, "--json").stdout)
    nodes = csv_rows(run(*asked, "--csv"))
    assert [(int(n["distance"]), n["id"], n["label"], n["name"]) for n in nodes] == [
        (n["distance"], n["id"], n["label"], n["name"]) for n in body["nodes"]
    ]
    names = {n["id"]: n["name"] for n in body["nodes"]}
    links = csv_rows(run(*asked, "--list", "links", "--csv"))
    assert [
        (k["from_id"], k["from_name"], k["to_id"], k["to_name"], k["type"], number(k["strength"]))
        for k in links
    ] == [
        (e["from"], names[e["from"]], e["to"], names[e["to"]], e["type"], e["strength"])
        for e in body["edges"]
    ]

    body = json.loads(run("brokers", "--as-of", "2025-07-01", "--json").stdout)
    brokers = csv_rows(run("brokers", "--as-of", "2025-07-01", "--csv"))
    assert [
        (b["rank"], b["person_id"], b["name"], (b["company_id"], b["company_name"]), b["score"])
        for b in brokers
    ] == [
        (str(i), b["person_id"], b["name"], company_of(b), repr(b["score"]))
        for i, b in enumerate(body["brokers"], start=1)
    ]

    body = json.loads(run("communities", "--as-of", "2025-07-01", "--json").stdout)
    members = csv_rows(run("communities", "--as-of", "2025-07-01", "--csv"))
    assert [
        (m["community"], m["size"], m["person_id"], m["name"], m["company_id"], m["company_name"])
        for m in members
    ] == [
        (c["id"], str(c["size"]), p["id"], p["name"], *company_of(p))
        for c in body["communities"]
        for p in c["named_members"]
    ]
    assert len(members) == 7
