"""Salesforce as it is exported, on every backend: files without system columns and written
by hand, exports without User.csv, ids of any shape, account- or contact-only exports,
``sf data tree`` JSON files, and custom fields chosen per run.

Fixtures (made up, in the shapes the tools write):

- ``salesforce_handmade``: Account.csv, Contact.csv and a User.csv without system
  columns, a Data Loader Task.csv with a ``Type__c`` picklist; a ``Job_Title__c`` on
  contacts; 15- and 18-character forms of the same ids across the files.
- ``salesforce_no_users``: a Data Export without User.csv (Data Loader's upper-case
  Task.csv with ``OWNER.NAME``), a task owned by a queue, an event inviting a user.
- ``salesforce_partial``: an account-only and a contact-only export.
- ``salesforce_tree``: ``sf data tree export --plan`` output: nested accounts with
  contacts, opportunities and a case; products, line items and tasks in files of
  their own, lookups as ``@…Ref`` references.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from graph_model.settings import Settings
from graph_model.store import GraphStore
from graph_model.stores import open_store
from ingest.adapters.base import AdapterContext, AdapterReport
from ingest.adapters.registry import adapter_class, detect_format
from ingest.adapters.salesforce import SalesforceAdapter
from ingest.adapters.salesforce.fields import custom_fields
from ingest.adapters.salesforce.ids import DamagedId, record_id
from ingest.errors import ExportError
from ingest.pipeline import IngestOptions, IngestResult, ingest
from ingest.sources import open_export
from ingest.writer import FileCounts
from queries.coverage import account_coverage
from queries.paths import paths
from tests.conftest import participants

FIXTURES = Path(__file__).parent / "fixtures"
HANDMADE = FIXTURES / "salesforce_handmade"
NO_USERS = FIXTURES / "salesforce_no_users"
PARTIAL = FIXTURES / "salesforce_partial"
TREE = FIXTURES / "salesforce_tree"
SALESFORCE = IngestOptions(format="salesforce")
CUSTOM = {"Activity.Type": "Type__c", "Contact.Title": "Job_Title__c"}
AS_OF = datetime(2025, 6, 1, tzinfo=UTC)

NORDLICHT, SONNENHOF = "sf:0015g00000Hm1aAAAR", "sf:0015g00000Hm1aBAAR"
LENA, TOM, INES = (f"sf:0035g00000Hc1a{c}AAR" for c in "ABC")
CLARA, PAUL = "sf:0055g00000Hu1aAAAR", "sf:0055g00000Hu1aBAAR"
VISIT, CHECK_IN, PLANNING, FOLLOW_UP = (f"sf:00T5g00000Ht1a{c}EAR" for c in "ABCD")

KRANICH, LINDQVIST, OBERLAND = (f"sf:0015g00000Nu1a{c}AAR" for c in "ABC")
JOERG, SABINE, ERIK, VRONI = (f"sf:0035g00000Nc1a{c}AAR" for c in "ABCD")
WIEBKE, OWNER_B, INVITED = (f"sf:0055g00000Nw1a{c}AAR" for c in "ABC")
WERK_VISIT, DELIVERY_CALL, QUEUE_CALL = (f"sf:00T5g00000Nt1a{c}EAR" for c in "ABC")
REVIEW, ANNUAL_TALK = (f"sf:00U5g00000Ne1a{c}EAR" for c in "AB")

SYSTEM_COLUMNS = "none of Salesforce's system columns (IsDeleted, OwnerId, CreatedDate…)"


def at(year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def adapter_warnings(result: IngestResult) -> set[str]:
    """The run's warnings but the note on how old its interactions are (from 2025)."""
    return {w for w in result.warnings if "interactions ingested are more than" not in w}


def people(store: GraphStore, *ids: str) -> dict[str, tuple[Any, ...]]:
    """Name, title, seniority and employer of each person."""
    found = store.get_nodes("Person", list(ids))
    employers = {r.start: r.end for r in store.relationships("WORKS_AT")}
    return {
        i: (p["name"], p.get("title"), p.get("seniority"), employers.get(i))
        for i, p in found.items()
    }


def kinds(store: GraphStore, *ids: str) -> dict[str, str]:
    return {i: n["kind"] for i, n in store.get_nodes("Interaction", list(ids)).items()}


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return blank_settings


