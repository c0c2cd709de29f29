"""Ego networks, brokers and communities on every backend and over HTTP (the command line:
tests/test_network_cli.py).

The network is tests/network_data.py plus supplies: ``x`` supplies ``h`` (two
categories, one link), ``y`` supplies ``h``, and ``h`` supplied ``x`` until
``AS_OF``. Strengths at ``AS_OF`` (see tests/test_strength.py):

* h1-x1: m1 + m2 = 1.5 + 1.5, mutual -> 100 * (1 - e^(-3/6))
* h1-h2, h2-x1: m2 = 1.5, mutual -> 100 * (1 - e^(-1.5/6))
* h1-x2: e1 + e2 = 1 + 0.25, both sent by h1 (rho 0) -> 100 * (1 - e^(-1.25/6)) * 0.5 = 9.40
* h3-y1: c1 + c2 = 2 * 1.5 * 0.5**(45/180), one each way -> 100 * (1 - e^(-R/6))
* h2-x4: old = 3 * 0.5**(400/180), mutual -> 100 * (1 - e^(-R/6)) = 10.16
"""

from __future__ import annotations

import importlib
import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph_model.settings import Settings
from graph_model.store import GraphStore, RelRow, RelUpsert
from queries.common import UnknownId
from queries.network import brokers, communities, ego_network
from tests.conftest import assert_problem, loaded_settings, recorded_reads
from tests.network_data import AS_OF, COMPANIES, PEOPLE, load

E = math.exp
S_H1_X1 = 100 * (1 - E(-3 / 6))
S_H1_H2 = S_H2_X1 = 100 * (1 - E(-1.5 / 6))
S_H1_X2 = 100 * (1 - E(-1.25 / 6)) * 0.5
S_H2_X4 = 100 * (1 - E(-3 * 0.5 ** (400 / 180) / 6))
S_H3_Y1 = 100 * (1 - E(-2 * 1.5 * 0.5 ** (45 / 180) / 6))

SUPPLIES = [
    RelRow("x", "h", {"category": "furniture", "since": datetime(2020, 1, 1, tzinfo=UTC)}),
    RelRow("x", "h", {"category": "paper"}),
    RelRow("h", "x", {"category": "software", "until": AS_OF}),
    RelRow("y", "h", {"category": "desks"}),
]

HOP_1_NODES = [
    ("h1", "Person", 0),
    ("h", "Company", 1),
    ("h2", "Person", 1),
    ("x", "Company", 1),
    ("x1", "Person", 1),
    ("x2", "Person", 1),
]
HOP_1_EDGES = [
    ("h1", "h", "WORKS_AT", None),
    ("h1", "h2", "KNOWS", S_H1_H2),
    ("h1", "x", "MANAGES_ACCOUNT", None),
    ("h1", "x1", "KNOWS", S_H1_X1),
    ("h1", "x2", "KNOWS", S_H1_X2),
    ("h2", "h", "WORKS_AT", None),
    ("h2", "x1", "KNOWS", S_H2_X1),
    ("x", "h", "SUPPLIES", None),  # two active supplies, one link; h -> x ended at AS_OF
    ("x1", "x", "WORKS_AT", None),
    ("x2", "x", "WORKS_AT", None),
]


COMPANY = {c["id"]: {"id": c["id"], "name": c["name"]} for c in COMPANIES}
WORKS_AT = {"h1": "h", "h2": "h", "h3": "h", "x1": "x", "x2": "x", "y1": "y"}


def named(person: str) -> dict[str, Any]:
    """A person of the network as answers name them on ``AS_OF``."""
    name = next(p["name"] for p in PEOPLE if p["id"] == person)
    company = COMPANY[WORKS_AT[person]] if person in WORKS_AT else None
    return {"id": person, "name": name, "kind": "person", "company": company}


def seed(store: GraphStore) -> None:
    load(store)
    store.write([RelUpsert("SUPPLIES", SUPPLIES)])


@pytest.fixture
def network(store: GraphStore) -> GraphStore:
    seed(store)
    return store


def nodes_of(result: Any) -> list[tuple[str, str, int]]:
    return [(n.id, n.label, n.distance) for n in result.nodes]


def edges_of(result: Any) -> list[tuple[str, str, str, float | None]]:
    return [(e.from_, e.to, e.type, e.strength) for e in result.edges]


