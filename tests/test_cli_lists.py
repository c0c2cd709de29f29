"""What every command prints, on every backend: its lists as CSV (the same as its JSON), and
one exit code for an id that names nothing.

The store holds the network of tests/network_data.py with its supplies
(tests/test_network.py), an ingest run, an audit entry and an API key.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from api.audit import Entry, record
from api.keys import create_key
from graph_model.settings import Settings
from graph_model.store import GraphStore, NodeUpsert
from tests.conftest import loaded_settings
from tests.csv_output import csv_rows, number
from tests.test_network import seed

RUN = {
    "id": "run-1",
    "source": "exports/crm.zip",
    "format": "canonical",
    "status": "succeeded",
    "started_at": datetime(2025, 7, 1, 8, tzinfo=UTC),
    "finished_at": datetime(2025, 7, 1, 8, 0, 3, tzinfo=UTC),
    "counts": json.dumps({"people.csv": {"read": 12, "created": 10, "updated": 1, "unchanged": 1}}),
}


def bookkeeping(store: GraphStore) -> None:
    store.write([NodeUpsert("IngestRun", [RUN])])
    record(store, Entry("bi", "request", "GET /v1/reciprocity", "200", {"limit": 5}, {"pairs": 2}))
    create_key(store, "bi", ["read", "reciprocity"])


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, seed, bookkeeping)


def both(srm: Any, *args: str) -> tuple[Any, list[dict[str, str]]]:
    """The command's JSON answer and its CSV rows."""
    answer = srm(*args, "--json")
    assert answer.exit_code == 0, answer.output
    return json.loads(answer.stdout), csv_rows(srm(*args, "--csv"))


def test_timeline(srm: Any) -> None:
    body, rows = both(srm, "timeline", "x", "--as-of", "2025-07-01")
    assert [
        (
            r["id"],
            datetime.fromisoformat(r["occurred_at"]),
            r["kind"],
            r["company_id"],
            r["initiator_id"],
            r["participant_ids"],
            r["participant_names"],
        )
        for r in rows
    ] == [
        (
            e["id"],
            datetime.fromisoformat(e["occurred_at"]),
            e["kind"],
            "",
            e["initiator_id"] or "",
            ";".join(p["id"] for p in e["participants"]),
            "; ".join(p["name"] for p in e["participants"]),
        )
        for e in body["entries"]
    ]
    assert [r["id"] for r in rows] == ["e1", "n1", "s1", "m2", "m1", "e2", "old"]
    assert rows[0]["participant_names"] == "Hanna Keller; Xaver Maier"


def test_strength_between_companies(srm: Any) -> None:
    body, rows = both(srm, "strength", "h", "x", "--as-of", "2025-07-01")
    assert (body["a_name"], body["b_name"]) == ("Home AG", "Xylo Retail GmbH")
    assert [
        (r["a_id"], r["a_name"], r["b_id"], r["b_name"], float(r["strength"])) for r in rows
    ] == [(p["a"], p["a_name"], p["b"], p["b_name"], p["strength"]) for p in body["pairs"]]
    assert [(r["a_name"], r["b_name"]) for r in rows] == [
        ("Hanna Keller", "Xenia Lorenz"),
        ("Henrik Vogt", "Xenia Lorenz"),
        ("Hanna Keller", "Xaver Maier"),
    ]
    people, none = both(srm, "strength", "h1", "x1", "--as-of", "2025-07-01")
    assert (people["a_company"], none) == ({"id": "h", "name": "Home AG"}, [])
    shown = srm("strength", "h1", "x1", "--as-of", "2025-07-01")
    assert "Hanna Keller (h1) of Home AG – Xenia Lorenz (x1) of Xylo Retail GmbH" in shown.stdout


def test_ingest_runs(srm: Any) -> None:
    body, rows = both(srm, "ingest", "runs")
    assert rows == [
        {
            "id": "run-1",
            "format": "canonical",
            "status": "succeeded",
            "started_at": "2025-07-01T08:00:00+00:00",
            "finished_at": "2025-07-01T08:00:03+00:00",
            "seconds": "3.0",
            "read": "12",
            "changed": "11",
            "rejected": "0",
            "source": "exports/crm.zip",
        }
    ]
    [run] = body
    assert (run["id"], run["read"], run["created"] + run["updated"]) == ("run-1", 12, 11)
    assert srm("ingest", "runs", "run-1", "--csv").exit_code == 2  # one run is a report


def test_audit(srm: Any) -> None:
    body, rows = both(srm, "audit")
    text = ("id", "action", "route", "outcome")
    assert [
        {k: r[k] for k in text}
        | {"key": r["key"] or None, "parameters": json.loads(r["parameters"])}
        | {"counts": json.loads(r["counts"])}
        for r in rows
    ] == [{k: e[k] for k in (*text, "key", "parameters", "counts")} for e in body["entries"]]
    assert [r["route"] for r in rows] == ["srm keys create", "GET /v1/reciprocity"]  # newest first


def test_keys(srm: Any) -> None:
    body, rows = both(srm, "keys", "list")
    assert [(r["name"], r["scopes"], r["expires_at"], r["state"]) for r in rows] == [
        ("bi", "read,reciprocity", "", "usable")
    ]
    assert [(k["name"], ",".join(k["scopes"]), k["state"]) for k in body] == [
        ("bi", "read,reciprocity", "usable")
    ]


def test_stats(srm: Any) -> None:
    body, rows = both(srm, "stats")
    counted = {(r["kind"], r["name"]): int(r["count"]) for r in rows}
    assert counted == {("label", k): n for k, n in body["labels"].items()} | {
        ("type", k): n for k, n in body["types"].items()
    }
    assert (counted["label", "Person"], counted["type", "SUPPLIES"]) == (8, 4)
    assert number(rows[0]["count"]) is not None


@pytest.mark.parametrize(
    "command",
    [
        "stats",
        "timeline x",
        "strength h x",
        "ingest runs",
        "audit",
        "keys list",
        "duplicates",
        "brokers",
        "coverage --portfolio",
    ],
)
def test_json_and_csv_exclude_each_other(srm: Any, command: str) -> None:
    result = srm(*command.split(), "--json", "--csv")
    assert result.exit_code == 2
    assert "--json and --csv exclude each other" in result.output


@pytest.mark.parametrize(
    "command, unknown",
    [
        ("strength nobody x1", "no person or company with id or name 'nobody'"),
        ("strength x1 nobody", "no person or company with id or name 'nobody'"),
        ("paths nobody x1", "no person with id or name 'nobody'"),
        ("paths h1 nobody", "no person or company with id or name 'nobody'"),
        ("coverage nobody", "no company with id or name 'nobody'"),
        ("reciprocity nobody", "no company with id or name 'nobody'"),
        ("ego nobody", "no person or company with id or name 'nobody'"),
        ("timeline nobody", "no person or company with id or name 'nobody'"),
        ("ingest runs nobody", "no ingest run with id 'nobody'"),
        ("keys revoke nobody", "no usable key named 'nobody'"),
    ],
)
def test_an_unknown_id_exits_1_in_every_command(srm: Any, command: str, unknown: str) -> None:
    """README, "Command line": 1 for an unknown id, whichever command is asked."""
    outputs = {"keys": [()], "ingest": [(), ("--json",)]}  # a run is a report: no CSV
    for output in outputs.get(command.split()[0], [(), ("--json",), ("--csv",)]):
        result = srm(*command.split(), *output)
        assert result.exit_code == 1, (command, output, result.output)
        assert unknown in result.output
        assert result.stdout == ""