@contextmanager
def opened(settings: Settings) -> Iterator[GraphStore]:
    """The store a command wrote to, open."""
    store = open_store(settings)
    try:
        yield store
    finally:
        store.close()


def copy(folder: Path, *files: Path) -> Path:
    folder.mkdir()
    for file in files:
        shutil.copy(file, folder / file.name)
    return folder


# Files without system columns, and written by hand


def test_files_without_system_columns_ingest_with_a_warning_each(store: GraphStore) -> None:
    result = ingest(store, HANDMADE, SALESFORCE)
    assert (result.status, result.rejects) == ("succeeded", [])
    assert result.files == {
        "Account.csv": FileCounts(read=2, created=2),
        "Contact.csv": FileCounts(read=3, created=3),
        "User.csv": FileCounts(read=2, created=2),
        "Task.csv": FileCounts(read=4, created=4),
    }
    assert adapter_warnings(result) == {
        f"Account.csv: {SYSTEM_COLUMNS}; read with defaults: no row is deleted, no owner",
        f"Contact.csv: {SYSTEM_COLUMNS}; read with defaults: no row is deleted",
        f"User.csv: {SYSTEM_COLUMNS}; read with defaults: no row is deleted, every user is "
        "one of ours",
    }
    assert people(store, CLARA, PAUL, LENA, TOM) == {
        CLARA: ("Clara Winter", "Key Account Manager", "manager", "home"),
        PAUL: ("Paul Brandt", "Head of Sales", "vp", "home"),
        LENA: ("Lena Vogt", None, "staff", NORDLICHT),
        TOM: ("Tom Berger", "Buyer", "staff", SONNENHOF),
    }
    supplies = {(r.start, r.end) for r in store.relationships("SUPPLIES")}
    assert supplies == {(NORDLICHT, "home"), ("home", SONNENHOF)}  # Vendor, Customer - Direct
    assert store.get_node("Company", NORDLICHT)["domain"] == "nordlicht-logistik.de"  # type: ignore[index]


def test_15_and_18_character_ids_across_files_are_one_record(store: GraphStore) -> None:
    ingest(store, HANDMADE, SALESFORCE)
    assert store.counts().labels["Person"] == 5  # 2 users, 3 contacts: no doubles
    assert participants(store, VISIT) == {CLARA: False, LENA: False}  # OwnerId, WhoId of 15
    assert participants(store, CHECK_IN) == {PAUL: False, TOM: False}  # task id of 15
    assert participants(store, PLANNING) == {PAUL: False, INES: False}
    jobs = {(r.start, r.end) for r in store.relationships("WORKS_AT")}
    assert {(LENA, NORDLICHT), (INES, SONNENHOF)} <= jobs  # AccountIds of 15 characters
    nodes = store.get_nodes("Interaction", [VISIT, CHECK_IN, FOLLOW_UP])
    assert {i: n.get("company_id") for i, n in nodes.items()} == {
        VISIT: NORDLICHT,
        CHECK_IN: SONNENHOF,  # WhatId of 15
        FOLLOW_UP: None,
    }


def test_a_hand_written_user_file_names_the_owners_of_an_export(
    store: GraphStore, tmp_path: Path
) -> None:
    folder = copy(tmp_path / "export", *NO_USERS.iterdir())
    (folder / "Users.csv").write_text(  # 15-character ids, as copied from the user list page
        "Id,Name,Title,Email\n"
        "0055g00000Nw1aA,Wiebke Sander,Key Account Manager,wiebke.sander@home.example\n"
        "0055g00000Nw1aB,Olaf Brandt,Head of Purchasing,olaf.brandt@home.example\n"
        "0055g00000Nw1aC,Mia Kahl,Sales Director,mia.kahl@home.example\n",
        encoding="utf-8",
    )
    result = ingest(store, folder, SALESFORCE)
    assert result.files["Users.csv"] == FileCounts(read=3, created=3)
    assert (
        f"Users.csv: {SYSTEM_COLUMNS}; read with defaults: no row is deleted, every user is one of ours"
        in result.warnings
    )
    assert not [w for w in result.warnings if w.startswith("no User file")]
    assert people(store, WIEBKE, OWNER_B, INVITED) == {
        WIEBKE: ("Wiebke Sander", "Key Account Manager", "manager", "home"),
        OWNER_B: ("Olaf Brandt", "Head of Purchasing", "vp", "home"),
        INVITED: ("Mia Kahl", "Sales Director", "director", "home"),
    }
    assert participants(store, REVIEW) == {OWNER_B: False, ERIK: False}


