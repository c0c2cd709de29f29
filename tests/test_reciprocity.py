"""Reciprocity on every backend and over HTTP, against worked-out answers (the command line:
tests/test_reciprocity_cli.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from api.audit import entries
from graph_model.settings import Settings
from graph_model.store import GraphStore, NodeUpsert, RelRow, RelUpsert
from queries.common import UnknownId
from queries.reciprocity import company_reciprocity, network_reciprocity
from queries.reciprocity.compute import Inputs, Supply, company_result, network_pairs
from tests.conftest import assert_problem, loaded_settings, recorded_reads

AS_OF = datetime(2025, 6, 1, tzinfo=UTC)
OLD = datetime(2020, 1, 1, tzinfo=UTC)
ENDED = datetime(2025, 1, 1, tzinfo=UTC)
LATER = datetime(2025, 9, 1, tzinfo=UTC)

COMPANIES = [
    ("x", "Xylo Furniture"),
    ("a", "Alpha Electronics"),
    ("b", "Beta Cleaning"),
    ("c", "Gamma Paper"),
    ("d", "Delta Office"),
    ("e", "Epsilon Servers"),
    ("f", "Phi Fittings"),
]
PRODUCTS = [
    ("desk", "furniture"),
    ("laptop", "computers"),
    ("server", "computers"),
    ("mop", "cleaning"),
    ("paper", "office"),
    ("toner", "office"),
    ("gizmo", None),
]
OFFERS = [
    ("a", "desk"),
    ("a", "toner"),
    ("a", "laptop"),
    ("b", "laptop"),
    ("b", "mop"),
    ("c", "mop"),
    ("d", "paper"),
    ("d", "desk"),
    ("d", "gizmo"),
    ("e", "toner"),
    ("f", "laptop"),
    ("x", "desk"),
]
SUPPLIES = [
    RelRow("x", "a", {"product_id": "desk", "annual_value": 100.0, "since": OLD}),
    RelRow("x", "a", {"category": "services", "annual_value": 50.0}),
    RelRow("x", "a", {"category": "repairs", "annual_value": 1000.0, "until": ENDED}),
    RelRow("x", "a", {"category": "installation", "annual_value": 5000.0, "since": LATER}),
    RelRow("a", "x", {"product_id": "laptop", "annual_value": 30.0}),
    RelRow("a", "x", {"category": "office"}),
    RelRow("a", "x", {"category": "computers", "annual_value": 20.0, "since": AS_OF}),
    RelRow("x", "b", {"category": "furniture", "annual_value": 120.0}),
    RelRow("b", "x", {"product_id": "mop", "category": "cleaning", "annual_value": 80.0}),
    RelRow("b", "x", {"category": "computers", "annual_value": 999.0, "since": LATER}),
    RelRow("x", "c", {"category": "furniture"}),
    RelRow("c", "x", {"product_id": "paper"}),
    RelRow("x", "d", {"category": "furniture", "annual_value": 10.0}),
    RelRow("d", "x", {"category": "office", "annual_value": 400.0, "until": AS_OF}),
    RelRow("e", "x", {"product_id": "server", "category": "hardware", "annual_value": 70.0}),
    RelRow("e", "x", {"category": "office", "annual_value": 15.0}),
    RelRow("x", "f", {"category": "furniture", "annual_value": 60.0, "since": LATER}),
    RelRow("f", "x", {"category": "furniture", "annual_value": 5.0}),
    RelRow("e", "f", {"category": "computers", "annual_value": 40.0}),
    RelRow("f", "e", {"category": "furniture", "annual_value": 60.0}),
]

# Active at AS_OF: since <= AS_OF < until. Not counted: x->a repairs (until ENDED),
# x->a installation, b->x computers and x->f (since LATER), d->x (until == AS_OF).
# a->x computers starts at AS_OF exactly and counts.
MUTUAL = [
    # out = 100 (desk) + 50 (services) = 150; in = 30 (laptop) + 0 (office, blank) + 20 = 50
    # balance = 50 / 150; total 200
    {
        "company_id": "a",
        "name": "Alpha Electronics",
        "value_out": 150.0,
        "value_in": 50.0,
        "balance": 50 / 150,
    },
    # out = 120; in = 80 (mop; in cleaning both ways, counted once); balance = 80 / 120;
    # total 200, a tie with a, which comes first by id
    {
        "company_id": "b",
        "name": "Beta Cleaning",
        "value_out": 120.0,
        "value_in": 80.0,
        "balance": 80 / 120,
    },
    # both ways blank: 0 and 0, no balance; total 0
    {"company_id": "c", "name": "Gamma Paper", "value_out": 0.0, "value_in": 0.0, "balance": None},
    # not d: d->x ended at AS_OF; not f: x->f starts later; not e: x does not supply e
]

# What x buys at AS_OF, per category and supplier:
#   computers: a = 30 (laptop's category) + 20 (own category) = 50; e = 70 (server's category)
#   hardware:  e = 70 (own category of the server edge)
#   office:    a = 0 (blank); c = 0 (paper, blank); e = 15
#   cleaning:  b = 80 (mop, and own category: one edge, counted once)
#   furniture: f = 5
# Customers of x at AS_OF: a, b, c, d (not f: x->f starts later).
#   a offers furniture, office, computers: supplies office and computers itself -> furniture only
#   b offers computers, cleaning: the computers edge starts later, so computers; cleaning is
#     bought from b alone (Z == Y) and b supplies it -> nothing
#   c offers cleaning -> bought from b
#   d offers office (its edge ended at AS_OF), furniture; gizmo has no category
OPPORTUNITIES = [
    {
        "company_id": "c",
        "name": "Gamma Paper",
        "category": "cleaning",
        "current_supplier_id": "b",
        "current_supplier_name": "Beta Cleaning",
        "value": 80.0,
    },
    {
        "company_id": "b",
        "name": "Beta Cleaning",
        "category": "computers",
        "current_supplier_id": "e",
        "current_supplier_name": "Epsilon Servers",
        "value": 70.0,
    },
    {
        "company_id": "b",
        "name": "Beta Cleaning",
        "category": "computers",
        "current_supplier_id": "a",
        "current_supplier_name": "Alpha Electronics",
        "value": 50.0,
    },
    {
        "company_id": "d",
        "name": "Delta Office",
        "category": "office",
        "current_supplier_id": "e",
        "current_supplier_name": "Epsilon Servers",
        "value": 15.0,
    },
    # tie at 5: company a before d
    {
        "company_id": "a",
        "name": "Alpha Electronics",
        "category": "furniture",
        "current_supplier_id": "f",
        "current_supplier_name": "Phi Fittings",
        "value": 5.0,
    },
    {
        "company_id": "d",
        "name": "Delta Office",
        "category": "furniture",
        "current_supplier_id": "f",
        "current_supplier_name": "Phi Fittings",
        "value": 5.0,
    },
    # tie at 0 in one company and category: supplier a before c
    {
        "company_id": "d",
        "name": "Delta Office",
        "category": "office",
        "current_supplier_id": "a",
        "current_supplier_name": "Alpha Electronics",
        "value": 0.0,
    },
    {
        "company_id": "d",
        "name": "Delta Office",
        "category": "office",
        "current_supplier_id": "c",
        "current_supplier_name": "Gamma Paper",
        "value": 0.0,
    },
]

# Every pair, a < b, at AS_OF: a->x 50, x->a 150; b->x 80, x->b 120; c<->x 0;
# e->f 40, f->e 60 (balance 40 / 60, total 100). x->d and e->x, f->x go one way only.
PAIRS = [
    {
        "a": "a",
        "a_name": "Alpha Electronics",
        "b": "x",
        "b_name": "Xylo Furniture",
        "value_ab": 50.0,
        "value_ba": 150.0,
        "balance": 50 / 150,
    },
    {
        "a": "b",
        "a_name": "Beta Cleaning",
        "b": "x",
        "b_name": "Xylo Furniture",
        "value_ab": 80.0,
        "value_ba": 120.0,
        "balance": 80 / 120,
    },
    {
        "a": "e",
        "a_name": "Epsilon Servers",
        "b": "f",
        "b_name": "Phi Fittings",
        "value_ab": 40.0,
        "value_ba": 60.0,
        "balance": 40 / 60,
    },
    {
        "a": "c",
        "a_name": "Gamma Paper",
        "b": "x",
        "b_name": "Xylo Furniture",
        "value_ab": 0.0,
        "value_ba": 0.0,
        "balance": None,
    },
]


def seed(store: GraphStore) -> None:
    store.write(
        [
            NodeUpsert("Company", [{"id": i, "name": n} for i, n in COMPANIES]),
            NodeUpsert(
                "Product", [{"id": i, "name": i.title(), "category": c} for i, c in PRODUCTS]
            ),
            RelUpsert("OFFERS", [RelRow(c, p) for c, p in OFFERS]),
            RelUpsert("SUPPLIES", SUPPLIES),
        ]
    )


def assert_rows(actual: list[dict[str, Any]], expected: list[dict[str, Any]]) -> None:
    """The rows, on the fields of ``expected`` (values and balances; the amounts per
    currency are tested on their own)."""
    assert len(actual) == len(expected), actual
    for got, want in zip(actual, expected, strict=True):
        assert {k: got[k] for k in want} == pytest.approx(want, abs=1e-6)


def test_company_reciprocity(store: GraphStore) -> None:
    seed(store)
    result = company_reciprocity(store, "x", AS_OF)
    assert result is not None
    assert result.company_id == "x"
    assert_rows([m.model_dump() for m in result.mutual], MUTUAL)
    assert_rows([o.model_dump() for o in result.opportunities], OPPORTUNITIES)


def test_unknown_company(store: GraphStore) -> None:
    seed(store)
    with pytest.raises(UnknownId, match="no company with id 'nobody'"):
        company_reciprocity(store, "nobody", AS_OF)


def test_network_pairs(store: GraphStore) -> None:
    seed(store)
    assert_rows([p.model_dump() for p in network_reciprocity(store, AS_OF).pairs], PAIRS)
    top = network_reciprocity(store, AS_OF, limit=2).pairs
    assert_rows([p.model_dump() for p in top], PAIRS[:2])


@given(st.permutations(SUPPLIES))
def test_edge_order_changes_nothing(shuffled: list[RelRow]) -> None:
    def inputs(rows: list[RelRow]) -> Inputs:
        return Inputs(
            [Supply(r.start, r.end, **r.props) for r in rows],
            {p: c for p, c in PRODUCTS if c},
            {c: {p for o, p in OFFERS if o == c} for c, _ in COMPANIES},
        )

    assert company_result("x", inputs(shuffled), AS_OF) == company_result(
        "x", inputs(SUPPLIES), AS_OF
    )
    assert network_pairs(inputs(shuffled).supplies, AS_OF) == network_pairs(
        inputs(SUPPLIES).supplies, AS_OF
    )


def test_neo4j_reads_with_parameters(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(store)
    reads = recorded_reads(store, monkeypatch)
    company_reciprocity(store, "x", AS_OF)
    network_reciprocity(store, AS_OF)
    trade = [params for query, params in reads if "SUPPLIES" in query or "OFFERS" in query]
    # the customers of x whatever the date (compute.py keeps those active at AS_OF)
    assert trade == [{"company_id": "x"}, {"company_ids": ["a", "b", "c", "d", "f"]}, {}]


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, seed)


def test_api_company(client: TestClient) -> None:
    response = client.get("/v1/companies/x/reciprocity", params={"as_of": "2025-06-01"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"company_id", "name", "valuation", "mutual", "opportunities"}
    assert body["name"] == "Xylo Furniture"
    assert body["valuation"] == {
        "currency": None,
        "comparable": True,
        "rates_date": None,
        "rates": None,
    }
    assert body["company_id"] == "x"
    assert_rows(body["mutual"], MUTUAL)
    assert_rows(body["opportunities"], OPPORTUNITIES)


def test_api_network(client: TestClient) -> None:
    response = client.get("/v1/reciprocity", params={"as_of": "2025-06-01T00:00:00Z", "limit": 3})
    assert response.status_code == 200
    assert set(response.json()) == {"valuation", "pairs", "next_cursor", "more"}
    assert_rows(response.json()["pairs"], PAIRS[:3])
    paths = client.get("/openapi.json").json()["paths"]
    assert paths["/v1/reciprocity"]["get"]["tags"] == ["reciprocity (audited)"]


def test_api_unknown_company_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/v1/companies/nobody/reciprocity")
    assert_problem(response, 404)
    assert "nobody" in response.json()["detail"]


@pytest.mark.parametrize(
    "path, params",
    [
        ("/v1/companies/x/reciprocity", {"as_of": "last tuesday"}),
        ("/v1/reciprocity", {"as_of": "2025-13-01"}),
        ("/v1/reciprocity", {"limit": 0}),
    ],
)
def test_api_bad_parameters_are_422_problems(
    client: TestClient, path: str, params: dict[str, Any]
) -> None:
    response = client.get(path, params=params)
    assert_problem(response, 422, params)


def test_api_requests_are_in_the_audit_trail(client: TestClient) -> None:
    client.get("/v1/companies/x/reciprocity", params={"as_of": "2025-06-01"})
    client.get("/v1/companies/nobody/reciprocity", params={"as_of": "2025-06-01"})
    client.get("/v1/reciprocity", params={"as_of": "2025-06-01"})
    found, _ = entries(client.app.state.store)
    kept = [(e.route, e.outcome, e.parameters, e.counts, e.client) for e in reversed(found)]
    assert kept == [
        (
            "GET /v1/companies/x/reciprocity",
            "200",
            {"company_id": "x", "as_of": "2025-06-01"},
            {"mutual": 3, "opportunities": 8},
            "testclient",
        ),
        (
            "GET /v1/companies/nobody/reciprocity",
            "404",
            {"company_id": "nobody", "as_of": "2025-06-01"},
            {},
            "testclient",
        ),
        ("GET /v1/reciprocity", "200", {"as_of": "2025-06-01"}, {"pairs": 4}, "testclient"),
    ]
