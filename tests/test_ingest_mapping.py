"""The mapping format, on every backend: the shipped Dynamics 365 and Pipedrive mappings on
exports shaped as those CRMs write them, an inline mapping, and mapping-file mistakes, each
named with its line in the YAML file."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from graph_model.schema import INTERACTION_KINDS
from graph_model.store import GraphStore
from ingest.adapters.mapping import SHIPPED, MappingAdapter, load_mapping, resolve_mapping
from ingest.errors import ExportError
from ingest.mappings import EXAMPLES
from ingest.pipeline import IngestOptions, IngestResult, ingest
from ingest.records import Reject
from ingest.sources import open_export
from ingest.writer import FileCounts
from tests import conftest

FIXTURES = Path(__file__).parent / "fixtures"
DYNAMICS = IngestOptions(format="mapping", mapping=SHIPPED / "dynamics365.yaml")
PIPEDRIVE = IngestOptions(format="mapping", mapping=SHIPPED / "pipedrive.yaml")

ACCOUNTS = "All Accounts 3-31-2025 4-12-09 PM.csv"
CONTACTS = "Active Contacts 3-31-2025 4-13-30 PM.csv"
USERS = "Enabled Users 3-31-2025 4-14-02 PM.csv"
CALLS = "All Phone Calls 3-31-2025 4-15-40 PM.csv"
APPOINTMENTS = "All Appointments 3-31-2025 4-16-12 PM.csv"
EMAILS = "All Emails 3-31-2025 4-17-05 PM.csv"
OPPORTUNITIES = "Closed Opportunities 3-31-2025 4-18-22 PM.csv"


def own_warnings(result: IngestResult) -> list[str]:
    """The run's warnings but the note that its interactions are old (the fixtures' are)."""
    return [w for w in result.warnings if not re.match(r"\d+% of the [\d,]+ interactions", w)]


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, sec, tzinfo=UTC)


def node(store: GraphStore, label: str, node_id: str) -> dict[str, Any]:
    found = store.get_node(label, node_id)
    assert found is not None, node_id
    return found


def ends(store: GraphStore, rel_type: str, start: str) -> set[str]:
    return {r.end for r in store.relationships(rel_type, start=start)}


def participants(store: GraphStore, interaction: str) -> set[tuple[str, bool]]:
    return set(conftest.participants(store, interaction).items())


def supplies(store: GraphStore) -> dict[tuple[str, str, str | None], dict[str, object]]:
    return {
        (r.start, r.end, r.props.get("category")): {
            k: v for k, v in r.props.items() if k != "sources"
        }
        for r in store.relationships("SUPPLIES")
    }


@pytest.fixture
def dynamics(store: GraphStore) -> IngestResult:
    return ingest(store, FIXTURES / "dynamics365", DYNAMICS)


@pytest.fixture
def pipedrive(store: GraphStore) -> IngestResult:
    return ingest(store, FIXTURES / "pipedrive", PIPEDRIVE)


def test_dynamics_counts_and_warnings(dynamics: IngestResult) -> None:
    assert dynamics.status == "succeeded"
    assert dynamics.files == {
        # the inactive account is skipped; a team owns one
        ACCOUNTS: FileCounts(read=5, created=5, rejected_values=1),
        CONTACTS: FileCounts(read=4, created=4),
        USERS: FileCounts(read=2, created=2),
        # an open call skipped; a bad date
        CALLS: FileCounts(read=3, created=2, rejected=1, rejected_values=1),
        # the canceled one skipped; a participant known only by address
        APPOINTMENTS: FileCounts(read=2, created=2, rejected_values=1),
        EMAILS: FileCounts(read=2, created=2),  # the draft skipped
        OPPORTUNITIES: FileCounts(read=2, created=2),  # the lost one skipped
    }
    assert own_warnings(dynamics) == [
        "Active Leads 3-31-2025 4-19-48 PM.csv: no table of mapping 'dynamics365' reads it; ignored"
    ]


def test_dynamics_companies_people_and_managers(store: GraphStore, dynamics: IngestResult) -> None:
    assert store.get_node("Company", "d365:account:Contoso Steel Ltd") == {
        "id": "d365:account:Contoso Steel Ltd",
        "name": "Contoso Steel Ltd",
        "domain": "contoso-steel.co.uk",
        "country": "United Kingdom",
        "industry": "Durable Manufacturing",
        "tier": "key",
        "sources": ["dynamics365:account:5d3b8f2e-0c1a-ef11-9f89-000d3a2b4c71"],
    }
    assert node(store, "Company", "d365:account:Fabrikam Logistics GmbH")["tier"] == "standard"
    assert store.get_node("Company", "d365:account:Old Harbour Packaging") is None
    assert node(store, "Company", "home") == {"id": "home", "name": "Home company", "is_home": True}
    assert store.get_node("Person", "d365:person:Jürgen Vogel") == {
        "id": "d365:person:Jürgen Vogel",
        "name": "Jürgen Vogel",
        "email": "j.vogel@fabrikam-logistics.de",
        "title": "Geschäftsführer",
        "seniority": "executive",
        "sources": ["dynamics365:contact:2a5fab71-0d1a-ef11-9f89-000d3a2b4c71"],
    }
    assert ends(store, "WORKS_AT", "d365:person:Jürgen Vogel") == {
        "d365:account:Fabrikam Logistics GmbH"
    }
    assert ends(store, "WORKS_AT", "d365:person:Nina Keller") == {"home"}
    assert node(store, "Person", "d365:person:Nina Keller")["email"] == "nina.keller@home.example"
    assert ends(store, "WORKS_AT", "d365:person:Priya Raman") == set()
    assert ends(store, "MANAGES_ACCOUNT", "d365:person:Nina Keller") == {
        "d365:account:Contoso Steel Ltd",
        "d365:account:Fabrikam Logistics GmbH",
    }


def test_dynamics_supplies_by_relationship_type_and_won_opportunities(
    store: GraphStore, dynamics: IngestResult
) -> None:
    assert supplies(store) == {
        ("d365:account:Contoso Steel Ltd", "home", None): {},  # Vendor
        ("d365:account:Fabrikam Logistics GmbH", "home", None): {},  # Supplier
        ("home", "d365:account:Northwind Traders", None): {},  # Customer
        ("home", "d365:account:Adventure Works Cycles", None): {},  # Reseller
        ("home", "d365:account:Northwind Traders", "Warehouse racking 2025"): {
            "category": "Warehouse racking 2025",
            "annual_value": 48500.0,
            "currency": "USD",
            "since": at(2025, 2, 14),
        },
        ("home", "d365:account:Adventure Works Cycles", "Spare parts framework"): {
            "category": "Spare parts framework",
            "annual_value": 12000.0,
            "currency": "EUR",
            "since": at(2025, 3, 1),
        },
    }


def test_dynamics_activities(store: GraphStore, dynamics: IngestResult) -> None:
    call = "d365:activity:a1b2c3d4-101a-ef11-9f89-000d3a2b4c71"
    assert store.get_node("Interaction", call) == {
        "id": call,
        "kind": "call",
        "occurred_at": at(2025, 3, 4, 14, 30),
        "initiator_id": "d365:person:Nina Keller",
        "subject": "Freight rates Q2",
        "company_id": "d365:account:Fabrikam Logistics GmbH",
        "sources": ["dynamics365:phonecall:a1b2c3d4-101a-ef11-9f89-000d3a2b4c71"],
    }
    assert participants(store, call) == {
        ("d365:person:Nina Keller", True),
        ("d365:person:Jürgen Vogel", False),
    }
    incoming = "d365:activity:a1b2c3d4-102a-ef11-9f89-000d3a2b4c71"
    assert participants(store, incoming) == {
        ("d365:person:Sarah Mitchell", True),
        ("d365:person:Nina Keller", False),
    }
    review = "d365:activity:b1c2d3e4-201a-ef11-9f89-000d3a2b4c71"
    assert node(store, "Interaction", review)["occurred_at"] == at(2025, 3, 12, 10)
    assert participants(store, review) == {
        ("d365:person:David Brandt", True),
        ("d365:person:Sarah Mitchell", False),
        ("d365:person:Nina Keller", False),
    }
    email = "d365:activity:c1d2e3f4-302a-ef11-9f89-000d3a2b4c71"
    assert node(store, "Interaction", email)["kind"] == "email"
    assert participants(store, email) == {
        ("d365:person:Olivia Chen", True),
        ("d365:person:David Brandt", False),
        ("d365:person:Nina Keller", False),
    }
    skipped = ("a1b2c3d4-103a", "b1c2d3e4-203a", "c1d2e3f4-303a", "a1b2c3d4-104a")
    for guid in skipped:
        assert store.get_node("Interaction", f"d365:activity:{guid}-ef11-9f89-000d3a2b4c71") is None


def test_dynamics_rejects(dynamics: IngestResult) -> None:
    assert [(r.file, r.line, r.column, r.value) for r in dynamics.rejects] == [
        (ACCOUNTS, 6, "person_id", "d365:person:Sales Team DACH"),  # a team owns it
        (APPOINTMENTS, 3, "participant_ids", "d365:person:dispatch@fabrikam-logistics.de"),
        (CALLS, 5, "Actual End", "13/03/2025 10:00"),
    ]
    assert dynamics.rejects[-1].reason == (
        "occurred_at: '13/03/2025 10:00' matches none of the date formats "
        "'%m/%d/%Y %I:%M %p', '%m/%d/%Y', '%d.%m.%Y %H:%M', '%d.%m.%Y'"
    )


def test_dynamics_german_date_formats_are_day_first(store: GraphStore) -> None:
    options = IngestOptions(format="mapping", mapping=Path("dynamics365"))  # shipped, by name
    result = ingest(store, FIXTURES / "dynamics365_de", options)
    calls = result.files["All Phone Calls 31-3-2025 16-15-40.csv"]
    assert (calls.read, calls.created, calls.rejected) == (2, 2, 0)  # no people: only calls
    first = node(store, "Interaction", "d365:activity:a7e1c0d2-611a-ef11-9f89-000d3a2b4c71")
    second = node(store, "Interaction", "d365:activity:a7e1c0d2-612a-ef11-9f89-000d3a2b4c71")
    assert first["occurred_at"] == at(2025, 3, 4, 14, 30)  # not 3 April
    assert second["occurred_at"] == at(2025, 3, 12, 9, 15)


def test_pipedrive_companies_people_and_users(store: GraphStore, pipedrive: IngestResult) -> None:
    assert pipedrive.files == {
        "organizations-2025-03-31.csv": FileCounts(read=4, created=4),
        "people-2025-03-31.csv": FileCounts(read=4, created=4),
        "deals-2025-03-31.csv": FileCounts(read=1, created=1),  # open and lost deals skipped
        "activities-2025-03-31.csv": FileCounts(read=6, created=5, rejected=1, rejected_values=1),
    }
    assert own_warnings(pipedrive) == []
    assert store.get_node("Company", "pd:org:Stahlwerk Rheinau GmbH") == {
        "id": "pd:org:Stahlwerk Rheinau GmbH",
        "name": "Stahlwerk Rheinau GmbH",
        "country": "Deutschland",
        "tier": "strategic",
        "sources": ["pipedrive:organization:1"],
    }
    tiers = {
        name: node(store, "Company", f"pd:org:{name}").get("tier")
        for name in ("Brenner Logistik AG", "Kunststoffwerk Hahn KG", "Nordlicht Consulting GmbH")
    }
    assert tiers == {
        "Brenner Logistik AG": "key",
        "Kunststoffwerk Hahn KG": None,
        "Nordlicht Consulting GmbH": "standard",
    }
    assert store.get_node("Person", "pd:person:Stefan Hahn") == {
        "id": "pd:person:Stefan Hahn",
        "name": "Stefan Hahn",
        "email": "stefan.hahn@hahn-kunststoff.de",
        "title": "Geschäftsführer",
        "seniority": "executive",
        "sources": ["pipedrive:person:13"],
    }
    assert ends(store, "WORKS_AT", "pd:person:Stefan Hahn") == {"pd:org:Kunststoffwerk Hahn KG"}
    assert ends(store, "WORKS_AT", "pd:person:Julia Roth") == set()
    assert store.get_node("Person", "pd:user:Lea Hoffmann") == {
        "id": "pd:user:Lea Hoffmann",
        "name": "Lea Hoffmann",
        "seniority": "staff",
        "sources": ["pipedrive:user:Lea Hoffmann"],
    }
    assert ends(store, "WORKS_AT", "pd:user:Lea Hoffmann") == {"home"}
    assert ends(store, "MANAGES_ACCOUNT", "pd:user:Lea Hoffmann") == {
        "pd:org:Brenner Logistik AG",
        "pd:org:Nordlicht Consulting GmbH",
    }


def test_pipedrive_supplies_by_label_and_won_deals(
    store: GraphStore, pipedrive: IngestResult
) -> None:
    assert supplies(store) == {
        ("pd:org:Stahlwerk Rheinau GmbH", "home", None): {},  # Lieferant
        ("pd:org:Brenner Logistik AG", "home", None): {},  # Lieferant
        ("home", "pd:org:Kunststoffwerk Hahn KG", None): {},  # Kunde
        ("home", "pd:org:Kunststoffwerk Hahn KG", "Spritzgussteile Rahmenvertrag 2025"): {
            "category": "Spritzgussteile Rahmenvertrag 2025",
            "annual_value": 84000.0,
            "currency": "EUR",
            "since": at(2025, 1, 20, 15, 42, 10),
        },
    }


def test_pipedrive_activities(store: GraphStore, pipedrive: IngestResult) -> None:
    kinds = {
        i: (found["kind"], found["occurred_at"])
        for i in ("501", "502", "503", "506", "507")
        if (found := store.get_node("Interaction", f"pd:activity:{i}"))
    }
    assert kinds == {
        "501": ("meeting", at(2025, 2, 11, 10)),  # Besprechung
        "502": ("call", at(2025, 2, 13, 14, 15)),  # Anruf
        "503": ("meeting", at(2025, 3, 5)),  # Mittagessen, no due time
        "506": ("email", at(2025, 3, 12, 8, 30)),  # E-Mail
        "507": ("video_call", at(2025, 3, 18, 11)),  # Videokonferenz
    }
    assert participants(store, "pd:activity:501") == {
        ("pd:user:Jonas Weber", False),
        ("pd:person:Markus Lehmann", False),
    }
    assert node(store, "Interaction", "pd:activity:501")["company_id"] == (
        "pd:org:Stahlwerk Rheinau GmbH"
    )
    for skipped in ("504", "505", "508"):  # a task, an activity to do, an unmapped type
        assert store.get_node("Interaction", f"pd:activity:{skipped}") is None
    assert pipedrive.rejects == [
        Reject(
            "activities-2025-03-31.csv",
            9,
            "kind",
            "Werksbesichtigung",
            f"'Werksbesichtigung' is not one of: {', '.join(INTERACTION_KINDS)}",
        )
    ]


@pytest.mark.parametrize(
    ("folder", "options"), [("dynamics365", DYNAMICS), ("pipedrive", PIPEDRIVE)]
)
def test_second_run_changes_nothing(store: GraphStore, folder: str, options: IngestOptions) -> None:
    first = ingest(store, FIXTURES / folder, options)
    before = store.counts()
    again = ingest(store, FIXTURES / folder, options)
    assert not again.changed
    assert {name: (c.created, c.updated) for name, c in again.files.items()} == {
        name: (0, 0) for name in first.files
    }
    assert store.counts().types == before.types


KONTAKTE = """\
Nr,Vorname,Nachname,E-Mail,Firma,Gelöscht
17,Anna,Schmidt,anna.schmidt@lieferant.de,Lieferant GmbH,nein
18,Max,Bauer,max.bauer@alt.example,Alt GmbH,ja
"""
TERMINE = """\
Nr,Art,Datum,Kontakt,Betreff
5,Besprechung,03/04/2025 10:30,17,Jahresgespräch
6,Telefonat,07/04/2025,17,Rückruf Liefertermin
"""
ACME = """\
name: acme
day_first: true

