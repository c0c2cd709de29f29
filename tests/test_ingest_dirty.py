"""Real export files are dirty: encodings, separators, line ends, dates, duplicates, references."""

from __future__ import annotations

import codecs
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph_model.store import GraphStore
from ingest.errors import ExportError
from ingest.pipeline import FileCounts, IngestOptions, ingest
from ingest.sources import MAX_FIELD_CHARS, MAX_ROW_CHARS, open_export

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
    # a half-life of a century: its 2025 interactions are not old, so no warning is due
    result = ingest(store, FIXTURES / "bom_multiline", IngestOptions(half_life_days=36_525))
    assert result.warnings == []
    assert result.files["interactions.csv"] == FileCounts(
        read=4, created=3, rejected=1, rejected_values=1
    )
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
    # c1 twice: both rows created it, as the store held no company before the run
    assert result.files["companies.csv"] == FileCounts(read=3, created=3)
    assert result.files["people.csv"] == FileCounts(
        read=4, created=3, rejected=1, rejected_values=3
    )
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


def test_a_value_over_the_limit_rejects_its_row_only(store: GraphStore, tmp_path: Path) -> None:
    long_name = "Acme\n" + "x" * MAX_FIELD_CHARS  # lines 3-4
    (tmp_path / "companies.csv").write_text(f'id,name\nc1,Beta\nc2,"{long_name}"\nc3,Gamma\n')
    result = ingest(store, tmp_path)
    assert result.files["companies.csv"] == FileCounts(
        read=3, created=2, rejected=1, rejected_values=1
    )
    assert [(r.file, r.line, r.column, r.value, r.reason) for r in result.rejects] == [
        ("companies.csv", 3, "name", "", "a value longer than 1,048,576 characters")
    ]
    assert store.get_node("Company", "c2") is None
    assert store.get_node("Company", "c3")["name"] == "Gamma"  # type: ignore[index]


def test_a_row_over_the_limit_is_set_aside_and_reading_goes_on(
    store: GraphStore, tmp_path: Path
) -> None:
    note = ("y" * (1 << 20) + "\n") * 5  # a quoted value over lines 3-8
    (tmp_path / "companies.csv").write_text(f'id,name\nc1,Beta\nc2,"{note}"\nc3,Gamma\n')
    result = ingest(store, tmp_path)
    assert result.files["companies.csv"] == FileCounts(
        read=3, created=2, rejected=1, rejected_values=1
    )
    assert [(r.line, r.column, r.reason) for r in result.rejects] == [
        (3, "", "a row longer than 4,194,304 characters, lines 3–8 (a quote that is never closed?)")
    ]
    assert store.get_node("Company", "c3")["name"] == "Gamma"  # type: ignore[index]


def test_an_endless_line_is_never_held_whole(tmp_path: Path) -> None:
    with (tmp_path / "companies.csv").open("w") as out:
        out.write("id,name\nc1,Beta\nc2,")
        for _ in range(64):
            out.write("z" * (1 << 20))
        out.write("\nc3,Gamma\n")
    companies = open_export(tmp_path)["companies"]
    assert companies.sha256
    tracemalloc.start()
    try:
        rows = [(line, row["id"]) for line, row in companies.rows()]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert rows == [(2, "c1"), (4, "c3")]
    assert companies.rejects == [(3, "", f"a row longer than {MAX_ROW_CHARS:,} characters")]
    assert peak < 32 << 20  # the line is 64 MiB


def test_a_jsonl_line_over_the_limit_is_an_error(tmp_path: Path) -> None:
    line = '{"id": "c2", "name": "' + "x" * MAX_ROW_CHARS + '"}'
    (tmp_path / "companies.jsonl").write_text(f'{{"id": "c1", "name": "Beta"}}\n{line}\n')
    with pytest.raises(ExportError) as raised:
        list(open_export(tmp_path)["companies"].rows())
    assert str(raised.value) == "companies.jsonl, line 2: longer than 4,194,304 characters"


NOT_TEXT = (
    "a NUL byte, which text does not hold (a binary file, or UTF-16 without a byte order mark?)"
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", f"companies.csv, line 3: {NOT_TEXT}"),
        ("id,name\nc1,Acme\n".encode("utf-16-le"), f"companies.csv, line 1: {NOT_TEXT}"),
        (
            codecs.BOM_UTF8 + b"id,name\nc1,Caf\xe9\n",
            "companies.csv, line 2: not UTF-8 (invalid continuation byte), "
            "though it starts with a UTF-8 byte order mark",
        ),
        (
            codecs.BOM_UTF16_LE + "id,name\nc1,Acme\n".encode("utf-16-le") + b"\x00",
            "companies.csv, line 3: not UTF-16 (truncated data), "
            "though it starts with a UTF-16 byte order mark",
        ),
    ],
    ids=["binary", "utf-16-without-bom", "utf-8-bom-then-cp1252", "utf-16-truncated"],
)
def test_a_file_that_is_not_text_is_an_error_naming_it(
    store: GraphStore, tmp_path: Path, content: bytes, message: str
) -> None:
    (tmp_path / "companies.csv").write_bytes(content)
    for options in (IngestOptions(), IngestOptions(format="canonical")):
        with pytest.raises(ExportError) as raised:
            ingest(store, tmp_path, options)
        assert str(raised.value) == message


def test_empty_files_header_only_files_and_short_rows(store: GraphStore, tmp_path: Path) -> None:
    (tmp_path / "companies.csv").write_bytes(b"")
    (tmp_path / "products.csv").write_text("id,name,category\n")
    (tmp_path / "people.csv").write_text("id,name,email\np1\np2,Ann\n")
    result = ingest(store, tmp_path)
    assert result.status == "succeeded"
    assert result.files == {
        "companies.csv": FileCounts(rejected_values=1),  # its header
        "people.csv": FileCounts(read=2, created=1, rejected=1, rejected_values=1),
    }
    assert [(r.file, r.line, r.column, r.reason) for r in result.rejects] == [
        (
            "companies.csv",
            1,
            "id, name",
            "required column(s) id, name missing from the header; file skipped",
        ),
        ("people.csv", 2, "name", "name is required"),
    ]


@pytest.mark.parametrize(
    "columns", [("name", "id"), ("note",), (), ("id", "note", "name")], ids=str
)
def test_picked_values_are_those_of_the_rows(tmp_path: Path, columns: tuple[str, ...]) -> None:
    text = 'id,name,note\nc1,"Acme,\nInc",x\nc2,Beta\n\n c3 ,Gamma,y,\nc4,"a ""b""",z,extra\n'
    (tmp_path / "companies.csv").write_text(text)
    (tmp_path / "people.jsonl").write_text('{"id": "p1", "note": null}\n{"name": "Ann"}\n')
    for export_file in open_export(tmp_path).values():
        picked = list(export_file.picked(columns))
        rejects = list(export_file.rejects)
        rows = [
            (line, tuple(row.get(c) or "" for c in columns)) for line, row in export_file.rows()
        ]
        assert picked == rows
        assert export_file.rejects == rejects
    companies = open_export(tmp_path)["companies"]
    assert list(companies.picked(("id", "note"))) == [
        (2, ("c1", "x")),
        (4, ("c2", "")),
        (6, (" c3 ", "y")),
    ]
    assert companies.rejects == [
        (7, "", "4 values for 3 columns: a separator (',') inside a value that is not quoted?")
    ]
