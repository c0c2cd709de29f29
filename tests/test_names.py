"""Names beside ids, on every backend: who a person is and where they work on ``as_of``, read
once for a whole answer.

The network is tests/network_data.py: x4 left x at the end of 2024; h2 also works at y
from 2025-03-01 below.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graph_model.store import GraphStore, RelRow, RelUpsert
from queries.names import Names
from queries.paths import paths
from queries.view import network_view
from tests.conftest import recorded_reads
from tests.network_data import AS_OF, load

HOME = {"id": "h", "name": "Home AG"}
YARROW = {"id": "y", "name": "Yarrow Furniture Ltd"}


@pytest.fixture
def network(store: GraphStore) -> GraphStore:
    load(store)
    since = datetime(2025, 3, 1, tzinfo=UTC)
    store.write([RelUpsert("WORKS_AT", [RelRow("h2", "y", {"started_at": since})])])
    return store


def test_people_and_their_companies_on_as_of(network: GraphStore) -> None:
    names = Names(network_view(network, AS_OF), ["h1", "h2", "x4", "nobody"], ["y", "zz"])
    assert [names.person(p).model_dump() for p in ("h1", "h2", "x4", "nobody")] == [
        {"id": "h1", "name": "Hanna Keller", "kind": "person", "company": HOME},
        # at h and, since later, at y: the latest started
        {"id": "h2", "name": "Henrik Vogt", "kind": "person", "company": YARROW},
        # x4 left x on 2024-12-31: no company now
        {"id": "x4", "name": "Xander Roth", "kind": "person", "company": None},
        # an id the store does not know stands as its own name
        {"id": "nobody", "name": "nobody", "kind": "person", "company": None},
    ]
    assert (names.held("h2"), names.employer_of("h2")) == (["h", "y"], names.company("y"))
    assert names.company("y").model_dump() == YARROW
    assert names.company("zz").name == "zz"
    assert names.node("y", "company").model_dump() == {**YARROW, "kind": "company", "company": None}


def test_a_former_employer_on_an_earlier_as_of(network: GraphStore) -> None:
    names = Names(network_view(network, AS_OF - timedelta(days=365)), ["x4", "h2"])
    assert names.employer_of("x4") == names.company("x")
    assert names.company("x").name == "Xylo Retail GmbH"
    assert (names.held("h2"), names.employer_of("h2")) == (["h"], names.company("h"))  # not at y


def test_nothing_asked_reads_nothing(network: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    view = network_view(network, AS_OF)
    reads = recorded_reads(network, monkeypatch)
    names = Names(view)
    assert (names.people, names.companies, reads) == ({}, {}, [])


def test_one_read_names_every_path(network: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = recorded_reads(network, monkeypatch)
    found = paths(network, "h2", "x2", k=3, as_of=AS_OF)
    assert len(found.paths) == 3
    named = [params for query, params in reads if "AS companies" in query]
    assert named == [{"people": ["h1", "h2", "x1", "x2"], "companies": ["h", "x"]}]
    assert [n.name for n in found.paths[0].named_nodes] == [
        "Henrik Vogt",
        "Xenia Lorenz",
        "Xylo Retail GmbH",
        "Xaver Maier",
    ]