def assert_edges(actual: list[tuple[Any, ...]], expected: list[tuple[Any, ...]]) -> None:
    assert [row[:3] for row in actual] == [row[:3] for row in expected]
    for got, want in zip(actual, expected, strict=True):
        assert got[3] == (None if want[3] is None else pytest.approx(want[3], abs=1e-6))


# -- ego network ---------------------------------------------------------------------------


def test_ego_one_hop(network: GraphStore) -> None:
    result = ego_network(network, "h1", hops=1, as_of=AS_OF)
    assert result is not None
    # h1's ties, its employer h and the account it manages, x; then by id
    assert nodes_of(result) == HOP_1_NODES
    assert not result.truncated
    first, home = result.nodes[0], result.nodes[1]
    assert (first.name, first.seniority, first.tier) == ("Hanna Keller", "manager", None)
    assert (home.name, home.seniority, home.tier) == ("Home AG", None, None)
    assert result.nodes[3].tier == "key"
    # every link between kept nodes, those among the first ring too (h2-x1, x1 -> x)
    assert_edges(edges_of(result), HOP_1_EDGES)


def test_ego_two_hops(network: GraphStore) -> None:
    result = ego_network(network, "h1", hops=2, as_of=AS_OF)
    assert result is not None
    # ring 2: h3 (works at h), x3 (works at x; x4 left in 2024), x4 (knows h2), y (supplies h)
    assert nodes_of(result) == [
        *HOP_1_NODES,
        ("h3", "Person", 2),
        ("x3", "Person", 2),
        ("x4", "Person", 2),
        ("y", "Company", 2),
    ]
    # y1 (ring 3) is out, so are h3-y1 and y1 -> y; x4 -> x ended
    assert_edges(
        edges_of(result),
        sorted(
            [
                *HOP_1_EDGES,
                ("h2", "x4", "KNOWS", S_H2_X4),
                ("h3", "h", "WORKS_AT", None),
                ("x3", "x", "WORKS_AT", None),
                ("y", "h", "SUPPLIES", None),
            ],
            key=lambda e: e[:3],
        ),
    )


def test_ego_truncation(network: GraphStore) -> None:
    result = ego_network(network, "h1", hops=2, limit=7, as_of=AS_OF)
    assert result is not None
    # 10 nodes within two hops: the first 7 in (distance, id) order
    assert [n.id for n in result.nodes] == ["h1", "h", "h2", "x", "x1", "x2", "h3"]
    assert result.truncated
    assert_edges(
        edges_of(result), sorted([*HOP_1_EDGES, ("h3", "h", "WORKS_AT", None)], key=lambda e: e[:3])
    )
    exact = ego_network(network, "h1", hops=2, limit=10, as_of=AS_OF)
    assert exact is not None and len(exact.nodes) == 10 and not exact.truncated
    three = ego_network(network, "h1", hops=3, as_of=AS_OF)
    assert three is not None
    assert nodes_of(three)[-1] == ("y1", "Person", 3)
    assert ("h3", "y1", "KNOWS") in [e[:3] for e in edges_of(three)]


def test_ego_of_a_company(network: GraphStore) -> None:
    result = ego_network(network, "y", hops=1, as_of=AS_OF)
    assert result is not None
    assert nodes_of(result) == [("y", "Company", 0), ("h", "Company", 1), ("y1", "Person", 1)]
    assert edges_of(result) == [("y", "h", "SUPPLIES", None), ("y1", "y", "WORKS_AT", None)]


def test_ego_earlier(network: GraphStore) -> None:
    result = ego_network(network, "h1", hops=1, as_of=AS_OF - timedelta(days=100))
    assert result is not None
    # m2 (h1, h2, x1) has not happened: no h1-h2 tie, h2 is two hops away
    assert nodes_of(result) == [
        ("h1", "Person", 0),
        ("h", "Company", 1),
        ("x", "Company", 1),
        ("x1", "Person", 1),
        ("x2", "Person", 1),
    ]
    # h1-x1: m1, 80 days old: R = 3 * 0.5**(80/180); h1-x2: e2, 260 days old, one-sided
    assert_edges(
        edges_of(result),
        [
            ("h", "x", "SUPPLIES", None),  # still running then
            ("h1", "h", "WORKS_AT", None),
            ("h1", "x", "MANAGES_ACCOUNT", None),
            ("h1", "x1", "KNOWS", 100 * (1 - E(-3 * 0.5 ** (80 / 180) / 6))),
            ("h1", "x2", "KNOWS", 100 * (1 - E(-(0.5 ** (260 / 180)) / 6)) * 0.5),
            ("x", "h", "SUPPLIES", None),
            ("x1", "x", "WORKS_AT", None),
            ("x2", "x", "WORKS_AT", None),
        ],
    )