tables:
  - table: people
    name: contact
    file: "kontakte*"
    headers: [Nr, Vorname, Nachname]
    source_id: "{Nr}"
    skip_if: &deleted
      - column: Gelöscht
        in: [ja]
    columns:
      id: "acme:contact:{Nr}"
      name: "{Vorname} {Nachname}"
      email: "{E-Mail}"
      company_id: "acme:company:{Firma}"

  - table: companies
    name: contact
    file: "kontakte*"
    source_id: "{Nr}"
    skip_if: *deleted
    columns:
      id: "acme:company:{Firma}"
      name: "{Firma}"

  - table: interactions
    name: appointment
    file: "termine*"
    source_id: "{Nr}"
    columns:
      id: "acme:appointment:{Nr}"
      kind:
        value: "{Art}"
        map: {Besprechung: meeting, Telefonat: call}
      occurred_at: "{Datum}"
      subject: "{Betreff}"
      participant_ids: "acme:contact:{Kontakt}"
"""


@pytest.fixture
def acme(tmp_path: Path) -> tuple[Path, Path]:
    export = tmp_path / "export"
    export.mkdir()
    (export / "kontakte.csv").write_text(KONTAKTE, encoding="utf-8")
    (export / "termine.csv").write_text(TERMINE, encoding="utf-8")
    mapping = tmp_path / "acme.yaml"
    mapping.write_text(ACME, encoding="utf-8")
    return export, mapping


def test_inline_mapping_the_readme_example(store: GraphStore, acme: tuple[Path, Path]) -> None:
    export, mapping = acme
    result = ingest(store, export, IngestOptions(format="mapping", mapping=mapping))
    assert result.files == {
        "kontakte.csv": FileCounts(read=1, created=1),
        "termine.csv": FileCounts(read=2, created=2),
    }
    assert (result.rejects, own_warnings(result)) == ([], [])
    assert store.get_node("Person", "acme:contact:17") == {
        "id": "acme:contact:17",
        "name": "Anna Schmidt",
        "email": "anna.schmidt@lieferant.de",
        "seniority": "staff",
        "sources": ["acme:contact:17"],
    }
    assert ends(store, "WORKS_AT", "acme:contact:17") == {"acme:company:Lieferant GmbH"}
    assert store.get_node("Company", "acme:company:Lieferant GmbH") == {
        "id": "acme:company:Lieferant GmbH",
        "name": "Lieferant GmbH",
        "sources": ["acme:contact:17"],
    }
    assert store.get_node("Person", "acme:contact:18") is None
    assert store.get_node("Company", "acme:company:Alt GmbH") is None
    meeting = store.get_node("Interaction", "acme:appointment:5")
    call = store.get_node("Interaction", "acme:appointment:6")
    assert meeting is not None and call is not None
    assert (meeting["kind"], meeting["occurred_at"]) == ("meeting", at(2025, 4, 3, 10, 30))
    assert (call["kind"], call["occurred_at"]) == ("call", at(2025, 4, 7))
    assert participants(store, "acme:appointment:5") == {("acme:contact:17", False)}


def test_day_first_from_the_ingest_options_when_the_mapping_says_nothing(
    store: GraphStore, acme: tuple[Path, Path]
) -> None:
    export, mapping = acme
    mapping.write_text(ACME.replace("day_first: true\n", ""), encoding="utf-8")
    ingest(store, export, IngestOptions(format="mapping", mapping=mapping, day_first=True))
    assert node(store, "Interaction", "acme:appointment:5")["occurred_at"] == at(2025, 4, 3, 10, 30)
    mapping.write_text(ACME.replace("day_first: true", "day_first: false"), encoding="utf-8")
    ingest(store, export, IngestOptions(format="mapping", mapping=mapping, day_first=True))
    assert node(store, "Interaction", "acme:appointment:5")["occurred_at"] == at(2025, 3, 4, 10, 30)


def test_bad_optional_date_drops_the_value_not_the_row(store: GraphStore, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "staff.csv").write_text(
        "Id,Name,Since\n1,Ann Lee,2021-05\n2,Bo Kim,05.2021\n", encoding="utf-8"
    )
    mapping = tmp_path / "staff.yaml"
    mapping.write_text(
        "name: hr\ntables:\n  - table: people\n    file: staff\n    columns:\n"
        '      id: "hr:{Id}"\n      name: "{Name}"\n      company_id: "{home}"\n'
        '      started_at: {value: "{Since}", formats: ["%Y-%m"]}\n      title: "{Title}"\n',
        encoding="utf-8",
    )
    result = ingest(store, export, IngestOptions(format="mapping", mapping=mapping))
    assert result.files["staff.csv"] == FileCounts(read=2, created=2, rejected_values=1)
    assert result.rejects == [
        Reject(
            "staff.csv",
            3,
            "Since",
            "05.2021",
            "started_at: '05.2021' matches none of the date formats '%Y-%m'",
        ),
    ]
    assert own_warnings(result) == ["staff.csv: no column Title for tables[0] (people); left blank"]
    [job] = store.relationships("WORKS_AT", start="hr:1")
    assert job.props["started_at"] == at(2021, 5, 1)
    [job] = store.relationships("WORKS_AT", start="hr:2")
    assert "started_at" not in job.props


MINIMAL = """\
name: x
tables:
  - table: interactions
    file: "a*"
    columns:
      id: "i:{ID}"
      kind: call
      occurred_at: {value: "{When}", formats: ["%d.%m.%Y"]}
      participant_ids: "p:{Who}"
