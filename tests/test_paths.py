"""Relationship paths on every backend and over HTTP (the command line:
tests/test_paths_cli.py), against answers worked out by hand (the network is tests/network_data.py).

Every test runs on the ``store`` fixture's backends and once more through the Neo4j code
path (``neighbourhood.cypher`` read ring by ring) against a driver that answers each
query from an embedded store holding the same network.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any
from unittest.mock import patch

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st

from graph_model.settings import Settings
from graph_model.store import GraphStore, NodeUpsert, RelRow, RelUpsert
from queries.common import UnknownId
from queries.paths import RelationshipPath, paths
from queries.paths import cheapest as search
from queries.paths import neo4j as neo4j_paths
from queries.view import network_view
from tests.conftest import assert_problem, loaded_settings, recorded_reads
from tests.network_data import AS_OF, days_before, load
from tests.network_data import PEOPLE as NETWORK_PEOPLE

E, LN = math.exp, math.log

# Ties at AS_OF (see tests/test_strength.py); a tie of strength s costs -ln(s / 100).
S_H1_X1 = 100 * (1 - E(-3 / 6))  # m1 1.5 + m2 1.5, mutual: 39.35
S_H1_H2 = S_H2_X1 = 100 * (1 - E(-1.5 / 6))  # m2 alone: 22.12
S_H1_X2 = 100 * (1 - E(-1.25 / 6)) * 0.5  # e1 1 + e2 0.25, both sent by h1 (rho 0): 9.40
S_H2_X4 = 100 * (1 - E(-3 * 0.5 ** (400 / 180) / 6))  # old: 10.16
HALF = -LN(0.3) / 2  # one person–company step: two make a colleague link of strength 30


def cost(s: float) -> float:
    return -LN(s / 100)


def score(*costs: float) -> float:
    return 100 * E(-math.fsum(costs))


@pytest.fixture
def network(store: GraphStore) -> GraphStore:
    """``store`` with the network loaded."""
    load(store)
    return store


def found(network: GraphStore, source: str, target: str, **params: Any) -> list[RelationshipPath]:
    return paths(network, source, target, as_of=params.pop("as_of", AS_OF), **params).paths


def nodes_and_scores(result: list[RelationshipPath]) -> list[tuple[list[str], float]]:
    return [(p.nodes, p.score) for p in result]


def approx(expected: list[tuple[list[str], float]]) -> Any:
    return [(n, pytest.approx(s, abs=1e-6)) for n, s in expected]


# -- semantics ----------------------------------------------------------------------------


def test_strongest_path_through_a_colleague(network: GraphStore) -> None:
    [best] = found(network, "h3", "x1", k=1)
    # h3 -h- h1 -(39.35)- x1: colleague link 0.3 * 0.3935 = 11.80
    # beats h3 -h- h2 -(22.12)- x1: 0.3 * 0.2212 = 6.64
    assert best.nodes == ["h3", "h", "h1", "x1"]
    assert best.hops == 3
    assert best.score == pytest.approx(score(HALF, HALF, cost(S_H1_X1)), abs=1e-6)
    assert best.score == pytest.approx(0.3 * S_H1_X1, abs=1e-6)
    assert [(e.from_, e.to, e.type) for e in best.edges] == [
        ("h3", "h", "WORKS_AT"),
        ("h", "h1", "WORKS_AT"),
        ("h1", "x1", "KNOWS"),
    ]
    assert [e.strength for e in best.edges] == pytest.approx([30.0, 30.0, S_H1_X1], abs=1e-6)


def test_k_best_in_order(network: GraphStore) -> None:
    result = found(network, "h3", "x1", k=5)
    assert nodes_and_scores(result) == approx(
        [
            (["h3", "h", "h1", "x1"], score(HALF, HALF, cost(S_H1_X1))),  # 11.80
            (["h3", "h", "h2", "x1"], score(HALF, HALF, cost(S_H2_X1))),  # 6.64
            (
                ["h3", "h", "h2", "h1", "x1"],
                score(HALF, HALF, cost(S_H1_H2), cost(S_H1_X1)),
            ),  # 2.61
            (
                ["h3", "h", "h1", "h2", "x1"],
                score(HALF, HALF, cost(S_H1_H2), cost(S_H2_X1)),
            ),  # 1.47
            # through x2 and their company: 0.3 * 0.0940 * 0.3 = 0.85
            (["h3", "h", "h1", "x2", "x", "x1"], score(HALF, HALF, cost(S_H1_X2), HALF, HALF)),
        ]
    )
    assert [p.hops for p in result] == [3, 3, 4, 4, 5]
    assert [p.nodes for p in found(network, "h3", "x1", k=2)] == [p.nodes for p in result[:2]]


def test_shortest_prefers_fewer_hops(network: GraphStore) -> None:
    strongest = found(network, "h2", "x2", k=3)
    assert nodes_and_scores(strongest) == approx(
        [
            (["h2", "x1", "x", "x2"], score(cost(S_H2_X1), HALF, HALF)),  # 0.2212 * 0.3 = 6.64
            (
                ["h2", "h", "h1", "x1", "x", "x2"],
                score(HALF, HALF, cost(S_H1_X1), HALF, HALF),
            ),  # 3.54
            (["h2", "h", "h1", "x2"], score(HALF, HALF, cost(S_H1_X2))),  # 0.3 * 0.0940 = 2.82
        ]
    )
    shortest = found(network, "h2", "x2", mode="shortest", k=3)
    assert nodes_and_scores(shortest) == approx(
        [
            (["h2", "h1", "x2"], score(cost(S_H1_H2), cost(S_H1_X2))),  # 2 hops: 2.08
            (["h2", "x1", "x", "x2"], score(cost(S_H2_X1), HALF, HALF)),  # 3 hops, stronger first
            (["h2", "h", "h1", "x2"], score(HALF, HALF, cost(S_H1_X2))),
        ]
    )
    assert [p.hops for p in shortest] == [2, 3, 3]
    [first] = found(network, "h2", "x2", mode="shortest", k=1)
    assert first.nodes == ["h2", "h1", "x2"]


def test_max_hops_cuts_longer_paths(network: GraphStore) -> None:
    # h1 -(39.35)- x1 -x- x2 (0.3935 * 0.3 = 11.80, 3 hops) beats the direct 9.40
    assert nodes_and_scores(found(network, "h1", "x2", k=1)) == approx(
        [
            (["h1", "x1", "x", "x2"], score(cost(S_H1_X1), HALF, HALF)),
        ]
    )
    assert nodes_and_scores(found(network, "h1", "x2", k=1, max_hops=2)) == approx(
        [
            (["h1", "x2"], S_H1_X2),
        ]
    )
    assert found(network, "h3", "x1", max_hops=2) == []  # every way takes 3 hops or more
    # x3 -x- x1 -(39.35)- h1 -h- h3 -(34.3)- y1: exactly 6 hops
    [long] = found(network, "x3", "y", k=1)
    assert long.nodes == ["x3", "x", "x1", "h1", "h", "h3", "y1"]
    assert found(network, "x3", "y", max_hops=5) == []


def test_min_strength_hides_weak_ties(network: GraphStore) -> None:
    assert [p.nodes for p in found(network, "h1", "x2", mode="shortest", k=1)] == [["h1", "x2"]]
    # h1-x2 is 9.40 < 10: the shortest way left goes through x1 and their company
    hidden = found(network, "h1", "x2", mode="shortest", k=1, min_strength=10)
    assert [p.nodes for p in hidden] == [["h1", "x1", "x", "x2"]]
    assert all(
        p.nodes[:2] != ["h1", "x2"] for p in found(network, "h1", "x2", k=10, min_strength=10)
    )
    # colleague links do not depend on min_strength; ties of 39.35 and less all fall at 50
    assert found(network, "h1", "x1", min_strength=50) == []
    assert [p.nodes for p in found(network, "h1", "h3", min_strength=50)] == [["h1", "h", "h3"]]


def test_company_target_ends_at_its_first_employee(network: GraphStore) -> None:
    result = found(network, "h3", "x", k=5)
    assert nodes_and_scores(result) == approx(
        [
            (["h3", "h", "h1", "x1"], score(HALF, HALF, cost(S_H1_X1))),  # 11.80
            (["h3", "h", "h2", "x1"], score(HALF, HALF, cost(S_H2_X1))),  # 6.64
            (["h3", "h", "h1", "x2"], score(HALF, HALF, cost(S_H1_X2))),  # 2.82
            (["h3", "h", "h2", "h1", "x1"], score(HALF, HALF, cost(S_H1_H2), cost(S_H1_X1))),
            (["h3", "h", "h1", "h2", "x1"], score(HALF, HALF, cost(S_H1_H2), cost(S_H2_X1))),
        ]
    )
    assert [p.hops for p in result] == [3, 3, 3, 4, 4]  # no WORKS_AT step into x at the end
    assert all(e.to != "x" for p in result for e in p.edges)
    # x4 left x in 2024: not an employee, so the path runs on to x1 through h2
    [left] = found(network, "x4", "x", k=1)
    assert left.nodes == ["x4", "h2", "x1"]
    assert left.score == pytest.approx(score(cost(S_H2_X4), cost(S_H2_X1)), abs=1e-6)


def test_former_employee_is_no_colleague_link(network: GraphStore) -> None:
    # x4 -x- x1 would be a colleague link of 30; x4 left x at the end of 2024
    result = found(network, "x4", "x1", k=2)
    assert nodes_and_scores(result) == approx(
        [
            (["x4", "h2", "x1"], score(cost(S_H2_X4), cost(S_H2_X1))),  # 0.1016 * 0.2212 = 2.25
            (["x4", "h2", "h", "h1", "x1"], score(cost(S_H2_X4), HALF, HALF, cost(S_H1_X1))),
        ]
    )
    # before x4 left, and before any interaction: the colleague link is the only way
    early = AS_OF - timedelta(days=500)
    assert nodes_and_scores(found(network, "x4", "x1", as_of=early)) == approx(
        [
            (["x4", "x", "x1"], 30.0),
        ]
    )


def test_as_of_before_all_interactions_leaves_colleague_links(network: GraphStore) -> None:
    early = AS_OF - timedelta(days=500)  # before the first interaction (400 days before AS_OF)
    assert found(network, "h3", "x1", as_of=early) == []
    assert nodes_and_scores(found(network, "h1", "h3", as_of=early)) == approx(
        [
            (["h1", "h", "h3"], 30.0),
        ]
    )
    long_ago = datetime(1000, 1, 1, tzinfo=UTC)
    assert [p.nodes for p in found(network, "h1", "h3", as_of=long_ago)] == [["h1", "h", "h3"]]


def test_as_of_counts_only_earlier_interactions(network: GraphStore) -> None:
    # 100 days before AS_OF only m1 (then 80 days old) joins h1 and x1; h2 knows nobody at x
    then = AS_OF - timedelta(days=100)
    s = 100 * (1 - E(-3 * 0.5 ** (80 / 180) / 6))
    assert nodes_and_scores(found(network, "h2", "x1", as_of=then)) == approx(
        [
            (["h2", "h", "h1", "x1"], score(HALF, HALF, cost(s))),
        ]
    )


def test_same_person_or_own_company_is_a_path_of_no_hops(network: GraphStore) -> None:
    for target in ("h1", "h"):
        [path] = found(network, "h1", target)
        assert (path.nodes, path.hops, path.score, path.edges) == (["h1"], 0, 100.0, [])


def test_equal_scores_sort_by_node_ids(network: GraphStore, store: GraphStore) -> None:
    store.write(
        [
            NodeUpsert(
                "Interaction", [{"id": "t1", "kind": "meeting", "occurred_at": days_before(10)}]
            ),
            RelUpsert("PARTICIPATED_IN", [RelRow(p, "t1", {}) for p in ("x3", "h3", "x2")]),
        ]
    )
    # one meeting of three: h3-x2 and h3-x3 are the same tie, 3 / sqrt(2) * 0.5**(10/180)
    s = 100 * (1 - E(-3 / math.sqrt(2) * 0.5 ** (10 / 180) / 6))
    assert nodes_and_scores(found(network, "h3", "x", k=2)) == approx(
        [
            (["h3", "x2"], s),
            (["h3", "x3"], s),
        ]
    )


def test_unknown_ids_and_bad_parameters(network: GraphStore) -> None:
    with pytest.raises(UnknownId, match="no person with id 'zz'"):
        found(network, "zz", "x1")
    with pytest.raises(UnknownId, match="no person with id 'x'"):
        found(network, "x", "x1")
    with pytest.raises(UnknownId, match="no person or company with id 'zz'"):
        found(network, "h1", "zz")
    for params in (
        {"mode": "fastest"},
        {"k": 0},
        {"k": 11},
        {"max_hops": 0},
        {"max_hops": 11},
        {"min_strength": 101},
    ):
        with pytest.raises(ValueError):
            found(network, "h1", "x1", **params)


def test_neo4j_reads_the_cheapest_nodes_first_and_no_more(
    network: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = recorded_reads(network, monkeypatch)
    paths(network, "h3", "x", as_of=AS_OF)
    rounds = [sorted(params["ids"]) for query, params in reads if "CALL (id)" in query]
    # each round reads the nodes each side reaches next (the cheapest first), in one call;
    # after the third no unread node is cheap enough to lie on a path as good as the
    # third best found, so x4 (around h1 and h2) is never read
    assert rounds == [
        ["h3", "x"],
        ["h", "x1", "x2", "x3", "y1"],  # h3's company and tie; x's current staff (not x4)
        ["h1", "h2", "y"],  # h's staff, y1's company; into x1 and x2: h1, h2 again
    ]


# -- properties ---------------------------------------------------------------------------

PEOPLE = [f"p{i}" for i in range(6)]
JOBS = [None, ("c0", None), ("c1", None), ("c1", None), ("c0", days_before(30))]
interaction = st.tuples(
    st.sampled_from(["meeting", "email", "call", "message"]),
    st.integers(-20, 300),
    st.lists(st.sampled_from(PEOPLE), min_size=2, max_size=3, unique=True),
    st.booleans(),
)


def build(store: GraphStore, jobs: list[Any], facts: list[Any]) -> None:
    rows = [
        RelRow(p, job[0], {"ended_at": job[1]})
        for p, job in zip(PEOPLE, jobs, strict=True)
        if job is not None
    ]
    store.write(
        [
            NodeUpsert("Company", [{"id": c, "name": c} for c in ("c0", "c1")]),
            NodeUpsert("Person", [{"id": p, "name": p} for p in PEOPLE]),
            NodeUpsert(
                "Interaction",
                [
                    {
                        "id": f"i{n}",
                        "kind": kind,
                        "occurred_at": days_before(days),
                        "initiator_id": people[0] if directed else None,
                    }
                    for n, (kind, days, people, directed) in enumerate(facts)
                ],
            ),
            RelUpsert("WORKS_AT", rows),
            RelUpsert(
                "PARTICIPATED_IN",
                [RelRow(p, f"i{n}") for n, (_, _, people, _) in enumerate(facts) for p in people],
            ),
        ]
    )


def brute_force(
    store: GraphStore,
    source: str,
    target: str,
    k: int,
    max_hops: int,
    min_strength: float,
    shortest: bool,
) -> list[tuple[list[str], float]]:
    """Every simple path of the visible graph, ranked as the semantics say."""
    view = network_view(store, AS_OF)
    graph = nx.Graph()
    for a, b, s in view.ties():
        if s >= min_strength:
            graph.add_edge(a, b, cost=cost(s))
    for p in PEOPLE:
        for company in view.employers(p):
            graph.add_edge(p, company, cost=HALF)
    staff = set(view.employees(target)) if target.startswith("c") else {target}
    if source in staff:
        return [([source], 100.0)]
    graph.remove_nodes_from([target] if target.startswith("c") else [])
    ranked = []
    for end in staff & set(graph):
        if source not in graph:
            break
        for nodes in nx.all_simple_paths(graph, source, end, cutoff=max_hops):
            if staff.isdisjoint(nodes[:-1]):
                s = score(*(graph[u][v]["cost"] for u, v in pairwise(nodes)))
                order = (len(nodes), -round(s, 9)) if shortest else (-round(s, 9),)
                ranked.append((order, nodes, s))
    return [(nodes, s) for _, nodes, s in sorted(ranked)[:k]]


@examples(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(JOBS), min_size=6, max_size=6),
    st.lists(interaction, min_size=2, max_size=12),
    st.sampled_from(PEOPLE[:3]),
    st.sampled_from([*PEOPLE[3:], "c0", "c1"]),
    st.integers(1, 4),
    st.integers(1, 6),
    st.sampled_from([0.0, 5.0, 20.0]),
    st.sampled_from([(neo4j_paths.BATCH, neo4j_paths.STEADY), (1, 1), (1, 0)]),
    st.sampled_from([search.GROUP, 1]),
)
def test_paths_are_the_best_simple_paths(
    fresh_store: Callable[[], GraphStore],
    jobs: list[Any],
    facts: list[Any],
    source: str,
    target: str,
    k: int,
    max_hops: int,
    min_strength: float,
    batches: tuple[int, int],
    group: int,
) -> None:
    """``batches``: how many nodes a side reads per round on Neo4j, and after how many rounds
    that doubles (one node a round, doubling soon, reaches every rule of the expansion);
    ``group``: the fewest steps of one weight a search opens as a group (1: every node's)."""
    store = fresh_store()
    build(store, jobs, facts)
    batch, steady = batches
    with (
        patch.object(neo4j_paths, "BATCH", batch),
        patch.object(neo4j_paths, "STEADY", steady),
        patch.object(search, "GROUP", group),
    ):
        result = paths(store, source, target, "strongest", k, max_hops, min_strength, AS_OF)
        shortest = paths(store, source, target, "shortest", k, max_hops, min_strength, AS_OF)
    expected = {
        mode: brute_force(store, source, target, k, max_hops, min_strength, mode)
        for mode in (False, True)
    }
    for path in result.paths + shortest.paths:
        strengths = [e.strength for e in path.edges]
        assert path.score <= min(strengths, default=100.0) + 1e-9
        assert all(e.strength >= min_strength for e in path.edges if e.type == "KNOWS")
        assert path.hops == len(path.edges) == len(path.nodes) - 1 <= max_hops
        assert len(set(path.nodes)) == len(path.nodes) and path.nodes[0] == source
    for found_paths, ranked in ((result.paths, expected[False]), (shortest.paths, expected[True])):
        assert [p.score for p in found_paths] == pytest.approx([s for _, s in ranked], abs=1e-6)
        assert [len(p.nodes) for p in found_paths] == [len(n) for n, _ in ranked]
        if k > 1:  # k = 1 returns one of the best when several tie exactly
            assert [p.nodes for p in found_paths] == [n for n, _ in ranked]


# -- HTTP ----------------------------------------------------------------------------------


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, load)


