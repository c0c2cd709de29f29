"""HubSpot as it is exported, on every backend: a made-up portal in the real shape (one file
per object and activity type, owners as e-mails in some files and names in others).

The fixture ``tests/fixtures/hubspot_portal`` holds 693 rows: 60 companies (one more without
a Record ID), 180 contacts, 72 deals, 95 calls, 62 meetings, 84 e-mails, 42 notes, 46 tasks,
46 tickets and 5 owners.
"""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph_model.store import GraphStore
from ingest.adapters.hubspot.files import classify
from ingest.adapters.registry import detect_format
from ingest.pipeline import IngestResult, ingest
from ingest.sources import open_export
from tests.conftest import participants

PORTAL = Path(__file__).parent / "fixtures" / "hubspot_portal"
STAMP = "2026-04-30"
COMPANIES = f"hubspot-crm-exports-all-companies-{STAMP}.csv"
CONTACTS = f"hubspot-crm-exports-all-contacts-{STAMP}.csv"
DEALS = f"hubspot-crm-exports-all-deals-{STAMP}.csv"
CALLS = f"hubspot-crm-exports-calls-{STAMP}.csv"
MEETINGS = f"hubspot-crm-exports-meetings-{STAMP}.csv"
EMAILS = f"hubspot-crm-exports-emails-{STAMP}.csv"
NOTES = f"hubspot-crm-exports-notes-{STAMP}.csv"
TASKS = f"hubspot-crm-exports-tasks-{STAMP}.csv"
TICKETS = f"hubspot-crm-exports-tickets-{STAMP}.csv"
OBJECTS = {
    COMPANIES: "companies",
    CONTACTS: "contacts",
    DEALS: "deals",
    CALLS: "activities",
    MEETINGS: "activities",
    EMAILS: "activities",
    NOTES: "activities",
    TASKS: "activities",
    TICKETS: "tickets",
    "owners.csv": "owners",
}
JANA, PAUL, SOFIA, TOMASZ, EMILY = (
    f"hs:owner:{name}"
    for name in ("jana-weber", "paul-martin", "sofia-brandt", "tomasz-nowak", "emily-chen")
)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def company_at(store: GraphStore, domain: str) -> str:
    [company] = store.find_by("Company", "domain", [domain])
    return str(company["id"])


def employer(store: GraphStore, person: str) -> str | None:
    jobs = store.relationships("WORKS_AT", start=person)
    return jobs[0].end if jobs else None


def ours(result: IngestResult) -> list[str]:
    """The warnings about the export's files (not those about the run as a whole)."""
    return [w for w in result.warnings if w.startswith(("hubspot-crm-exports", "owners"))]


def test_each_file_is_told_by_its_headers_whatever_its_name(tmp_path: Path) -> None:
    for number, name in enumerate(sorted(OBJECTS)):
        shutil.copy(PORTAL / name, tmp_path / f"export-{number}.csv")
    files = open_export(tmp_path)
    found = {name: classify(files[f"export-{n}"]) for n, name in enumerate(sorted(OBJECTS))}
    assert {name: f.kind.name for name, f in found.items() if f} == OBJECTS
    types = {
        name: f.activity_type for name, f in found.items() if f and f.kind.name == "activities"
    }
    assert types == {
        CALLS: "call",
        MEETINGS: "meeting",
        EMAILS: "email",
        NOTES: "note",
        TASKS: "task",
    }
    assert detect_format(files) == "hubspot"
    assert detect_format(open_export(PORTAL)) == "hubspot"


