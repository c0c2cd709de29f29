"""Salesforce ingest, on every backend: a Data Export folder, report exports, ids, detection.

The Data Export fixture (``fixtures/salesforce``) has the API headers of a real
weekly export, 18- and 15-character ids of the same records mixed, a byte order
mark (User.csv), CRLF line endings (Contact.csv), quoted multi-line
descriptions, deleted rows, Data Loader's upper-case headers
(PricebookEntry.csv), a Task whose contact is not exported, an Event with
invitees, won and lost opportunities with line items, and Account Types
Customer, Vendor and Partner. The report fixture (``fixtures/salesforce_report``)
holds "Details Only" report exports with labels, no ids but the users', and footers.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph_model.store import GraphStore
from ingest.adapters.registry import detect_format
from ingest.adapters.salesforce import SalesforceAdapter, salesforce_id
from ingest.pipeline import IngestOptions, IngestResult, ingest
from ingest.sources import open_export
from ingest.writer import FileCounts
from tests.conftest import participants

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = FIXTURES / "salesforce"
REPORTS = FIXTURES / "salesforce_report"
SALESFORCE = IngestOptions(format="salesforce")

ACME, BETA, GAMMA, DELTA, EPSILON = (f"sf:0015g00000Qx7a{c}AAR" for c in "BCDEF")
JANE, MAX, OLD_TIMER = (f"sf:0055g00000ABcd{c}AAT" for c in "EFG")
ANNA, BERND, CARLA, GINA, DAN = (f"sf:0035g00000Kk1a{c}AAR" for c in "ABCDE")
UNEXPORTED_CONTACT = "sf:0035g00000Kk9zZAAR"
WIDGET, GIZMO, SUPPORT_PLAN = (f"sf:01t5g000001AbC{c}AAK" for c in "def")
WIDGET_ITEM, GIZMO_ITEM = (f"00k5g00000Li1a{c}AAR" for c in "AB")
CALL, EMAIL, MISSING_CONTACT, LEAD_MEETING, TELEPATHY, DELETED, OPEN, PLAN = (
    f"sf:00T5g00000Ta1a{c}EAR" for c in "ABCDEFGH"
)
REVIEW, CHILD_COPY, SITE_VISIT, NEGOTIATION = (f"sf:00U5g00000Ev1a{c}EAR" for c in "ABCD")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def sources(kind: str, record_id: str) -> list[str]:
    return [f"salesforce:{kind}:{record_id.removeprefix('sf:')}"]


def adapter_warnings(result: IngestResult) -> set[str]:
    """The run's warnings but the note on how old its interactions are (the fixtures' are
    from 2025)."""
    return {w for w in result.warnings if "interactions ingested are more than" not in w}


@pytest.fixture
def result(store: GraphStore) -> IngestResult:
    return ingest(store, EXPORT, SALESFORCE)


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("001A0000006Vm9r", "001A0000006Vm9rIAC"),
        ("0019000000B98de", "0019000000B98deAAB"),
        ("a0D30000001n7Pi", "a0D30000001n7PiEAI"),
    ],
)
def test_15_and_18_character_ids_are_one_id(short: str, long: str) -> None:
    assert salesforce_id(short) == long
    assert salesforce_id(long) == long
    assert salesforce_id(f" {long.lower()} ") == long  # the suffix restores the lost case
    assert salesforce_id(long.upper()) == long


@pytest.mark.parametrize(
    "text",
    [
        "",
        "001A0000006Vm9",
        "001A0000006Vm9rIA",
        "001A0000006Vm-r",
        "0019000000B98de999",
        "0019000000B98deAA5",
    ],
)
def test_what_is_not_a_salesforce_id(text: str) -> None:
    assert salesforce_id(text) is None


def test_detection(tmp_path: Path) -> None:
    assert detect_format(open_export(EXPORT)) == "salesforce"
    assert detect_format(open_export(REPORTS)) == "salesforce"
    canonical = tmp_path / "canonical"
    canonical.mkdir()
    (canonical / "companies.csv").write_text("id,name,domain\nc1,Acme,acme.de\n")
    (canonical / "interactions.csv").write_text(
        "id,kind,occurred_at,participant_ids,subject\ni1,call,2025-03-01,p1,Call\n"
    )
    assert detect_format(open_export(canonical)) == "canonical"
    others = tmp_path / "others"
    others.mkdir()
    (others / "All Accounts.csv").write_text(  # Dynamics 365 also says "Account Name"
        "(Do Not Modify) Account,(Do Not Modify) Row Checksum,Account Name,Website,Owner\n"
        "8f1c,abc,Acme,acme.de,Jane\n"
    )
    (others / "all-contacts.csv").write_text(  # HubSpot: no Salesforce label set
        "Record ID,First Name,Last Name,Email,Company Name,Contact owner\n1,Ann,Lee,a@b.de,B,J\n"
    )
    assert not SalesforceAdapter.detect(open_export(others))


def test_counts_rejects_and_warnings(result: IngestResult) -> None:
    assert result.status == "succeeded"
    assert result.files == {
        "Account.csv": FileCounts(read=6, created=5, rejected=1, rejected_values=1),
        "Contact.csv": FileCounts(read=4, created=4),
        "User.csv": FileCounts(read=3, created=3),
        "Product2.csv": FileCounts(read=3, created=3),
        "Opportunity.csv": FileCounts(read=1, created=1),  # Delta: won, without line items
        "OpportunityLineItem.csv": FileCounts(  # 2 summed
            read=3, created=2, rejected=1, rejected_values=1
        ),
        "Task.csv": FileCounts(read=6, created=5, rejected=1, rejected_values=2),
        "Event.csv": FileCounts(read=3, created=3),
    }
    assert [(r.file, r.line, r.column, r.value, r.reason) for r in result.rejects] == [
        ("Account.csv", 9, "Id", "", "no Account id; row skipped"),  # after a two-line value
        (
            "OpportunityLineItem.csv",
            6,
            "OpportunityId",
            "0065g00000Op9zZAAR",
            "the line item's opportunity is not in this export; row skipped",
        ),
        (
            "Task.csv",
            4,
            "participant_ids",
            UNEXPORTED_CONTACT,
            f"no person with id {UNEXPORTED_CONTACT!r} in this export or the store",
        ),
        (
            "Task.csv",
            6,
            "Type",
            "Telepathy",
            "activity type 'Telepathy' is none this adapter knows (Call, Email, Meeting, Video "
            "Call, Visit, Negotiation, RFP, Gift, Message, Note…), nor does the subject tell; "
            "row skipped",
        ),
    ]
    assert adapter_warnings(result) == {
        "not mapped to the graph, ignored: Lead.csv",
        "Account.csv: tier 'Gold' is not one of strategic, key, standard; left blank",
        "Account.csv: 1 row(s) left out: deleted (IsDeleted)",
        "Contact.csv: 1 row(s) left out: deleted (IsDeleted)",
        "Opportunity.csv: 1 row(s) left out: deleted (IsDeleted)",
        "Product2.csv: 1 row(s) left out: deleted (IsDeleted)",
        "Task.csv: 1 row(s) left out: deleted (IsDeleted)",
        "Task.csv: 1 row(s) left out: an open task (IsClosed false): not happened",
        "Event.csv: 1 row(s) left out: an invitee's copy of an event (IsChild); invitees come "
        "from EventRelation",
        "User.csv: 1 row(s) left out: not an internal user (UserType other than Standard)",
        "1 indirect account-contact relations (a contact related to a further account) are "
        "not employment; left out",
        "Task.csv: 1 activities name a lead (00Q…) as WhoId; leads are not imported, so they "
        "are no participants",
    }


def test_accounts_become_companies(store: GraphStore, result: IngestResult) -> None:
    assert store.get_node("Company", "home") == {
        "id": "home",
        "name": "Home company",
        "is_home": True,
    }
    assert store.get_nodes("Company", [ACME, BETA, GAMMA, DELTA, EPSILON]) == {
        ACME: {
            "id": ACME,
            "name": "Acme GmbH",
            "domain": "acme.de",
            "country": "Germany",
            "industry": "Manufacturing",
            "tier": "strategic",
            "sources": sources("Account", ACME),
        },
        BETA: {
            "id": BETA,
            "name": "Beta Logistics AG",
            "domain": "beta-logistics.com",
            "country": "Austria",
            "industry": "Transportation",  # ShippingCountry
            "sources": sources("Account", BETA),
        },
        GAMMA: {
            "id": GAMMA,
            "name": "Gamma Consulting Ltd",
            "domain": "gamma-consulting.io",
            "country": "United Kingdom",
            "industry": "Consulting",  # Tier__c "Gold" dropped
            "sources": sources("Account", GAMMA),
        },
        DELTA: {
            "id": DELTA,
            "name": "Delta Retail B.V.",
            "domain": "delta-retail.com",
            "country": "Netherlands",
            "industry": "Retail",
            "sources": sources("Account", DELTA),
        },  # exported with its 15-character id
        EPSILON: {
            "id": EPSILON,
            "name": "Epsilon Foods SA",
            "country": "France",
            "industry": "Food & Beverage",
            "tier": "key",  # from Type "Key Customer"
            "sources": sources("Account", EPSILON),
        },
    }
    assert store.get_node("Company", "sf:0015g00000Qx7aGAAR") is None  # deleted
    assert store.counts().labels["Company"] == 6


def test_users_and_contacts_become_people(store: GraphStore, result: IngestResult) -> None:
    assert store.get_node("Person", JANE) == {
        "id": JANE,
        "name": "Jane Seller",
        "email": "jane.seller@home.example",
        "title": "Key Account Manager",
        "seniority": "manager",
        "sources": sources("User", JANE),
    }
    assert store.get_node("Person", ANNA) == {
        "id": ANNA,
        "name": "Anna Schmidt",
        "email": "anna.schmidt@acme.de",
        "title": "Head of Procurement",
        "seniority": "vp",
        "sources": sources("Contact", ANNA),
    }
    assert store.get_node("Person", BERND)["seniority"] == "executive"  # type: ignore[index]
    assert store.get_node("Person", OLD_TIMER) is not None  # inactive, still imported
    assert store.get_node("Person", "sf:0055g00000ABcdHAAT") is None  # an automated user
    assert store.get_node("Person", GINA) is None  # deleted
    jobs = {(r.start, r.end): r.props for r in store.relationships("WORKS_AT")}
    assert jobs == {
        (JANE, "home"): {"sources": sources("User", JANE)},
        (MAX, "home"): {"sources": sources("User", MAX)},
        (OLD_TIMER, "home"): {"sources": sources("User", OLD_TIMER)},  # no ended_at
        (ANNA, ACME): {"started_at": at(2019, 4, 1), "sources": sources("Contact", ANNA)},
        (BERND, ACME): {"sources": sources("Contact", BERND)},  # AccountId of 15 characters
        (CARLA, BETA): {"sources": sources("Contact", CARLA)},
        (DAN, DELTA): {"sources": sources("Contact", DAN)},
    }
    managers = {(r.start, r.end) for r in store.relationships("REPORTS_TO")}
    assert managers == {(ANNA, BERND), (JANE, MAX), (OLD_TIMER, MAX)}


def test_won_opportunities_and_account_types_become_supplies(
    store: GraphStore, result: IngestResult
) -> None:
    supplies = {
        (r.start, r.end, r.props.get("product_id")): r.props
        for r in store.relationships("SUPPLIES")
    }
    assert supplies == {
        ("home", ACME, WIDGET): {  # two won opportunities, one by 15-character ids
            "product_id": WIDGET,
            "annual_value": 14000.0,
            "currency": "EUR",
            "since": at(2024, 6, 30),
            "sources": sources("OpportunityLineItem", WIDGET_ITEM),
        },
        ("home", ACME, GIZMO): {  # no Product2Id: through its PricebookEntry
            "product_id": GIZMO,
            "annual_value": 5000.0,
            "currency": "EUR",
            "since": at(2025, 2, 14),
            "sources": sources("OpportunityLineItem", GIZMO_ITEM),
        },
        ("home", DELTA, None): {  # won without line items: the Amount
            "annual_value": 8500.0,
            "currency": "EUR",
            "since": at(2025, 1, 10),
            "sources": sources("Opportunity", "0065g00000Op1aDAAR"),
        },
        ("home", EPSILON, None): {"sources": sources("Account", EPSILON)},  # Type Key Customer
        (BETA, "home", None): {"sources": sources("Account", BETA)},  # Type Vendor
    }  # Gamma (Technology Partner, an open opportunity) supplies nobody; the lost one sold nothing
    assert {(r.start, r.end) for r in store.relationships("OFFERS")} == {
        ("home", WIDGET),
        ("home", GIZMO),
    }
    assert store.get_node("Product", SUPPORT_PLAN) == {
        "id": SUPPORT_PLAN,
        "name": "Support Plan",
        "category": "Services",
        "sources": sources("Product2", SUPPORT_PLAN),
    }


def test_account_owners_manage_their_accounts(store: GraphStore, result: IngestResult) -> None:
    managed = {(r.start, r.end) for r in store.relationships("MANAGES_ACCOUNT")}
    assert managed == {(JANE, ACME), (JANE, GAMMA), (JANE, DELTA), (MAX, BETA)}  # Epsilon: none


def test_activities_become_interactions(store: GraphStore, result: IngestResult) -> None:
    found = store.get_nodes(
        "Interaction",
        [
            CALL,
            EMAIL,
            MISSING_CONTACT,
            LEAD_MEETING,
            TELEPATHY,
            DELETED,
            OPEN,
            PLAN,
            REVIEW,
            CHILD_COPY,
            SITE_VISIT,
            NEGOTIATION,
        ],
    )
    assert {
        i: (n["kind"], n["occurred_at"], n["subject"], n.get("company_id"))
        for i, n in found.items()
    } == {
        CALL: ("call", at(2025, 3, 3), "Call", ACME),  # TaskSubtype Call
        EMAIL: ("email", at(2025, 3, 4), "Email: Price list 2025", ACME),
        MISSING_CONTACT: ("call", at(2025, 3, 5), "Telefonat Liefertermine", BETA),
        LEAD_MEETING: ("meeting", at(2025, 3, 6), "Besprechung Q2", None),
        PLAN: ("note", at(2025, 3, 8), "Prepare account plan", BETA),  # WhatId: an account
        REVIEW: ("meeting", at(2025, 3, 10, 9), "Quarterly business review", ACME),
        SITE_VISIT: ("meeting", at(2025, 4, 2, 13, 30), "Site visit Beta Logistics", BETA),
        NEGOTIATION: ("negotiation", at(2025, 5, 5, 8), "Price negotiation 2026", ACME),
    }  # ActivityDateTime stands in for the blank StartDateTime of the negotiation
    assert found[EMAIL]["sources"] == sources("Task", EMAIL)
    assert participants(store, CALL) == {JANE: False, ANNA: False}  # WhoId of 15 characters
    assert participants(store, EMAIL) == {JANE: True, ANNA: False}  # the owner sends it
    assert participants(store, MISSING_CONTACT) == {MAX: False}
    assert participants(store, LEAD_MEETING) == {MAX: False}  # a lead is no participant
    assert participants(store, REVIEW) == {  # owner, WhoId and invitees, but who declined
        JANE: False,
        ANNA: False,
        BERND: False,
        MAX: False,
    }
    assert participants(store, NEGOTIATION) == {JANE: False, BERND: False}


def test_second_ingest_changes_nothing(store: GraphStore, result: IngestResult) -> None:
    before = store.counts()
    again = ingest(store, EXPORT, SALESFORCE)
    assert not again.changed
    assert all(c.created == 0 and c.updated == 0 for c in again.files.values())
    assert again.files["Task.csv"] == FileCounts(read=6, unchanged=5, rejected=1, rejected_values=2)
    after = store.counts()
    assert after.types == before.types
    assert after.labels == before.labels | {"IngestRun": 2}


def test_report_exports(store: GraphStore) -> None:
    result = ingest(store, REPORTS, SALESFORCE)
    acme, beta = "sf:name:account:acme gmbh", "sf:name:account:beta logistics ag"
    nordwind, ostwerk = "sf:name:account:nordwind handel gmbh", "sf:name:account:ostwerk kg"
    petra = "sf:name:user:petra pauls"
    anna, olaf = "sf:name:contact:acme gmbh/anna schmidt", "sf:name:contact:ostwerk kg/olaf ost"
    widget, gizmo = "sf:name:product2:widget", "sf:name:product2:gizmo"
    assert result.files["report1712000000001.csv"] == FileCounts(read=3, created=3)  # no footer
    assert store.get_node("Company", acme) == {
        "id": acme,
        "name": "Acme GmbH",
        "domain": "acme.de",
        "country": "Germany",
        "industry": "Manufacturing",
        "tier": "strategic",
        "sources": ["salesforce:Account:name:account:acme gmbh"],
    }
    assert store.get_node("Company", ostwerk) == {  # only named by a contact
        "id": ostwerk,
        "name": "Ostwerk KG",
        "sources": ["salesforce:Account:name:account:ostwerk kg"],
    }
    assert store.get_node("Person", JANE)["title"] == "Key Account Manager"  # type: ignore[index]
    assert store.get_node("Person", petra) == {  # an account owner no user row names
        "id": petra,
        "name": "Petra Pauls",
        "seniority": "staff",
        "sources": ["salesforce:User:name:user:petra pauls"],
    }
    jobs = {(r.start, r.end) for r in store.relationships("WORKS_AT")}
    assert jobs == {
        (JANE, "home"),
        (MAX, "home"),
        (petra, "home"),
        (anna, acme),
        ("sf:name:contact:acme gmbh/bernd maier", acme),
        ("sf:name:contact:beta logistics ag/carla rossi", beta),
        (olaf, ostwerk),
    }
    assert [r.end for r in store.relationships("REPORTS_TO", start=JANE)] == [MAX]  # by name
    managed = {(r.start, r.end) for r in store.relationships("MANAGES_ACCOUNT")}
    assert managed == {(JANE, acme), (MAX, beta), (petra, nordwind)}
    supplies = {
        (r.start, r.end, r.props.get("product_id")): (
            r.props.get("annual_value"),
            r.props.get("currency"),
            r.props.get("since"),
        )
        for r in store.relationships("SUPPLIES")
    }
    assert supplies == {
        ("home", acme, widget): (14000.0, None, at(2024, 6, 30)),
        ("home", acme, gizmo): (5000.0, None, at(2025, 2, 14)),
        ("home", nordwind, None): (2500.0, "EUR", at(2024, 11, 5)),  # "EUR 2,500.00"
        (beta, "home", None): (None, None, None),
    }
    assert store.get_node("Product", widget)["category"] == "Hardware"  # type: ignore[index]
    ids = {
        r.end
        for person in (JANE, MAX, petra)
        for r in store.relationships("PARTICIPATED_IN", start=person)
    }
    activities = {n["subject"]: n for n in store.get_nodes("Interaction", ids).values()}
    assert {s: (n["kind"], n["occurred_at"], n["company_id"]) for s, n in activities.items()} == {
        "Call: delivery dates": ("call", at(2025, 3, 3), acme),
        "Email: Price list 2025": ("email", at(2025, 3, 4), acme),
        "Jahresgespräch 2025": ("meeting", at(2025, 3, 10), acme),
        "Termin Lager": ("meeting", at(2025, 3, 12), ostwerk),
    }
    assert all(n["id"].startswith("sf:row:") for n in activities.values())
    email = activities["Email: Price list 2025"]["id"]
    assert participants(store, email) == {JANE: True, anna: False}
    assert participants(store, activities["Termin Lager"]["id"]) == {petra: False, olaf: False}
    assert [(r.file, r.line, r.column, r.value) for r in result.rejects] == [
        ("report1712000000004.csv", 6, "Activity Type", "Tea ceremony"),
    ]
    assert (
        "report1712000000004.csv (activity report): names, not Salesforce ids, tell the records "
        "of: its rows, Assigned, Contact, Company / Account (sf:name:…), so a renamed record "
        "becomes a new one"
    ) in result.warnings
    again = ingest(store, REPORTS, SALESFORCE)
    assert not again.changed


def test_day_first_reaches_every_date(store: GraphStore, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("report1712000000003.csv", "report1712000000004.csv", "report1712000000005.csv"):
        shutil.copy(REPORTS / name, folder / name)
    result = ingest(store, folder, IngestOptions(format="salesforce", day_first=True))
    ids = {r.end for r in store.relationships("PARTICIPATED_IN", start=JANE)}
    dates = {n["subject"]: n["occurred_at"] for n in store.get_nodes("Interaction", ids).values()}
    assert dates == {
        "Call: delivery dates": at(2025, 3, 3),
        "Email: Price list 2025": at(2025, 4, 3),
    }
    [nordwind] = store.relationships("SUPPLIES", end="sf:name:account:nordwind handel gmbh")
    assert nordwind.props["since"] == at(2024, 5, 11)
    closing = [(r.line, r.column, r.value) for r in result.rejects if r.column == "Close Date"]
    assert closing == [
        (2, "Close Date", "2/14/2025"),  # no 14th month
        (3, "Close Date", "2/14/2025"),
        (4, "Close Date", "6/30/2024"),
    ]
    sold = {r.props.get("product_id"): r.props for r in store.relationships("SUPPLIES")}
    assert sold["sf:name:product2:widget"]["annual_value"] == 14000.0  # the sales are kept
    assert "since" not in sold["sf:name:product2:widget"]


def test_kinds_from_subtype_subject_and_type(store: GraphStore, tmp_path: Path) -> None:
    subjects = [  # (TaskSubtype, Type, Subject) -> kind
        ("ListEmail", "", "Spring newsletter", "email"),
        ("LinkedIn", "", "Connection request", "message"),
        ("Task", "", "Call: forecast", "call"),
        ("Task", "", "RFP: packaging 2026", "rfp"),
        ("Task", "", "Ausschreibung Verpackung", "rfp"),
        ("Task", "", "Rahmenvertrag 2026", "negotiation"),
        ("Task", "", "Weihnachtspräsent", "gift"),
        ("Task", "", "Teams: forecast Q2", "video_call"),
        ("Task", "", "Hannover Messe 2025", "event"),
        ("Task", "", "Lunch", "meeting"),
        ("Task", "", "Termin vor Ort", "meeting"),
        ("Task", "", "Gesprächsnotiz", "note"),
        ("Task", "Meeting", "Quick sync", "meeting"),
        ("Task", "Video Call", "Kick-off", "video_call"),
        ("Task", "Other", "Prepare offer", "note"),
    ]
    header = "Id,OwnerId,WhoId,Subject,ActivityDate,Type,TaskSubtype,IsDeleted,IsClosed\n"
    lines = [
        f"00T5g00000Zz{n:03d},0055g00000ABcdE,,{subject},2025-03-0{n % 9 + 1},{kind_type},"
        f"{subtype},false,true\n"
        for n, (subtype, kind_type, subject, _) in enumerate(subjects)
    ]
    folder = tmp_path / "tasks"
    folder.mkdir()
    (folder / "Task.csv").write_text(header + "".join(lines))
    (folder / "User.csv").write_text("Id,Name,CreatedDate\n0055g00000ABcdE,Jane,2024-01-01\n")
    result = ingest(store, folder, SALESFORCE)
    assert result.rejects == []
    found = store.get_nodes(
        "Interaction", [f"sf:{salesforce_id(f'00T5g00000Zz{n:03d}')}" for n in range(len(subjects))]
    )
    assert {n["subject"]: n["kind"] for n in found.values()} == {
        subject: kind for _, _, subject, kind in subjects
    }
