"""What only the embedded store promises: durability, and catching up with other writers."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph_model.embedded.store import EmbeddedStore
from graph_model.store import NodeUpsert, RelRow, RelUpsert, StoreUnavailable
from queries.at_risk.embedded import LAST_ACTIVITY
from queries.view import NetworkView, network_view

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 1, 5, tzinfo=UTC)


def test_data_survives_a_restart(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.write([NodeUpsert("Company", [{"id": "c1", "name": "Acme"}])])
    store.close()
    reopened = EmbeddedStore(tmp_path)
    assert reopened.get_node("Company", "c1") == {"id": "c1", "name": "Acme"}
    assert list(reopened.index.graph.nodes) == ["c1"]
    reopened.close()


def test_a_file_that_is_not_a_database_is_refused_as_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    path.write_bytes(b"PK\x03\x04" + bytes(8192))  # a zip archive put in its place
    with pytest.raises(StoreUnavailable, match=f"cannot open the embedded store at {path}: "):
        EmbeddedStore(tmp_path)
    assert path.read_bytes()[:4] == b"PK\x03\x04"


def test_rows_land_in_their_order_across_the_statements_that_write_them(tmp_path: Path) -> None:
    """Rows go fifty to an INSERT statement: one repeating an earlier row's key, in another
    statement or the remainder, still lands after it, and each row's outcome is its own."""
    store = EmbeddedStore(tmp_path)
    rows = [{"id": f"c{i:03}", "name": f"Company {i}"} for i in range(120)]
    created = store.write([NodeUpsert("Company", [*rows, {"id": "c005", "name": "Renamed"}])])
    assert created == [["created"] * 121]
    assert store.get_node("Company", "c005") == {"id": "c005", "name": "Renamed"}
    again = [*rows[:60], {"id": "c070", "name": "Company 70"}, {"id": "c007", "name": "Last"}]
    outcomes = store.write([NodeUpsert("Company", again)])[0]
    assert outcomes[5] == outcomes[7] == outcomes[-1] == "updated"
    assert outcomes.count("unchanged") == len(again) - 3
    assert store.get_node("Company", "c007") == {"id": "c007", "name": "Last"}
    assert store.counts().labels["Company"] == 120
    store.close()


