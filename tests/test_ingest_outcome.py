"""Honest runs: a run that ingests nothing fails, counts say what happened to the store as it
was before the run, and the report of a run is kept with it."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.commands.run_report import report_lines
from graph_model.settings import Settings
from graph_model.store import GraphStore, Outcome
from ingest.pipeline import IngestOptions, ingest
from ingest.records import SourceRow
from ingest.runs import MergeOut, get_run
from ingest.writer import FileCounts, PendingRow
from tests.conftest import assert_problem
from tests.test_ingest_canonical import write_export

PEOPLE = "id,name,company_id\np1,Ann,c1\np2,Bob,c1\n"


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return blank_settings


def test_an_export_of_header_only_files_fails_and_is_recorded(
    store: GraphStore, tmp_path: Path
) -> None:
    export = write_export(tmp_path / "export", companies="id,name\n", people="id,name\n")
    result = ingest(store, export)
    assert (result.status, result.error) == (
        "failed",
        "nothing was ingested: the export holds no rows (companies.csv, people.csv)",
    )
    stored = get_run(store, result.run_id)
    assert stored is not None and (stored.status, stored.error) == ("failed", result.error)


def test_a_missing_required_column_names_the_columns_found(
    store: GraphStore, tmp_path: Path
) -> None:
    export = write_export(tmp_path / "export", companies="id,title\nc1,Acme\nc2,Beta\n")
    result = ingest(store, export)
    assert result.status == "failed"
    assert result.error == (
        "nothing of companies.csv was ingested: every one of its 2 rows was rejected "
        "(required column(s) name missing from the header; file skipped); its columns: id, title"
    )
    assert store.counts().labels["Company"] == 0


def test_a_file_whose_every_row_is_dropped_fails_the_run_and_the_good_rows_stay(
    store: GraphStore, tmp_path: Path
) -> None:
    export = write_export(
        tmp_path / "export",
        companies="id,name\nc1,Acme\n",
        people=PEOPLE,
        interactions="id,kind,occurred_at,participant_ids\ni1,telepathy,2025-01-01,p1;p2\n"
        "i2,telepathy,2025-01-02,p1;p2\n",
    )
    result = ingest(store, export)
    assert result.status == "failed"
    assert result.error is not None and result.error.startswith(
        "nothing of interactions.csv was ingested: every one of its 2 rows was rejected "
        "('telepathy' is not one of: "
    )
    assert "(2×)" in result.error and result.error.endswith(
        "its columns: id, kind, occurred_at, participant_ids"
    )
    assert store.counts().labels["Person"] == 2  # the good rows are kept
    assert result.files["people.csv"] == FileCounts(read=2, created=2)


def test_a_key_repeated_in_one_run_is_never_updated_on_an_empty_store(
    store: GraphStore, tmp_path: Path
) -> None:
    companies = "id,name,country\nc1,Acme,DE\nc1,Acme GmbH,DE\nc1,Acme GmbH,DE\nc2,Beta,FR\n"
    export = write_export(tmp_path / "export", companies=companies, people=PEOPLE + "p1,Ann,c1\n")
    result = ingest(store, export)
    assert result.status == "succeeded"
    assert result.files["companies.csv"] == FileCounts(read=4, created=4)
    assert result.files["people.csv"] == FileCounts(read=3, created=3)
    records = result.records
    assert (records["Company"].created, records["Company"].updated) == (2, 0)
    assert (records["Person"].created, records["Person"].unchanged) == (2, 0)
    again = ingest(store, write_export(tmp_path / "again", companies="id,name\nc1,Acme AG\n"))
    assert again.files["companies.csv"] == FileCounts(read=1, updated=1)
    assert again.records["Company"].updated == 1


def test_a_row_counts_by_its_first_record_written() -> None:
    counts = FileCounts()
    row = PendingRow(counts, SourceRow("accounts.csv", 2, {}), [])
    row.outcomes = [None, Outcome.CREATED]  # the row's own record rejected, its company created
    row.settle()
    assert counts == FileCounts(created=1)


def _interactions(*days_ago: int) -> str:
    now = datetime.now(UTC)
    rows = [
        f"i{n},meeting,{(now - timedelta(days=d)):%Y-%m-%d},p1;p2\n" for n, d in enumerate(days_ago)
    ]
    return "id,kind,occurred_at,participant_ids\n" + "".join(rows)


def test_old_interactions_are_said_to_answer_near_zero_as_of_now(
    store: GraphStore, tmp_path: Path
) -> None:
    old = write_export(
        tmp_path / "old",
        companies="id,name\nc1,Acme\n",
        people=PEOPLE,
        interactions=_interactions(*range(2000, 2010)),
    )
    result = ingest(store, old, IngestOptions(half_life_days=180))
    latest = (datetime.now(UTC) - timedelta(days=2000)).date()
    assert result.warnings == [
        "100% of the 10 interactions ingested are more than 540 days old (3 half-lives): "
        "answers as of now will be near zero; ask as of their latest date instead "
        f"(--as-of {latest}, ?as_of={latest})"
    ]
    assert result.interactions.count == 10
    recent = write_export(tmp_path / "recent", interactions=_interactions(*range(100, 110), 3000))
    assert ingest(store, recent).warnings == []  # one old interaction in eleven
    stored = get_run(store, result.run_id)
    assert stored is not None and stored.report is not None
    assert stored.report.warnings == result.warnings


def test_many_merges_are_counted_in_the_summary_and_listed_in_the_run(
    store: GraphStore, tmp_path: Path, srm: Callable[..., Any]
) -> None:
    result = ingest(store, write_export(tmp_path / "first", companies="id,name\nc1,Acme\n"))
    stored = get_run(store, result.run_id)
    assert stored is not None
    merges = [
        MergeOut(
            label="Company",
            source_id=f"sf:{n}",
            node_id="c1",
            reason="same domain",
            file="Account.csv",
            line=n + 2,
        )
        for n in range(25)
    ]
    assert stored.report is not None
    report = stored.report.model_copy(update={"merges": 25, "merged": merges})
    run = stored.model_copy(update={"report": report})
    short = report_lines(run, every_merge=False)
    assert (
        f"merged 25 records into ones already known (each one: srm ingest runs {run.id})" in short
    )
    full = report_lines(run, every_merge=True)
    assert "merged company sf:24 into c1: same domain (Account.csv, line 26)" in full
    shown = srm("ingest", "runs", result.run_id)
    assert shown.exit_code == 0 and result.run_id in shown.output
    assert srm("ingest", "runs", "run-nothing").exit_code == 1


def test_the_cli_exits_2_for_a_run_that_ingests_nothing(
    tmp_path: Path, srm: Callable[..., Any]
) -> None:
    export = write_export(tmp_path / "export", companies="id,title\nc1,Acme\n")
    done = srm("ingest", str(export), "--no-progress")
    assert done.exit_code == 2
    assert "nothing of companies.csv was ingested" in done.output
    assert "No changes" not in done.output
    unknown = write_export(tmp_path / "unknown", things="foo,bar\n1,2\n")
    refused = srm("ingest", str(unknown), "--no-progress")
    assert refused.exit_code == 2
    assert "--format mapping --mapping FILE" in refused.output
    runs = json.loads(srm("ingest", "runs", "--json").output)
    assert [(r["status"], r["format"]) for r in runs] == [("failed", None), ("failed", "canonical")]


def test_an_upload_of_no_known_format_is_a_422_and_a_failed_run(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.post("/v1/ingest", files=[("files", ("things.csv", b"foo,bar\n1,2\n"))])
        assert_problem(response, 422)
        detail = response.json()["detail"]
        assert "look like neither a Salesforce nor a HubSpot export" in detail
        runs = client.get("/v1/ingest/runs").json()["runs"]
        assert [(r["status"], r["source"]) for r in runs] == [("failed", "upload: things.csv")]
        assert f"/v1/ingest/runs/{runs[0]['id']}" in detail
        dropped = client.post(
            "/v1/ingest",
            files=[("files", ("companies.csv", b"id,title\nc1,Acme\n"))],
            data={"format": "canonical"},
        ).json()
        job = client.app.state.jobs.wait(dropped["id"], timeout=60)
        assert job.status == "failed" and job.error is not None
        body = client.get(dropped["url"]).json()
        assert body["status"] == "failed" and body["error"].startswith("nothing of companies.csv")


def test_a_run_says_why_it_read_the_export_as_it_did(store: GraphStore, tmp_path: Path) -> None:
    export = write_export(tmp_path / "export", companies="id,name\nc1,Acme\n", people=PEOPLE)
    detected = ingest(store, export)
    assert (detected.format, detected.format_reason) == (
        "canonical",
        "companies.csv, people.csv: canonical files by their names",
    )
    named = ingest(store, export, IngestOptions(format="canonical"))
    assert named.format_reason == "named for this run"
    stored = get_run(store, detected.run_id)
    assert stored is not None and stored.report is not None
    assert stored.report.format_reason == detected.format_reason
