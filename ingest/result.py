"""What an ingest run did, and the IngestRun node that keeps it.

>>> new_run_id(datetime(2025, 3, 1, 9, 30, tzinfo=UTC))[:21]
'run-20250301T093000Z-'
"""

from __future__ import annotations

import json
import os
import secrets
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest.records import Reject
from ingest.resolve import Merge
from ingest.writer import FileCounts, InteractionSpan, RecordCounts


@dataclass
class IngestResult:
    run_id: str
    source: str
    started_at: datetime
    format: str | None = None
    """As asked or detected (``None`` until it is known)."""
    format_reason: str | None = None
    """Why that format: named for the run, or the files that made it that format."""
    finished_at: datetime | None = None
    status: str = "running"
    files: dict[str, FileCounts] = field(default_factory=dict)
    """Counts by source file (path inside the export)."""
    file_hashes: dict[str, str] = field(default_factory=dict)
    """SHA-256 of each file of the export."""
    rejects: list[Reject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    """Incoming records that were matched to another node (entity resolution)."""
    ended_employment: list[str] = field(default_factory=list)
    """People whose employment a snapshot ended."""
    dry_run: bool = False
    rejects_path: Path | None = None
    error: str | None = None
    """Why a failed run failed."""
    records: dict[str, RecordCounts] = field(default_factory=dict)
    """What became of the records, by label or relationship type (derived ones included)."""
    interactions: InteractionSpan = field(default_factory=InteractionSpan)

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in self.files.values())

    @property
    def reject_share(self) -> float:
        read = sum(c.read for c in self.files.values())
        rejected = sum(c.rejected for c in self.files.values())
        return rejected / read if read else 0.0


def new_run_id(now: datetime | None = None) -> str:
    """A fresh run id, ``run-<UTC time>-<6 hex digits>``."""
    return f"run-{now or datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


RUNNER = f"{socket.gethostname()}:{os.getpid()}"
"""Which process runs an ingest (host and process id), so one left ``running`` by a process
that died can be told from one still going."""


def run_props(result: IngestResult) -> dict[str, Any]:
    """The IngestRun node of a run."""
    counts = {name: vars(c) for name, c in result.files.items()}
    return {
        "id": result.run_id,
        "source": result.source,
        "format": result.format,
        "status": result.status,
        "started_at": result.started_at,
        "finished_at": result.finished_at,
        "file_hashes": json.dumps(result.file_hashes, sort_keys=True),
        "counts": json.dumps(counts, sort_keys=True),
        "runner": RUNNER,
        "error": result.error,
        "report": json.dumps(run_report(result), sort_keys=True, default=str),
    }


REPORTED = 1000
"""Merges and ended employments a stored run report lists (it counts them all)."""


def run_report(result: IngestResult) -> dict[str, Any]:
    """What a run did beyond its per-file counts, as its IngestRun keeps it."""
    span = result.interactions
    return {
        "format_reason": result.format_reason,
        "records": {kind: vars(c) for kind, c in sorted(result.records.items())},
        "interactions": {"count": span.count, "first": span.first, "last": span.last},
        "warnings": result.warnings,
        "merges": len(result.merges),
        "merged": [vars(m) for m in result.merges[:REPORTED]],
        "ended_employment": len(result.ended_employment),
        "ended": result.ended_employment[:REPORTED],
        "rejects": len(result.rejects),
        "rejects_path": str(result.rejects_path) if result.rejects_path else None,
    }
