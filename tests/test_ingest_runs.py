"""Periodic ingest: dry runs, snapshots, the drop folder, uploads, and runs that are killed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_model.embedded.store import DB_FILE, EmbeddedStore
from graph_model.settings import Settings
from graph_model.store import GraphStore, NodeUpsert
from graph_model.stores import open_store
from ingest.generate import generate
from ingest.pipeline import IngestOptions, ingest
from ingest.result import RUNNER
from ingest.runs import fail_interrupted, list_runs
from ingest.watch import DropFolderBusy, drop_folder_lock, watch
from ingest.writer import FileCounts
from tests.conftest import assert_problem
from tests.test_ingest_canonical import COMPANIES, INTERACTIONS, PEOPLE, write_export

ROOT = Path(__file__).resolve().parent.parent
BOOKKEEPING = ("n_ingestrun", "n_auditentry")
"""Tables of what happened, not of the graph: two runs that end alike differ there."""


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return write_export(
        tmp_path / "export", companies=COMPANIES, people=PEOPLE, interactions=INTERACTIONS
    )


def test_dry_run_reports_exactly_and_writes_nothing(store: GraphStore, export: Path) -> None:
    before = store.counts()
    rehearsal = ingest(store, export, IngestOptions(dry_run=True))
    assert rehearsal.dry_run
    assert rehearsal.files["people.csv"] == FileCounts(
        read=6, created=5, rejected=1, rejected_values=2
    )
    assert rehearsal.files["interactions.csv"] == FileCounts(
        read=4, created=3, rejected=1, rejected_values=2
    )
    assert store.counts() == before
    assert list_runs(store) == []
    real = ingest(store, export)
    assert real.files == rehearsal.files
    again = ingest(store, export, IngestOptions(dry_run=True))
    assert not again.changed


def test_snapshot_ends_missing_employment_and_keeps_people(store: GraphStore, export: Path) -> None:
    ingest(store, export)
    without_bob = PEOPLE.replace("p2,Bob,bob@acme.de,c1,CEO,,,\n", "")
    (export / "people.csv").write_text(without_bob, encoding="utf-8")
    partial = ingest(store, export)
    assert partial.ended_employment == []
    result = ingest(store, export, IngestOptions(snapshot=True))
    assert result.ended_employment == ["p2"]
    assert store.get_node("Person", "p2") is not None
    [job] = store.relationships("WORKS_AT", start="p2")
    assert job.props["ended_at"] == result.started_at
    [still] = store.relationships("WORKS_AT", start="p3")
    assert "ended_at" not in still.props
    assert ingest(store, export, IngestOptions(snapshot=True)).ended_employment == []


def test_drop_folder_ingests_each_batch_once(store: GraphStore, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    write_export(
        drop / "2025-03-01",
        companies="id,name\nc1,Acme\n",
        people="id,name,company_id\np1,Ann,c1\np2,Bob,c1\n",
    )
    write_export(drop / "broken", companies="id,title\nc1,x\n")
    (drop / "interactions.csv").write_text(
        "id,kind,occurred_at,participant_ids\ni1,meeting,2025-01-01,p1;p2\n"
        "i2,call,2025-01-02,p1;p2\ni3,email,2025-01-03,p2;p1\n",
        encoding="utf-8",
    )
    old = time.time() - 60
    for path in drop.rglob("*"):
        os.utime(path, (old, old))
    seen: list[str] = []

    def run(source: Path) -> bool:
        seen.append(sorted(p.name for p in source.iterdir())[0])
        return ingest(store, source).reject_share <= 0.1

    assert watch(drop, run, once=True) == 3
    assert seen == ["companies.csv", "companies.csv", "interactions.csv"]
    processed = sorted(p.name.split("-", 1)[1] for p in (drop / "processed").iterdir())
    failed = [p.name.split("-", 1)[1] for p in (drop / "failed").iterdir()]
    assert (processed, failed) == (["2025-03-01", "loose-files"], ["broken"])
    assert watch(drop, run, once=True) == 0
    assert store.counts().labels["Interaction"] == 3


def test_drop_folder_lock_keeps_runs_apart(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from ingest.watch import drop_folder_lock\n"
            "with drop_folder_lock(Path(sys.argv[1])):\n print('locked', flush=True); time.sleep(30)",
            str(tmp_path),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with (
            pytest.raises(DropFolderBusy, match="another ingest is working on"),
            drop_folder_lock(tmp_path),
        ):
            pass
    finally:
        holder.kill()
        holder.wait()
    with drop_folder_lock(tmp_path):
        pass


def test_upload_is_a_job_followed_at_its_url(blank_settings: Settings, export: Path) -> None:
    with TestClient(create_app(blank_settings)) as client:
        files = [("files", (p.name, p.read_bytes(), "text/csv")) for p in sorted(export.iterdir())]
        response = client.post("/v1/ingest", files=files, data={"format": "canonical"})
        assert response.status_code == 202
        started = response.json()
        assert started["status"] in ("queued", "running", "succeeded")
        assert response.headers["location"] == started["url"] == f"/v1/ingest/runs/{started['id']}"
        client.app.state.jobs.wait(started["id"], timeout=60)
        body = client.get(started["url"]).json()
        assert (body["status"], body["dry_run"], body["error"]) == ("succeeded", False, None)
        assert body["progress"]["people"] == 6
        summary = body["summary"]
        assert summary["run"]["id"] == body["run"]["id"] == started["id"]
        assert summary["run"]["files"]["people.csv"] == {
            "read": 6,
            "created": 5,
            "updated": 0,
            "unchanged": 0,
            "rejected": 1,
            "rejected_values": 2,
            "left_out": 0,
        }
        assert summary["changed"] is True
        assert sorted(summary["run"]["file_hashes"]) == sorted(p.name for p in export.iterdir())
        assert summary["rejects"][0]["file"] == "companies.csv"
        runs = client.get("/v1/ingest/runs").json()["runs"]
        assert [r["id"] for r in runs] == [started["id"]]
        assert runs[0]["status"] == "succeeded"
        assert runs[0]["read"] == 14
        names = ", ".join(sorted(p.name for p in export.iterdir()))
        assert runs[0]["source"] == body["run"]["source"] == f"upload: {names}"  # no temp path
        bad = client.post("/v1/ingest", files=[("files", ("notes.txt", b"x", "text/plain"))])
        assert_problem(bad, 422)
        assert_problem(client.get("/v1/ingest/runs/run-nothing"), 404)
    with TestClient(create_app(blank_settings)) as client:  # another process, later
        body = client.get(started["url"]).json()
        assert (body["status"], body["summary"], body["run"]["read"]) == ("succeeded", None, 14)


def test_a_dry_run_job_tells_what_it_would_do_and_stores_no_run(
    blank_settings: Settings, export: Path
) -> None:
    with TestClient(create_app(blank_settings)) as client:
        files = [("files", (p.name, p.read_bytes(), "text/csv")) for p in sorted(export.iterdir())]
        started = client.post("/v1/ingest", files=files, data={"dry_run": "true"}).json()
        client.app.state.jobs.wait(started["id"], timeout=60)
        body = client.get(started["url"]).json()
        assert (body["status"], body["dry_run"], body["run"]) == ("succeeded", True, None)
        assert body["summary"]["run"]["files"]["people.csv"]["created"] == 5
        assert client.get("/v1/stats").json()["labels"]["Person"] == 0
        assert client.get("/v1/ingest/runs").json()["runs"] == []


def test_a_run_left_running_by_a_dead_process_is_marked_failed(blank_settings: Settings) -> None:
    store = open_store(blank_settings)  # as a killed process leaves it
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], check=True, capture_output=True
    )
    runner = f"{RUNNER.rsplit(':', 1)[0]}:{int(dead.stdout)}"
    alive = f"{RUNNER.rsplit(':', 1)[0]}:{os.getpid()}"
    started = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [
        {"id": run_id, "source": "x", "status": "running", "started_at": started, "runner": who}
        for run_id, who in (("run-dead", runner), ("run-alive", alive), ("run-far", "elsewhere:1"))
    ]
    store.write([NodeUpsert("IngestRun", rows)])
    store.close()
    with TestClient(create_app(blank_settings)) as client:
        runs = {r["id"]: r for r in client.get("/v1/ingest/runs").json()["runs"]}
        assert runs["run-dead"]["status"] == "failed"
        assert "interrupted" in runs["run-dead"]["error"]
        assert runs["run-alive"]["status"] == runs["run-far"]["status"] == "running"


def _dump(data_dir: Path) -> list[tuple[object, ...]]:
    """Every node and relationship row, without the bookkeeping columns."""
    conn = sqlite3.connect(data_dir / DB_FILE)
    rows: list[tuple[object, ...]] = []
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in sorted(t for t in tables if t[:2] in ("n_", "r_") and t not in BOOKKEEPING):
        columns = [c[1] for c in conn.execute(f"PRAGMA table_info({table})")]
        kept = [c for c in columns if not c.startswith("_")]
        quoted = ", ".join(f'"{c}"' for c in kept)
        rows += [
            (table, *r) for r in conn.execute(f"SELECT {quoted} FROM {table} ORDER BY 1, 2, 3")
        ]
    conn.close()
    return rows


@pytest.mark.slow
def test_a_killed_run_completes_to_the_same_end_state(tmp_path: Path) -> None:
    export = tmp_path / "export"
    generate(
        export,
        seed=5,
        companies=30,
        people=300,
        interactions=30000,
        end=datetime(2026, 6, 30, tzinfo=UTC).date(),
    )
    env = os.environ | {"SRM_DATA_DIR": str(tmp_path / "killed"), "SRM_BATCH_SIZE": "500"}
    command = [sys.executable, "-m", "api.cli", "ingest", str(export), "--no-progress"]
    victim = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    db = tmp_path / "killed" / DB_FILE
    deadline = time.monotonic() + 60
    interactions = 0
    while time.monotonic() < deadline and victim.poll() is None:
        if db.exists():
            try:
                conn = sqlite3.connect(db, timeout=0.1)
                interactions = conn.execute("SELECT count(*) FROM n_interaction").fetchone()[0]
                conn.close()
            except sqlite3.OperationalError:
                interactions = 0
        if interactions >= 2000:
            victim.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    victim.wait()
    assert victim.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert 2000 <= interactions < 30000

    killed = EmbeddedStore(tmp_path / "killed")
    assert killed.counts().labels["Interaction"] < 30000
    [interrupted] = list_runs(killed)
    assert interrupted.status == "running"
    assert fail_interrupted(killed) == [interrupted.id]
    [marked] = list_runs(killed)
    assert (marked.status, marked.error) == ("failed", interrupted_error(victim.pid))
    resumed = ingest(killed, export)
    assert resumed.files["interactions.csv"].created == 30000 - killed_count(resumed)
    killed.close()

    clean = EmbeddedStore(tmp_path / "clean")
    ingest(clean, export)
    clean.close()
    assert _dump(tmp_path / "killed") == _dump(tmp_path / "clean")


def interrupted_error(pid: int) -> str:
    runner = f"{RUNNER.rsplit(':', 1)[0]}:{pid}"
    return f"interrupted: the process that ran it ({runner}) ended before it did"


def killed_count(result: object) -> int:
    counts = result.files["interactions.csv"]  # type: ignore[attr-defined]
    return int(counts.unchanged + counts.updated)


def test_uploads_over_the_limit_and_unsafe_archives_are_refused(
    blank_settings: Settings, tmp_path: Path
) -> None:
    small = blank_settings.model_copy(update={"upload_limit_mib": 1})
    climbing = tmp_path / "climbing.zip"
    with zipfile.ZipFile(climbing, "w") as archive:
        archive.writestr("../people.csv", "id,name\np1,Ann\n")
    with TestClient(create_app(small)) as client:
        big = [("files", ("people.csv", b"id,name\n" + b"p,x\n" * 300_000, "text/csv"))]
        too_large = client.post("/v1/ingest", files=big)
        assert_problem(too_large, 413)
        assert "SRM_UPLOAD_LIMIT_MIB" in too_large.json()["detail"]
        refused = client.post(
            "/v1/ingest", files=[("files", ("e.zip", climbing.read_bytes(), "application/zip"))]
        )
        assert_problem(refused, 422)
        assert "'../people.csv'" in refused.json()["detail"]
        twice = [
            ("files", ("a.csv", b"id\n", "text/csv")),
            ("files", ("A.csv", b"id\n", "text/csv")),
        ]
        assert_problem(client.post("/v1/ingest", files=twice), 422)
        runs = client.get("/v1/ingest/runs").json()["runs"]  # the archive it could not read
        assert [(r["status"], r["source"]) for r in runs] == [("failed", "upload: e.zip")]


def test_a_snapshot_upload_is_confirmed_after_a_dry_run(
    blank_settings: Settings, export: Path
) -> None:
    with TestClient(create_app(blank_settings)) as client:
        files = [("files", (p.name, p.read_bytes(), "text/csv")) for p in sorted(export.iterdir())]
        first = client.post("/v1/ingest", files=files).json()
        client.app.state.jobs.wait(first["id"], timeout=60)
        people = (
            (export / "people.csv").read_bytes().replace(b"p2,Bob,bob@acme.de,c1,CEO,,,\n", b"")
        )
        fewer = [f for f in files if f[1][0] != "people.csv"]
        fewer.append(("files", ("people.csv", people, "text/csv")))
        unconfirmed = client.post("/v1/ingest", files=fewer, data={"snapshot": "true"})
        assert_problem(unconfirmed, 422)
        assert "confirm_snapshot=true" in unconfirmed.json()["detail"]
        rehearsal = client.post(
            "/v1/ingest", files=fewer, data={"snapshot": "true", "dry_run": "true"}
        ).json()
        client.app.state.jobs.wait(rehearsal["id"], timeout=60)
        would = client.get(rehearsal["url"]).json()["summary"]["ended_employment"]
        assert would == ["p2"]
        assert client.get("/v1/people/p2").json()["employment"][0]["current"] is True
        data = {"snapshot": "true", "confirm_snapshot": "true"}
        done = client.post("/v1/ingest", files=fewer, data=data).json()
        client.app.state.jobs.wait(done["id"], timeout=60)
        assert client.get(done["url"]).json()["summary"]["ended_employment"] == would
        assert client.get("/v1/people/p2").json()["employment"][0]["current"] is False