def test_a_hand_written_user_file_without_ids(store: GraphStore, tmp_path: Path) -> None:
    folder = tmp_path / "users"
    folder.mkdir()
    (folder / "User.csv").write_text(
        "Name,Email,Title\nClara Winter,clara.winter@home.example,Key Account Manager\n",
        encoding="utf-8",
    )
    result = ingest(store, folder, SALESFORCE)
    assert result.status == "succeeded"
    assert adapter_warnings(result) == {
        f"User.csv: {SYSTEM_COLUMNS}; read with defaults: no row is deleted, every user is one "
        "of ours, records are told by their names (no Id column)"
    }
    assert people(store, "sf:name:user:clara winter") == {
        "sf:name:user:clara winter": ("Clara Winter", "Key Account Manager", "manager", "home")
    }


def test_a_file_named_after_an_object_without_its_fields_is_named(
    store: GraphStore, tmp_path: Path
) -> None:
    folder = copy(tmp_path / "export", HANDMADE / "Contact.csv")
    (folder / "User.csv").write_text("Full Name;Mail\nClara Winter;clara@home.example\n")
    result = ingest(store, folder, SALESFORCE)
    assert result.files["Contact.csv"] == FileCounts(  # its accounts are not in the export
        read=3, created=3, rejected_values=3
    )
    assert "User.csv" not in result.files
    assert (
        "User.csv: named after User, but none of its columns is a field this adapter reads "
        "(email, firstname, id, lastname, managerid, name, title, usertype); ignored"
    ) in result.warnings


def test_detection_tells_salesforce_files_by_their_headers(tmp_path: Path) -> None:
    assert detect_format(open_export(HANDMADE)) == "salesforce"
    assert detect_format(open_export(PARTIAL / "contacts")) == "salesforce"
    for name, text, salesforce in [
        ("Task.csv", "Id,WhoId,Subject\n00T5g00000Ht1aA,,Call\n", True),  # WhoId: Salesforce's
        ("User.csv", "Id,Name\n0055g00000Hu1aA,Clara\n", True),  # a user id (005…)
        ("User.csv", "Id,Name\nu1,Clara\n", False),  # nothing but the file name
        ("Account.csv", "Name,Phone\nAcme,+49\n", False),
        ("contacts.csv", "firstname,lastname,email,company\nAnn,Lee,a@b.de,B\n", False),  # HubSpot
        ("people.csv", "id,name,company_id,manager_id\np1,Ann,c1,\n", False),  # canonical
    ]:
        folder = tmp_path / f"{name}-{len(text)}"
        folder.mkdir()
        (folder / name).write_text(text, encoding="utf-8")
        assert bool(SalesforceAdapter.detect(open_export(folder))) is salesforce, (name, text)
    assert adapter_class("salesforce") is SalesforceAdapter


# Exports without User.csv


def test_owners_without_a_user_file_are_people_by_id(store: GraphStore) -> None:
    result = ingest(store, NO_USERS, SALESFORCE)
    assert (result.status, result.rejects) == ("succeeded", [])
    assert adapter_warnings(result) == {
        "Task.csv: records owned by a queue or group (00G…) have no owner among the people",
        "no User file: 3 record owner(s) and invited user(s) are people of the home company, "
        "2 of them known by id only; their names, titles, e-mails and managers come with "
        "User.csv",
    }
    assert people(store, WIEBKE, OWNER_B, INVITED) == {
        WIEBKE: ("Wiebke Sander", None, "staff", "home"),  # OWNER.NAME of Data Loader
        OWNER_B: ("Salesforce user 0055g00000Nw1aBAAR", None, "staff", "home"),
        INVITED: ("Salesforce user 0055g00000Nw1aCAAR", None, "staff", "home"),  # EventRelation
    }
    assert store.get_node("Person", WIEBKE)["sources"] == ["salesforce:User:0055g00000Nw1aAAAR"]  # type: ignore[index]
    assert participants(store, WERK_VISIT) == {WIEBKE: False, JOERG: False}
    assert participants(store, DELIVERY_CALL) == {WIEBKE: False, SABINE: False}
    assert participants(store, QUEUE_CALL) == {JOERG: False}  # a queue is nobody
    assert participants(store, REVIEW) == {OWNER_B: False, ERIK: False}
    assert participants(store, ANNUAL_TALK) == {
        WIEBKE: False,
        JOERG: False,
        INVITED: False,
        SABINE: False,
    }
    managed = {(r.start, r.end) for r in store.relationships("MANAGES_ACCOUNT")}
    assert managed == {(WIEBKE, KRANICH), (OWNER_B, LINDQVIST)}