def test_ego_unknown_and_bad_parameters(network: GraphStore) -> None:
    with pytest.raises(UnknownId, match="no person or company with id 'zz'"):
        ego_network(network, "zz", as_of=AS_OF)
    with pytest.raises(UnknownId):  # an interaction, not a node of it
        ego_network(network, "m1", as_of=AS_OF)
    with pytest.raises(ValueError, match="hops"):
        ego_network(network, "h1", hops=4)
    with pytest.raises(ValueError, match="limit"):
        ego_network(network, "h1", limit=0)


# -- brokers -------------------------------------------------------------------------------


def test_brokers_exact(network: GraphStore) -> None:
    result = brokers(network, AS_OF)
    # person graph (s >= 5): all six ties above; 7 people (x3 has no tie)
    #   h1-x1, h1-h2, h2-x1 (a triangle), x2 on h1, x4 on h2; apart: h3-y1
    # h1 is on the only shortest path of x2-h2, x2-x1, x2-x4: 3 pairs; h2 of x4-h1, x4-x1,
    # x4-x2: 3 pairs; x1 of none (h1 and h2 are adjacent). Normalized by the pairs of the
    # other 6 people, C(6, 2) = 15: 3 / 15 = 0.2 each; equal scores by id
    assert not result.sampled
    assert [(b.person_id, b.name) for b in result.brokers] == [
        ("h1", "Hanna Keller"),
        ("h2", "Henrik Vogt"),
    ]
    assert [b.score for b in result.brokers] == pytest.approx([0.2, 0.2], abs=1e-6)
    assert [b.person_id for b in brokers(network, AS_OF, limit=1).brokers] == ["h1"]


def test_brokers_with_a_higher_threshold(network: GraphStore) -> None:
    result = brokers(network, AS_OF, min_strength=10)
    # h1-x2 (9.40) drops out, and x2 with it: 6 people; h2 joins x4 to h1 and x1: 2 pairs
    # of C(5, 2) = 10 -> 0.2; h1 now lies between nobody
    assert [(b.person_id, b.score) for b in result.brokers] == [("h2", pytest.approx(0.2))]


