"""What only the Neo4j backend does, on a real server: its schema, transactions, routing,
ties kept as ``KNOWS``, a new scoring model, and data written by an older version."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import neo4j
import pytest
from neo4j import GraphDatabase, RoutingControl

from graph_model.neo4j.store import Neo4jStore
from graph_model.schema import NODES
from graph_model.scoring import ScoringModel
from graph_model.settings import Settings
from graph_model.store import NodeUpsert, RelRow, RelUpsert
from graph_model.stores import open_store
from queries.search import search
from tests.conftest import clear_neo4j

AT = datetime(2025, 3, 1, tzinfo=UTC)


@pytest.fixture
def settings(neo4j_settings: Settings) -> Settings:
    clear_neo4j(neo4j_settings)
    return neo4j_settings


@pytest.fixture
def store(settings: Settings) -> Iterator[Neo4jStore]:
    opened = open_store(settings)
    assert isinstance(opened, Neo4jStore)
    yield opened
    opened.close()


def cypher(settings: Settings, query: str, **params: Any) -> list[dict[str, Any]]:
    """Run ``query`` on the test database directly, past the store."""
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    with GraphDatabase.driver(settings.neo4j_uri, auth=auth) as driver:
        records, _, _ = driver.execute_query(query, params, database_=settings.neo4j_database)
    return [dict(r) for r in records]


def meeting(interaction_id: str, *people: str, initiator: str | None = None) -> list[Any]:
    return [
        NodeUpsert(
            "Interaction",
            [
                {
                    "id": interaction_id,
                    "kind": "meeting",
                    "occurred_at": AT,
                    "initiator_id": initiator,
                }
            ],
        ),
        RelUpsert("PARTICIPATED_IN", [RelRow(p, interaction_id) for p in people]),
    ]


def people(*ids: str) -> NodeUpsert:
    return NodeUpsert("Person", [{"id": i, "name": i.upper()} for i in ids])


def knows(settings: Settings) -> list[dict[str, Any]]:
    return cypher(
        settings,
        "MATCH (a)-[k:KNOWS]->(b) RETURN a.id AS a, b.id AS b, k.weight AS weight, "
        "k.interactions AS n, k.out_a AS out_a, k.out_b AS out_b, k.mutual AS mutual "
        "ORDER BY a, b",
    )


def test_constraints_and_indexes_exist_once_the_store_is_used(
    store: Neo4jStore, settings: Settings
) -> None:
    store.ping()
    constraints = {r["name"] for r in cypher(settings, "SHOW CONSTRAINTS YIELD name")}
    assert {f"srm_{node.label}_id" for node in NODES} <= constraints
    indexes = {r["name"] for r in cypher(settings, "SHOW INDEXES YIELD name")}
    assert {"srm_Person_email", "srm_Interaction_occurred_at", "srm_Company_tier"} <= indexes


def test_a_write_is_one_transaction(store: Neo4jStore, settings: Settings) -> None:
    with pytest.raises(ValueError, match="endpoints not found"):
        store.write(
            [
                NodeUpsert("Company", [{"id": "c1", "name": "Acme"}]),
                RelUpsert("WORKS_AT", [RelRow("nobody", "c1")]),
            ]
        )
    assert cypher(settings, "MATCH (n:Company) RETURN count(n) AS n") == [{"n": 0}]


def test_times_come_back_as_aware_utc(store: Neo4jStore) -> None:
    local = datetime(2025, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    store.write([NodeUpsert("Interaction", [{"id": "i1", "kind": "call", "occurred_at": local}])])
    assert store.get_node("Interaction", "i1") == {
        "id": "i1",
        "kind": "call",
        "occurred_at": datetime(2025, 3, 1, 7, 30, tzinfo=UTC),
    }


def test_reads_go_to_readers_with_their_input_as_parameters(
    store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write([NodeUpsert("Company", [{"id": "c1", "name": "acme'; DROP"}])])
    seen: list[tuple[str, dict[str, Any], Any]] = []
    execute = store.connection.driver.execute_query

    def recording(query: str, params: dict[str, Any], **kwargs: Any) -> Any:
        seen.append((query, params, kwargs.get("routing_")))
        return execute(query, params, **kwargs)

    monkeypatch.setattr(store.connection.driver, "execute_query", recording)
    assert store.find_nodes("Company", "ACME'; drop", 5) == [{"id": "c1", "name": "acme'; DROP"}]
    [(query, params, routing)] = seen
    assert params == {"text": "acme drop", "separator": "\x1f", "limit": 5}
    assert "acme" not in query.lower()
    assert routing is RoutingControl.READ


def test_labels_outside_the_schema_never_reach_cypher(store: Neo4jStore) -> None:
    with pytest.raises(ValueError, match="is not a LABEL of the schema"):
        store.get_node("Company {id: 1}) DETACH DELETE (n", "x")


def test_ties_are_folded_in_and_recounted_in_the_write(
    store: Neo4jStore, settings: Settings
) -> None:
    store.write([people("p1", "p2", "p3"), *meeting("m1", "p1", "p2", "p3", initiator="p2")])
    w = ScoringModel().contribution("meeting", AT.timestamp(), 3)
    assert knows(settings) == [
        {
            "a": "p1",
            "b": "p2",
            "weight": pytest.approx(w),
            "n": 1,
            "out_a": 0,
            "out_b": 1,
            "mutual": 0,
        },
        {
            "a": "p1",
            "b": "p3",
            "weight": pytest.approx(w),
            "n": 1,
            "out_a": 0,
            "out_b": 0,
            "mutual": 1,
        },
        {
            "a": "p2",
            "b": "p3",
            "weight": pytest.approx(w),
            "n": 1,
            "out_a": 1,
            "out_b": 0,
            "mutual": 0,
        },
    ]
    store.write(meeting("m1", "p1", "p2", initiator="p1"))  # p3 stays a participant
    assert [(k["a"], k["b"], k["out_a"], k["out_b"], k["mutual"]) for k in knows(settings)] == [
        ("p1", "p2", 1, 0, 0),
        ("p1", "p3", 1, 0, 0),
        ("p2", "p3", 0, 0, 1),
    ]


def test_a_new_scoring_model_recounts_every_tie_once(
    store: Neo4jStore, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write([people("p1", "p2"), *meeting("m1", "p1", "p2")])
    heavier = settings.model_copy(update={"kind_weights": {"meeting": 6.0}})
    reopened = open_store(heavier)
    reopened.ping()
    reopened.close()
    expected = ScoringModel.from_settings(heavier).contribution("meeting", AT.timestamp(), 2)
    assert knows(settings)[0]["weight"] == pytest.approx(expected)
    again = open_store(heavier)
    assert isinstance(again, Neo4jStore)
    recounts: list[str] = []
    monkeypatch.setattr("graph_model.neo4j.knows.recount_all", lambda *args: recounts.append("all"))
    again.ping()
    again.close()
    assert recounts == []  # the store remembers the model its ties were counted under


def test_data_of_the_first_format_is_migrated(settings: Settings) -> None:
    cypher(
        settings,
        "CREATE (a:Person {id: 'p1', name: 'A'}), (b:Person {id: 'p2', name: 'B'}), "
        "(i:Interaction {id: 'e1', kind: 'email', occurred_at: datetime($at)}), "
        "(a)-[:PARTICIPATED_IN {initiator: true}]->(i), "
        "(b)-[:PARTICIPATED_IN {initiator: false}]->(i)",
        at=AT.isoformat(),
    )
    store = open_store(settings)
    assert store.get_node("Interaction", "e1")["initiator_id"] == "p1"  # type: ignore[index]
    assert [r.props for r in store.relationships("PARTICIPATED_IN", end="e1")] == [{}, {}]
    store.close()
    [tie] = knows(settings)
    assert (tie["a"], tie["b"], tie["out_a"], tie["out_b"]) == ("p1", "p2", 1, 0)


def test_nodes_of_version_2_get_search_keys(settings: Settings) -> None:
    """Named nodes written before version 3 are given the search key they are found by,
    in batches, once; it is never read back as a property."""
    cypher(
        settings,
        "UNWIND range(1, 10005) AS n CREATE (:Person {id: 'p' + n, name: 'Jörg ' + n}) "
        "WITH 1 AS one LIMIT 1 "
        "CREATE (:Company {id: 'c1', name: 'Köhler AG'}), (:SrmStore {id: 'store', version: 2})",
    )
    store = open_store(settings)
    try:
        assert [h.id for h in search(store, "joerg 10005").hits] == ["p10005"]
        assert [c["id"] for c in store.find_nodes("Company", "koehler", 5)] == ["c1"]
        assert store.get_node("Company", "c1") == {"id": "c1", "name": "Köhler AG"}
    finally:
        store.close()
    [missing] = cypher(
        settings, "MATCH (n) WHERE n.search_key IS NULL AND n:Person RETURN count(n) AS n"
    )
    assert missing["n"] == 0


def test_writes_and_reads_share_bookmarks(store: Neo4jStore) -> None:
    """A read waits for the writes before it, on a cluster too: write sessions hand their
    bookmark to the manager that reads use."""
    store.ping()
    before = set(store.connection.bookmarks.get_bookmarks())
    store.write([NodeUpsert("Company", [{"id": "c1", "name": "Acme"}])])
    after = set(store.connection.bookmarks.get_bookmarks())
    assert after and after != before
    assert store.connection.driver.execute_query_bookmark_manager is store.connection.bookmarks


def test_writes_with_collection_paused_keep_nothing_of_theirs(
    store: Neo4jStore, settings: Settings
) -> None:
    """An ingest pauses the collector; the driver's results, in reference cycles that hold
    a statement's parameters, must not outlive the write that made them."""
    store.write([NodeUpsert("Company", [{"id": "c0", "name": "C 0"}])])  # the schema, once
    gc.collect()
    gc.disable()
    try:
        for i in range(1, 4):
            store.write([NodeUpsert("Company", [{"id": f"c{i}", "name": f"C {i}"}])])
        left = [o for o in gc.get_objects() if isinstance(o, neo4j.Result)]
    finally:
        gc.enable()
    assert left == []
    found = cypher(settings, "MATCH (c:Company) RETURN c.id AS id ORDER BY id")
    assert [r["id"] for r in found] == ["c0", "c1", "c2", "c3"]
