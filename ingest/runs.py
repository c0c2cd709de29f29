"""Ingest runs as the API and the CLI show them: stored IngestRun nodes and fresh results."""

from __future__ import annotations

import json
from datetime import datetime

from pydantic import BaseModel

from graph_model.processes import alive
from graph_model.store import GraphStore, NodeUpsert, Props
from ingest.result import RUNNER, IngestResult, run_props


class FileTally(BaseModel):
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejected_values: int = 0
    left_out: int = 0


class RecordTally(BaseModel):
    """Records of one label or relationship type: created, or already stored and updated or
    left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


class InteractionRange(BaseModel):
    """How many interactions a run created or changed, and when the first and last happened."""

    count: int = 0
    first: datetime | None = None
    last: datetime | None = None


class MergeOut(BaseModel):
    label: str
    source_id: str
    node_id: str
    reason: str
    file: str
    line: int


class RunReport(BaseModel):
    """What a run did beyond its per-file counts. ``merged`` and ``ended`` list the first
    thousand merges and ended employments (``merges`` and ``ended_employment`` count them
    all); lists of runs leave them out."""

    format_reason: str | None = None
    records: dict[str, RecordTally] = {}
    interactions: InteractionRange = InteractionRange()
    warnings: list[str] = []
    merges: int = 0
    merged: list[MergeOut] = []
    ended_employment: int = 0
    ended: list[str] = []
    rejects: int = 0
    rejects_path: str | None = None


class RunRecord(BaseModel):
    """One IngestRun, with totals over its files."""

    id: str
    source: str
    format: str | None = None
    status: str
    started_at: datetime
    finished_at: datetime | None = None
    files: dict[str, FileTally]
    file_hashes: dict[str, str]
    read: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    error: str | None = None
    report: RunReport | None = None
    """``None`` for runs recorded before runs kept a report."""


class RejectOut(BaseModel):
    file: str
    line: int
    column: str
    value: str
    reason: str


class RunSummary(BaseModel):
    """What one ingest did (``dry_run``: would do)."""

    run: RunRecord
    dry_run: bool
    changed: bool
    reject_share: float
    merges: list[MergeOut]
    ended_employment: list[str]
    warnings: list[str]
    rejects: list[RejectOut]
    rejects_path: str | None


def _record(props: Props, detailed: bool = True) -> RunRecord:
    files = {k: FileTally(**v) for k, v in json.loads(props.get("counts") or "{}").items()}
    totals = {
        f: sum(getattr(t, f) for t in files.values())
        for f in ("read", "created", "updated", "unchanged", "rejected")
    }
    return RunRecord(
        id=props["id"],
        source=props["source"],
        format=props.get("format"),
        status=props["status"],
        started_at=props["started_at"],
        finished_at=props.get("finished_at"),
        files=files,
        file_hashes=json.loads(props.get("file_hashes") or "{}"),
        error=props.get("error"),
        report=_report(props.get("report"), detailed),
        **totals,
    )


def _report(stored: str | None, detailed: bool) -> RunReport | None:
    if stored is None:
        return None
    report = RunReport.model_validate_json(stored)
    return report if detailed else report.model_copy(update={"merged": [], "ended": []})


def list_runs(store: GraphStore, limit: int = 20) -> list[RunRecord]:
    """The latest ingest runs, newest first."""
    return [_record(p, False) for p in store.latest_nodes("IngestRun", "started_at", limit)]


def get_run(store: GraphStore, run_id: str) -> RunRecord | None:
    """The stored run ``run_id``, if any."""
    props = store.get_node("IngestRun", run_id)
    return None if props is None else _record(props)


def fail_interrupted(store: GraphStore) -> list[str]:
    """Mark failed the runs left ``running`` by a process of this host that has ended (a
    run of another host, or of a process still alive, may still be going); their ids.

    Runs of versions that did not note their process count as ended.
    """
    host = RUNNER.rsplit(":", 1)[0]
    ended = []
    for props in store.find_by("IngestRun", "status", ["running"]):
        runner = props.get("runner")
        if runner is not None:
            runner_host, _, pid = runner.rpartition(":")
            if runner_host != host or alive(int(pid)):
                continue
        why = f"interrupted: the process that ran it ({runner or 'unknown'}) ended before it did"
        ended.append({**props, "status": "failed", "error": why})
    if ended:
        store.write([NodeUpsert("IngestRun", ended)])
    return [p["id"] for p in ended]


def result_summary(result: IngestResult) -> RunSummary:
    return RunSummary(
        run=_record(run_props(result)),
        dry_run=result.dry_run,
        changed=result.changed,
        reject_share=result.reject_share,
        merges=[MergeOut(**vars(m)) for m in result.merges],
        ended_employment=result.ended_employment,
        warnings=result.warnings,
        rejects=[RejectOut(**vars(r)) for r in result.rejects],
        rejects_path=str(result.rejects_path) if result.rejects_path else None,
    )
