"""Timelines of people and companies on every backend, over HTTP and on the command line."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph_model.settings import Settings
from graph_model.store import GraphStore, NodeUpsert, RelRow, RelUpsert
from queries.common import UnknownId
from queries.timeline import timeline
from tests.conftest import assert_problem, loaded_settings


def day(d: int) -> datetime:
    return datetime(2025, 3, d, 9, 30, tzinfo=UTC)


def seed(store: GraphStore) -> None:
    interactions = [
        {"id": "m1", "kind": "meeting", "occurred_at": day(1), "subject": "Kick-off"},
        {"id": "c1", "kind": "call", "occurred_at": day(2), "company_id": "acme"},  # no contact
        {"id": "e1", "kind": "email", "occurred_at": day(3), "initiator_id": "us1"},
        {"id": "e2", "kind": "email", "occurred_at": day(3), "company_id": "beta"},
        {"id": "x9", "kind": "meeting", "occurred_at": day(20)},
    ]
    store.write(
        [
            NodeUpsert(
                "Company",
                [
                    {"id": "acme", "name": "Acme"},
                    {"id": "beta", "name": "Beta"},
                    {"id": "us", "name": "Us", "is_home": True},
                ],
            ),
            NodeUpsert(
                "Person",
                [
                    {"id": "ann", "name": "Ann Acme"},
                    {"id": "old", "name": "Olaf Once"},
                    {"id": "us1", "name": "Uma Us"},
                ],
            ),
            NodeUpsert("Interaction", interactions),
            RelUpsert(
                "WORKS_AT",
                [
                    RelRow("ann", "acme"),
                    RelRow("old", "acme", {"ended_at": day(2)}),
                    RelRow("us1", "us"),
                ],
            ),
            RelUpsert(
                "PARTICIPATED_IN",
                [
                    RelRow("ann", "m1"),
                    RelRow("us1", "m1"),
                    RelRow("old", "e1"),
                    RelRow("us1", "e1"),
                    RelRow("us1", "e2"),
                    RelRow("ann", "x9"),
                    RelRow("us1", "x9"),
                ],
            ),
        ]
    )


def _ids(result: Any) -> list[str]:
    return [e.id for e in result.entries]


def test_a_company_timeline_holds_what_names_it_and_what_its_people_did(
    store: GraphStore,
) -> None:
    seed(store)
    result = timeline(store, "acme", day(10))
    assert (result.label, result.name) == ("Company", "Acme")
    # e1 (a former employee's, same day as e2 of beta) before c1, the call with nobody
    assert _ids(result) == ["e1", "c1", "m1"]
    [e1, c1, m1] = result.entries
    assert [p.model_dump() for p in e1.participants] == [
        {"id": "old", "name": "Olaf Once"},
        {"id": "us1", "name": "Uma Us"},
    ]
    assert (c1.company.model_dump() if c1.company else None, c1.participants) == (
        {"id": "acme", "name": "Acme"},
        [],
    )
    assert (m1.subject, m1.occurred_at) == ("Kick-off", day(1))
    assert _ids(timeline(store, "acme", day(30), limit=2)) == ["x9", "e1"]


def test_a_person_timeline_is_what_they_took_part_in(store: GraphStore) -> None:
    seed(store)
    assert _ids(timeline(store, "us1", day(10))) == ["e2", "e1", "m1"]  # same day: id desc
    assert _ids(timeline(store, "us1", day(2))) == ["m1"]
    with pytest.raises(UnknownId):
        timeline(store, "nobody")
    with pytest.raises(UnknownId):
        timeline(store, "ann", label="Company")


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, seed)


def test_api_timelines_page_newest_first(client: TestClient) -> None:
    first = client.get("/v1/companies/acme/timeline", params={"as_of": "2025-03-10", "limit": 2})
    assert first.status_code == 200
    body = first.json()
    assert (body["name"], body["more"]) == ("Acme", True)
    assert [e["id"] for e in body["entries"]] == ["e1", "c1"]
    rest = client.get(
        "/v1/companies/acme/timeline",
        params={"as_of": "2025-03-10", "limit": 2, "cursor": body["next_cursor"]},
    ).json()
    assert ([e["id"] for e in rest["entries"]], rest["more"]) == (["m1"], False)
    person = client.get("/v1/people/us1/timeline", params={"as_of": "2025-03-10"}).json()
    assert [e["id"] for e in person["entries"]] == ["e2", "e1", "m1"]
    assert person["entries"][0]["company"] == {"id": "beta", "name": "Beta"}
    assert_problem(client.get("/v1/companies/ann/timeline"), 404)
    assert_problem(client.get("/v1/people/nobody/timeline"), 404)


def test_cli_timeline(srm: Any) -> None:
    shown = srm("timeline", "acme", "--as-of", "2025-03-10")
    assert shown.exit_code == 0, shown.output
    assert "Olaf Once (old)" in shown.output and "Acme (acme)" in shown.output
    body = json.loads(srm("timeline", "us1", "--as-of", "2025-03-10", "--json").output)
    assert [e["id"] for e in body["entries"]] == ["e2", "e1", "m1"]
    assert srm("timeline", "nobody").exit_code == 1


def test_names_and_ids_are_printed_verbatim(settings: Settings, srm: Any) -> None:
    from graph_model.stores import open_store

    store = open_store(settings)
    store.write([NodeUpsert("Person", [{"id": "ann", "name": "Ann [old] :email: Acme"}])])
    store.close()
    shown = srm("timeline", "ann", "--as-of", "2025-03-10")
    assert shown.exit_code == 0, shown.output
    assert "Ann [old] :email: Acme (ann): latest interactions" in shown.output  # its title
