"""Real export files are dirty: encodings, separators, line ends, dates, duplicates, references."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from graph_model.store import GraphStore
from ingest.pipeline import FileCounts, IngestOptions, ingest

FIXTURES = Path(__file__).parent / "fixtures" / "dirty"


def test_windows_1252_with_semicolons_and_crlf(store: GraphStore) -> None:
    result = ingest(store, FIXTURES / "cp1252_semicolon")
    assert result.warnings == [
        "companies.csv: not UTF-8; read as Windows-1252",
        "people.csv: not UTF-8; read as Windows-1252",
    ]
    assert store.get_node("Company", "c1")["name"] == "Müller & Söhne GmbH"  # type: ignore[index]
    assert store.get_node("Company", "c2")["industry"] == "Food – Beverages"  # type: ignore[index]
    person = store.get_node("Person", "p1")
    assert person is not None
    assert (person["name"], person["seniority"]) == ("Jürgen Weiß", "executive")
    [job] = store.relationships("WORKS_AT", start="p2")
    assert job.props["started_at"] == datetime(2021, 7, 15, tzinfo=UTC)  # DD.MM.YYYY


def test_latin_1_when_windows_1252_cannot_be(store: GraphStore) -> None:
    result = ingest(store, FIXTURES / "latin1")
    assert result.warnings == ["companies.csv: not UTF-8; read as Latin-1 (ISO-8859-1)"]
    assert store.get_node("Company", "c1")["name"] == "Café \x81 Nord"  # type: ignore[index]


def test_bom_multiline_quotes_and_date_forms(store: GraphStore) -> None:
    result = ingest(store, FIXTURES / "bom_multiline")
    assert result.warnings == []
    assert result.files["interactions.csv"] == FileCounts(read=4, created=3, rejected=1)
    i1 = store.get_node("Interaction", "i1")
    assert i1 is not None
    assert i1["subject"] == 'Kick-off, "Q2"\r\nsecond line'
    assert i1["occurred_at"] == datetime(2025, 3, 4, 14, 30, tzinfo=UTC)  # MM/DD/YY hh:mm PM
    assert store.get_node("Interaction", "i2")["occurred_at"] == datetime(2025, 3, 5, tzinfo=UTC)  # type: ignore[index]
    assert store.get_node("Interaction", "i3")["occurred_at"] == datetime(2025, 3, 6, 7, tzinfo=UTC)  # type: ignore[index]
    [reject] = result.rejects
    assert (reject.file, reject.line, reject.column, reject.value) == (
        "interactions.csv",
        6,
        "occurred_at",
        "31/12/2025",  # line 6: i1 spans lines 3-4
    )
    assert "(it would be, read day first)" in reject.reason


def test_day_first_exports(store: GraphStore) -> None:
    result = ingest(store, FIXTURES / "bom_multiline", IngestOptions(day_first=True))
    assert store.get_node("Interaction", "i4")["occurred_at"] == datetime(2025, 12, 31, tzinfo=UTC)  # type: ignore[index]
    assert store.get_node("Interaction", "i2")["occurred_at"] == datetime(2025, 5, 3, tzinfo=UTC)  # type: ignore[index]
    assert result.files["interactions.csv"] == FileCounts(read=4, created=4)


def test_duplicates_blank_keys_ragged_rows_and_missing_references(store: GraphStore) -> None:
    result = ingest(store, FIXTURES / "duplicates_refs")
    assert result.files["companies.csv"] == FileCounts(read=3, created=2, unchanged=1)
    assert result.files["people.csv"] == FileCounts(read=4, created=3, rejected=1)
    assert [(r.line, r.column, r.value, r.reason) for r in result.rejects] == [
        (4, "company_id", "c7", "no company with id 'c7' in this export or the store"),
        (4, "manager_id", "p9", "no person with id 'p9' in this export or the store"),
        (5, "", "", "6 values for 4 columns: a separator (',') inside a value that is not quoted?"),
    ]
    assert (
        store.get_node("Person", "p3") is not None
    )  # kept without its unknown company and manager
    assert store.relationships("WORKS_AT", start="p2") == []  # blank company_id: no employment
    assert store.get_node("Person", "p4") is None
