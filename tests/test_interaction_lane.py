"""The interaction lane writes and counts every row exactly as the records' way does: ids
repeated in a batch, participants unknown or named later, rows re-sent unchanged or
changed, batches of any size, on every backend."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from graph_model.store import GraphStore, NodeUpsert
from ingest.canonical import interaction_fields, interaction_records
from ingest.interaction_lane import InteractionLane
from ingest.records import Reject, SourceRow
from ingest.writer import BatchWriter, FileCounts, PendingRow

STORED = ["p1", "p2", "p3"]
PEOPLE = [*STORED, "p9"]  # p9 is in no store: its participations are rejected
IDS = ["i1", "i2", "i3", "i4"]
START = datetime(2025, 1, 1, tzinfo=UTC)

people = st.lists(st.sampled_from(PEOPLE), max_size=3).map(";".join)
row_data = st.fixed_dictionaries(
    {
        "id": st.sampled_from(IDS),
        "kind": st.sampled_from(["call", "Meeting", "e-mail"]),  # e-mail is rejected
        "occurred_at": st.integers(0, 3).map(lambda d: (START + timedelta(days=d)).isoformat()),
        "participant_ids": people,
        "initiator_id": st.sampled_from(["", *PEOPLE]),
        "subject": st.sampled_from(["", "Review", "Pricing"]),
        "company_id": st.sampled_from(["", "c1"]),
    }
)


@st.composite
def runs(draw: st.DrawFn) -> list[tuple[list[dict[str, str]], int, bool]]:
    """Runs of rows drawn from a few rows, sent again as they are or with other
    participants; each run with the records a batch holds, and whether rows are laid
    over the stored ones (as a CRM export's are)."""
    pool = draw(st.lists(row_data, min_size=1, max_size=5))
    again = st.tuples(st.sampled_from(pool), st.one_of(st.none(), people))
    rows = st.lists(
        again.map(lambda r: r[0] if r[1] is None else {**r[0], "participant_ids": r[1]}),
        min_size=1,
        max_size=8,
    )
    return draw(st.lists(st.tuples(rows, st.integers(1, 9), st.booleans()), min_size=1, max_size=3))


def _ingest(
    store: GraphStore, rows: list[dict[str, str]], batch: int, merge: bool, lane: bool
) -> Any:
    rejects: list[Reject] = []
    writer = BatchWriter(store, batch, rejects)
    counts = FileCounts()
    way = InteractionLane(writer, merge=merge)
    for line, data in enumerate(rows, start=2):
        source = SourceRow("interactions.csv", line, data)
        fields = interaction_fields(source)
        rejects.extend(source.rejects)
        counts.read += 1
        if fields is None:
            counts.rejected += 1
        elif lane:
            way.add(counts, source, *fields)
        else:
            writer.add(PendingRow(counts, source, interaction_records(*fields, merge=merge)))
    way.flush()
    writer.finish()
    spans = asdict(writer.interactions)
    records = {kind: asdict(c) for kind, c in writer.records.items()}
    return asdict(counts), records, spans, sorted(rejects, key=lambda r: (r.line, r.column))


def _stored(store: GraphStore) -> tuple[list[Any], list[Any]]:
    nodes = sorted(store.get_nodes("Interaction", IDS).items())
    links = store.relationships("PARTICIPATED_IN")
    return nodes, sorted((r.start, r.end) for r in links)


def _replay(
    store: GraphStore, runs: list[tuple[list[dict[str, str]], int, bool]], lane: bool
) -> Any:
    store.write([NodeUpsert("Person", [{"id": p, "name": p} for p in STORED])])
    results = [_ingest(store, rows, batch, merge, lane) for rows, batch, merge in runs]
    return results, _stored(store)


@settings(max_examples=80, deadline=None)
@given(runs())
def test_the_lane_writes_and_counts_as_the_records_way(
    fresh_store: Callable[[], GraphStore], runs: list[tuple[list[dict[str, str]], int, bool]]
) -> None:
    assert _replay(fresh_store(), runs, lane=True) == _replay(fresh_store(), runs, lane=False)


def test_a_lane_run_counts_created_updated_unchanged_and_rejected_values(store: GraphStore) -> None:
    row = {"id": "i1", "kind": "call", "occurred_at": "2025-01-02", "participant_ids": "p1;p2"}
    first = _replay(
        store, [([row, {**row, "id": "i2", "participant_ids": "p1;p9"}], 9, False)], True
    )
    counts, records, span, rejects = first[0][0]
    assert counts == asdict(FileCounts(read=2, created=2))
    assert records["PARTICIPATED_IN"] == {"created": 3, "updated": 0, "unchanged": 0}
    assert (span["count"], span["first"]) == (2, datetime(2025, 1, 2, tzinfo=UTC))
    assert [(r.line, r.column, r.value) for r in rejects] == [(3, "participant_ids", "p9")]
    again = _ingest(store, [row, {**row, "id": "i2", "subject": "Pricing"}], 9, False, True)
    assert again[0] == asdict(FileCounts(read=2, updated=1, unchanged=1))
    assert again[1]["Interaction"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert again[1]["PARTICIPATED_IN"] == {"created": 1, "updated": 0, "unchanged": 3}