def test_brokers_sampled_when_large(network: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module("queries.network.brokers")
    monkeypatch.setattr(module, "EXACT_MAX_NODES", 3)
    monkeypatch.setattr(module, "PIVOTS", 3)
    first, again = brokers(network, AS_OF), brokers(network, AS_OF)
    assert first.sampled
    assert first == again  # fixed seed, nodes in id order
    assert {b.person_id for b in first.brokers} <= {"h1", "h2"}


# -- communities ---------------------------------------------------------------------------


def test_communities(network: GraphStore) -> None:
    result = communities(network, AS_OF)
    # Louvain keeps each connected part whole: m = sum of the six strengths = 137.476,
    # L = 103.151 inside {h1, h2, x1, x2, x4} and 34.325 inside {h3, y1};
    # Q = 103.151/m - (103.151/m)**2 + 34.325/m - (34.325/m)**2 = 0.375, and every split of
    # the first part scores less (the best, x2 alone: 0.355)
    assert [c.model_dump() for c in result.communities] == [
        # x4 left x in 2024; h1, h2 work at h, x1, x2 at x
        {
            "id": "c1",
            "size": 5,
            "members": ["h1", "h2", "x1", "x2", "x4"],
            "named_members": [named(p) for p in ("h1", "h2", "x1", "x2", "x4")],
            "companies": ["h", "x"],
            "named_companies": [COMPANY["h"], COMPANY["x"]],
        },
        {
            "id": "c2",
            "size": 2,
            "members": ["h3", "y1"],
            "named_members": [named("h3"), named("y1")],
            "companies": ["h", "y"],
            "named_companies": [COMPANY["h"], COMPANY["y"]],
        },
    ]
    assert result.communities[0].named_members[4].company is None  # x4 works nowhere now
    assert [c.id for c in communities(network, AS_OF, min_size=3).communities] == ["c1"]


def test_communities_earlier(network: GraphStore) -> None:
    result = communities(network, AS_OF - timedelta(days=100))
    # then: h1-x1 (m1) 100 * (1 - e^(-3 * 0.5**(80/180) / 6)) = 30.2; h2-x4 (old, 300 days):
    # 14.6; h1-x2 (e2, one-sided, 260 days): 100 * (1 - e^(-0.367 / 6)) * 0.5 = 2.97 < 5.
    # Two pairs of two, by first member; x4 had left x by then
    assert [(c.members, c.companies) for c in result.communities] == [
        (["h1", "x1"], ["h", "x"]),
        (["h2", "x4"], ["h"]),
    ]


# -- the Neo4j reads -----------------------------------------------------------------------


def test_neo4j_reads_a_ring_in_one_query(
    network: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = recorded_reads(network, monkeypatch)
    result = ego_network(network, "h1", hops=2, as_of=AS_OF)
    rings = [params for query, params in reads if "UNION ALL" in query]
    # h1's links, those of the ring they reached, and the links among the nodes kept of
    # the last ring: one query each
    assert rings[:2] == [
        {"people": ["h1"], "companies": [], "among": None},
        {"people": ["h2", "x1", "x2"], "companies": ["h", "x"], "among": None},
    ]
    assert rings[2]["people"] == ["h3", "x3", "x4"] and rings[2]["companies"] == ["y"]
    assert set(rings[2]["among"]) == {n.id for n in result.nodes} and len(rings) == 3


# -- HTTP ----------------------------------------------------------------------------------


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, seed)


def test_api_ego(client: TestClient) -> None:
    response = client.get("/v1/network/ego/h1", params={"hops": 1, "as_of": "2025-07-01"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"nodes", "edges", "truncated"}
    assert [(n["id"], n["label"], n["distance"]) for n in body["nodes"]] == HOP_1_NODES
    assert body["nodes"][0] == {
        "id": "h1",
        "label": "Person",
        "name": "Hanna Keller",
        "distance": 0,
        "seniority": "manager",
        "tier": None,
    }
    assert [(e["from"], e["to"], e["type"]) for e in body["edges"]] == [e[:3] for e in HOP_1_EDGES]
    assert body["edges"][1]["strength"] == pytest.approx(S_H1_H2, abs=1e-6)
    truncated = client.get("/v1/network/ego/h1", params={"limit": 7, "as_of": "2025-07-01"})
    assert truncated.json()["truncated"] is True


def test_api_ego_unknown_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/v1/network/ego/nobody")
    assert_problem(response, 404)
    assert "nobody" in response.json()["detail"]


@pytest.mark.parametrize(
    "path, params",
    [
        ("/v1/network/ego/h1", {"hops": 4}),
        ("/v1/network/ego/h1", {"hops": 0}),
        ("/v1/network/ego/h1", {"limit": 5001}),
        ("/v1/network/ego/h1", {"as_of": "soon"}),
        ("/v1/network/brokers", {"limit": 0}),
        ("/v1/network/communities", {"min_size": 0}),
    ],
)
def test_api_bad_parameters_are_422_problems(
    client: TestClient, path: str, params: dict[str, Any]
) -> None:
    response = client.get(path, params=params)
    assert_problem(response, 422, params)


def test_api_brokers_and_communities(client: TestClient) -> None:
    body = client.get("/v1/network/brokers", params={"as_of": "2025-07-01T00:00:00Z"}).json()
    assert body == {
        "brokers": [
            {
                "person_id": "h1",
                "name": "Hanna Keller",
                "company": COMPANY["h"],
                "score": pytest.approx(0.2),
            },
            {
                "person_id": "h2",
                "name": "Henrik Vogt",
                "company": COMPANY["h"],
                "score": pytest.approx(0.2),
            },
        ],
        "sampled": False,
        "next_cursor": None,
        "more": False,
    }
    body = client.get("/v1/network/communities", params={"as_of": "2025-07-01"}).json()
    assert [(c["id"], c["size"], c["members"]) for c in body["communities"]] == [
        ("c1", 5, ["h1", "h2", "x1", "x2", "x4"]),
        ("c2", 2, ["h3", "y1"]),
    ]
