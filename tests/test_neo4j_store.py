"""What the Neo4j backend sends to the driver (no server needed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from neo4j import RoutingControl

from graph_model.neo4j.store import Neo4jStore
from graph_model.schema import NODES
from graph_model.store import NodeUpsert, Outcome, RelRow, RelUpsert


class FakeResult(list[dict[str, Any]]):
    def consume(self) -> None:
        pass


class FakeTx:
    def __init__(self, driver: FakeDriver) -> None:
        self.driver = driver

    def run(self, query: str, **params: Any) -> FakeResult:
        self.driver.tx_runs.append((query, params))
        if "rows" in params:
            return FakeResult({"i": row["i"], "outcome": "created"} for row in params["rows"])
        if "ids" in params:
            return FakeResult([{"a": "p1", "b": "p2"}])
        return FakeResult()


class FakeSession:
    def __init__(self, driver: FakeDriver, database: str) -> None:
        self.driver = driver
        driver.sessions.append(database)

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *_: object) -> None:
        pass

    def execute_write(self, work: Any) -> Any:
        self.driver.write_transactions += 1
        return work(FakeTx(self.driver))


class FakeDriver:
    def __init__(self, answers: dict[str, list[dict[str, Any]]] | None = None) -> None:
        self.queries: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
        self.tx_runs: list[tuple[str, dict[str, Any]]] = []
        self.sessions: list[str] = []
        self.write_transactions = 0
        self.answers = answers or {}

    def execute_query(self, query: str, params: dict[str, Any], **kwargs: Any) -> Any:
        self.queries.append((query, params, kwargs))
        for needle, records in self.answers.items():
            if needle in query:
                return records, None, None
        return [], None, None

    def session(self, database: str) -> FakeSession:
        return FakeSession(self, database)

    def close(self) -> None:
        pass


@pytest.fixture
def driver() -> FakeDriver:
    return FakeDriver()


@pytest.fixture
def store(driver: FakeDriver) -> Neo4jStore:
    return Neo4jStore("bolt://unused", ("neo4j", "pw"), "srm", driver=driver)


def test_constraints_and_indexes_created_at_start(driver: FakeDriver, store: Neo4jStore) -> None:
    statements = [q for q, _, _ in driver.queries]
    for node in NODES:
        assert (
            f"CREATE CONSTRAINT srm_{node.label}_id IF NOT EXISTS\n"
            f"FOR (n:{node.label}) REQUIRE n.id IS UNIQUE"
        ) in statements
    assert "CREATE INDEX srm_Person_email IF NOT EXISTS\nFOR (n:Person) ON (n.email)" in statements
    assert all(kw["database_"] == "srm" for _, _, kw in driver.queries)
    assert all("IF NOT EXISTS" in q for q in statements if q.startswith("CREATE"))
    assert "WHERE k.model IS NULL OR k.model <> $model" in statements[-1]


def test_write_is_one_managed_transaction_of_unwind_batches(
    driver: FakeDriver, store: Neo4jStore
) -> None:
    at = datetime(2025, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    outcomes = store.write(
        [
            NodeUpsert(
                "Interaction", [{"id": "i1", "kind": "meeting", "occurred_at": at, "subject": None}]
            ),
            RelUpsert(
                "SUPPLIES", [RelRow("c1", "c2", {"category": "logistics", "annual_value": 5.0})]
            ),
        ]
    )
    assert outcomes == [[Outcome.CREATED], [Outcome.CREATED]]
    assert driver.write_transactions == 1
    assert driver.sessions == ["srm"]
    (node_query, node_params), (rel_query, rel_params), *recount = driver.tx_runs
    assert [params for _, params in recount][:1] == [{"ids": ["i1"]}]
    assert node_query.startswith("UNWIND $rows AS row")
    assert "MERGE (n:Interaction {id: row.props.id})" in node_query
    assert node_params == {
        "rows": [
            {
                "i": 0,
                "props": {
                    "id": "i1",
                    "kind": "meeting",
                    "occurred_at": datetime(2025, 3, 1, 7, 30, tzinfo=UTC),
                },
            }
        ]
    }
    assert "MATCH (a:Company {id: row.start})" in rel_query
    assert "MERGE (a)-[r:SUPPLIES {key: row.props.key}]->(b)" in rel_query
    assert rel_params == {
        "rows": [
            {
                "i": 0,
                "start": "c1",
                "end": "c2",
                "props": {
                    "category": "logistics",
                    "annual_value": 5.0,
                    "key": "|logistics",
                },
            }
        ]
    }


def test_interactions_recount_ties_in_the_same_transaction(
    driver: FakeDriver, store: Neo4jStore
) -> None:
    at = datetime(2025, 3, 1, tzinfo=UTC)
    store.write(
        [
            NodeUpsert("Interaction", [{"id": "i1", "kind": "meeting", "occurred_at": at}]),
            RelUpsert(
                "PARTICIPATED_IN",
                [
                    RelRow("p1", "i1", {"initiator": False}),
                    RelRow("p2", "i1", {"initiator": False}),
                ],
            ),
        ]
    )
    assert driver.write_transactions == 1
    queries = [q for q, _ in driver.tx_runs]
    assert "RETURN DISTINCT a.id AS a, b.id AS b" in queries[2]
    assert driver.tx_runs[2][1] == {"ids": ["i1"]}
    recount_query, recount = driver.tx_runs[3]
    assert "MERGE (a)-[k:KNOWS]->(b)" in recount_query
    assert recount["pairs"] == [{"a": "p1", "b": "p2"}]
    assert recount["weights"]["meeting"] == 3.0
    assert recount["half_life"] == 180 * 86400
    assert recount["model"] == store.model.fingerprint


def test_missing_endpoints_fail_the_transaction(
    driver: FakeDriver, store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FakeTx, "run", lambda self, query, **params: [])
    with pytest.raises(ValueError, match="endpoints not found"):
        store.write([RelUpsert("WORKS_AT", [RelRow("p1", "c1")])])


def test_reads_are_routed_to_readers_with_parameters(driver: FakeDriver, store: Neo4jStore) -> None:
    driver.queries.clear()
    driver.answers["RETURN properties(n) AS props\nORDER BY toLower"] = [
        {"props": {"id": "c1", "name": "Acme"}},
    ]
    assert store.find_nodes("Company", "acme'; DROP", 5) == [{"id": "c1", "name": "Acme"}]
    query, params, kwargs = driver.queries[-1]
    assert params == {"text": "acme'; DROP", "limit": 5}
    assert "acme" not in query
    assert kwargs["routing_"] is RoutingControl.READ


def test_temporal_values_come_back_as_aware_utc(driver: FakeDriver, store: Neo4jStore) -> None:
    import neo4j.time

    stored = neo4j.time.DateTime(2025, 3, 1, 9, 30, 0, tzinfo=timezone(timedelta(hours=2)))
    driver.answers["UNWIND $ids AS id"] = [{"props": {"id": "i1", "occurred_at": stored}}]
    node = store.get_node("Interaction", "i1")
    assert node == {"id": "i1", "occurred_at": datetime(2025, 3, 1, 7, 30, tzinfo=UTC)}


def test_relationship_listing_picks_the_query_by_filter(
    driver: FakeDriver, store: Neo4jStore
) -> None:
    driver.queries.clear()
    store.relationships("WORKS_AT", start="p1")
    store.relationships("WORKS_AT", end="c1")
    store.relationships("WORKS_AT")
    first, second, third = (q for q, _, _ in driver.queries)
    assert "(a:Person {id: $start})-[r:WORKS_AT]->(b:Company)" in first
    assert "(b:Company {id: $end})" in second
    assert "$" not in third


def test_labels_outside_the_schema_never_reach_cypher(store: Neo4jStore) -> None:
    with pytest.raises(ValueError, match="is not a LABEL of the schema"):
        store.get_node("Company {id: 1}) DETACH DELETE (n", "x")
