"""Every list route pages the same way: limit and cursor in, next_cursor and more out."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_model.settings import Settings
from graph_model.store import GraphStore, NodeUpsert, RelRow, RelUpsert
from tests.conftest import assert_problem, loaded_settings
from tests.test_network import seed

LISTS = {
    "/v1/companies": "companies",
    "/v1/coverage?as_of=2025-07-01": "accounts",
    "/v1/reciprocity?as_of=2025-07-01": "pairs",
    "/v1/network/brokers?as_of=2025-07-01": "brokers",
    "/v1/relationships/at-risk?as_of=2026-01-17&window_days=150&min_strength=0": "ties",
    "/v1/ingest/runs": "runs",
}


def _runs(store: GraphStore) -> None:
    """The network with its trade, two more mutual pairs and three ingest runs."""
    seed(store)
    runs = [
        {
            "id": f"run-{i}",
            "source": "x",
            "status": "succeeded",
            "started_at": datetime(2025, i, 1, tzinfo=UTC),
        }
        for i in range(1, 4)
    ]
    store.write(
        [
            NodeUpsert("IngestRun", runs),
            RelUpsert(
                "SUPPLIES",
                [
                    RelRow("h", "y", {"category": "software"}),
                    RelRow("x", "y", {"category": "paper"}),
                    RelRow("y", "x", {"category": "desks"}),
                ],
            ),
        ]
    )


@pytest.fixture
def client(blank_settings: Settings) -> Any:
    every_tie = blank_settings.model_copy(update={"path_min_strength": 0.0})  # two brokers
    with TestClient(create_app(loaded_settings(every_tie, _runs))) as test_client:
        yield test_client


@pytest.mark.parametrize("url, field", LISTS.items())
def test_pages_of_one_add_up_to_the_whole_list(client: TestClient, url: str, field: str) -> None:
    path, _, query = url.partition("?")
    asked = dict(parse_qsl(query))
    whole = client.get(path, params=asked | {"limit": 100}).json()
    assert (whole["more"], whole["next_cursor"]) == (False, None)
    assert len(whole[field]) >= 2, "the data should give a list of two or more"
    pages, cursor = [], None
    while True:
        params: dict[str, Any] = asked | {"limit": 1} | ({"cursor": cursor} if cursor else {})
        page = client.get(path, params=params).json()
        pages += page[field]
        assert page["more"] == (page["next_cursor"] is not None)
        if not page["more"]:
            break
        cursor = page["next_cursor"]
    assert pages == whole[field]


@pytest.mark.parametrize("url", LISTS)
def test_a_cursor_that_is_not_one_is_a_422(client: TestClient, url: str) -> None:
    assert_problem(client.get(url, params={"cursor": "abc"}), 422, ["cursor"])