def test_coverage_and_paths_work_without_a_user_file(store: GraphStore) -> None:
    ingest(store, NO_USERS, SALESFORCE)
    coverage = account_coverage(store, KRANICH, AS_OF)
    assert coverage.coverage == 1.0
    [executive] = coverage.executives
    assert (executive.person_id, executive.covered, executive.threads) == (JOERG, True, 2)
    assert executive.best_contact is not None
    assert executive.best_contact.person_id == WIEBKE  # a visit, a call's colleague, a talk
    [best, *_] = paths(store, INVITED, ERIK, as_of=AS_OF).paths
    assert best.nodes == [INVITED, "home", OWNER_B, ERIK]  # colleagues at home, then a review


def test_a_later_user_file_gives_owners_their_names(store: GraphStore, tmp_path: Path) -> None:
    ingest(store, NO_USERS, SALESFORCE)
    folder = tmp_path / "users"
    folder.mkdir()
    (folder / "User.csv").write_text(
        '"Id","Name","Title","Email","UserType","IsDeleted","CreatedDate"\n'
        '"0055g00000Nw1aBAAR","Olaf Brandt","Head of Purchasing","olaf@home.example",'
        '"Standard","false","2024-01-01T00:00:00.000Z"\n',
        encoding="utf-8",
    )
    result = ingest(store, folder, SALESFORCE)
    assert result.files["User.csv"] == FileCounts(read=1, updated=1)
    assert people(store, OWNER_B)[OWNER_B] == ("Olaf Brandt", "Head of Purchasing", "vp", "home")


# Ids of any shape


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0015g00000Hm1aB", "sf:0015g00000Hm1aBAAR"),  # a report's 15 characters
        ("0015g00000Hm1aBAAR", "sf:0015g00000Hm1aBAAR"),
        ("0015G00000HM1ABAAR", "sf:0015g00000Hm1aBAAR"),  # case lost: the suffix restores it
        ("a0D30000001n7Pi", "sf:a0D30000001n7PiEAI"),  # a custom object's
        ("U-17", "sf:U-17"),  # written by hand
        ("4711", "sf:4711"),
        ("  ", None),
        ("000000000000000AAA", None),  # Salesforce's "no record"
    ],
)
def test_record_ids(text: str, expected: str | None) -> None:
    assert record_id(text) == expected


def test_a_damaged_18_character_id_is_rejected(store: GraphStore, tmp_path: Path) -> None:
    with pytest.raises(DamagedId):
        record_id("0015g00000Hm1aBAA9")
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Account.csv").write_text(
        "Id,Name,OwnerId\n0015g00000Hm1aBAA9,Broken AG,\n0015g00000Hm1aAAAR,Nordlicht,\n",
        encoding="utf-8",
    )
    result = ingest(store, folder, SALESFORCE)
    assert result.files["Account.csv"] == FileCounts(
        read=2, created=1, rejected=1, rejected_values=1
    )
    [reject] = result.rejects
    assert (reject.line, reject.column, reject.value) == (2, "Id", "0015g00000Hm1aBAA9")
    assert reject.reason == (
        "'0015g00000Hm1aBAA9' has the length of an 18-character Salesforce id, but its last "
        "three characters do not fit the first fifteen (changed by hand or by a spreadsheet?); "
        "row skipped"
    )