def test_index_follows_own_writes(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    graph = store.index.graph
    store.write(
        [
            NodeUpsert("Company", [{"id": "c1", "name": "Acme"}]),
            NodeUpsert("Person", [{"id": "p1", "name": "Ann"}]),
            RelUpsert("WORKS_AT", [RelRow("p1", "c1", {})]),
        ]
    )
    assert store.index.graph is graph
    assert graph.nodes["c1"]["name"] == "Acme"
    assert store.index.job("p1", "c1") == (None, None)
    store.write([NodeUpsert("Company", [{"id": "c1", "name": "Acme Group", "country": "DE"}])])
    store.write([NodeUpsert("Company", [{"id": "c1", "name": "Acme Group"}])])
    assert store.index.graph.nodes["c1"] == {"id": "c1", "name": "Acme Group", "label": "Company"}
    store.close()


def test_service_sees_another_process_commit_within_a_second(tmp_path: Path) -> None:
    service = EmbeddedStore(tmp_path)
    service.write([NodeUpsert("Company", [{"id": f"c{i}", "name": f"C{i}"} for i in range(500)])])
    index = service.index
    applied_before = index.applied
    writer = textwrap.dedent(f"""
        from pathlib import Path
        from graph_model.embedded.store import EmbeddedStore
        from graph_model.store import NodeUpsert
        store = EmbeddedStore(Path({str(tmp_path)!r}))
        store.write([NodeUpsert("Company", [{{"id": "new", "name": "From cron"}}])])
        store.close()
    """)
    subprocess.run([sys.executable, "-c", writer], check=True, cwd=ROOT)
    deadline = time.monotonic() + 1.0
    while "new" not in service.index.graph and time.monotonic() < deadline:
        time.sleep(0.05)
    assert service.index is index
    assert service.index.graph.nodes["new"]["name"] == "From cron"
    assert index.applied - applied_before == 1  # only the new row was read, not all 501
    service.close()


def test_two_writers_are_serialised(tmp_path: Path) -> None:
    writer = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from graph_model.embedded.store import EmbeddedStore
        from graph_model.store import NodeUpsert
        store = EmbeddedStore(Path({str(tmp_path)!r}))
        tag = sys.argv[1]
        for batch in range(20):
            rows = [{{"id": f"{{tag}}-{{batch}}-{{i}}", "name": tag}} for i in range(200)]
            store.write([NodeUpsert("Company", rows)])
        store.close()
    """)
    EmbeddedStore(tmp_path).close()
    procs = [subprocess.Popen([sys.executable, "-c", writer, tag], cwd=ROOT) for tag in ("a", "b")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    store = EmbeddedStore(tmp_path)
    assert store.counts().labels["Company"] == 8000
    assert store.index.graph.number_of_nodes() == 8000
    store.close()


def _indexes(store: EmbeddedStore, table: str) -> set[str]:
    rows = store._conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        (table,),
    )
    return {name for (name,) in rows}


def _plan(store: EmbeddedStore, query: str) -> str:
    """How SQLite would run ``query`` on the store, as text."""
    return str(store._conn.execute(f"EXPLAIN QUERY PLAN {query}").fetchall())


def test_a_bulk_load_into_empty_tables_builds_their_indexes_at_the_end(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.write([NodeUpsert("Person", [{"id": "p1", "name": "Ann"}])])
    full = {"r_participated_in__seq", "r_participated_in__start"}
    assert _indexes(store, "r_participated_in") == full
    with store.bulk_load():
        assert _indexes(store, "r_participated_in") == set()  # empty: built at the end
        assert "n_person__seq" in _indexes(store, "n_person")  # has rows: kept
        store.write(
            [
                NodeUpsert("Interaction", [{"id": "m1", "kind": "call", "occurred_at": NOW}]),
                RelUpsert("PARTICIPATED_IN", [RelRow("p1", "m1")]),
            ]
        )
    assert _indexes(store, "r_participated_in") == full
    plan = _plan(store, "SELECT * FROM r_participated_in WHERE start = 'p1'")
    assert "r_participated_in__start" in plan
    store.close()


def test_indexes_a_dead_bulk_load_dropped_are_built_when_the_store_opens(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store._drop_indexes_of_empty_tables()  # what a load that dies leaves behind
    assert _indexes(store, "r_participated_in") == set()
    store.close()
    reopened = EmbeddedStore(tmp_path)
    assert _indexes(reopened, "r_participated_in") == {
        "r_participated_in__seq",
        "r_participated_in__start",
    }
    reopened.close()


def test_an_index_an_older_version_made_on_other_columns_is_made_again(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store._conn.execute("DROP INDEX r_participated_in__start")
    store._conn.execute("CREATE INDEX r_participated_in__start ON r_participated_in(start)")
    store.close()
    reopened = EmbeddedStore(tmp_path)
    columns = reopened._conn.execute("PRAGMA index_info(r_participated_in__start)").fetchall()
    assert [c[2] for c in columns] == ["start", "end"]
    plan = _plan(reopened, "SELECT \"end\" FROM r_participated_in WHERE start = 'p1'")
    assert "COVERING INDEX r_participated_in__start" in plan
    reopened.close()


def test_when_accounts_were_last_named_is_read_from_an_index_alone(tmp_path: Path) -> None:
    """At-risk's last activity of the accounts, from a store whose index on the interactions'
    company an older version made on that column alone."""
    store = EmbeddedStore(tmp_path)
    store._conn.execute("DROP INDEX n_interaction__company_id")
    store._conn.execute("CREATE INDEX n_interaction__company_id ON n_interaction(company_id)")
    store.close()
    reopened = EmbeddedStore(tmp_path)
    plan = _plan(reopened, LAST_ACTIVITY.format(ids="'c1', 'c2'").replace("?", "0"))
    assert "COVERING INDEX n_interaction__company_id (company_id=? AND occurred_at<?)" in plan
    reopened.close()


def test_a_scan_the_store_is_closed_under_is_interrupted_and_closes_its_own_connection(
    tmp_path: Path,
) -> None:
    """As a search being prepared in a thread when the service stops meanwhile: the scan's
    next read raises ``sqlite3.OperationalError`` (which the preparing thread logs) and the
    scan closes its connection itself. Closed from under a statement, it crashed SQLite."""
    store = EmbeddedStore(tmp_path)
    store.write([NodeUpsert("Company", [{"id": f"c{i:02d}", "name": f"C {i}"} for i in range(50)])])
    reading, closed = threading.Event(), threading.Event()
    seen: dict[str, object] = {}

    def scan() -> None:
        try:
            with store.scanning() as conn:
                seen["conn"] = conn
                rows = conn.execute("SELECT id FROM n_company ORDER BY id")
                seen["first"] = next(rows)
                reading.set()
                closed.wait(10)
                seen["rest"] = rows.fetchall()
        except sqlite3.Error as exc:
            seen["error"] = exc

    thread = threading.Thread(target=scan)
    thread.start()
    assert reading.wait(10)
    store.close()
    closed.set()
    thread.join(10)
    assert seen["first"] == ("c00",)
    assert isinstance(seen["error"], sqlite3.OperationalError), seen["error"]
    assert "interrupt" in str(seen["error"])
    conn = seen["conn"]
    assert isinstance(conn, sqlite3.Connection)
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        conn.execute("SELECT 1")
    assert store._db._opened == [] and store._db._scans == set()


def test_a_store_closed_while_another_thread_writes_waits_for_the_write(tmp_path: Path) -> None:
    """As the service stopping while an uploaded export is ingested: the batch under way
    commits, then the writer's next write raises ``sqlite3.ProgrammingError``. Closing the
    connection under the statement crashed the process (run apart for that reason)."""
    script = textwrap.dedent(
        f"""
        import sqlite3, threading, time
        from graph_model.embedded.store import EmbeddedStore
        from graph_model.store import NodeUpsert

        store = EmbeddedStore({str(tmp_path)!r})
        errors, written, started = [], [], threading.Event()

        def write():
            try:
                for batch in range(1000):
                    rows = [{{"id": f"c{{batch}}-{{i}}", "name": "C"}} for i in range(20000)]
                    started.set()
                    store.write([NodeUpsert("Company", rows)])
                    written.append(batch)
            except sqlite3.Error as exc:
                errors.append(exc)

        writer = threading.Thread(target=write)
        writer.start()
        started.wait()
        time.sleep(0.3)
        store.close()
        writer.join(60)
        print(type(errors[0]).__name__, len(written))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    error, batches = done.stdout.split()
    assert error == "ProgrammingError"
    count = sqlite3.connect(tmp_path / "graph.sqlite").execute("SELECT count(*) FROM n_company")
    assert count.fetchone()[0] == 20000 * int(batches)  # every batch written whole, none in part


def test_a_store_closed_while_a_request_reads_waits_for_the_read(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.write([NodeUpsert("Company", [{"id": f"c{i:02d}", "name": "C"} for i in range(50)])])
    reading, go_on = threading.Event(), threading.Event()
    read: list[tuple[str]] = []

    def request() -> None:
        with store.reader(), store.reading() as conn:
            rows = conn.execute("SELECT id FROM n_company ORDER BY id")
            read.append(next(rows))
            reading.set()
            go_on.wait(10)
            read.extend(rows)

    asking = threading.Thread(target=request)
    asking.start()
    assert reading.wait(10)
    closing = threading.Thread(target=store.close)
    closing.start()
    closing.join(0.3)
    assert closing.is_alive()  # waits for the read
    go_on.set()
    asking.join(10)
    closing.join(10)
    assert not closing.is_alive()
    assert [r[0] for r in read] == [f"c{i:02d}" for i in range(50)]
    with pytest.raises(sqlite3.ProgrammingError):
        store.get_node("Company", "c01")


def test_company_reads_from_the_index_equal_those_from_sqlite(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    companies = [
        {"id": "c1", "name": "Acme", "tier": "key", "is_home": True, "sources": ["crm:1"]},
        {"id": "c2", "name": "Beta", "tier": "key", "country": "DE", "founded": "1901"},
        {"id": "c3", "name": "Gamma", "tier": "standard"},
    ]
    store.write([NodeUpsert("Company", companies)])
    store.write([NodeUpsert("Company", [{"id": "c3", "name": "Gamma", "tier": "key"}])])
    cold = EmbeddedStore(tmp_path)  # no index: every read is SQL
    with store._live_index() as live:
        assert live is None  # not built yet: reads go to SQLite
    index = store.index
    with store._live_index() as live:
        assert live is index  # built, with every write folded in
    ids = ["c3", "c1", "nobody", "c1"]
    assert store.get_nodes("Company", ids) == cold.get_nodes("Company", ids)
    assert list(store.get_nodes("Company", ids)) == ["c1", "c3"]
    for prop, values in (("tier", ["key"]), ("is_home", [True]), ("name", ["Beta", "Zeta"])):
        assert store.find_by("Company", prop, values) == cold.find_by("Company", prop, values)
    assert [c["id"] for c in store.find_by("Company", "tier", ["key"])] == ["c1", "c2", "c3"]
    store.close()
    cold.close()


def test_people_the_view_shows_come_from_the_index_as_sqlite_holds_them(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    people = [
        {"id": "p1", "name": "Ann", "title": "CEO", "seniority": "executive", "email": "a@x.de"},
        {"id": "p2", "name": "Bo", "sources": ["crm:2"]},
    ]
    store.write([NodeUpsert("Person", people)])
    view = network_view(store, NOW)
    assert view.people(["p2", "nobody", "p1"]) == {
        "p2": {"id": "p2", "name": "Bo", "title": None, "seniority": None},
        "p1": {"id": "p1", "name": "Ann", "title": "CEO", "seniority": "executive"},
    }
    store.write([NodeUpsert("Person", [{"id": "p1", "name": "Ann B.", "title": "Advisor"}])])
    view = network_view(store, NOW)
    from_sqlite = NetworkView.people(view, ["p1", "p2"])  # the shared reading of the nodes
    assert view.people(["p1", "p2"]) == from_sqlite
    assert from_sqlite["p1"] == {
        "id": "p1",
        "name": "Ann B.",
        "title": "Advisor",
        "seniority": None,
    }
    store.close()