def test_the_export_ingests_with_few_rejects(store: GraphStore) -> None:
    result = ingest(store, PORTAL)
    assert result.format == "hubspot"
    assert result.reject_share < 0.02
    assert sum(c.read for c in result.files.values()) == 693  # every row of the files
    assert sum(c.left_out for c in result.files.values()) == 29  # nothing happened in them
    assert sum(c.rejected for c in result.files.values()) == 2
    assert [(r.file, r.line, r.column, r.value) for r in result.rejects] == [
        (COMPANIES, 35, "Record ID", ""),
        (DEALS, 42, "Amount", "tbd"),
        (CALLS, 59, "Activity date", "TBD"),
        (MEETINGS, 45, "Associated Company", "Unknown Traders Ltd"),
    ]
    assert result.rejects[3].reason == (
        "no company with this name or domain in the companies export; "
        "the activity is kept without a company"
    )
    assert ours(result) == [
        f"{CONTACTS}: 10 of 180 contacts matched no company (by association, company name or "
        "e-mail domain); imported without one",
        f"{CALLS}: 4 row(s) left out: a call that reached nobody (Call outcome Busy)",
        f"{CALLS}: 6 row(s) left out: a call that reached nobody (Call outcome No answer)",
        f"{CALLS}: 1 row(s) left out: a call that reached nobody (Call outcome Wrong number)",
        f"{EMAILS}: 2 row(s) left out: an e-mail that did not reach anyone "
        "(Email send status Bounced)",
        f"{MEETINGS}: 1 row(s) left out: a meeting that did not take place "
        "(Meeting outcome Canceled)",
        f"{TASKS}: 2 row(s) left out: a task not done (Task status In progress)",
        f"{TASKS}: 11 row(s) left out: a task not done (Task status Not started)",
        f"{TASKS}: 2 row(s) left out: a task not done (Task status Waiting)",
    ]
    counts = store.counts()
    assert counts.labels | {"IngestRun": 0} == {
        "Company": 61,  # 60 and the home company
        "Person": 189,  # 180 contacts, 5 owners, 4 shared mailboxes named by e-mail
        "Product": 0,
        "Interaction": 345,
        "Opportunity": 72,
        "IngestRun": 0,
        "ApiKey": 0,
        "AuditEntry": 0,
    }
    assert counts.types["WORKS_AT"] == 179  # all but the 10 free-mail contacts
    assert counts.types["SUPPLIES"] == 49
    assert counts.types["MANAGES_ACCOUNT"] == 30


def test_contacts_link_to_companies_by_every_key(store: GraphStore) -> None:
    ingest(store, PORTAL)
    expected = {
        "20001": "lumen-retail.co.uk",  # Associated Company IDs "9101;9108": the first
        "20002": "pioneer-components.co.uk",  # an id
        "20003": "opal-components.es",  # id 9999 is no company of the export: the e-mail
        "20007": "indigo-foods.de",  # Associated Company "INDIGO FOODS"
        "20008": "lakeside-software.ch",  # Associated Company Domain "www.lakeside-software.ch/"
        "20009": "larch-retail.fr",  # Company Name "Larch Retail"
        "20010": "monarch-textiles.it",  # the e-mail's domain
        "20006": "kingfisher-retail.no",
    }
    for number, domain in expected.items():
        assert employer(store, f"hs:contact:{number}") == company_at(store, domain), number
    assert employer(store, "hs:contact:20171") is None  # jonas.koehler82@gmail.com
    nameless = store.get_node("Person", "hs:contact:20006")
    assert nameless is not None
    assert (nameless["name"], nameless["seniority"]) == (
        "o.zimmermann@kingfisher-retail.no",
        "director",
    )
    shouting = store.get_node("Person", "hs:contact:20004")
    assert shouting is not None and shouting["email"] == "f.nilsson@northstar-trading.de"
    fjord = store.get_node("Company", "hs:company:9105")
    assert fjord is not None
    assert fjord["domain"] == "fjord-retail.fr"  # from "https://www.fjord-retail.fr/en/about-us"


def test_owners_are_matched_to_the_owners_file_by_email_or_name(store: GraphStore) -> None:
    ingest(store, PORTAL)
    owners = {
        p["id"]: (p["name"], p["email"], p["sources"])
        for p in store.find_nodes("Person", "", 1000)
        if p["id"].startswith("hs:owner:")
    }
    assert owners == {
        JANA: ("Jana Weber", "jana.weber@nordlicht.example", ["hubspot:owner:31001"]),
        PAUL: ("Paul Martin", "paul.martin@nordlicht.example", ["hubspot:owner:31002"]),
        SOFIA: ("Sofia Brandt", "sofia.brandt@nordlicht.example", ["hubspot:owner:31003"]),
        TOMASZ: ("Tomasz Nowak", "tomasz.nowak@nordlicht.example", ["hubspot:owner:31004"]),
        EMILY: ("Emily Chen", "echen@nordlicht.example", ["hubspot:owner:31005"]),
    }
    assert {employer(store, owner) for owner in owners} == {"home"}
    # Emily is named "Emily Chen" by companies and contacts, "echen@…" by deals and calls
    assert store.get_node("Opportunity", "hs:deal:7141")["owner_id"] == EMILY  # type: ignore[index]
    assert participants(store, "hs:activity:60068")[EMILY] is True


