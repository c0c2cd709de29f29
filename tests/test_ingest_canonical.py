"""Canonical ingest, on every backend: counts, rejects, idempotence, updates, formats."""

from __future__ import annotations

import csv
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph_model.store import GraphStore
from ingest.errors import ExportError
from ingest.pipeline import FileCounts, IngestOptions, ingest
from tests.conftest import participants

COMPANIES = """\
id,name,domain,tier,is_home,region
home,Home Corp,home.example,,true,
c1,Acme GmbH,ACME.de,key,,EMEA
c2,Beta Inc,beta.com,Strategic,,US
c3,,nameless.com,,,
"""
# The BOM, a manager listed after the report (p3 -> p6), an unknown company (c9),
# a bad date, and a title whose seniority is derived.
PEOPLE = """\ufeffid,name,email,company_id,title,manager_id,started_at,ended_at
p1,Ann Buyer,Ann@Home.example,home,Head of Procurement,,2020-01-01,
p2,Bob,bob@acme.de,c1,CEO,,,
p3,Carl,carl@acme.de,c1,Einkäufer,p6,2021-01-01,
p4,Dora,dora@beta.com,c9,VP Sales,,,
p5,Eve,eve@beta.com,c2,Director,,notadate,
p6,Fay,fay@acme.de,c1,Geschäftsführerin,,2019-05-01T08:00:00+02:00,
"""
# A quoted subject with a comma, one spanning two lines, an unknown participant,
# an unknown kind, and an initiator missing from the participants.
INTERACTIONS = """\
id,kind,occurred_at,participant_ids,initiator_id,subject,company_id
i1,meeting,2025-03-01T09:30:00Z,p1;p2,,"Q1 review, pricing",c1
i2,Email,2025-03-02,p3,p1,"Line one
line two",c1
i3,email,2025-03-02,p1;p77,p1,x,c1
i4,telepathy,2025-03-02,p1;p2,,x,c1
"""
SUPPLIES = """\
supplier_id,customer_id,product_id,category,annual_value,currency,since,until
c1,home,,logistics,"120,000.50",eur,2022-01-01,
home,c1,pr1,,9000,EUR,,
c2,c2,,x,,,,
"""
PRODUCTS = "id,name,category\npr1,Laptop,electronics\n"
OFFERS = "company_id,product_id\nhome,pr1\nc1,pr404\n"
MANAGERS = "person_id,company_id\np1,c1\n"


def write_export(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return write_export(
        tmp_path / "export",
        companies=COMPANIES,
        people=PEOPLE,
        interactions=INTERACTIONS,
        supplies=SUPPLIES,
        products=PRODUCTS,
        offers=OFFERS,
        account_managers=MANAGERS,
    )


def test_first_ingest_counts_and_rejects(store: GraphStore, export: Path, tmp_path: Path) -> None:
    result = ingest(store, export, IngestOptions(rejects_dir=tmp_path / "rejects"))
    assert result.status == "succeeded"
    assert result.files == {
        "companies.csv": FileCounts(read=4, created=3, rejected=1, rejected_values=1),
        "products.csv": FileCounts(read=1, created=1),
        # p4 is kept without its unknown employer: a rejected value in a row kept
        "people.csv": FileCounts(read=6, created=5, rejected=1, rejected_values=2),
        "offers.csv": FileCounts(read=2, created=1, rejected=1, rejected_values=1),
        "supplies.csv": FileCounts(read=3, created=2, rejected=1, rejected_values=1),
        "interactions.csv": FileCounts(read=4, created=3, rejected=1, rejected_values=2),
        "account_managers.csv": FileCounts(read=1, created=1),
    }
    created = {kind: counts.created for kind, counts in result.records.items()}
    assert created == {
        "Company": 3,
        "Person": 5,
        "Product": 1,
        "Interaction": 3,
        "WORKS_AT": 4,
        "REPORTS_TO": 1,
        "OFFERS": 1,
        "SUPPLIES": 2,
        "PARTICIPATED_IN": 5,  # i1: p1 p2; i2: p3 and its initiator p1; i3: p1 (p77 unknown)
        "MANAGES_ACCOUNT": 1,
    }
    span = result.interactions
    assert (span.count, span.first, span.last) == (
        3,
        datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
        datetime(2025, 3, 2, tzinfo=UTC),
    )
    assert result.rejects_path is not None
    with result.rejects_path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["file"], r["line"], r["column"], r["value"]) for r in rows] == [
        ("companies.csv", "5", "name", ""),
        ("interactions.csv", "5", "participant_ids", "p77"),
        ("interactions.csv", "6", "kind", "telepathy"),  # after the two-line subject
        ("offers.csv", "3", "product_id", "pr404"),
        ("people.csv", "5", "company_id", "c9"),
        ("people.csv", "6", "started_at", "notadate"),
        ("supplies.csv", "4", "customer_id", "c2"),
    ]
    reasons = {r["column"]: r["reason"] for r in rows}
    assert reasons["name"] == "name is required"
    assert reasons["company_id"] == "no company with id 'c9' in this export or the store"
    assert reasons["started_at"].startswith("'notadate' is not a date or date-time")


