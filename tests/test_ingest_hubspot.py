"""HubSpot ingest, on every backend: small UI exports and import-template files, detection,
and the canonical opportunities table that deals become.

The made-up portal export of several hundred rows is tested in test_ingest_hubspot_portal.py.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph_model.settings import DEFAULT_KIND_WEIGHTS
from graph_model.store import GraphStore
from ingest.adapters.hubspot import HubSpotAdapter
from ingest.adapters.hubspot.files import classify
from ingest.adapters.registry import detect_format
from ingest.pipeline import IngestOptions, ingest
from ingest.sources import open_export
from queries.view import network_view
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
MAX = "hs:email:max@unknown-gmbh.de"


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


# detection


@pytest.mark.parametrize("folder", [UI, IMPORT], ids=["ui-export", "import-templates"])
def test_hubspot_exports_are_detected_by_their_headers(folder: Path) -> None:
    files = open_export(folder)
    assert HubSpotAdapter.detect(files)
    assert detect_format(files) == "hubspot"


@pytest.mark.parametrize(
    "folder", ["salesforce", "salesforce_report", "dynamics365", "pipedrive", "dirty/bom_multiline"]
)
def test_other_exports_are_not_taken_for_hubspot(folder: str) -> None:
    assert not HubSpotAdapter.detect(open_export(FIXTURES / folder))


def test_salesforce_is_still_detected_as_salesforce() -> None:
    assert detect_format(open_export(FIXTURES / "salesforce")) == "salesforce"
    assert detect_format(open_export(FIXTURES / "salesforce_report")) == "salesforce"


def test_labels_both_systems_use_are_told_apart_by_the_others(tmp_path: Path) -> None:
    """An older HubSpot contacts export has "Contact ID", as a Salesforce contact report does;
    HubSpot's "Contact owner" alone would not tell, "Associated Company" does."""
    hubspot = tmp_path / "hubspot"
    hubspot.mkdir()
    (hubspot / "contacts.csv").write_text(
        "Contact ID,First Name,Last Name,Email,Contact owner,Associated Company\n"
        "501,Lena,Fischer,lena@acme.de,Jana Weber,Acme GmbH\n"
    )
    assert detect_format(open_export(hubspot)) == "hubspot"
    salesforce = tmp_path / "salesforce"
    salesforce.mkdir()
    (salesforce / "report.csv").write_text(
        "Contact ID,First Name,Last Name,Email,Contact Owner,Account Name\n"
        "003000000000001,Lena,Fischer,lena@acme.de,Jana Weber,Acme GmbH\n"
    )
    assert not HubSpotAdapter.detect(open_export(salesforce))


def test_owners_files_are_told_from_contacts(tmp_path: Path) -> None:
    people = "First Name,Last Name,Email\nJana,Weber,jana.weber@home.example\n"
    (tmp_path / "users.csv").write_text(people)  # HubSpot's user export has no owner id
    (tmp_path / "team.csv").write_text("Owner ID," + people.replace("\n", "\n1,", 1))
    (tmp_path / "people.csv").write_text("Record ID," + people.replace("\n", "\n1,", 1))
    (tmp_path / "staff.csv").write_text(people)
    found = {name: classify(f) for name, f in open_export(tmp_path).items()}
    kinds = {name: f.kind.name if f else None for name, f in found.items()}
    assert kinds == {"users": "owners", "team": "owners", "people": "contacts", "staff": "contacts"}


def test_canonical_export_is_not_taken_for_hubspot(tmp_path: Path) -> None:
    (tmp_path / "companies.csv").write_text("id,name,domain,country\nc1,Acme,acme.de,DE\n")
    (tmp_path / "people.csv").write_text("id,name,email,company_id\np1,Ann,ann@acme.de,c1\n")
    files = open_export(tmp_path)
    assert not HubSpotAdapter.detect(files)
    assert detect_format(files) == "canonical"


# the small UI export


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
    assert (
        f"{CONTACTS}: 1 of 6 contacts matched no company (by association, company name or e-mail domain); imported without one"
        in result.warnings
    )


def test_owners_and_people_named_by_email_are_people(store: GraphStore) -> None:
    ingest(store, UI, HUBSPOT)
    assert store.get_node("Person", JANA) == {
        "id": JANA,
        "name": "Jana Weber",
        "seniority": "staff",
        "sources": ["hubspot:owner:Jana Weber"],
    }
    # an activity's contact that the contacts export does not hold, known by its e-mail
    assert store.get_node("Person", MAX) == {
        "id": MAX,
        "name": "Max Mustermann",
        "email": "max@unknown-gmbh.de",
        "seniority": "staff",
        "sources": ["hubspot:email:max@unknown-gmbh.de"],
    }
    assert store.counts().labels["Person"] == 9  # six contacts, two owners, Max


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


