"""Many readers at once, a writer beside them, and a service that holds under load."""

from __future__ import annotations

import http.client
import json
import math
import signal
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_model.embedded import follow
from graph_model.embedded.gate import Gate
from graph_model.embedded.store import EmbeddedStore
from graph_model.settings import Settings
from graph_model.store import NodeUpsert, RelRow, RelUpsert, Upsert
from tests.conftest import loaded_settings, start_service, stop_service
from tests.neo4j_server import free_port
from tests.network_data import load

ROOT = Path(__file__).resolve().parent.parent
PATIENCE = 60.0
"""Seconds after which a wait that should end at once counts as a hang (never a timing)."""


class _Paused(Sequence[Upsert]):
    """Upserts that stop after the first, inside the write transaction, until released."""

    def __init__(self, upserts: list[Upsert]) -> None:
        self.upserts = upserts
        self.inside = threading.Event()
        self.release = threading.Event()

    def __len__(self) -> int:
        return len(self.upserts)

    def __getitem__(self, i: Any) -> Any:
        return self.upserts[i]

    def __iter__(self) -> Iterator[Upsert]:
        yield self.upserts[0]
        self.inside.set()
        assert self.release.wait(PATIENCE), "the test never released the write"
        yield from self.upserts[1:]


def _newcomers() -> list[Upsert]:
    return [
        NodeUpsert("Company", [{"id": "z", "name": "Zed Ltd", "tier": "key"}]),
        NodeUpsert("Person", [{"id": "z1", "name": "Zoe Zed", "seniority": "executive"}]),
        RelUpsert("WORKS_AT", [RelRow("z1", "z", {})]),
    ]


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, load)


def test_questions_are_answered_while_a_write_is_open_and_see_it_only_once_committed(
    settings: Settings,
) -> None:
    with TestClient(create_app(settings)) as client:
        store = client.app.state.store
        paused = _Paused(_newcomers())
        writer = threading.Thread(target=store.write, args=(paused,))
        writer.start()
        try:
            assert paused.inside.wait(PATIENCE)
            with ThreadPoolExecutor(8) as pool:  # would wait for ever behind a global lock
                answers = list(
                    pool.map(
                        lambda url: client.get(url),
                        ["/v1/strength?a=h1&b=x1", "/v1/companies/x/coverage", "/v1/stats"] * 4,
                        timeout=PATIENCE,
                    )
                )
            assert [a.status_code for a in answers] == [200] * 12
            assert client.get("/v1/companies/z").status_code == 404  # not committed yet
            assert answers[2].json()["labels"]["Company"] == 3
        finally:
            paused.release.set()
            writer.join(PATIENCE)
        assert client.get("/v1/companies/z").json()["name"] == "Zed Ltd"
        assert client.get("/v1/stats").json()["labels"]["Company"] == 4