def test_values_land_typed_and_normalised(store: GraphStore, export: Path) -> None:
    ingest(store, export)
    assert store.get_node("Company", "c1") == {
        "id": "c1",
        "name": "Acme GmbH",
        "domain": "acme.de",
        "tier": "key",
        "region": "EMEA",
        "sources": ["canonical:companies:c1"],
    }
    assert store.get_node("Company", "c2")["tier"] == "strategic"  # type: ignore[index]
    assert store.get_node("Company", "home")["is_home"] is True  # type: ignore[index]
    person = store.get_node("Person", "p1")
    assert person == {
        "id": "p1",
        "name": "Ann Buyer",
        "email": "ann@home.example",
        "title": "Head of Procurement",
        "seniority": "vp",
        "sources": ["canonical:people:p1"],
    }
    assert store.get_node("Person", "p6")["seniority"] == "executive"  # type: ignore[index]
    assert store.get_node("Person", "p4") is not None  # kept, without the unknown employer
    assert store.relationships("WORKS_AT", start="p4") == []
    [job] = store.relationships("WORKS_AT", start="p6")
    assert job.props == {
        "started_at": datetime(2019, 5, 1, 6, 0, tzinfo=UTC),
        "sources": ["canonical:people:p6"],
    }
    assert [r.end for r in store.relationships("REPORTS_TO", start="p3")] == ["p6"]
    assert store.get_node("Interaction", "i2") == {
        "id": "i2",
        "kind": "email",
        "occurred_at": datetime(2025, 3, 2, tzinfo=UTC),
        "initiator_id": "p1",
        "subject": "Line one\nline two",
        "company_id": "c1",
        "sources": ["canonical:interactions:i2"],
    }
    assert participants(store, "i2") == {"p3": False, "p1": True}
    assert [r.start for r in store.relationships("PARTICIPATED_IN", end="i3")] == ["p1"]
    supplies = store.relationships("SUPPLIES", start="c1")
    assert [(s.end, s.props["annual_value"], s.props["currency"]) for s in supplies] == [
        ("home", 120000.5, "EUR"),
    ]


def test_second_ingest_changes_nothing(store: GraphStore, export: Path) -> None:
    ingest(store, export)
    before = store.counts()
    again = ingest(store, export)
    assert not again.changed
    assert again.files["people.csv"] == FileCounts(
        read=6, unchanged=5, rejected=1, rejected_values=2
    )
    after = store.counts()
    assert after.types == before.types
    assert after.labels == before.labels | {"IngestRun": 2}


def test_changed_row_updates_only_that_row(store: GraphStore, export: Path) -> None:
    ingest(store, export)
    (export / "people.csv").write_text(
        PEOPLE.replace("p2,Bob,bob@acme.de,c1,CEO,,,", "p2,Bob,bob@acme.de,c1,CEO,,,2025-06-30"),
        encoding="utf-8",
    )
    result = ingest(store, export)
    assert result.files["people.csv"] == FileCounts(
        read=6, updated=1, unchanged=4, rejected=1, rejected_values=2
    )
    [job] = store.relationships("WORKS_AT", start="p2")
    assert job.props == {
        "ended_at": datetime(2025, 6, 30, tzinfo=UTC),
        "sources": ["canonical:people:p2"],
    }