def test_every_deal_is_an_opportunity(store: GraphStore) -> None:
    ingest(store, UI, HUBSPOT)
    deals = {d["id"]: d for d in store.find_nodes("Opportunity", "", 100)}
    assert {d: (o["status"], o.get("company_id")) for d, o in deals.items()} == {
        "hs:deal:7001": ("won", company(9002)),
        "hs:deal:7002": ("won", company(9002)),
        "hs:deal:7003": ("lost", company(9002)),
        "hs:deal:7004": ("won", company(9004)),
        "hs:deal:7005": ("open", company(9003)),
        "hs:deal:7006": ("won", company(9002)),
        "hs:deal:7007": ("won", company(9002)),
        "hs:deal:7008": ("won", None),  # no company: kept, though it supplies no one
    }
    assert deals["hs:deal:7005"] == {
        "id": "hs:deal:7005",
        "name": "Brightline pilot",
        "stage": "Appointment scheduled",
        "status": "open",
        "amount": 5000.0,
        "currency": "USD",
        "close_date": datetime(2025, 4, 30, tzinfo=UTC),
        "company_id": company(9003),
        "owner_id": JANA,
        "pipeline": "Sales Pipeline",
        "sources": ["hubspot:deal:7005"],
    }
    assert "amount" not in deals["hs:deal:7006"]  # "n/a"


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
        80006: (
            "message",
            datetime(2025, 3, 7, 12, 0),
            "Signed contract by post",
            9002,
            {PAUL: False, contact(502): False},
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
            {PAUL: False, MAX: True},
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
    assert store.counts().labels["Interaction"] == 9


def test_rejects_name_the_hubspot_row_and_column(store: GraphStore) -> None:
    result = ingest(store, UI, HUBSPOT)
    assert [(r.file, r.line, r.column, r.value, r.reason) for r in result.rejects] == [
        (
            ACTIVITIES,
            12,  # after the three-line note
            "Associated Company",
            "Unknown GmbH",
            "no company with this name or domain in the companies export; "
            "the activity is kept without a company",
        ),
        (
            COMPANIES,
            6,
            "Record ID",
            "",
            "no Record ID: the company cannot be told apart from others; row skipped",
        ),
        (
            DEALS,
            7,
            "Amount",
            "n/a",
            "'n/a' is not a number; the deal is kept without an amount "
            "and left out of the supply value",
        ),
        (
            DEALS,
            8,
            "Deal currency code",
            "USD",
            "the company's other won deals are in EUR; this deal is left out of its supply value",
        ),
        (
            DEALS,
            9,
            "Associated Company IDs",
            "",
            "a won deal needs an associated company to become a supply relationship; "
            "kept as an opportunity without an account",
        ),
    ]


def test_rows_are_counted_once_per_line(store: GraphStore) -> None:
    result = ingest(store, UI, HUBSPOT)
    assert {file: (c.read, c.created, c.rejected) for file, c in result.files.items()} == {
        COMPANIES: (7, 6, 1),
        CONTACTS: (6, 6, 0),
        DEALS: (8, 8, 0),  # an opportunity each; the supplies they make are not rows
        ACTIVITIES: (9, 9, 0),
    }


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


def test_day_first_reads_slashed_dates_european(store: GraphStore) -> None:
    ingest(store, UI, IngestOptions(format="hubspot", day_first=True))
    email = store.get_node("Interaction", activity(80002))
    assert email is not None
    assert email["occurred_at"] == datetime(2025, 4, 3, 14, 15, tzinfo=UTC)


# import templates


def test_import_templates_with_owner_numbers(store: GraphStore) -> None:
    result = ingest(store, IMPORT, HUBSPOT)
    assert result.rejects == []
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
    lost = store.get_node("Opportunity", "hs:deal:302")
    assert lost is not None and (lost["status"], lost["owner_id"]) == ("lost", PAUL)
    inbound = store.get_node("Interaction", activity(401))
    assert inbound is not None
    assert (inbound["kind"], inbound["subject"]) == ("call", "Pricing follow-up")
    assert participants(store, activity(401)) == {PAUL: False, contact(202): True}
    outbound = store.get_node("Interaction", activity(402))
    assert outbound is not None
    assert outbound["occurred_at"] == datetime(2025, 2, 21, 8, 0, tzinfo=UTC)
    assert participants(store, activity(402)) == {"hs:owner:3003": True, contact(201): False}


# files and rows that cannot be read as records


def test_file_without_record_ids_is_skipped(store: GraphStore, tmp_path: Path) -> None:
    shutil.copy(UI / COMPANIES, tmp_path / COMPANIES)
    (tmp_path / "contacts-no-ids.csv").write_text(
        "First Name,Last Name,Email\nAnn,Lee,ann@acme-logistics.de\nBo,Li,bo@brightline.io\n"
    )
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n")
    result = ingest(store, tmp_path, HUBSPOT)
    skipped = result.files["contacts-no-ids.csv"]
    assert (skipped.read, skipped.rejected) == (2, 2)
    [reject] = [r for r in result.rejects if r.file == "contacts-no-ids.csv"]
    assert (reject.line, reject.column) == (1, "Record ID")
    assert reject.reason == (
        "no Record ID column, so its contacts cannot be told apart; file skipped"
    )
    assert (
        "notes.csv: not a HubSpot export of companies, contacts, deals, tickets, activities, "
        "owners; ignored"
    ) in result.warnings


def test_rows_that_make_no_interaction_are_rejected(store: GraphStore, tmp_path: Path) -> None:
    (tmp_path / "activities.csv").write_text(
        "Record ID,Activity date,Activity assigned to,Subject\n"
        "1,2025-03-01 10:00,Jana Weber,What was this?\n"
    )
    (tmp_path / "tickets.csv").write_text(
        "Ticket ID,Ticket name,Create date,Ticket owner,Ticket status\n"
        "2,Portal login,2025-03-02 09:00,,New\n"
        "3,Late shipment,,jana.weber@home.example,New\n"
    )
    result = ingest(store, tmp_path, HUBSPOT)
    assert [(r.file, r.line, r.column, r.reason) for r in result.rejects] == [
        (
            "activities.csv",
            2,
            "Activity type",
            "no activity type: neither a type column nor the file's columns or name tell it; "
            "row skipped",
        ),
        (
            "tickets.csv",
            2,
            "Ticket owner",
            "no Ticket owner, associated contact or company: nobody and no account the ticket "
            "was with; row skipped",
        ),
        (
            "tickets.csv",
            3,
            "Create date",
            "no Create date: a ticket needs its create date; row skipped",
        ),
    ]
    assert store.counts().labels["Interaction"] == 0


def test_a_company_without_a_name_is_named_by_its_domain(store: GraphStore, tmp_path: Path) -> None:
    (tmp_path / "companies.csv").write_text(
        "Record ID,Company name,Company Domain Name,Website URL\n"
        "1,,,https://www.fjord-pack.no/en\n"
        "2,,,\n"
    )
    result = ingest(store, tmp_path, HUBSPOT)
    fjord = store.get_node("Company", company(1))
    assert fjord is not None and (fjord["name"], fjord["domain"]) == (
        "fjord-pack.no",
        "fjord-pack.no",
    )
    assert [(r.line, r.column, r.reason) for r in result.rejects] == [
        (3, "Company name", "no Company name and no domain to name it by; row skipped"),
    ]


def test_a_ticket_weighs_like_a_message(store: GraphStore, tmp_path: Path) -> None:
    (tmp_path / "contacts.csv").write_text(
        "Record ID,First Name,Last Name,Email\n1,Lena,Fischer,lena@acme.de\n"
    )
    (tmp_path / "tickets.csv").write_text(
        "Ticket ID,Ticket name,Create date,Ticket owner,Associated Contact IDs\n"
        "7,Late shipment,2025-03-01 09:00,Jana Weber,1\n"
    )
    ingest(store, tmp_path, HUBSPOT)
    view = network_view(store, datetime(2025, 3, 1, 9, 0, tzinfo=UTC))
    assert DEFAULT_KIND_WEIGHTS["ticket"] == DEFAULT_KIND_WEIGHTS["message"] == 0.5
    # raised by Lena (rho 0), at as_of: w = 0.5
    assert view.strength(JANA, contact(1)) == pytest.approx(view.model.combine(0.5, 0.0))


# the canonical opportunities table


def test_canonical_opportunities(store: GraphStore, tmp_path: Path) -> None:
    (tmp_path / "companies.csv").write_text("id,name\nc1,Acme\n")
    (tmp_path / "people.csv").write_text("id,name,company_id\np1,Ann,c1\n")
    (tmp_path / "opportunities.csv").write_text(
        "id,name,stage,status,amount,currency,close_date,company_id,owner_id,region\n"
        'o1,Framework 2025,Contract sent,open,"48,000.00",eur,2025-06-30,c1,p1,EMEA\n'
        "o2,Pilot,Closed lost,Lost,,,,c1,,\n"
        "o3,Someday,,maybe,,,,c1,,\n"
    )
    result = ingest(store, tmp_path)
    assert result.format == "canonical"
    assert store.get_node("Opportunity", "o1") == {
        "id": "o1",
        "name": "Framework 2025",
        "stage": "Contract sent",
        "status": "open",
        "amount": 48000.0,
        "currency": "EUR",
        "close_date": datetime(2025, 6, 30, tzinfo=UTC),
        "company_id": "c1",
        "owner_id": "p1",
        "region": "EMEA",
        "sources": ["canonical:opportunities:o1"],
    }
    lost = store.get_node("Opportunity", "o2")
    assert lost is not None and lost["status"] == "lost"
    assert [(r.file, r.line, r.column, r.value) for r in result.rejects] == [
        ("opportunities.csv", 4, "status", "maybe"),
    ]
    assert result.rejects[0].reason == "'maybe' is not one of: open, won, lost"
