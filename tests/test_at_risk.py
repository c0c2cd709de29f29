"""At-risk relationships on every backend, over HTTP and on the command line.

The network is tests/network_data.py plus ``ext``, a meeting of x1 and y1 (no
internal person) 100 days before ``AS_OF``. Between the instants compared no
interaction happens except f1 (h1, x1) at ``AS_OF + 30``, so a tie's ``R``
only decays: ``R(t + d) = R(t) * 0.5**(d / 180)``, and with reciprocity
unchanged ``s = 100 * (1 - e^(-R/6)) * (0.5 + 0.5 * rho)``.
"""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_model.settings import Settings
from graph_model.store import GraphStore, NodeUpsert, RelRow, RelUpsert
from graph_model.stores import open_store
from queries.at_risk import NoHomeCompany, at_risk
from queries.view import network_view
from tests.conftest import assert_no_internals, assert_problem, loaded_settings
from tests.network_data import AS_OF, days_before, load

E = math.exp
SQ2 = math.sqrt(2)


def s(r: float, rho: float = 1.0) -> float:
    return 100 * (1 - E(-r / 6)) * (0.5 + 0.5 * rho)


def later(days: float) -> datetime:
    return AS_OF + timedelta(days=days)


def seed(store: GraphStore) -> None:
    load(store)
    store.write(
        [
            NodeUpsert(
                "Interaction", [{"id": "ext", "kind": "meeting", "occurred_at": days_before(100)}]
            ),
            RelUpsert(
                "PARTICIPATED_IN",
                [RelRow("x1", "ext"), RelRow("y1", "ext")],
            ),
        ]
    )


@pytest.fixture
def network(store: GraphStore) -> GraphStore:
    seed(store)
    return store


def row(a: str, b: str, before: float, now: float) -> dict[str, Any]:
    return {
        "a": a,
        "b": b,
        "strength": pytest.approx(now, abs=1e-6),
        "strength_before": pytest.approx(before, abs=1e-6),
        "drop": pytest.approx((before - now) / before, abs=1e-6),
    }


# -- ties ----------------------------------------------------------------------------------

# R at AS_OF + 50 (ages in days then); 150 days later each is * 0.5**(150/180)
R_H1_X1 = 3 * 0.5 ** (230 / 180) + 3 / SQ2 * 0.5 ** (140 / 180) + 3 * 0.5 ** (20 / 180)  # m1 m2 f1
R_M2 = 3 / SQ2 * 0.5 ** (140 / 180)  # h1-h2 and h2-x1: m2
R_H1_X2 = 0.5 ** (50 / 180) + 0.5 ** (410 / 180)  # e1, e2: one-sided, rho 0
R_H3_Y1 = 2 * 1.5 * 0.5 ** (95 / 180)  # c1, c2
R_H2_X4 = 3 * 0.5 ** (450 / 180)  # old
F = 0.5 ** (150 / 180)


def test_ties_that_fell(network: GraphStore) -> None:
    result = at_risk(network, later(200), window_days=150, drop=0.3)
    # the weaker a tie, the more of it decay takes: drops 0.428, 0.418, 0.414 (twice, by a, b),
    # 0.396, 0.335; x1-y1 fell too, but neither is internal
    assert [t.model_dump() for t in result.ties] == [
        row("h2", "x4", s(R_H2_X4), s(R_H2_X4 * F)),
        row("h1", "x2", s(R_H1_X2, 0), s(R_H1_X2 * F, 0)),
        row("h1", "h2", s(R_M2), s(R_M2 * F)),
        row("h2", "x1", s(R_M2), s(R_M2 * F)),
        row("h3", "y1", s(R_H3_Y1), s(R_H3_Y1 * F)),
        row("h1", "x1", s(R_H1_X1), s(R_H1_X1 * F)),
    ]
    stricter = at_risk(network, later(200), window_days=150, drop=0.4)
    assert [(t.a, t.b) for t in stricter.ties] == [
        ("h2", "x4"),
        ("h1", "x2"),
        ("h1", "h2"),
        ("h2", "x1"),
    ]


