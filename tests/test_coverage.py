"""Executive coverage on every backend and over HTTP (the command line:
tests/test_coverage_cli.py), against worked-out answers (the network is tests/network_data.py)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any, get_args

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.app import create_app
from graph_model.schema import INTERACTION_KINDS, TIERS
from graph_model.seniority import SENIORITY_ORDER
from graph_model.settings import Settings
from graph_model.store import GraphStore, NodeUpsert, RelRow, RelUpsert
from queries.common import UnknownId
from queries.coverage import (
    CoverageParams,
    NoHomeCompany,
    Tier,
    account_coverage,
    portfolio_coverage,
)
from tests.conftest import assert_no_internals, assert_problem, loaded_settings, recorded_reads
from tests.network_data import AS_OF, days_before, load

E = math.exp

# Internal ties with x's people at AS_OF (see tests/test_strength.py):
S_H1_X1 = 100 * (1 - E(-3 / 6))  # m1 3*0.5**1 = 1.5 + m2 3/sqrt(2)*0.5**0.5 = 1.5, mutual ≈ 39.35
S_H2_X1 = 100 * (1 - E(-1.5 / 6))  # m2 only: 1.5, mutual ≈ 22.12
S_H1_X2 = 50 * (1 - E(-1.25 / 6))  # e1 1 + e2 1*0.5**2, both from h1: rho 0 ≈ 9.40 (< 10)
# y1 and h3: c1, c2 1.5*0.5**(45/180) each, one started by each side: rho 1 ≈ 34.32
S_H3_Y1 = 100 * (1 - E(-2 * 1.5 * 0.5**0.25 / 6))


def extend(store: GraphStore) -> None:
    """Add an account without executives (z) and supply links to and from home."""
    store.write(
        [
            NodeUpsert("Company", [{"id": "z", "name": "Zinc Works", "tier": "standard"}]),
            NodeUpsert(
                "Person",
                [
                    {"id": "z1", "name": "Zoe Kurz", "title": "Clerk", "seniority": "staff"},
                ],
            ),
            RelUpsert("WORKS_AT", [RelRow("z1", "z")]),
            RelUpsert(
                "SUPPLIES",
                [
                    RelRow("h", "x", {"category": "electronics"}),  # x is a customer of ours
                    RelRow("y", "h", {"category": "furniture"}),  # y is a supplier of ours
                    RelRow("h", "y", {"category": "cleaning", "until": days_before(30)}),  # ended
                    RelRow("z", "h", {"category": "office", "since": days_before(-10)}),  # not yet
                ],
            ),
        ]
    )


@pytest.fixture
def network(store: GraphStore) -> GraphStore:
    load(store)
    extend(store)
    return store


def dump(network: GraphStore, account: str, **params: Any) -> dict[str, Any]:
    result = account_coverage(
        network, account, params.pop("as_of", AS_OF), CoverageParams(**params)
    )
    assert result is not None
    return result.model_dump()


def test_key_account(network: GraphStore) -> None:
    body = dump(network, "x")
    # executives x1 (CEO) and x2 (VP); x3 is staff, x4 left in 2024
    # x1: h1 39.35 and h2 22.12 reach 10 -> 2 threads; x2: h1 9.40 does not -> uncovered
    assert body == {
        "account_id": "x",
        "name": "Xylo Retail GmbH",
        "coverage": 0.5,
        "executives": [
            {
                "person_id": "x1",
                "name": "Xenia Lorenz",
                "title": "CEO",
                "seniority": "executive",
                "covered": True,
                "threads": 2,
                "best_contact": {
                    "person_id": "h1",
                    "name": "Hanna Keller",
                    "strength": pytest.approx(S_H1_X1, abs=1e-6),
                },
            },
            {
                "person_id": "x2",
                "name": "Xaver Maier",
                "title": "VP Sales",
                "seniority": "vp",
                "covered": False,
                "threads": 0,
                "best_contact": {
                    "person_id": "h1",
                    "name": "Hanna Keller",
                    "strength": pytest.approx(S_H1_X2, abs=1e-6),
                },
            },
        ],
        "uncovered": ["x2"],
        "single_threaded": False,  # h1 and h2
        "account_managers": ["h1"],
        "named_account_managers": [
            {
                "id": "h1",
                "name": "Hanna Keller",
                "kind": "person",
                "company": {"id": "h", "name": "Home AG"},
            }
        ],
        "account_manager_covers": ["x1"],
    }


def test_lower_threshold_covers_the_vp(network: GraphStore) -> None:
    body = dump(network, "x", min_strength=5)
    # x2: h1 9.40 >= 5
    assert body["coverage"] == 1.0
    assert [e["threads"] for e in body["executives"]] == [2, 1]
    assert body["uncovered"] == []
    assert body["account_manager_covers"] == ["x1", "x2"]


def test_higher_threshold_leaves_a_single_thread(network: GraphStore) -> None:
    body = dump(network, "x", min_strength=25)
    # x1: only h1 39.35 >= 25 (h2 22.12 is not); x2: none
    assert body["coverage"] == 0.5
    assert [e["threads"] for e in body["executives"]] == [1, 0]
    assert body["single_threaded"] is True


def test_executive_level_only(network: GraphStore) -> None:
    body = dump(network, "x", levels=("executive",))
    assert [e["person_id"] for e in body["executives"]] == ["x1"]
    assert body["coverage"] == 1.0
    assert body["uncovered"] == []


def test_supplier_covered_by_one_buyer_is_single_threaded(network: GraphStore) -> None:
    body = dump(network, "y")
    [y1] = body["executives"]
    assert y1["person_id"] == "y1"
    assert y1["threads"] == 1
    assert y1["best_contact"] == {
        "person_id": "h3",
        "name": "Hugo Brandt",
        "strength": pytest.approx(S_H3_Y1, abs=1e-6),
    }
    assert body["coverage"] == 1.0
    assert body["single_threaded"] is True
    assert body["account_managers"] == [] and body["account_manager_covers"] == []


def test_best_contact_on_equal_strength_is_the_smaller_id(network: GraphStore) -> None:
    network.write(
        [
            NodeUpsert(
                "Person",
                [
                    {"id": "y2", "name": "Yvonne Berg", "title": "VP Sales", "seniority": "vp"},
                ],
            ),
            NodeUpsert("Interaction", [{"id": "m3", "kind": "meeting", "occurred_at": AS_OF}]),
            RelUpsert("WORKS_AT", [RelRow("y2", "y")]),
            RelUpsert(
                "PARTICIPATED_IN",
                [RelRow(p, "m3") for p in ("h3", "h2", "y2")],
            ),
        ]
    )
    body = dump(network, "y")
    # m3 today, three people: 3 / sqrt(2) for h2-y2 and for h3-y2 alike
    s = 100 * (1 - E(-3 / math.sqrt(2) / 6))
    y1, y2 = body["executives"]
    assert (y2["person_id"], y2["threads"]) == ("y2", 2)
    assert y2["best_contact"] == {
        "person_id": "h2",
        "name": "Henrik Vogt",
        "strength": pytest.approx(s, abs=1e-6),
    }
    assert y1["best_contact"]["person_id"] == "h3"  # the calls: 34.32 > 29.78 from m3
    assert body["single_threaded"] is False  # h2 and h3


def test_account_without_executives(network: GraphStore) -> None:
    assert dump(network, "z") == {
        "account_id": "z",
        "name": "Zinc Works",
        "coverage": None,
        "executives": [],
        "uncovered": [],
        "single_threaded": False,
        "account_managers": [],
        "named_account_managers": [],
        "account_manager_covers": [],
    }


def test_before_any_interaction_nothing_is_covered(network: GraphStore) -> None:
    body = dump(network, "x", as_of=AS_OF - timedelta(days=1000))
    # x4 still worked there (left 2024-12-31); every interaction is later
    assert [e["person_id"] for e in body["executives"]] == ["x1", "x4", "x2"]
    assert body["coverage"] == 0.0
    assert body["uncovered"] == ["x1", "x2", "x4"]
    assert [e["best_contact"] for e in body["executives"]] == [None, None, None]
    assert body["single_threaded"] is False


def test_while_the_former_cfo_was_there(network: GraphStore) -> None:
    body = dump(network, "x", as_of=AS_OF - timedelta(days=200))
    # 2024-12-13: x4 still there. "old" is 200 days old: h2-x4 = 100*(1-e^(-3*0.5**(200/180)/6))
    # ≈ 20.66; e2 is 160 days old: h1-x2 = 50*(1-e^(-0.5**(160/180)/6)) ≈ 4.30; m1, m2 later
    h2_x4 = 100 * (1 - E(-3 * 0.5 ** (200 / 180) / 6))
    h1_x2 = 50 * (1 - E(-(0.5 ** (160 / 180)) / 6))
    executives = {e["person_id"]: e for e in body["executives"]}
    assert list(executives) == ["x1", "x4", "x2"]
    assert executives["x4"]["best_contact"] == {
        "person_id": "h2",
        "name": "Henrik Vogt",
        "strength": pytest.approx(h2_x4),
    }
    assert executives["x2"]["best_contact"] == {
        "person_id": "h1",
        "name": "Hanna Keller",
        "strength": pytest.approx(h1_x2),
    }
    assert executives["x1"]["best_contact"] is None
    assert body["coverage"] == pytest.approx(1 / 3)
    assert body["uncovered"] == ["x1", "x2"]
    assert body["single_threaded"] is True  # h2 alone
    assert body["account_manager_covers"] == []  # h1 covers nobody yet


def rows(network: GraphStore, **filters: Any) -> list[tuple[str, float | None, int, int]]:
    result = portfolio_coverage(network, AS_OF, **filters)
    return [(a.account_id, a.coverage, a.executives, a.covered) for a in result.accounts]


def test_portfolio_worst_first(network: GraphStore) -> None:
    # x 1 of 2, y 1 of 1, z has no executives: last
    assert rows(network) == [("x", 0.5, 2, 1), ("y", 1.0, 1, 1), ("z", None, 0, 0)]
    assert rows(network, limit=1) == [("x", 0.5, 2, 1)]
    assert rows(network, params=CoverageParams(min_strength=50)) == [
        ("x", 0.0, 2, 0),
        ("y", 0.0, 1, 0),
        ("z", None, 0, 0),
    ]


def test_portfolio_filters(network: GraphStore) -> None:
    assert [r[0] for r in rows(network, tier="key")] == ["x"]
    assert [r[0] for r in rows(network, tier="strategic")] == ["y"]
    # h supplies x; h -> y ended 30 days ago; y supplies h; z -> h starts in 10 days
    assert [r[0] for r in rows(network, relationship="customer")] == ["x"]
    assert [r[0] for r in rows(network, relationship="supplier")] == ["y"]
    assert rows(network, tier="key", relationship="supplier") == []


def test_home_company(store: GraphStore) -> None:
    store.write([NodeUpsert("Company", [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}])])
    with pytest.raises(NoHomeCompany, match="no company is marked is_home"):
        account_coverage(store, "a", AS_OF)
    with pytest.raises(NoHomeCompany, match="'nope', which is not a company"):
        portfolio_coverage(store, AS_OF, CoverageParams(home_company="nope"))
    assert [
        a.account_id
        for a in portfolio_coverage(store, AS_OF, CoverageParams(home_company="b")).accounts
    ] == ["a"]
    store.write([NodeUpsert("Company", [{"id": i, "name": i, "is_home": True} for i in "ab"])])
    with pytest.raises(NoHomeCompany, match=r"several companies are marked is_home \(a, b\)"):
        account_coverage(store, "a", AS_OF)


def test_unknown_company_and_home_itself(network: GraphStore) -> None:
    with pytest.raises(UnknownId, match="no company with id 'nobody'"):
        account_coverage(network, "nobody", AS_OF)
    with pytest.raises(ValueError, match="'h' is the home company"):
        account_coverage(network, "h", AS_OF)


def test_parameters() -> None:
    assert get_args(Tier) == TIERS
    assert CoverageParams(levels=("vp", "executive", "vp")).levels == ("executive", "vp")
    with pytest.raises(ValueError, match="within 0-100"):
        CoverageParams(min_strength=101)
    with pytest.raises(ValueError, match="at least one"):
        CoverageParams(levels=())
    assert CoverageParams.from_settings(Settings(home_company="h"), levels=("vp",)) == (
        CoverageParams(10.0, ("vp",), "h")
    )


def test_neo4j_reads_every_account_in_one_query(
    network: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = recorded_reads(network, monkeypatch)
    portfolio_coverage(network, AS_OF)
    account_coverage(network, "x", AS_OF)
    staff = [params for query, params in reads if "UNWIND $account_ids" in query]
    assert [sorted(p.pop("account_ids")) for p in staff] == [["x", "y", "z"], ["x"]]
    assert staff == [{"levels": ["executive", "vp"], "home": "h"}] * 2


people_st = st.lists(
    st.tuples(st.sampled_from(["h", "a"]), st.sampled_from(SENIORITY_ORDER), st.booleans()),
    min_size=1,
    max_size=6,
)
interactions_st = st.lists(
    st.tuples(
        st.sampled_from(INTERACTION_KINDS),
        st.integers(min_value=-100, max_value=500),
        st.sets(st.integers(min_value=0, max_value=5), min_size=1, max_size=3),
        st.integers(min_value=-1, max_value=5),
    ),
    max_size=8,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=people_st,
    interactions=interactions_st,
    min_strength=st.floats(min_value=0, max_value=100),
    levels=st.sets(st.sampled_from(SENIORITY_ORDER), min_size=1).map(tuple),
)
def test_coverage_is_a_share_or_null(
    fresh_store: Callable[[], GraphStore],
    people: list[tuple[str, str, bool]],
    interactions: list[tuple[str, int, set[int], int]],
    min_strength: float,
    levels: tuple[str, ...],
) -> None:
    ids = [f"p{i}" for i in range(len(people))]
    jobs = [
        RelRow(ids[i], company, {"ended_at": days_before(1)} if left else {})
        for i, (company, _, left) in enumerate(people)
    ]
    links = [
        RelRow(ids[p], f"i{n}")
        for n, (_, _, who, _) in enumerate(interactions)
        for p in who
        if p < len(ids)
    ]
    store = fresh_store()
    store.write(
        [
            NodeUpsert(
                "Company", [{"id": "h", "name": "H", "is_home": True}, {"id": "a", "name": "A"}]
            ),
            NodeUpsert(
                "Person",
                [
                    {"id": i, "name": i, "seniority": str(level)}
                    for i, (_, level, _) in zip(ids, people, strict=True)
                ],
            ),
            NodeUpsert(
                "Interaction",
                [
                    {
                        "id": f"i{n}",
                        "kind": kind,
                        "occurred_at": days_before(age),
                        "initiator_id": ids[starter] if starter < len(ids) else None,
                    }
                    for n, (kind, age, _, starter) in enumerate(interactions)
                ],
            ),
            RelUpsert("WORKS_AT", jobs),
            RelUpsert("PARTICIPATED_IN", links),
        ]
    )
    params = CoverageParams(min_strength, levels)
    result = account_coverage(store, "a", AS_OF, params)
    [row] = portfolio_coverage(store, AS_OF, params).accounts
    assert result is not None
    executives = len(result.executives)
    if executives == 0:
        assert result.coverage is None
    else:
        assert result.coverage is not None and 0.0 <= result.coverage <= 1.0
    assert (row.coverage, row.executives) == (result.coverage, executives)
    assert row.covered == executives - len(result.uncovered)
    assert all(e.covered == (e.threads > 0) for e in result.executives)


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, load, extend)


def test_api_account(client: TestClient) -> None:
    response = client.get("/v1/companies/x/coverage", params={"as_of": "2025-07-01"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "account_id",
        "name",
        "coverage",
        "executives",
        "uncovered",
        "single_threaded",
        "account_managers",
        "named_account_managers",
        "account_manager_covers",
    }
    assert set(body["executives"][0]) == {
        "person_id",
        "name",
        "title",
        "seniority",
        "covered",
        "threads",
        "best_contact",
    }
    assert body["coverage"] == 0.5
    assert body["executives"][0]["best_contact"]["strength"] == pytest.approx(S_H1_X1, abs=1e-6)
    wider = client.get(
        "/v1/companies/x/coverage",
        params={
            "as_of": "2025-07-01T00:00:00Z",
            "min_strength": 5,
            "levels": "vp, executive",
        },
    ).json()
    assert (wider["coverage"], wider["uncovered"]) == (1.0, [])
    narrow = client.get(
        "/v1/companies/x/coverage",
        params={
            "as_of": "2025-07-01",
            "levels": "executive",
        },
    ).json()
    assert [e["person_id"] for e in narrow["executives"]] == ["x1"]


def test_api_portfolio(client: TestClient) -> None:
    response = client.get("/v1/coverage", params={"as_of": "2025-07-01"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"accounts", "next_cursor", "more"}
    assert body["accounts"] == [
        {
            "account_id": "x",
            "name": "Xylo Retail GmbH",
            "coverage": 0.5,
            "executives": 2,
            "covered": 1,
        },
        {
            "account_id": "y",
            "name": "Yarrow Furniture Ltd",
            "coverage": 1.0,
            "executives": 1,
            "covered": 1,
        },
        {"account_id": "z", "name": "Zinc Works", "coverage": None, "executives": 0, "covered": 0},
    ]
    suppliers = client.get(
        "/v1/coverage", params={"as_of": "2025-07-01", "relationship": "supplier"}
    )
    assert [a["account_id"] for a in suppliers.json()["accounts"]] == ["y"]
    key = client.get("/v1/coverage", params={"as_of": "2025-07-01", "tier": "key", "limit": 5})
    assert [a["account_id"] for a in key.json()["accounts"]] == ["x"]


def test_api_unknown_company_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/v1/companies/nobody/coverage")
    assert_problem(response, 404)
    assert "nobody" in response.json()["detail"]


def test_api_home_company_itself_is_a_422_problem(client: TestClient) -> None:
    response = client.get("/v1/companies/h/coverage")
    assert response.status_code == 422
    assert "home company" in response.json()["detail"]


@pytest.mark.parametrize(
    "path, params",
    [
        ("/v1/companies/x/coverage", {"levels": "ceo"}),
        ("/v1/companies/x/coverage", {"levels": ""}),
        ("/v1/companies/x/coverage", {"min_strength": 150}),
        ("/v1/companies/x/coverage", {"as_of": "last tuesday"}),
        ("/v1/coverage", {"tier": "gold"}),
        ("/v1/coverage", {"relationship": "partner"}),
        ("/v1/coverage", {"limit": 0}),
        ("/v1/coverage", {"min_strength": -1}),
    ],
)
def test_api_bad_parameters_are_422_problems(
    client: TestClient, path: str, params: dict[str, Any]
) -> None:
    response = client.get(path, params=params)
    assert_problem(response, 422, params)


@pytest.mark.parametrize(
    "levels", ["", " , ", "ceo", "vp executive", "\tvp", "VP, executive", ",vp,"]
)
def test_api_levels_are_what_the_openapi_document_says(client: TestClient, levels: str) -> None:
    """An empty ``levels`` was refused though the document allowed any text."""
    spec = client.get("/openapi.json").json()
    parameters = spec["paths"]["/v1/companies/{company_id}/coverage"]["get"]["parameters"]
    [documented] = [p["schema"]["pattern"] for p in parameters if p["name"] == "levels"]
    response = client.get("/v1/companies/x/coverage", params={"levels": levels})
    if re.fullmatch(documented, levels):
        assert response.status_code == 200
    else:
        assert_problem(response, 422, ["levels"])
    assert_no_internals(response)


def test_api_long_levels_are_repeated_clipped(client: TestClient) -> None:
    response = client.get("/v1/companies/x/coverage", params={"levels": "x" * 60_000})
    assert_problem(response, 422, ["levels"])
    assert len(response.content) < 1_000
    assert_no_internals(response)


def test_api_without_a_home_company_is_a_409_problem(blank_settings: Settings) -> None:
    def only_x(store: GraphStore) -> None:
        store.write([NodeUpsert("Company", [{"id": "x", "name": "X"}])])

    with TestClient(create_app(loaded_settings(blank_settings, only_x))) as client:
        for path in ("/v1/companies/x/coverage", "/v1/coverage"):
            response = client.get(path)
            assert_problem(response, 409)
            assert "no company is marked is_home" in response.json()["detail"]
