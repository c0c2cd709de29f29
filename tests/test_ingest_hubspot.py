"""HubSpot ingest, on every backend: UI exports and import-template files into the graph."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph_model.store import GraphStore
from ingest.adapters.hubspot import HubSpotAdapter
from ingest.adapters.registry import detect_format
from ingest.pipeline import IngestOptions, ingest
from ingest.sources import open_export
from ingest.writer import FileCounts
from tests.conftest import participants

FIXTURES = Path(__file__).parent / "fixtures"
UI = FIXTURES / "hubspot"
IMPORT = FIXTURES / "hubspot_import"
COMPANIES = "hubspot-crm-exports-all-companies-2025-03-01.csv"
CONTACTS = "hubspot-crm-exports-all-contacts-2025-03-01.csv"
DEALS = "hubspot-crm-exports-all-deals-2025-03-01.csv"
ACTIVITIES = "hubspot-crm-exports-all-activities-2025-03-01.csv"
HUBSPOT = IngestOptions(format="hubspot")
JANA, PAUL = "hs:owner:jana-weber", "hs:owner:paul-martin"


def company(number: int) -> str:
    return f"hs:company:{number}"


def contact(number: int) -> str:
    return f"hs:contact:{number}"


def activity(number: int) -> str:
    return f"hs:activity:{number}"


def test_fixtures_keep_the_shape_of_real_exports() -> None:
    companies = (UI / COMPANIES).read_bytes()
    activities = (UI / ACTIVITIES).read_bytes()
    assert companies.startswith(b"\xef\xbb\xbf")
    assert companies.count(b"\r\n") == companies.count(b"\n")
    assert b'"Call recap:\r\nEmily wants a pilot' in activities


@pytest.mark.parametrize("folder", [UI, IMPORT], ids=["ui-export", "import-templates"])
def test_hubspot_exports_are_detected_by_their_headers(folder: Path) -> None:
    files = open_export(folder)
    assert HubSpotAdapter.detect(files)
    assert detect_format(files) == "hubspot"


def test_canonical_export_is_not_taken_for_hubspot(tmp_path: Path) -> None:
    (tmp_path / "companies.csv").write_text("id,name,domain,country\nc1,Acme,acme.de,DE\n")
    (tmp_path / "people.csv").write_text("id,name,email,company_id\np1,Ann,ann@acme.de,c1\n")
    files = open_export(tmp_path)
    assert not HubSpotAdapter.detect(files)
    assert detect_format(files) == "canonical"


def test_companies_and_the_home_company(store: GraphStore) -> None:
    result = ingest(store, UI, HUBSPOT)
    assert result.status == "succeeded"
    assert store.get_node("Company", company(9001)) == {
        "id": company(9001),
        "name": "Acme Logistics GmbH",
        "domain": "acme-logistics.de",
        "country": "Germany",
        "industry": "Logistics and Supply Chain",
        "sources": ["hubspot:company:9001"],
    }
    nordwind = store.get_node("Company", company(9002))
    assert nordwind is not None
    assert nordwind["domain"] == "nordwind-trading.ch"  # from the Website URL
    assert "domain" not in store.get_node("Company", company(9007))  # type: ignore[operator]
    assert store.get_node("Company", "home") == {
        "id": "home",
        "name": "Home company",
        "is_home": True,
    }
    assert store.counts().labels["Company"] == 7  # six with a Record ID, and home


def test_contacts_link_by_association_name_or_email_domain(store: GraphStore) -> None:
    result = ingest(store, UI, HUBSPOT)
    jobs = {r.start: r.end for r in store.relationships("WORKS_AT")}
    assert jobs == {
        contact(501): company(9001),  # Associated Company IDs
        contact(502): company(9002),  # Company Name "NORDWIND TRADING AG."
        contact(503): company(9003),  # email domain brightline.io
        contact(505): company(9004),  # "9004;9001": the first
        contact(506): company(9004),  # email domain, no name
        JANA: "home",
        PAUL: "home",
    }
    assert store.get_node("Person", contact(502)) == {
        "id": contact(502),
        "name": "Marco Rossi",
        "email": "m.rossi@nordwind.ch",
        "title": "Procurement Manager",
        "seniority": "manager",
        "sources": ["hubspot:contact:502"],
    }
    gmail_user = store.get_node("Person", contact(504))  # company 9007 has gmail.com
    assert gmail_user is not None
    assert gmail_user["email"] == "tom.baker1987@gmail.com"
    assert store.get_node("Person", contact(506))["name"] == (  # type: ignore[index]
        "orders@kestrel-components.co.uk"
    )
    assert result.warnings == [
        f"{CONTACTS}: 1 of 6 contacts matched no company (by association, company name "
        "or email domain); imported without one",
    ]


def test_owners_are_people_of_the_home_company(store: GraphStore) -> None:
    ingest(store, UI, HUBSPOT)
    assert store.get_node("Person", JANA) == {
        "id": JANA,
        "name": "Jana Weber",
        "seniority": "staff",
        "sources": ["hubspot:owner:Jana Weber"],
    }
    assert store.counts().labels["Person"] == 8  # six contacts, two owners


def test_supplies_follow_company_type_and_summed_won_deals(store: GraphStore) -> None:
    ingest(store, UI, HUBSPOT)
    supplies = {
        (r.start, r.end): {k: v for k, v in r.props.items() if k != "sources"}
        for r in store.relationships("SUPPLIES")
    }
    assert supplies == {
        (company(9001), "home"): {},  # Type Vendor
        (company(9006), "home"): {},  # Type Vendor
        ("home", company(9002)): {  # Type Customer, and won deals 7001 + 7002
            "annual_value": 42500.0,
            "currency": "EUR",
            "since": datetime(2024, 6, 30, tzinfo=UTC),
        },
        ("home", company(9004)): {  # Type Partner, a won deal matched by company name
            "annual_value": 8000.0,
            "currency": "GBP",
            "since": datetime(2025, 1, 20, tzinfo=UTC),
        },
    }
    [nordwind] = store.relationships("SUPPLIES", end=company(9002))
    assert nordwind.props["sources"] == ["hubspot:deal:7001"]


def test_company_owner_manages_customer_accounts(store: GraphStore) -> None:
    ingest(store, UI, HUBSPOT)
    managed = [(r.start, r.end) for r in store.relationships("MANAGES_ACCOUNT")]
    # 9002: Type Customer; 9004: Lifecycle Stage Customer; 9001 (a vendor) is not managed.
    assert managed == [(PAUL, company(9002)), (PAUL, company(9004))]


def test_activities_become_interactions(store: GraphStore) -> None:
    ingest(store, UI, HUBSPOT)
    expected = {
        80001: (
            "email",
            datetime(2025, 3, 3, 9, 30),
            "Updated freight rates for Q2",
            9001,
            {JANA: True, contact(501): False},
        ),
        80002: (
            "email",
            datetime(2025, 3, 4, 14, 15),
            "Re: Delivery schedule",
            9002,
            {PAUL: False, contact(502): True},
        ),
        80003: (
            "video_call",
            datetime(2025, 3, 5, 10, 0),
            "Quarterly business review",
            9002,
            {PAUL: False, contact(502): False, contact(505): False},
        ),
        80004: (
            "note",
            datetime(2025, 3, 6, 16, 45),
            "Call recap:",
            9003,
            {JANA: False, contact(503): False},
        ),
        80005: (
            "call",
            datetime(2025, 3, 7, 11, 0),
            "Rate negotiation",
            9001,
            {JANA: True, contact(501): False},
        ),
        80007: (
            "message",
            datetime(2025, 3, 8, 8, 5),
            "Connected after the webinar",
            9003,
            {JANA: False, contact(503): False},
        ),
        80008: (
            "meeting",
            datetime(2025, 3, 9, 14, 0),
            "Factory visit Sheffield",
            9004,
            {PAUL: False, contact(505): False},
        ),
        80009: (
            "call",
            datetime(2025, 3, 10, 15, 30),
            "Cold call from a distributor",
            None,
            {PAUL: False},
        ),
    }
    for number, (kind, when, subject, company_number, people) in expected.items():
        node = store.get_node("Interaction", activity(number))
        assert node is not None, number
        assert (node["kind"], node["occurred_at"], node["subject"]) == (
            kind,
            when.replace(tzinfo=UTC),
            subject,
        ), number
        assert node.get("company_id") == (company_number and company(company_number)), number
        assert participants(store, activity(number)) == people, number
    assert store.get_node("Interaction", activity(80006)) is None  # POSTAL_MAIL
    assert store.counts().labels["Interaction"] == 8


def test_rejects_name_the_hubspot_row_and_column(store: GraphStore) -> None:
    result = ingest(store, UI, HUBSPOT)
    assert [(r.file, r.line, r.column, r.value) for r in result.rejects] == [
        (ACTIVITIES, 9, "kind", "POSTAL_MAIL"),  # after the three-line note
        (ACTIVITIES, 12, "Associated Company", "Unknown GmbH"),
        (ACTIVITIES, 12, "Associated Contact", "Max Mustermann (max@unknown-gmbh.de)"),
        (COMPANIES, 6, "id", ""),
        (DEALS, 7, "Amount", "n/a"),
        (DEALS, 8, "Deal currency code", "USD"),
        (DEALS, 9, "Associated Company IDs", ""),
    ]
    reasons = [r.reason for r in result.rejects]
    assert reasons[0].startswith("'POSTAL_MAIL' is not one of: meeting")
    assert reasons[3] == "id is required"
    assert reasons[4] == (
        "'n/a' is not a number; this deal is left out of the company's annual value"
    )
    assert reasons[5] == (
        "the company's other won deals are in EUR; this deal is left out of its annual value"
    )


def test_rows_are_counted_once_per_line(store: GraphStore) -> None:
    result = ingest(store, UI, HUBSPOT)
    assert result.files[COMPANIES] == FileCounts(read=7, created=6, rejected=1)


def test_counts_of_files_without_derived_rows(store: GraphStore) -> None:
    result = ingest(store, UI, HUBSPOT)
    assert result.files[CONTACTS] == FileCounts(read=6, created=6)
    assert result.files[DEALS] == FileCounts(read=2, created=2)  # one row per customer
    assert result.files[ACTIVITIES] == FileCounts(read=9, created=8, rejected=1)


@pytest.mark.parametrize("folder", [UI, IMPORT], ids=["ui-export", "import-templates"])
def test_second_ingest_changes_nothing(store: GraphStore, folder: Path) -> None:
    ingest(store, folder, HUBSPOT)
    before = store.counts()
    again = ingest(store, folder, HUBSPOT)
    assert not again.changed
    assert all(c.created == 0 and c.updated == 0 for c in again.files.values())
    after = store.counts()
    assert after.types == before.types
    assert after.labels == before.labels | {"IngestRun": 2}


def test_import_templates_with_owner_numbers(store: GraphStore) -> None:
    result = ingest(store, IMPORT, HUBSPOT)
    assert result.rejects == []
    assert result.warnings == []
    assert store.get_node("Person", PAUL) == {
        "id": PAUL,
        "name": "Paul Martin",
        "email": "paul.martin@home.example",
        "seniority": "staff",
        "sources": ["hubspot:owner:3002"],
    }
    assert store.get_node("Person", "hs:owner:3003")["name"] == "HubSpot owner 3003"  # type: ignore[index]
    jobs = {r.start: r.end for r in store.relationships("WORKS_AT")}
    assert jobs == {
        contact(201): company(101),  # associatedcompanyid
        contact(202): company(102),  # email domain = the website's
        JANA: "home",
        PAUL: "home",
        "hs:owner:3003": "home",
    }
    rels = store.relationships("SUPPLIES")
    supplies = {(r.start, r.end): r.props.get("annual_value") for r in rels}
    assert supplies == {(company(101), "home"): None, ("home", company(102)): 48000.0}
    [since] = [r.props["since"] for r in store.relationships("SUPPLIES", start="home")]
    assert since == datetime(2025, 1, 15, tzinfo=UTC)
    assert [(r.start, r.end) for r in store.relationships("MANAGES_ACCOUNT")] == [
        (PAUL, company(102)),
    ]
    inbound = store.get_node("Interaction", activity(401))
    assert inbound is not None
    assert (inbound["kind"], inbound["subject"]) == ("call", "Pricing follow-up")
    assert participants(store, activity(401)) == {PAUL: False, contact(202): True}
    outbound = store.get_node("Interaction", activity(402))
    assert outbound is not None
    assert outbound["occurred_at"] == datetime(2025, 2, 21, 8, 0, tzinfo=UTC)
    assert participants(store, activity(402)) == {"hs:owner:3003": True, contact(201): False}


def test_day_first_reads_slashed_dates_european(store: GraphStore) -> None:
    ingest(store, UI, IngestOptions(format="hubspot", day_first=True))
    email = store.get_node("Interaction", activity(80002))
    assert email is not None
    assert email["occurred_at"] == datetime(2025, 4, 3, 14, 15, tzinfo=UTC)


def test_file_without_record_ids_is_skipped(store: GraphStore, tmp_path: Path) -> None:
    shutil.copy(UI / COMPANIES, tmp_path / COMPANIES)
    (tmp_path / "contacts-no-ids.csv").write_text(
        "First Name,Last Name,Email\nAnn,Lee,ann@acme-logistics.de\nBo,Li,bo@brightline.io\n"
    )
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n")
    result = ingest(store, tmp_path, HUBSPOT)
    assert result.files["contacts-no-ids.csv"] == FileCounts(read=2, rejected=2)
    [reject] = [r for r in result.rejects if r.file == "contacts-no-ids.csv"]
    assert (reject.line, reject.column) == (1, "Record ID")
    assert reject.reason == (
        "no Record ID column, so its contacts cannot be told apart; file skipped"
    )
    assert result.warnings == [
        "notes.csv: not a HubSpot export of companies, contacts, deals, activities, owners; "
        "ignored",
    ]