def test_ninety_days_of_silence_stay_under_thirty_percent(network: GraphStore) -> None:
    # h1-x1 at AS_OF + 110 (m1 290, m2 200, f1 80 days old) and at AS_OF + 200 (R / sqrt(2))
    r = 3 * 0.5 ** (290 / 180) + 3 / SQ2 * 0.5 ** (200 / 180) + 3 * 0.5 ** (80 / 180)
    before, now = s(r), s(r / SQ2)
    assert (before - now) / before == pytest.approx(0.2249, abs=1e-4)
    # decay alone takes at most 1 - 0.5**(90/180) = 29.3 % in 90 days: nothing at 30 %
    assert at_risk(network, later(200)).ties == []
    result = at_risk(network, later(200), drop=0.2)
    assert len(result.ties) == 6
    assert result.ties[-1].model_dump() == row("h1", "x1", before, now)  # strongest, fell least


def test_a_tie_that_grew_is_not_at_risk(network: GraphStore) -> None:
    result = at_risk(network, later(200), window_days=180, drop=0.3)
    # h1-x1 at AS_OF + 20: m1, m2 only, 3 * 0.5**(20/180) -> 37.1; at AS_OF + 200 f1 counts too:
    # 38.8, it rose. Every other tie halved its R: drop >= 1 - 1/(1 + e^(-R/12)) > 0.45
    assert [(t.a, t.b) for t in result.ties] == [
        ("h2", "x4"),
        ("h1", "x2"),
        ("h1", "h2"),
        ("h2", "x1"),
        ("h3", "y1"),
    ]


# -- accounts ------------------------------------------------------------------------------


def accounts(result: Any) -> list[tuple[str, list[str], datetime | None]]:
    return [(a.account_id, a.executives, a.last_touch) for a in result.accounts]


def test_touched_accounts_are_not_at_risk(network: GraphStore) -> None:
    # x: e1 (h1, x2) on AS_OF itself; y: c1, c2 (h3, y1) 45 days before
    assert at_risk(network, AS_OF).accounts == []


def test_quiet_accounts(network: GraphStore) -> None:
    # AS_OF + 100, window (AS_OF + 10, AS_OF + 100]: x1 met h1 at AS_OF + 30 (f1); y1 last
    # talked to h3 at AS_OF - 45. x's executives: x1 (executive), x2 (vp); x3 is staff
    assert accounts(at_risk(network, later(100))) == [("y", ["y1"], days_before(45))]
    # AS_OF + 200: both quiet, the longest quiet first
    result = at_risk(network, later(200))
    assert accounts(result) == [("y", ["y1"], days_before(45)), ("x", ["x1", "x2"], later(30))]
    assert [a.name for a in result.accounts] == ["Yarrow Furniture Ltd", "Xylo Retail GmbH"]


def test_quiet_accounts_earlier(network: GraphStore) -> None:
    # AS_OF - 200: x4 (CFO) still works at x; the latest touches then are e2 (h1, x2, 360 days
    # before AS_OF) and old (h2, x4, 400 days); m1 comes later. y1 has never met us: null, first
    result = at_risk(network, AS_OF - timedelta(days=200))
    assert accounts(result) == [("y", ["y1"], None), ("x", ["x1", "x2", "x4"], days_before(360))]


def test_an_activity_naming_only_the_account_tells_which_untouched(network: GraphStore) -> None:
    # a call logged against y with no contact, 20 days after AS_OF: y has had activity in
    # the window (AS_OF + 10, AS_OF + 100], but none with its executives
    before = network_view(network, later(100)).strength("h3", "y1")
    call = {"id": "logged", "kind": "call", "occurred_at": later(20), "company_id": "y"}
    network.write([NodeUpsert("Interaction", [call])])
    [quiet] = at_risk(network, later(100)).accounts
    assert (quiet.account_id, quiet.reason, quiet.last_activity) == (
        "y",
        "executives untouched",
        later(20),
    )
    assert network_view(network, later(100)).strength("h3", "y1") == before  # no tie from it
    [x, y] = sorted(at_risk(network, later(200)).accounts, key=lambda a: a.account_id)
    assert (x.reason, x.last_activity) == ("account untouched", None)
    assert (y.reason, y.last_activity) == ("account untouched", later(20))  # before the window


