"""At-risk relationships on every backend (over HTTP and on the command line:
tests/test_at_risk_http_and_cli.py).

The network is tests/network_data.py plus ``ext``, a meeting of x1 and y1 (no
internal person) 100 days before ``AS_OF``. Between the instants compared no
interaction happens except f1 (h1, x1) at ``AS_OF + 30``, so a tie's ``R``
only decays: ``R(t + d) = R(t) * 0.5**(d / 180)``, and with reciprocity
unchanged ``s = 100 * (1 - e^(-R/6)) * (0.5 + 0.5 * rho)``.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

import pytest

from graph_model.store import GraphStore, NodeUpsert, RelRow, RelUpsert
from queries.at_risk import NoHomeCompany, at_risk
from queries.view import network_view
from tests.network_data import AS_OF, COMPANIES, PEOPLE, days_before, load

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


NAMES = {p["id"]: p["name"] for p in PEOPLE}
WORKS_AT = {"h1": "h", "h2": "h", "h3": "h", "x1": "x", "x2": "x", "x3": "x", "y1": "y"}
COMPANY_NAMES = {c["id"]: c["name"] for c in COMPANIES}


def company(person: str) -> dict[str, str] | None:
    at = WORKS_AT.get(person)
    return None if at is None else {"id": at, "name": COMPANY_NAMES[at]}


def row(a: str, b: str, before: float, now: float, reason: str = "went quiet") -> dict[str, Any]:
    return {
        "a": a,
        "a_name": NAMES[a],
        "a_company": company(a),
        "b": b,
        "b_name": NAMES[b],
        "b_company": company(b),
        "strength": pytest.approx(now, abs=1e-6),
        "strength_before": pytest.approx(before, abs=1e-6),
        "drop": pytest.approx((before - now) / before, abs=1e-6),
        "reason": reason,
    }


# -- ties ----------------------------------------------------------------------------------

# R at AS_OF + 50 (ages in days then); 150 days later each is * 0.5**(150/180)
R_H1_X1 = 3 * 0.5 ** (230 / 180) + 3 / SQ2 * 0.5 ** (140 / 180) + 3 * 0.5 ** (20 / 180)  # m1 m2 f1
R_M2 = 3 / SQ2 * 0.5 ** (140 / 180)  # h1-h2 and h2-x1: m2
R_H1_X2 = 0.5 ** (50 / 180) + 0.5 ** (410 / 180)  # e1, e2: one-sided, rho 0
R_H3_Y1 = 2 * 1.5 * 0.5 ** (95 / 180)  # c1, c2
R_H2_X4 = 3 * 0.5 ** (450 / 180)  # old
F = 0.5 ** (150 / 180)
QUIET_SINCE_AS_OF_50 = [  # (AS_OF + 50, AS_OF + 200]: no interaction at all; largest loss first
    row("h1", "x1", s(R_H1_X1), s(R_H1_X1 * F)),  # 58.33 -> 38.82
    row("h3", "y1", s(R_H3_Y1), s(R_H3_Y1 * F)),  # 29.31 -> 17.69
    row("h2", "x1", s(R_M2), s(R_M2 * F)),  # 18.63 -> 10.93 (h1-h2 too: colleagues, left out)
    row("h2", "x4", s(R_H2_X4), s(R_H2_X4 * F)),  # 8.46 -> 4.84
    row("h1", "x2", s(R_H1_X2, 0), s(R_H1_X2 * F, 0)),  # 7.89 -> 4.60
]


def test_ties_that_went_quiet(network: GraphStore) -> None:
    result = at_risk(network, later(200), window_days=150, drop=0.3, min_strength=0)
    # x1-y1 fell too, but neither is ours; h1-h2 too, but both are
    assert [t.model_dump() for t in result.ties] == QUIET_SINCE_AS_OF_50
    assert result.ties_total == 5
    # silence is told by itself: h1-x1 lost 33 %, under a drop of 40 %, and is there all the same
    stricter = at_risk(network, later(200), window_days=150, drop=0.4, min_strength=0)
    assert stricter.ties == result.ties


def test_only_ties_strong_a_window_ago(network: GraphStore) -> None:
    strong = at_risk(network, later(200), window_days=150, min_strength=20)
    assert [t.model_dump() for t in strong.ties] == QUIET_SINCE_AS_OF_50[:2]
    # the default, 50: h1-x1 only (58.33 at AS_OF + 50)
    assert [(t.a, t.b) for t in at_risk(network, later(200), window_days=150).ties] == [
        ("h1", "x1")
    ]


def test_limit_keeps_the_largest_losses_and_counts_them_all(network: GraphStore) -> None:
    result = at_risk(network, later(200), window_days=150, min_strength=0, limit=2)
    assert [t.model_dump() for t in result.ties] == QUIET_SINCE_AS_OF_50[:2]
    assert (result.ties_total, len(result.accounts), result.accounts_total) == (5, 2, 2)
    assert [a.account_id for a in at_risk(network, later(200), limit=1).accounts] == ["y"]


def test_ninety_days_of_silence_stay_under_thirty_percent(network: GraphStore) -> None:
    # h1-x1 at AS_OF + 110 (m1 290, m2 200, f1 80 days old) and at AS_OF + 200 (R / sqrt(2))
    r = 3 * 0.5 ** (290 / 180) + 3 / SQ2 * 0.5 ** (200 / 180) + 3 * 0.5 ** (80 / 180)
    before, now = s(r), s(r / SQ2)
    assert (before - now) / before == pytest.approx(0.2249, abs=1e-4)
    # decay alone takes at most 1 - 0.5**(90/180) = 29.3 % in 90 days, under the drop of
    # 30 %: each tie is flagged as gone quiet, not by the drop
    result = at_risk(network, later(200), min_strength=0)
    assert [t.reason for t in result.ties] == ["went quiet"] * 5
    assert result.ties[0].model_dump() == row("h1", "x1", before, now)  # the largest loss


def test_a_tie_still_in_touch_that_became_one_sided_weakened(network: GraphStore) -> None:
    # a message from h3 to y1 at AS_OF + 50: h3 reached out twice (c2 and it), y1 once (c1),
    # so rho falls from 1 to 1/2. Window (AS_OF + 10, AS_OF + 100]
    message = {"id": "msg", "kind": "message", "occurred_at": later(50), "initiator_id": "h3"}
    network.write(
        [
            NodeUpsert("Interaction", [message]),
            RelUpsert("PARTICIPATED_IN", [RelRow("h3", "msg"), RelRow("y1", "msg")]),
        ]
    )
    before = s(3 * 0.5 ** (55 / 180))  # 33.27
    now = s(3 * 0.5 ** (145 / 180) + 0.5 * 0.5 ** (50 / 180), 0.5)  # 22.40: it fell 32.7 %
    result = at_risk(network, later(100), min_strength=30)
    # h1-x1 grew (f1 at AS_OF + 30); the rest were under 30 at AS_OF + 10
    assert [t.model_dump() for t in result.ties] == [row("h3", "y1", before, now, "weakened")]
    assert at_risk(network, later(100), min_strength=30, drop=0.4).ties == []


def test_an_as_of_before_later_interactions(network: GraphStore) -> None:
    # at AS_OF, f1 (h1-x1, AS_OF + 30) is later: no interaction that counts in (AS_OF - 60,
    # AS_OF] for h1-x1 (n1 is a note), h1-h2, h2-x1, h2-x4; h1-x2 had e1 on AS_OF itself and
    # grew; h3-y1 was 0 at AS_OF - 60
    result = at_risk(network, AS_OF, window_days=60, min_strength=0)
    r_before = 3 * 0.5 ** (120 / 180) + 3 / SQ2 * 0.5 ** (30 / 180)
    assert [(t.a, t.b, t.reason) for t in result.ties] == [
        ("h1", "x1", "went quiet"),
        ("h2", "x1", "went quiet"),
        ("h2", "x4", "went quiet"),
    ]
    assert result.ties[0].model_dump() == row("h1", "x1", s(r_before), s(3.0))


def test_a_tie_that_grew_is_not_at_risk(network: GraphStore) -> None:
    result = at_risk(network, later(200), window_days=180, drop=0.3, min_strength=0)
    # h1-x1 at AS_OF + 20: m1, m2 only, 3 * 0.5**(20/180) -> 37.1; at AS_OF + 200 f1 counts too:
    # 38.8, it rose. Every other tie went quiet
    assert [(t.a, t.b) for t in result.ties] == [
        ("h3", "y1"),
        ("h2", "x1"),
        ("h2", "x4"),
        ("h1", "x2"),
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
    assert [(a.name, a.tier) for a in result.accounts] == [
        ("Yarrow Furniture Ltd", "strategic"),
        ("Xylo Retail GmbH", "key"),
    ]
    assert [e.model_dump() for e in result.accounts[1].named_executives] == [
        {"id": "x1", "name": "Xenia Lorenz", "kind": "person", "company": company("x1")},
        {"id": "x2", "name": "Xaver Maier", "kind": "person", "company": company("x2")},
    ]


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
    assert accounts(result) == [  # y is strategic, x key: strategic accounts first
        ("y", ["y1"], days_before(45)),
        ("x", ["x1", "x2"], days_before(90)),
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


@pytest.mark.parametrize("min_strength, limit", [(-1, None), (100.5, None), (50, 0)])
def test_bad_strength_or_limit(network: GraphStore, min_strength: float, limit: int) -> None:
    with pytest.raises(ValueError, match="min_strength"):
        at_risk(network, AS_OF, min_strength=min_strength, limit=limit)