def test_ids_that_are_not_salesforce_ids_are_kept_as_they_are(
    store: GraphStore, tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    files = {
        "Account.csv": "Id,Name,Type\nacct-1,Nordlicht Logistik GmbH,Vendor\n",
        "Contact.csv": "Id,FirstName,LastName,AccountId,Title\nc-9,Lena,Vogt,acct-1,CEO\n",
        "User.csv": "Id,Name,ManagerId\nU-17,Clara Winter,U-1\nU-1,Paul Brandt,\n",
        "Task.csv": "Id,WhoId,WhatId,OwnerId,Subject,ActivityDate\n"
        "t-1,c-9,acct-1,U-17,Besuch Lager,2025-05-06\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert detect_format(open_export(folder)) == "salesforce"
    result = ingest(store, folder)
    assert (result.status, result.rejects) == ("succeeded", [])
    assert participants(store, "sf:t-1") == {"sf:U-17": False, "sf:c-9": False}
    node = store.get_node("Interaction", "sf:t-1")
    assert node is not None and (node["kind"], node["company_id"]) == ("meeting", "sf:acct-1")
    assert [r.end for r in store.relationships("REPORTS_TO", start="sf:U-17")] == ["sf:U-1"]
    assert (
        "Task.csv: WhoId holds ids that are not Salesforce's (such as 'c-9'); kept as they "
        "are, so only the same text is the same record"
    ) in result.warnings


# Account-only and contact-only exports


def test_an_account_only_export(
    srm: Callable[..., Any], settings: Settings, tmp_path: Path
) -> None:
    done = srm("ingest", str(PARTIAL / "accounts"), "--no-progress")
    assert done.exit_code == 0, done.output
    with opened(settings) as store:
        names = {n["id"]: n["name"] for n in store.find_nodes("Company", "", 10)}
        assert names == {
            "home": "Home company",
            KRANICH: "Kranich Maschinenbau GmbH",
            LINDQVIST: "Lindqvist Packaging AB",
            OBERLAND: "Oberland Metall KG",
        }
        assert store.get_node("Company", OBERLAND)["tier"] == "strategic"  # type: ignore[index]
        supplies = {(r.start, r.end) for r in store.relationships("SUPPLIES")}
        assert supplies == {("home", KRANICH), (LINDQVIST, "home"), (OBERLAND, "home")}
        managed = {(r.start, r.end) for r in store.relationships("MANAGES_ACCOUNT")}
        assert managed == {(WIEBKE, KRANICH), (OWNER_B, LINDQVIST), (OWNER_B, OBERLAND)}


def test_a_contact_only_export(srm: Callable[..., Any], settings: Settings) -> None:
    done = srm("ingest", str(PARTIAL / "contacts"), "--no-progress")
    assert done.exit_code == 0, done.output
    with opened(settings) as store:
        jobs = {(r.start, r.end) for r in store.relationships("WORKS_AT")}
        assert jobs == {(JOERG, KRANICH), (SABINE, KRANICH), (ERIK, LINDQVIST), (VRONI, OBERLAND)}
        assert store.get_node("Company", OBERLAND) == {  # named by ACCOUNT.NAME
            "id": OBERLAND,
            "name": "Oberland Metall KG",
            "sources": ["salesforce:Account:0015g00000Nu1aCAAR"],
        }
        assert store.get_node("Person", VRONI)["title"] == "Vertriebsleiterin"  # type: ignore[index]


def test_contacts_link_to_the_accounts_the_store_holds(store: GraphStore, tmp_path: Path) -> None:
    contacts = copy(tmp_path / "contacts", NO_USERS / "Contact.csv")  # no account names
    alone = ingest(store, contacts, SALESFORCE)
    assert alone.status == "succeeded"
    assert alone.files["Contact.csv"] == FileCounts(read=3, created=3, rejected_values=3)
    assert {(r.column, r.value) for r in alone.rejects} == {
        ("company_id", KRANICH),
        ("company_id", LINDQVIST),
    }
    assert (
        "no Account file: contacts are linked to the accounts (AccountId) the store already "
        "holds, or that the export names (Account.Name); the links to others are rejected"
    ) in alone.warnings
    ingest(store, PARTIAL / "accounts", SALESFORCE)
    again = ingest(store, contacts, SALESFORCE)
    assert again.rejects == []
    jobs = {(r.start, r.end) for r in store.relationships("WORKS_AT")}
    assert {(JOERG, KRANICH), (SABINE, KRANICH), (ERIK, LINDQVIST)} <= jobs


# sf data tree exports


def test_an_sf_data_tree_export(store: GraphStore) -> None:
    result = ingest(store, TREE)
    acme, beta = "sf:name:account:acme gmbh", "sf:name:account:beta logistics ag"
    anna, carla = (
        "sf:name:contact:acme gmbh/anna schmidt",
        "sf:name:contact:beta logistics ag/carla rossi",
    )
    jane, max_ = "sf:0055g00000ABcdEAAT", "sf:0055g00000ABcdFAAT"
    widget = "sf:name:product2:widget"
    assert (result.format, result.status) == ("salesforce", "succeeded")
    assert result.files == {
        "Accounts.json": FileCounts(read=6, created=6),  # 2 accounts, 3 contacts, 1 sale
        "Products.json": FileCounts(read=1, created=1),
        "LineItems.json": FileCounts(read=1, created=1),
        "Tasks.json": FileCounts(read=3, created=3, rejected_values=1),
    }
    [reject] = result.rejects
    assert (reject.file, reject.line, reject.column, reject.value) == (
        "Tasks.json",
        31,
        "WhoId",
        "@ContactRef9",
    )
    assert reject.reason == "no record of this export has referenceId 'ContactRef9'; left out"
    assert "sObject tree: 1 Case record(s) left out: not mapped to the graph" in result.warnings
    assert (
        "Accounts.json (sObject tree): its records carry no Salesforce ids, so names tell them "
        "(sf:name:…; activities and line items their content) and a renamed record becomes a "
        "new one"
    ) in result.warnings
    assert store.get_node("Company", acme) == {
        "id": acme,
        "name": "Acme GmbH",
        "domain": "acme.de",
        "country": "Germany",
        "industry": "Manufacturing",
        "sources": ["salesforce:Account:name:account:acme gmbh"],
    }
    assert people(store, anna, carla, jane) == {
        anna: ("Anna Schmidt", "Head of Procurement", "vp", acme),  # nested under its account
        carla: ("Carla Rossi", "Key Account Manager", "manager", beta),
        jane: ("Salesforce user 0055g00000ABcdEAAT", None, "staff", "home"),
    }
    supplies = {
        (r.start, r.end, r.props.get("product_id")): (
            r.props.get("annual_value"),
            r.props.get("currency"),
            r.props.get("since"),
        )
        for r in store.relationships("SUPPLIES")
    }
    assert supplies == {
        ("home", acme, widget): (12000.0, "EUR", at(2025, 2, 14)),  # its line item
        ("home", acme, None): (3000.0, "EUR", at(2025, 3, 1)),  # won, without line items
        (beta, "home", None): (None, None, None),  # Type Vendor
    }  # the open opportunity sells nothing
    assert [(r.start, r.end) for r in store.relationships("OFFERS")] == [("home", widget)]
    tasks = {
        n["subject"]: n
        for n in store.get_nodes(
            "Interaction",
            [r.end for p in (jane, max_) for r in store.relationships("PARTICIPATED_IN", start=p)],
        ).values()
    }
    assert {s: (n["kind"], n["occurred_at"], n["company_id"]) for s, n in tasks.items()} == {
        "Call: forecast Q2": ("call", at(2025, 4, 2), acme),
        "Besuch Lager Linz": ("meeting", at(2025, 4, 9), beta),
        "Email: price list 2025": ("email", at(2025, 4, 10), acme),  # WhatId: Acme's deal
    }
    assert participants(store, tasks["Call: forecast Q2"]["id"]) == {jane: False, anna: False}
    assert participants(store, tasks["Besuch Lager Linz"]["id"]) == {max_: False, carla: False}
    again = ingest(store, TREE)
    assert not again.changed


def test_json_files_that_are_no_trees_are_named(tmp_path: Path) -> None:
    folder = copy(tmp_path / "export", TREE / "Products.json")
    (folder / "settings.json").write_text('{"theme": "dark"}', encoding="utf-8")
    (folder / "broken.json").write_text('{"records": [\n  {"attributes": ', encoding="utf-8")
    (folder / "Product-plan.json").write_text(
        '[{"sobject": "Product2", "files": ["Products.json", "Pricebook.json"]}]',
        encoding="utf-8",
    )
    files = open_export(folder)
    assert SalesforceAdapter.detect(files)
    assert not SalesforceAdapter.detect({"settings": files["settings"]})
    report = AdapterReport()
    tables = SalesforceAdapter().tables(files, AdapterContext("home"), report)
    assert [row.data["name"] for row in tables["products"]] == ["Widget"]
    assert set(report.warnings) >= {
        "settings.json: neither an sObject tree (sf data tree) nor its plan; ignored",
        "Product-plan.json names files this export lacks: Pricebook.json",
    }
    assert [(r.file, r.line, r.reason) for r in report.rejects] == [
        ("broken.json", 2, "not JSON (Expecting value, column 18); file skipped")
    ]


# Custom fields


def test_activity_types_and_titles_from_custom_fields(store: GraphStore) -> None:
    plain = ingest(store, HANDMADE, SALESFORCE)
    assert kinds(store, VISIT, CHECK_IN, PLANNING, FOLLOW_UP) == dict.fromkeys(
        (VISIT, CHECK_IN, PLANNING, FOLLOW_UP), "note"
    )  # nothing tells: notes, which weigh nothing
    assert plain.rejects == []
    custom = IngestOptions(format="salesforce", custom_fields=CUSTOM)
    result = ingest(store, HANDMADE, custom)
    assert result.rejects == []
    assert kinds(store, VISIT, CHECK_IN, PLANNING, FOLLOW_UP) == {
        VISIT: "meeting",  # Kundenbesuch
        CHECK_IN: "call",  # Phone Call
        PLANNING: "video_call",  # Video Conference
        FOLLOW_UP: "note",  # Type__c blank: its Type, Other
    }
    assert people(store, LENA, TOM, INES) == {
        LENA: ("Lena Vogt", "Geschäftsführerin", "executive", NORDLICHT),
        TOM: ("Tom Berger", "Head of Purchasing", "vp", SONNENHOF),
        INES: ("Ines Roth", "Assistant", "staff", SONNENHOF),  # Job_Title__c blank: its Title
    }
    assert result.files["Task.csv"] == FileCounts(read=4, updated=3, unchanged=1)


def test_custom_fields_on_the_command_line(srm: Callable[..., Any], settings: Settings) -> None:
    args = ["--format", "salesforce", "--no-progress"]
    fields = [
        "--custom-field",
        "Activity.Type=Type__c",
        "--custom-field",
        "Contact.Title=Job_Title__c",
    ]
    done = srm("ingest", str(HANDMADE), *args, *fields)
    assert done.exit_code == 0, done.output
    with opened(settings) as store:
        assert kinds(store, VISIT, CHECK_IN) == {VISIT: "meeting", CHECK_IN: "call"}
        assert people(store, LENA)[LENA][1] == "Geschäftsführerin"
    wrong = srm("ingest", str(HANDMADE), *args, "--custom-field", "Task.Colour=Colour__c")
    assert wrong.exit_code == 2
    assert "Task field 'Colour' is not one a custom field can stand in for (Type," in " ".join(
        wrong.output.split()
    )


def test_a_custom_column_a_file_lacks_is_named(store: GraphStore) -> None:
    options = IngestOptions(format="salesforce", custom_fields={"Task.Type": "Kind__c"})
    result = ingest(store, HANDMADE, options)
    assert (
        "Task.csv: no column 'kind__c' to read as Task.Type (custom field); the file's own is read"
    ) in result.warnings


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"Type": "Type__c"}, "'Type' is not OBJECT.FIELD of an object this adapter reads"),
        ({"Case.Type": "Type__c"}, "'Case.Type' is not OBJECT.FIELD of an object"),
        ({"Task.Owner": "Owner__c"}, "Task field 'Owner' is not one a custom field can"),
        ({"Task.Type": " "}, "custom field Task.Type=: name the column to read"),
    ],
)
def test_custom_fields_that_cannot_be_read(spec: dict[str, str], message: str) -> None:
    with pytest.raises(ExportError, match=message.replace("(", r"\(").replace(".", r"\.")):
        custom_fields(spec)


def test_owners_known_by_id_only_never_overwrite_what_a_user_file_said(
    store: GraphStore, tmp_path: Path
) -> None:
    full = FIXTURES / "salesforce"
    ingest(store, full, SALESFORCE)
    jane = store.get_node("Person", "sf:0055g00000ABcdEAAT")
    assert jane is not None and jane["name"] == "Jane Seller"
    without_users = tmp_path / "later"
    without_users.mkdir()
    for path in full.iterdir():
        if path.name != "User.csv":
            shutil.copy(path, without_users / path.name)
    result = ingest(store, without_users, SALESFORCE)
    assert result.status == "succeeded"
    again = store.get_node("Person", "sf:0055g00000ABcdEAAT")
    assert again is not None
    assert {k: again.get(k) for k in ("name", "title", "seniority", "email")} == {
        k: jane.get(k) for k in ("name", "title", "seniority", "email")
    }