def test_ingest_run_is_recorded(store: GraphStore, export: Path) -> None:
    result = ingest(store, export)
    [run] = store.latest_nodes("IngestRun", "started_at", 5)
    assert run["id"] == result.run_id
    assert run["status"] == "succeeded"
    assert run["source"] == str(export)
    assert run["format"] == "canonical"
    assert run["finished_at"] >= run["started_at"]
    hashes = json.loads(run["file_hashes"])
    assert sorted(hashes) == sorted(p.name for p in export.iterdir())
    assert all(len(h) == 64 for h in hashes.values())
    assert json.loads(run["counts"])["people.csv"] == {
        "read": 6,
        "created": 5,
        "updated": 0,
        "unchanged": 0,
        "rejected": 1,
        "rejected_values": 2,
        "left_out": 0,
    }


def test_zip_and_jsonl_read_like_folders(store: GraphStore, tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("export/companies.csv", COMPANIES)
        z.writestr("__MACOSX/export/._companies.csv", "junk")
        lines = [
            {"id": "p1", "name": "Ann", "company_id": "c1", "started_at": "2020-01-01"},
            {"id": "p2", "name": "Bob", "company_id": "c1", "manager_id": "p1", "extra_flag": True},
        ]
        z.writestr("export/people.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    result = ingest(store, archive)
    assert result.files["export/people.jsonl"] == FileCounts(read=2, created=2)
    assert store.get_node("Person", "p2")["extra_flag"] == "true"  # type: ignore[index]
    assert [r.end for r in store.relationships("REPORTS_TO", start="p2")] == ["p1"]


def test_missing_required_column_skips_the_file(store: GraphStore, tmp_path: Path) -> None:
    folder = write_export(tmp_path / "x", companies="id,title\nc1,x\nc2,y\n", notes="a,b\n1,2\n")
    result = ingest(store, folder)
    assert result.files["companies.csv"] == FileCounts(read=2, rejected=2, rejected_values=1)
    assert result.rejects[0].reason.startswith("required column(s) name missing")
    assert result.status == "failed"  # nothing of companies.csv was ingested
    assert result.warnings == ["notes.csv: not a file of the canonical format; ignored"]
    assert result.reject_share == 1.0


def test_unreadable_export_is_an_error(store: GraphStore, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no such folder"):
        ingest(store, tmp_path / "missing")
    with pytest.raises(ExportError, match="cannot tell the format"):
        ingest(store, write_export(tmp_path / "odd", notes="a\n1\n"))


def test_small_batches_give_the_same_result(store: GraphStore, export: Path) -> None:
    result = ingest(store, export, IngestOptions(batch_size=2))
    assert result.files["people.csv"] == FileCounts(
        read=6, created=5, rejected=1, rejected_values=2
    )
    assert [r.end for r in store.relationships("REPORTS_TO", start="p3")] == ["p6"]
    assert store.counts().types["PARTICIPATED_IN"] == 5


def test_an_interaction_may_name_only_its_company(store: GraphStore, tmp_path: Path) -> None:
    interactions = (
        "id,kind,occurred_at,participant_ids,company_id\n"
        "i1,call,2025-03-01,,c1\n"  # logged against the account, no contact
        "i2,meeting,2025-03-02,p1;p2,c1\n"
        "i3,call,2025-03-03,,\n"  # with nobody
    )
    export = write_export(
        tmp_path / "export",
        companies="id,name\nc1,Acme\n",
        people="id,name,company_id\np1,Ann,c1\np2,Bob,c1\n",
        interactions=interactions,
    )
    result = ingest(store, export)
    assert result.files["interactions.csv"] == FileCounts(
        read=3, created=2, rejected=1, rejected_values=1
    )
    assert [(r.line, r.column, r.reason) for r in result.rejects] == [
        (
            4,
            "participant_ids",
            "participant_ids is required when no company_id names who it was with",
        )
    ]
    assert store.get_node("Interaction", "i1")["company_id"] == "c1"  # type: ignore[index]
    assert store.relationships("PARTICIPATED_IN", end="i1") == []
    assert result.records["PARTICIPATED_IN"].created == 2
