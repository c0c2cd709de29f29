"""How a command prints an ingest run: per-file counts, records by kind, what it merged,
warnings and why it failed; a long list of merges only in the run's own view
(``srm ingest runs RUN_ID``)."""

from __future__ import annotations

from rich.table import Table

from api.commands.common import console, errors, say
from ingest.runs import RunRecord

LISTED_MERGES = 10
"""Merges a run's summary lists one by one; beyond them it counts them."""


def print_run(run: RunRecord, *, dry_run: bool = False, every_merge: bool = False) -> None:
    """``run`` as tables and lines; ``every_merge`` lists each merge the report kept."""
    title = f"ingest {run.id} ({run.format or 'format unknown'}, {run.status})"
    table = Table(title=("dry run: " if dry_run else "") + title)
    columns = ["file", "read", "created", "updated", "unchanged", "rejected", "rejected values"]
    left_out = any(c.left_out for c in run.files.values())
    table.add_column(columns[0], overflow="fold")
    for column in columns[1:] + (["left out"] if left_out else []):
        table.add_column(column, justify="right")
    for name, c in sorted(run.files.items()):
        values = [c.read, c.created, c.updated, c.unchanged, c.rejected, c.rejected_values]
        values += [c.left_out] if left_out else []
        table.add_row(name, *(f"{v:,}" for v in values))
    if run.files:
        console.print(table)
    report = run.report
    if report is not None and report.records:
        records = Table(title="records written, derived ones included")
        for column in ("label or type", "created", "updated", "unchanged"):
            records.add_column(column, justify="left" if column == "label or type" else "right")
        for kind, r in report.records.items():
            records.add_row(kind, f"{r.created:,}", f"{r.updated:,}", f"{r.unchanged:,}")
        console.print(records)
    for line in report_lines(run, every_merge):
        console.print(line)
    for warning in report.warnings if report is not None else []:
        say(console, "warning:", "yellow", warning)
    if run.error:
        say(errors, "error:", "red", run.error)
    elif dry_run:
        console.print("Dry run: nothing was written.")
    elif run.status == "succeeded" and not run.created + run.updated:
        console.print("No changes: the store already held everything in this export.")


def report_lines(run: RunRecord, every_merge: bool) -> list[str]:
    """The lines under the tables: interactions' dates, merges, ended employments, rejects."""
    report = run.report
    if report is None:
        return []
    lines = [f"format {run.format}: {report.format_reason}"] if report.format_reason else []
    span = report.interactions
    if span.count and span.first and span.last:
        lines.append(
            f"interactions: {span.count:,}, from {span.first:%Y-%m-%d} to {span.last:%Y-%m-%d}"
        )
    if report.merges and (every_merge or report.merges <= LISTED_MERGES):
        lines += [
            f"merged {m.label.lower()} {m.source_id} into {m.node_id}: {m.reason} "
            f"({m.file}, line {m.line})"
            for m in report.merged
        ]
        if report.merges > len(report.merged):
            lines.append(f"… and {report.merges - len(report.merged):,} more merges")
    elif report.merges:
        lines.append(
            f"merged {report.merges:,} records into ones already known (each one: "
            f"srm ingest runs {run.id})"
        )
    if report.ended_employment:
        shown = ", ".join(report.ended[:20])
        more = report.ended_employment - min(20, len(report.ended))
        lines.append(
            f"snapshot: ended the employment of {report.ended_employment:,} people missing "
            f"from the export: {shown}" + (f" and {more:,} more" if more > 0 else "")
        )
    if report.rejects_path:
        lines.append(f"{report.rejects:,} rejected value(s) listed in {report.rejects_path}")
    return lines