def test_a_read_keeps_the_index_it_started_with(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    load(store)
    reading, committed, checked = threading.Event(), threading.Event(), []
    tie = store.index.tie("h1", "x1")
    assert tie is not None
    before_count = tie.count

    def aggregates() -> tuple[float, int]:
        tie = store.index.tie("h1", "x1")
        assert tie is not None
        return tie.weight, tie.count

    def reader() -> None:
        with store.reader():
            before = aggregates()
            reading.set()
            assert committed.wait(PATIENCE)
            checked.append(aggregates() == before and "z" not in store.index.graph)

    thread = threading.Thread(target=reader)
    thread.start()
    assert reading.wait(PATIENCE)
    other = EmbeddedStore(tmp_path)  # another process's commit
    met = {"id": "met", "kind": "meeting", "occurred_at": datetime(2026, 1, 5, tzinfo=UTC)}
    other.write(
        [
            *_newcomers(),
            NodeUpsert("Interaction", [met]),
            RelUpsert("PARTICIPATED_IN", [RelRow("h1", "met"), RelRow("x1", "met")]),
        ]
    )
    other.close()
    committed.set()
    thread.join(PATIENCE)
    assert checked == [True]
    with store.reader():
        assert "z" in store.index.graph
        assert aggregates()[1] == before_count + 1
    store.close()


def test_readers_go_on_while_a_catch_up_reads_and_see_it_once_swapped_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = EmbeddedStore(tmp_path)
    load(store)
    store.warm_up()
    staging, release = threading.Event(), threading.Event()
    stage = follow.stage

    def slow_stage(*args: Any) -> follow.Staged:
        staged = stage(*args)
        staging.set()
        assert release.wait(PATIENCE), "the test never released the catch-up"
        return staged

    monkeypatch.setattr(follow, "stage", slow_stage)
    other = EmbeddedStore(tmp_path)  # another process's commit
    other.write(_newcomers())
    other.close()
    store._asked = -math.inf
    catching_up = threading.Thread(target=store.warm_up)
    catching_up.start()
    try:
        assert staging.wait(PATIENCE)
        with ThreadPoolExecutor(4) as pool:  # not one of them waits for the catch-up
            seen = list(pool.map(lambda _: _sees_zed(store), range(8), timeout=PATIENCE))
        assert seen == [False] * 8
    finally:
        release.set()
        catching_up.join(PATIENCE)
    assert _sees_zed(store)
    store.close()


def _sees_zed(store: EmbeddedStore) -> bool:
    with store.reader():
        return "z" in store.index.graph and store.index.people.get("z1") is not None


def test_a_write_returns_with_its_rows_in_the_index(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    load(store)
    index = store.index
    store.write(_newcomers())
    assert store._index is index and "z" in index.graph and index.people["z1"].name == "Zoe Zed"
    assert index.job("z1", "z") == (None, None)
    store.close()


def test_a_waiting_catch_up_goes_before_new_readers_and_readers_reenter() -> None:
    gate, order = Gate(), []
    with gate.shared():
        writer = threading.Thread(target=lambda: _record(gate.alone(), order, "catch-up"))
        writer.start()
        while not gate._writers_waiting:
            threading.Event().wait(0.001)
        late = threading.Thread(target=lambda: _record(gate.shared(), order, "new reader"))
        late.start()
        with gate.shared():  # the same reader again: at once, although a writer waits
            order.append("reentered")
    writer.join(PATIENCE)
    late.join(PATIENCE)
    assert order == ["reentered", "catch-up", "new reader"]
    with gate.shared(), pytest.raises(RuntimeError):
        gate.alone().__enter__()


def _record(context: Any, order: list[str], name: str) -> None:
    with context:
        order.append(name)


def _get(port: int, url: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=PATIENCE)
    try:
        conn.request("GET", url)
        response = conn.getresponse()
        json.loads(response.read())
        return response.status
    finally:
        conn.close()


def _started(port: int) -> None:
    """Wait until the service on ``port`` answers."""
    for _ in range(int(PATIENCE * 10)):
        try:
            if _get(port, "/healthz") == 200:
                return
        except OSError:
            threading.Event().wait(0.1)
    raise AssertionError("the service did not start")


def test_the_service_answers_200_requests_at_once_and_stops_on_sigterm(
    settings: Settings, tmp_path: Path
) -> None:
    port = free_port()
    server = start_service(settings, port, tmp_path / "serve.log")
    try:
        _started(port)
        urls = [
            "/v1/strength?a=h1&b=x1",
            "/v1/paths?from=h3&to=x&as_of=2025-07-01",
            "/v1/companies/x/coverage",
            "/v1/stats",
            "/healthz",
        ] * 40
        with ThreadPoolExecutor(200) as pool:
            statuses = list(pool.map(lambda url: _get(port, url), urls, timeout=PATIENCE * 2))
        assert statuses == [200] * 200
        assert _get(port, "/readyz") == 200
    finally:
        code = stop_service(server, PATIENCE)
    # uvicorn shuts down gracefully, then exits by the signal it caught
    assert code in (0, -signal.SIGTERM)
    assert "Finished server process" in (tmp_path / "serve.log").read_text()


def test_heavy_questions_beyond_their_slots_get_a_quick_503_while_others_are_answered(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.routes import paths as paths_route

    inside, release = threading.Event(), threading.Event()
    answer = paths_route.configured_paths

    def held(*args: Any, **kwargs: Any) -> Any:
        inside.set()
        assert release.wait(PATIENCE), "the test never released the path question"
        return answer(*args, **kwargs)

    monkeypatch.setattr(paths_route, "configured_paths", held)
    busy = settings.model_copy(update={"heavy_slots": 1, "busy_wait_seconds": 0.2})
    with TestClient(create_app(busy)) as client, ThreadPoolExecutor(2) as pool:
        first = pool.submit(client.get, "/v1/paths", params={"from": "h3", "to": "x"})
        try:
            assert inside.wait(PATIENCE)
            second = client.get("/v1/paths", params={"from": "h1", "to": "y"})
            assert second.status_code == 503
            assert second.headers["retry-after"] == "2"
            assert "1 heavy question is being answered" in second.json()["detail"]
            assert client.get("/v1/strength", params={"a": "h1", "b": "x1"}).status_code == 200
            assert client.get("/healthz").status_code == 200
        finally:
            release.set()
        assert first.result(PATIENCE).status_code == 200
        assert client.get("/v1/paths", params={"from": "h1", "to": "y"}).status_code == 200