def test_without_an_owners_file_owners_are_created(store: GraphStore, tmp_path: Path) -> None:
    for name in OBJECTS:
        if name != "owners.csv":
            shutil.copy(PORTAL / name, tmp_path / name)
    result = ingest(store, tmp_path)
    assert result.reject_share < 0.02
    owners = {
        p["id"]: (p["name"], p.get("email"))
        for p in store.find_nodes("Person", "", 1000)
        if p["id"].startswith("hs:owner:")
    }
    assert owners == {
        # named by name in some files and by e-mail in others: one person
        JANA: ("Jana Weber", "jana.weber@nordlicht.example"),
        PAUL: ("Paul Martin", "paul.martin@nordlicht.example"),
        SOFIA: ("Sofia Brandt", "sofia.brandt@nordlicht.example"),
        TOMASZ: ("Tomasz Nowak", "tomasz.nowak@nordlicht.example"),
        # an address that does not spell the name: two people, until an owners file says
        EMILY: ("Emily Chen", None),
        "hs:owner:echen": ("echen@nordlicht.example", "echen@nordlicht.example"),
    }


def test_deals_are_opportunities_and_won_deals_supplies(store: GraphStore) -> None:
    ingest(store, PORTAL)
    deals = store.find_nodes("Opportunity", "", 1000)
    assert Counter(d["status"] for d in deals) == {"won": 29, "lost": 22, "open": 21}
    assert store.get_node("Opportunity", "hs:deal:7104") == {
        "id": "hs:deal:7104",
        "name": "Kingfisher Retail – service contract 2026",
        "stage": "Decision maker bought-in",
        "status": "open",
        "amount": 48000.0,
        "close_date": at("2026-04-25"),
        "company_id": "hs:company:9106",  # by name: the deal has no company ids
        "owner_id": SOFIA,  # "sofia.brandt@nordlicht.example"
        "pipeline": "Sales Pipeline",
        "sources": ["hubspot:deal:7104"],
    }
    lost = store.get_node("Opportunity", "hs:deal:7141")
    assert lost is not None
    assert (lost["status"], "amount" in lost, "currency" in lost) == ("lost", False, False)
    supplies = {
        r.end: (r.props.get("annual_value"), r.props.get("since"), r.props.get("currency"))
        for r in store.relationships("SUPPLIES", start="home")
    }
    assert supplies["hs:company:9105"] == (195000.0, at("2025-08-09"), None)  # 120,000.00 + 75000
    assert supplies["hs:company:9131"] == (132500.0, at("2025-08-01"), None)
    assert supplies["hs:company:9102"] == (75000.0, at("2025-09-29"), None)  # one without amount
    won = {d["company_id"] for d in deals if d["status"] == "won"}
    assert won <= supplies.keys()