def named(person: str) -> dict[str, Any]:
    """A person of the network as a path names them on ``AS_OF``."""
    name = next(p["name"] for p in NETWORK_PEOPLE if p["id"] == person)
    company = {"h": "Home AG", "x": "Xylo Retail GmbH"}[person[0]]
    return {
        "id": person,
        "name": name,
        "kind": "person",
        "company": {"id": person[0], "name": company},
    }


def test_api_paths(client: TestClient) -> None:
    response = client.get("/v1/paths", params={"from": "h2", "to": "x2", "as_of": "2025-07-01"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"paths"}
    assert [p["nodes"] for p in body["paths"]] == [
        ["h2", "x1", "x", "x2"],
        ["h2", "h", "h1", "x1", "x", "x2"],
        ["h2", "h", "h1", "x2"],
    ]
    first = body["paths"][0]
    assert set(first) == {"nodes", "named_nodes", "hops", "score", "edges"}
    assert first["named_nodes"] == [
        named("h2"),
        named("x1"),
        {"id": "x", "name": "Xylo Retail GmbH", "kind": "company", "company": None},
        named("x2"),
    ]
    assert first["hops"] == 3
    assert first["score"] == pytest.approx(0.3 * S_H2_X1, abs=1e-6)
    assert first["edges"] == [
        {"from": "h2", "to": "x1", "type": "KNOWS", "strength": pytest.approx(S_H2_X1, abs=1e-6)},
        {"from": "x1", "to": "x", "type": "WORKS_AT", "strength": 30.0},
        {"from": "x", "to": "x2", "type": "WORKS_AT", "strength": 30.0},
    ]
    shortest = client.get(
        "/v1/paths",
        params={
            "from": "h2",
            "to": "x2",
            "mode": "shortest",
            "k": 1,
            "min_strength": 10,
            "as_of": "2025-07-01T00:00:00Z",
        },
    ).json()
    assert [p["nodes"] for p in shortest["paths"]] == [["h2", "x1", "x", "x2"]]
    none = client.get("/v1/paths", params={"from": "h3", "to": "x1", "max_hops": 2})
    assert none.json() == {"paths": []}


@pytest.mark.parametrize(
    "params, detail",
    [
        ({"from": "zz", "to": "x1"}, "no person with id 'zz'"),
        ({"from": "x", "to": "x1"}, "no person with id 'x'"),
        ({"from": "h1", "to": "zz"}, "no person or company with id 'zz'"),
    ],
)
def test_api_unknown_ids_are_404_problems(
    client: TestClient, params: dict[str, str], detail: str
) -> None:
    response = client.get("/v1/paths", params=params)
    assert_problem(response, 404)
    assert response.json()["detail"] == detail


@pytest.mark.parametrize(
    "params, bad",
    [
        ({"mode": "fastest"}, "mode"),
        ({"k": 11}, "k"),
        ({"k": 0}, "k"),
        ({"max_hops": 0}, "max_hops"),
        ({"max_hops": 11}, "max_hops"),
        ({"min_strength": 101}, "min_strength"),
        ({"as_of": "soon"}, "as_of"),
    ],
)
def test_api_bad_parameters_are_422_problems(
    client: TestClient, params: dict[str, Any], bad: str
) -> None:
    response = client.get("/v1/paths", params={"from": "h1", "to": "x1", **params})
    assert_problem(response, 422, [bad])
    missing = client.get("/v1/paths", params={"to": "x1"})
    assert [e["parameter"] for e in missing.json()["errors"]] == ["from"]