def test_notes_do_not_touch(network: GraphStore) -> None:
    # a week's window at AS_OF - 5: (AS_OF - 12, AS_OF - 5] holds only n1, a note (base 0)
    # h1 -> x1: x's last touch is m2, 90 days before AS_OF
    result = at_risk(network, AS_OF - timedelta(days=5), window_days=7)
    assert accounts(result) == [
        ("x", ["x1", "x2"], days_before(90)),
        ("y", ["y1"], days_before(45)),
    ]


# -- the home company and parameters -------------------------------------------------------


def test_home_company(network: GraphStore) -> None:
    network.write([NodeUpsert("Company", [{"id": "h", "name": "Home AG", "is_home": None}])])
    with pytest.raises(NoHomeCompany, match="SRM_HOME_COMPANY is not set"):
        at_risk(network, AS_OF)
    with pytest.raises(NoHomeCompany, match="'zz', which is not a company"):
        at_risk(network, AS_OF, home="zz")
    assert at_risk(network, later(200), home="h") == at_risk(network, later(200), home="h")
    assert len(at_risk(network, later(200), home="h").accounts) == 2
    network.write(
        [
            NodeUpsert(
                "Company",
                [
                    {"id": "h", "name": "Home AG", "is_home": True},
                    {"id": "y", "name": "Yarrow", "is_home": True},
                ],
            )
        ]
    )
    with pytest.raises(NoHomeCompany, match=r"several companies are marked is_home \(h, y\)"):
        at_risk(network, AS_OF)


@pytest.mark.parametrize("window_days, drop", [(0, 0.3), (90, 0), (90, 1.5)])
def test_bad_parameters(network: GraphStore, window_days: float, drop: float) -> None:
    with pytest.raises(ValueError, match="window_days"):
        at_risk(network, AS_OF, window_days=window_days, drop=drop)


# -- HTTP and the command line -------------------------------------------------------------


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, seed)


def test_api_at_risk(client: TestClient) -> None:
    response = client.get(
        "/v1/relationships/at-risk",
        params={
            "as_of": "2026-01-17T00:00:00Z",
            "window_days": 150,
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"ties", "accounts", "next_cursor", "more"}
    assert body["ties"][0] == row("h2", "x4", s(R_H2_X4), s(R_H2_X4 * F))
    assert body["accounts"] == [
        {
            "account_id": "y",
            "name": "Yarrow Furniture Ltd",
            "executives": ["y1"],
            "last_touch": "2025-05-17T00:00:00Z",
            "last_activity": None,
            "reason": "account untouched",
        },
        {
            "account_id": "x",
            "name": "Xylo Retail GmbH",
            "executives": ["x1", "x2"],
            "last_touch": "2025-07-31T00:00:00Z",
            "last_activity": None,
            "reason": "account untouched",
        },
    ]
    defaults = client.get("/v1/relationships/at-risk", params={"as_of": "2026-01-17"}).json()
    assert defaults["ties"] == []  # 90 days, 30 %
    assert len(defaults["accounts"]) == 2


@pytest.mark.parametrize(
    "params",
    [
        {"window_days": 0},
        {"drop": 0},
        {"drop": 1.5},
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
        ("x", None),
        ("y", None),
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
    result = run("--as-of", "2026-01-17", "--window-days", "150", "--drop", "0.4", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert [(t["a"], t["b"]) for t in body["ties"]] == [
        ("h2", "x4"),
        ("h1", "x2"),
        ("h1", "h2"),
        ("h2", "x1"),
    ]
    assert [(a["account_id"], a["last_touch"]) for a in body["accounts"]] == [
        ("y", "2025-05-17T00:00:00Z"),
        ("x", "2025-07-31T00:00:00Z"),
    ]


def test_cli_tables_and_errors(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("--as-of", "2026-01-17", "--window-days", "150")
    assert result.exit_code == 0, result.output
    assert "Henrik Vogt" in result.stdout and "43%" in result.stdout
    assert "Xylo Retail GmbH" in result.stdout and "2025-07-31" in result.stdout
    assert run("--drop", "0").exit_code == 2
    monkeypatch.setenv("SRM_HOME_COMPANY", "nobody")
    settings = Settings()
    store = open_store(settings)
    store.write([NodeUpsert("Company", [{"id": "h", "name": "Home AG", "is_home": None}])])
    store.close()
    assert run().exit_code == 1