def test_activities_and_tickets_become_interactions(store: GraphStore) -> None:
    ingest(store, PORTAL)
    kinds = Counter(
        node["kind"]
        for r in store.relationships("PARTICIPATED_IN", start=PAUL)
        if (node := store.get_node("Interaction", r.end))
    )
    assert set(kinds) == {"call", "email", "meeting", "video_call", "note", "ticket", "message"}
    lakeside = company_at(store, "lakeside-software.ch")
    expected = {
        # id: kind, occurred_at, subject, outcome, company, {participant: initiated}
        "hs:activity:40001": (
            "call",
            at("2026-02-07 14:15"),
            "Pricing follow-up",
            "Connected",
            lakeside,
            {PAUL: True, "hs:contact:20008": False},
        ),
        "hs:activity:40002": (
            "call",
            at("2025-06-05 12:00"),
            "Quality issue",
            "Connected",
            "hs:company:9113",
            {PAUL: False, "hs:contact:20013": True},  # inbound
        ),
        "hs:activity:40005": (
            "message",  # Left voicemail: one way
            at("2025-07-31 09:00"),
            "Delivery schedule",
            "Left voicemail",
            "hs:company:9116",
            {PAUL: True, "hs:contact:20076": False},
        ),
        "hs:activity:50004": (
            "video_call",  # Microsoft Teams meeting
            at("2025-07-14 11:45"),
            "Quarterly business review",
            "Completed",
            "hs:company:9101",  # "Lumen Retail"
            {TOMASZ: False, "hs:contact:20061": False, "hs:contact:20121": False},
        ),
        "hs:activity:60001": (
            "email",
            at("2026-03-08 16:45"),
            "Re: Delivery dates",
            None,
            company_at(store, "acme-components.co.uk"),  # "https://acme-components.co.uk/"
            {SOFIA: False, "hs:contact:20043": True},  # incoming, by the contact's e-mail
        ),
        "hs:activity:60008": (
            "email",
            at("2026-02-11 14:15"),
            "Fwd: Certificates",
            None,
            company_at(store, "atlas-metals.es"),
            {JANA: False, "hs:email:purchasing@atlas-metals.es": False},  # forwarded
        ),
        "hs:activity:70001": (
            "note",
            at("2025-12-25 09:00"),
            "Call recap:",  # the body's first line
            None,
            employer(store, "hs:contact:20070"),
            {PAUL: False, "hs:contact:20070": False},
        ),
        "hs:activity:80003": (
            "note",  # a completed task, when it was completed
            at("2025-09-09 21:00"),
            "Send quote",
            "Completed",
            company_at(store, "sterling-foods.fr"),
            {TOMASZ: False, "hs:contact:20029": False},
        ),
    }
    for interaction, (kind, when, subject, outcome, company, people) in expected.items():
        node = store.get_node("Interaction", interaction)
        assert node is not None, interaction
        got = (node["kind"], node["occurred_at"], node["subject"], node.get("outcome"))
        assert got == (kind, when, subject, outcome), interaction
        assert node["company_id"] == company, interaction
        assert participants(store, interaction) == people, interaction
    # a note on a company that names no one is activity with the account
    account_note = store.get_node("Interaction", "hs:activity:70018")
    assert account_note is not None
    assert account_note["company_id"] == "hs:company:9160"
    assert participants(store, "hs:activity:70018") == {}
    # the company of a note with neither contacts nor companies: its deal's
    note = store.get_node("Interaction", "hs:activity:70024")
    deal = store.get_node("Opportunity", "hs:deal:7124")
    assert note is not None and deal is not None
    assert note["company_id"] == deal["company_id"] == "hs:company:9132"
    ticket = store.get_node("Interaction", "hs:ticket:3100002")
    assert ticket is not None
    assert {k: v for k, v in ticket.items() if k != "sources"} == {
        "id": "hs:ticket:3100002",
        "kind": "ticket",
        "occurred_at": at("2025-08-25 16:00"),
        "subject": "Damaged pallet on delivery",
        "status": "Waiting on us",
        "priority": "Medium",
        "company_id": company_at(store, "granite-retail.com"),
        "initiator_id": "hs:contact:20142",
    }
    assert participants(store, "hs:ticket:3100001") == {"hs:contact:20094": True}  # no owner
    for left_out in (40009, 50017, 60021, 80001):  # no answer, canceled, bounced, not started
        assert store.get_node("Interaction", f"hs:activity:{left_out}") is None


@pytest.mark.parametrize("owners_file", [True, False], ids=["owners-file", "no-owners-file"])
def test_second_ingest_changes_nothing(
    store: GraphStore, tmp_path: Path, owners_file: bool
) -> None:
    for name in OBJECTS:
        if owners_file or name != "owners.csv":
            shutil.copy(PORTAL / name, tmp_path / name)
    ingest(store, tmp_path)
    before = store.counts()
    again = ingest(store, tmp_path)
    assert not again.changed
    assert again.merges == []
    after = store.counts()
    assert after.types == before.types
    assert after.labels == before.labels | {"IngestRun": 2}
