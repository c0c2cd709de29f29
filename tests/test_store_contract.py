"""The GraphStore contract: the same tests and expected values on every backend."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest

from graph_model.store import GraphStore, NodeUpsert, Outcome, Relationship, RelRow, RelUpsert
from queries.view import network_view

C, U, N = Outcome.CREATED, Outcome.UPDATED, Outcome.UNCHANGED


def companies(*rows: dict[str, object]) -> NodeUpsert:
    return NodeUpsert("Company", list(rows))


def seed(store: GraphStore) -> None:
    store.write(
        [
            companies(
                {"id": "c1", "name": "Acme GmbH", "tier": "key"},
                {"id": "c2", "name": "beta Supplies"},
                {"id": "c3", "name": "Ümlaut AG"},
            ),
            NodeUpsert(
                "Person",
                [
                    {"id": "p1", "name": "Ann", "seniority": "executive"},
                    {"id": "p2", "name": "Bob", "seniority": "staff"},
                ],
            ),
            RelUpsert(
                "WORKS_AT",
                [
                    RelRow("p1", "c1", {"started_at": datetime(2020, 1, 1, tzinfo=UTC)}),
                    RelRow("p2", "c1", {}),
                    RelRow("p2", "c2", {"ended_at": datetime(2023, 6, 30, tzinfo=UTC)}),
                ],
            ),
        ]
    )


def test_outcomes_created_unchanged_updated(store: GraphStore) -> None:
    assert store.write(
        [companies({"id": "c1", "name": "Acme"}), companies({"id": "c2", "name": "B"})]
    ) == [[C], [C]]
    assert store.write([companies({"id": "c1", "name": "Acme"}, {"id": "c2", "name": "Beta"})]) == [
        [N, U]
    ]
    assert store.get_node("Company", "c2") == {"id": "c2", "name": "Beta"}


def test_blank_property_is_removed(store: GraphStore) -> None:
    store.write([companies({"id": "c1", "name": "Acme", "country": "DE"})])
    assert store.write([companies({"id": "c1", "name": "Acme", "country": None})]) == [[U]]
    assert store.get_node("Company", "c1") == {"id": "c1", "name": "Acme"}


def test_values_round_trip_with_types(store: GraphStore) -> None:
    at = datetime(2025, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    store.write(
        [
            companies(
                {
                    "id": "c1",
                    "name": "Acme",
                    "is_home": True,
                    "region": "EMEA",
                    "sources": ["sf:001", "hs:9"],
                }
            ),
            NodeUpsert("Interaction", [{"id": "i1", "kind": "meeting", "occurred_at": at}]),
        ]
    )
    assert store.get_node("Company", "c1") == {
        "id": "c1",
        "name": "Acme",
        "is_home": True,
        "region": "EMEA",
        "sources": ["sf:001", "hs:9"],
    }
    interaction = store.get_node("Interaction", "i1")
    assert interaction is not None
    assert interaction["occurred_at"] == datetime(2025, 3, 1, 7, 30, tzinfo=UTC)
    assert interaction["occurred_at"].utcoffset() == timedelta(0)


def test_opportunities_round_trip_with_types(store: GraphStore) -> None:
    deal = {
        "id": "o1",
        "name": "Framework agreement 2025",
        "stage": "Contract sent",
        "status": "open",
        "amount": 48000.5,
        "currency": "EUR",
        "close_date": datetime(2025, 6, 30, tzinfo=UTC),
        "company_id": "c1",
        "owner_id": "p1",
        "sources": ["hubspot:deal:7001"],
    }
    assert store.write([NodeUpsert("Opportunity", [deal])]) == [[C]]
    assert store.get_node("Opportunity", "o1") == deal
    assert store.write([NodeUpsert("Opportunity", [deal | {"status": "won"}])]) == [[U]]
    assert [o["id"] for o in store.find_by("Opportunity", "status", ["won"])] == ["o1"]
    assert store.counts().labels["Opportunity"] == 1


def test_relationship_outcomes_and_listing(store: GraphStore) -> None:
    seed(store)
    again = [
        RelRow("p1", "c1", {"started_at": datetime(2020, 1, 1, tzinfo=UTC)}),
        RelRow("p2", "c1", {"ended_at": datetime(2025, 1, 1, tzinfo=UTC)}),
    ]
    assert store.write([RelUpsert("WORKS_AT", again)]) == [[N, U]]
    assert store.relationships("WORKS_AT", end="c1") == [
        Relationship("WORKS_AT", "p1", "c1", {"started_at": datetime(2020, 1, 1, tzinfo=UTC)}),
        Relationship("WORKS_AT", "p2", "c1", {"ended_at": datetime(2025, 1, 1, tzinfo=UTC)}),
    ]
    assert [r.end for r in store.relationships("WORKS_AT", start="p2")] == ["c1", "c2"]
    assert [r.end for r in store.relationships("WORKS_AT", start="p2", end="c2")] == ["c2"]
    assert len(store.relationships("WORKS_AT")) == 3


def test_keyed_relationships_are_told_apart(store: GraphStore) -> None:
    seed(store)
    rows = [
        RelRow("c1", "c2", {"product_id": None, "category": "logistics", "annual_value": 10.0}),
        RelRow("c1", "c2", {"category": "packaging", "annual_value": 5.5}),
    ]
    assert store.write([RelUpsert("SUPPLIES", rows)]) == [[C, C]]
    rows[1] = RelRow("c1", "c2", {"category": "packaging", "annual_value": 7.0})
    assert store.write([RelUpsert("SUPPLIES", rows)]) == [[N, U]]
    found = store.relationships("SUPPLIES", start="c1")
    assert [(r.props["category"], r.props["annual_value"]) for r in found] == [
        ("logistics", 10.0),
        ("packaging", 7.0),
    ]


def test_lookups(store: GraphStore) -> None:
    seed(store)
    assert sorted(store.get_nodes("Company", ["c3", "c1", "zz"])) == ["c1", "c3"]
    assert store.get_node("Person", "c1") is None
    assert store.existing_ids("Company", ["c1", "c9", "p1"]) == {"c1"}
    assert store.existing_ids("Company", []) == set()


def test_find_nodes_any_case_by_name(store: GraphStore) -> None:
    seed(store)
    assert [c["id"] for c in store.find_nodes("Company", "", 10)] == ["c1", "c2", "c3"]
    assert [c["id"] for c in store.find_nodes("Company", "SUPP", 10)] == ["c2"]
    assert [c["id"] for c in store.find_nodes("Company", "ümlaut", 10)] == ["c3"]
    assert [c["id"] for c in store.find_nodes("Company", "%", 10)] == []
    assert [c["id"] for c in store.find_nodes("Company", "", 2)] == ["c1", "c2"]


def test_find_nodes_folds_accents_and_sorts_by_the_folded_name(store: GraphStore) -> None:
    names = {
        "k1": "Köhler AG",
        "k2": "Kohler Inc",
        "k3": "Koehler Ltd",
        "a1": "Ärzte-Bund",
        "b1": "bosch",
        "z1": "Zeiss",
        "a2": "apple",
    }
    store.write([NodeUpsert("Company", [{"id": i, "name": n} for i, n in names.items()])])
    listed = [c["name"] for c in store.find_nodes("Company", "", 10)]
    assert listed == [
        "apple",
        "Ärzte-Bund",
        "bosch",
        "Koehler Ltd",
        "Köhler AG",
        "Kohler Inc",
        "Zeiss",
    ]
    assert [c["id"] for c in store.find_nodes("Company", "koehler", 10)] == ["k3", "k1"]
    assert [c["id"] for c in store.find_nodes("Company", "KÖHLER", 10)] == ["k1", "k2"]
    assert [c["id"] for c in store.find_nodes("Company", "arzte bund", 10)] == ["a1"]
    assert [c["id"] for c in store.find_nodes("Company", "aerzte", 10)] == ["a1"]
    assert store.get_node("Company", "k1") == {"id": "k1", "name": "Köhler AG"}


def test_latest_nodes(store: GraphStore) -> None:
    runs = [
        {
            "id": f"r{i}",
            "source": "x",
            "status": "succeeded",
            "started_at": datetime(2025, 1, i, tzinfo=UTC),
        }
        for i in (3, 1, 2)
    ]
    store.write([NodeUpsert("IngestRun", runs)])
    assert [r["id"] for r in store.latest_nodes("IngestRun", "started_at", 2)] == ["r3", "r2"]
    after_r3 = store.latest_nodes(
        "IngestRun", "started_at", 5, before=datetime(2025, 1, 3, tzinfo=UTC)
    )
    assert [r["id"] for r in after_r3] == ["r2", "r1"]
    assert [r["id"] for r in store.latest_nodes("IngestRun", "id", 5, before="r2")] == ["r1"]


def test_counts_include_zeros(store: GraphStore) -> None:
    seed(store)
    counts = store.counts()
    assert counts.labels == {
        "Company": 3,
        "Person": 2,
        "Product": 0,
        "Interaction": 0,
        "Opportunity": 0,
        "IngestRun": 0,
        "ApiKey": 0,
        "AuditEntry": 0,
    }
    assert counts.types == {
        "WORKS_AT": 3,
        "REPORTS_TO": 0,
        "OFFERS": 0,
        "SUPPLIES": 0,
        "PARTICIPATED_IN": 0,
        "MANAGES_ACCOUNT": 0,
        "SUBSIDIARY_OF": 0,
    }


def test_names_outside_the_schema_are_refused(store: GraphStore) -> None:
    with pytest.raises((KeyError, ValueError)):
        store.get_node("Company) DETACH DELETE (n", "x")
    with pytest.raises((KeyError, ValueError)):
        store.relationships("KNOWS")
    with pytest.raises((KeyError, ValueError)):
        store.write([NodeUpsert("Secret", [{"id": "x"}])])


def test_ping(store: GraphStore) -> None:
    store.ping()


def test_latest_nodes_put_those_without_the_property_last(store: GraphStore) -> None:
    seed(store)
    store.write([companies({"id": "c0", "name": "Zero", "tier": "strategic"})])
    ranked = [c["id"] for c in store.latest_nodes("Company", "tier", 10)]
    assert ranked == ["c0", "c1", "c2", "c3"]  # strategic, key, then no tier by id


def test_a_dry_run_is_a_store_of_its_own(store: GraphStore) -> None:
    """Its reads see its writes, which nobody else sees; a write made meanwhile on the store
    is kept, not taken into the dry run (on the embedded store it waits for the dry run to
    end); nothing of the dry run stays."""
    seed(store)
    landed = threading.Event()

    def meanwhile() -> None:
        store.write([companies({"id": "real", "name": "Real"})])
        landed.set()

    with store.dry_run() as rehearsal:
        assert rehearsal.write([companies({"id": "c9", "name": "Rehearsed"})]) == [[C]]
        assert rehearsal.get_node("Company", "c9") == {"id": "c9", "name": "Rehearsed"}
        assert rehearsal.existing_ids("Company", ["c9", "c1"]) == {"c1", "c9"}
        assert store.get_node("Company", "c9") is None
        writer = threading.Thread(target=meanwhile)
        writer.start()
        landed.wait(1)
    writer.join(30)
    assert landed.is_set()
    assert store.get_node("Company", "real") == {"id": "real", "name": "Real"}
    assert store.get_node("Company", "c9") is None


def test_an_interaction_has_the_initiator_its_latest_write_gives(store: GraphStore) -> None:
    """A re-ingest that names another initiator replaces the first: ties count one side."""
    at = datetime(2025, 3, 1, tzinfo=UTC)

    def email(initiator: str | None, *people: str) -> list[NodeUpsert | RelUpsert]:
        node = {"id": "e1", "kind": "email", "occurred_at": at, "initiator_id": initiator}
        return [
            NodeUpsert("Interaction", [node]),
            RelUpsert("PARTICIPATED_IN", [RelRow(p, "e1") for p in people]),
        ]

    store.write([NodeUpsert("Person", [{"id": p, "name": p} for p in ("p1", "p2", "p3")])])
    store.write(email("p1", "p1", "p2", "p3"))
    store.write(email("p2", "p2", "p3"))  # p1 is no longer named, and stays a participant
    view = network_view(store, at)
    assert store.get_node("Interaction", "e1")["initiator_id"] == "p2"  # type: ignore[index]
    # one e-mail to three: R = 1 / sqrt(2) for each pair; p2 sent it (rho 0 for p2's ties),
    # p1 and p3 both received it (mutual for them, rho 1)
    r = 1 / 2**0.5
    assert view.strength("p1", "p2") == pytest.approx(view.model.combine(r, 0.0))
    assert view.strength("p2", "p3") == pytest.approx(view.model.combine(r, 0.0))
    assert view.strength("p1", "p3") == pytest.approx(view.model.combine(r, 1.0))
    store.write(email(None, "p2", "p3"))  # now mutual
    assert network_view(store, at).strength("p1", "p2") == pytest.approx(view.strength("p1", "p3"))