"""


@pytest.fixture
def calls(tmp_path: Path) -> Path:
    export = tmp_path / "a.csv"
    export.write_text("ID,When,Who\n1,01.02.2025,p1\n", encoding="utf-8")
    return export


def test_a_minimal_mapping_reads_one_csv_file(
    store: GraphStore, tmp_path: Path, calls: Path
) -> None:
    mapping = tmp_path / "x.yaml"
    mapping.write_text(MINIMAL, encoding="utf-8")
    result = ingest(store, calls, IngestOptions(format="mapping", mapping=mapping))
    # p:p1 is no person of the export: the interaction is kept without them
    assert result.files == {"a.csv": FileCounts(read=1, created=1, rejected_values=1)}
    assert store.get_node("Interaction", "i:1") == {
        "id": "i:1",
        "kind": "call",
        "occurred_at": at(2025, 2, 1),
        "sources": ["x:interactions:a.csv:2"],
    }


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '"%d.%m.%Y"]',
            '"%d.%m.%Y", "%Q"]',
            r"^\S*x\.yaml:8:60: tables\[0\]\.columns\.occurred_at\.formats\[1\]: unknown date "
            r"format '%Q' \(%Q is not a strptime directive",
        ),
        (
            "table: interactions",
            "table: interaction",
            r"x\.yaml:3:5: tables\[0\]\.table: 'interaction' is not one of: companies, products, ",
        ),
        ("    file:", "    fiel:", r"x\.yaml:4:5: tables\[0\]\.fiel: unknown key \(known: table, "),
        (
            "      kind: call\n",
            "",
            r"x\.yaml:3:5: tables\[0\]: columns: needs kind \(required in interactions\)",
        ),
        (
            "      kind: call",
            "      kind: call\n      when: x",
            r"x\.yaml:8:7: tables\[0\]\.columns\.when: not a column of interactions \(id, kind, ",
        ),
        (
            '"p:{Who}"',
            '{value: "p:{Who} {Also}", split: ";"}',
            r"x\.yaml:9:7: tables\[0\]\.columns\.participant_ids: split: needs a value reading "
            "exactly one column",
        ),
        (
            '"i:{ID}"',
            '"i:{ID"',
            r"x\.yaml:6:7: tables\[0\]\.columns\.id: unmatched '\{' in 'i:\{ID'",
        ),
        ('"i:{ID}"', '"i:{@id}"', r"x\.yaml:6:7: tables\[0\]\.columns\.id: unknown name \{@id\}"),
        (
            "    file:",
            "    direction: {column: T, company: x, supplier: [a]}\n    file:",
            r"x\.yaml:3:5: tables\[0\]: direction: is for supplies tables only",
        ),
        (
            "    file:",
            "    skip_if: [{column: a, in: [b], not_in: [c]}]\n    file:",
            r"x\.yaml:4:15: tables\[0\]\.skip_if\[0\]: give exactly one of in:, not_in:, matches:, "
            "blank:",
        ),
        ("name: x", "name: my crm", r"x\.yaml:1:1: name: 'my crm': use only letters"),
        ("name: x", "version: 3\nname: x", r"x\.yaml:1:1: version: 3 is not one of: 1, 2"),
        ("kind: call", "kind: 7", r"x\.yaml:7:7: tables\[0\]\.columns\.kind: expected a template"),
        (
            "kind: call",
            'kind: {value: "{T}", first_of: ["{U}"]}',
            r"x\.yaml:7:7: tables\[0\]\.columns\.kind: give either value: or first_of:",
        ),
        (
            "kind: call",
            'kind: {value: "{T}", extract: "(a"}',
            r"x\.yaml:7:28: tables\[0\]\.columns\.kind\.extract: not a regular expression: '\(a'",
        ),
        (
            "kind: call",
            'kind: {value: "{T}", unmapped: blank}',
            r"x\.yaml:7:7: tables\[0\]\.columns\.kind: unmapped: blank needs a map:",
        ),
        (
            "    columns:",
            '    properties: {subject: "{S}"}\n    columns:',
            r"x\.yaml:5:5: tables\[0\]\.properties: subject: a column of the table already",
        ),
        (
            "    columns:",
            '    properties: {"a b": "{S}"}\n    columns:',
            r"x\.yaml:5:18: tables\[0\]\.properties\.a b: a property name is letters",
        ),
        (
            "    columns:",
            '    computed: {A: "{B}", B: "x{A}"}\n    columns:',
            r"x\.yaml:3:5: tables\[0\]: A is made from itself: A → B → A",
        ),
        (
            "    columns:",
            '    join: {agent: "{Who}"}\n    columns:',
            r"x\.yaml:5:12: tables\[0\]\.join\.agent: no lookup 'agent' \(lookups: none\)",
        ),
        (
            "    columns:",
            "    duplicates: sum\n    columns:",
            r"x\.yaml:5:5: tables\[0\]\.duplicates: sum adds up annual_value of supplies",
        ),
        ("tables:", "tables: [", r"x\.yaml:3:3: not YAML \(expected the node content"),
        (MINIMAL, "", r"x\.yaml: not a mapping file"),
    ],
)
def test_mapping_file_mistakes_name_their_line_and_yaml_path(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    mapping = tmp_path / "x.yaml"
    mapping.write_text(MINIMAL.replace(old, new), encoding="utf-8")
    with pytest.raises(ExportError, match=message):
        load_mapping(mapping)


def test_every_mistake_is_reported_in_the_order_of_the_file(tmp_path: Path) -> None:
    mapping = tmp_path / "x.yaml"
    mapping.write_text(
        MINIMAL.replace("    file:", "    fiel: x\n    file:").replace("name: x", "name: a b"),
        encoding="utf-8",
    )
    with pytest.raises(ExportError) as raised:
        load_mapping(mapping)
    assert [line.split(": ", 1)[0] for line in str(raised.value).splitlines()] == [
        f"{mapping}:1:1",
        f"{mapping}:4:5",
    ]


def test_a_mistake_stops_the_run_before_anything_is_written(
    store: GraphStore, tmp_path: Path, calls: Path
) -> None:
    mapping = tmp_path / "x.yaml"
    mapping.write_text(MINIMAL.replace("kind: call", "kind: 7"), encoding="utf-8")
    with pytest.raises(ExportError, match="expected a template"):
        ingest(store, calls, IngestOptions(format="mapping", mapping=mapping))
    assert store.counts().types.get("Interaction", 0) == 0


def test_mapping_format_needs_a_mapping_and_is_never_detected(
    store: GraphStore, tmp_path: Path
) -> None:
    assert MappingAdapter.detect(open_export(FIXTURES / "pipedrive")) == []
    with pytest.raises(ExportError, match="needs a mapping file"):
        ingest(store, FIXTURES / "pipedrive", IngestOptions(format="mapping"))
    missing = IngestOptions(format="mapping", mapping=tmp_path / "no.yaml")
    with pytest.raises(ExportError, match="cannot read the mapping file"):
        ingest(store, FIXTURES / "pipedrive", missing)


def test_shipped_mappings_and_examples_are_named_without_folder_or_extension(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "enron").mkdir()  # an export folder of that name does not hide the example
    assert resolve_mapping(Path("enron")) == EXAMPLES / "enron.yaml"
    assert resolve_mapping(Path("dynamics365")) == SHIPPED / "dynamics365.yaml"
    (tmp_path / "pipedrive").write_text("name: mine\n", encoding="utf-8")
    assert resolve_mapping(Path("pipedrive")) == Path("pipedrive")  # a file of that name wins
    assert resolve_mapping(Path("nothing")) == Path("nothing")


def test_yes_no_and_numbers_in_the_mapping_are_text(tmp_path: Path) -> None:
    mapping = tmp_path / "flags.yaml"
    mapping.write_text(
        MINIMAL.replace("kind: call", "kind: {value: '{Typ}', map: {Yes: call, 1: email}}")
        + "    skip_if: [{column: Deleted, in: [yes, true, 1]}]\n",
        encoding="utf-8",
    )
    [table] = load_mapping(mapping).tables
    [kind] = table.columns["kind"]
    assert kind.map == {"yes": "call", "1": "email"}
    assert table.skip_if[0].in_ == ("yes", "true", "1")
