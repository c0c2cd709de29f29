"""``srm serve --workers N``: processes that serve one socket and one store, on each backend."""

from __future__ import annotations

import http.client
import json
import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from graph_model.settings import Settings
from graph_model.store import NodeUpsert
from graph_model.stores import open_store
from tests.conftest import loaded_settings, start_service, stop_service
from tests.neo4j_server import free_port
from tests.network_data import load

PATIENCE = 60.0
"""Seconds after which a wait that should end at once counts as a hang (never a timing)."""

pytestmark = pytest.mark.slow


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, load)


def _get(port: int, url: str) -> tuple[int, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=PATIENCE)
    try:
        conn.request("GET", url)
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def _stat(pid: int) -> list[str]:
    """The fields of ``/proc/PID/stat`` after the command name (state, parent, …); none
    when the process is gone."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return []


def _running(fields: list[str]) -> bool:
    """Whether the process of these stat fields still runs (a zombie has ended)."""
    return fields[:1] not in ([], ["Z"])


def _alive(pid: int) -> bool:
    return _running(_stat(pid))


def _workers(parent: int) -> set[int]:
    """The processes ``parent`` started that still run."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if _running(fields) and int(fields[1]) == parent:
                found.add(int(entry.name))
    return found


def _program(pid: int) -> str:
    """The command line of process ``pid``."""
    return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()


def _until(check: Any, what: str) -> Any:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        try:
            if found := check():
                return found
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {PATIENCE} s")


def test_workers_answer_together_see_other_processes_commits_and_are_replaced(
    settings: Settings, tmp_path: Path
) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    server = start_service(settings, port, log, "--workers", "2")
    try:
        _until(lambda: _get(port, "/readyz")[0] == 200, "the service answering")
        workers = _until(lambda: w if len(w := _workers(server.pid)) == 2 else None, "2 workers")
        # the process that forked them keeps its id but not its copy of the store
        assert _until(lambda: "-m api.supervisor" in _program(server.pid), "the supervisor")
        before = [_get(port, "/v1/strength?a=h1&b=x1&as_of=2025-07-01") for _ in range(20)]
        assert len({json.dumps(answer) for answer in before}) == 1  # every worker agrees
        assert before[0][0] == 200 and before[0][1]["strength"] > 0

        other = open_store(settings)  # another process's commit, seen by every worker
        other.write([NodeUpsert("Company", [{"id": "late", "name": "Late Arrival Ltd"}])])
        other.close()
        answers = [_get(port, "/v1/companies/late") for _ in range(20)]
        assert {status for status, _ in answers} == {200}
        assert {body["name"] for _, body in answers} == {"Late Arrival Ltd"}

        os.kill(min(workers), signal.SIGKILL)  # a worker dies: another takes its place
        replaced = _until(
            lambda: w if len(w := _workers(server.pid)) == 2 and w != workers else None,
            "a new worker",
        )
        assert min(workers) not in replaced
        (new,) = replaced - workers
        assert "-m api.workers" in _program(new)  # started afresh, not forked with the index
        assert [_get(port, "/v1/companies/late")[0] for _ in range(10)] == [200] * 10
    finally:
        code = stop_service(server, PATIENCE)
    assert code == 0
    assert _workers(server.pid) == set()
    text = log.read_text()
    assert text.count("Finished server process") == 2  # both workers stopped cleanly
    assert "Traceback" not in text


def test_a_stop_sent_as_the_workers_start_leaves_no_worker_running(
    settings: Settings, tmp_path: Path
) -> None:
    """SIGTERM the moment the first worker is forked, before the process has become the
    supervisor: the stop waits for it, so the service ends and no worker outlives it."""
    port = free_port()
    server = start_service(settings, port, tmp_path / "serve.log", "--workers", "2")
    try:
        forked = _until(lambda: _workers(server.pid), "a first worker")
    finally:
        code = stop_service(server, PATIENCE)
    assert code in (0, -signal.SIGTERM)  # -SIGTERM: it came before anything was forked
    _until(lambda: not any(_alive(pid) for pid in forked), "the workers stopping")
