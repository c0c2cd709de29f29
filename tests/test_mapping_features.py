"""The mapping format, version 2: fallbacks and defaults, ids from several columns or the row
number, cleanup, value maps, date formats, rows per item of a list, filters, lookups across
files, rows that share a key, extra properties; read by the adapter, and, where the store
decides, ingested on every backend."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from graph_model.store import GraphStore
from ingest.adapters.base import AdapterContext, AdapterReport
from ingest.adapters.mapping import MappingAdapter
from ingest.pipeline import IngestOptions, IngestResult, ingest
from ingest.records import Reject, SourceRow
from ingest.sources import open_export
from ingest.writer import FileCounts


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def read(
    tmp_path: Path, files: dict[str, str], mapping: str
) -> tuple[dict[str, list[SourceRow]], AdapterReport]:
    """The rows the adapter gives for ``files`` read with ``mapping`` (a store with a home
    company ``home``)."""
    export = write(tmp_path / "export", files)
    path = tmp_path / "m.yaml"
    path.write_text(mapping, encoding="utf-8")
    report = AdapterReport()
    context = AdapterContext("home", mapping=path)
    tables = MappingAdapter().tables(open_export(export), context, report)
    return {name: list(rows) for name, rows in tables.items()}, report


def data(rows: list[SourceRow]) -> list[dict[str, Any]]:
    return [dict(row.data) for row in rows]


def run(store: GraphStore, tmp_path: Path, files: dict[str, str], mapping: str) -> IngestResult:
    export = write(tmp_path / "export", files)
    path = tmp_path / "m.yaml"
    path.write_text(mapping, encoding="utf-8")
    return ingest(store, export, IngestOptions(mapping=path, format="mapping"))


def test_fallbacks_defaults_and_constants(tmp_path: Path) -> None:
    tables, report = read(
        tmp_path,
        {"contacts.csv": "Nr,Work,Private,Firm\n1,,ann@home.example,Acme\n2,bo@acme.example,,\n"},
        """\
version: 2
name: crm
tables:
  - table: people
    file: contacts
    columns:
      id: "crm:{Nr}"
      name: {first_of: ["{Name}", "{Work}", "{Private}"]}
      email: {first_of: ["{Work}", "{Private}"], case: lower}
      company_id: {value: "crm:{Firm}", default: "{home}"}
      title: Contact
""",
    )
    assert data(tables["people"]) == [
        {
            "id": "crm:1",
            "name": "ann@home.example",
            "email": "ann@home.example",
            "company_id": "crm:Acme",
            "title": "Contact",
        },
        {
            "id": "crm:2",
            "name": "bo@acme.example",
            "email": "bo@acme.example",
            "company_id": "home",
            "title": "Contact",
        },
    ]
    assert report.warnings == ["contacts.csv: no column Name for tables[0] (people); left blank"]


def test_ids_from_several_columns_or_from_the_row_number(tmp_path: Path) -> None:
    tables, _ = read(
        tmp_path,
        {
            "visits.csv": "Site,Day,Who\nHamburg,2025-03-01,p1\n\nBremen,2025-03-01,p1\n",
            "firms.csv": "Land,Nummer,Name\nDE,0042,Acme GmbH\n",
        },
        """\
name: crm
tables:
  - table: interactions
    file: visits
    columns:
      id: "visit:{@file}:{@row}"
      kind: meeting
      occurred_at: "{Day}"
      participant_ids: "{Who}"
      subject: "{Site}"
  - table: companies
    file: firms
    columns:
      id: "firm:{Land}-{Nummer}"
      name: "{Name}"
""",
    )
    assert [(r.line, r.data["id"]) for r in tables["interactions"]] == [
        (2, "visit:visits:1"),
        (4, "visit:visits:2"),  # the blank line is no row
    ]
    assert [r.data["id"] for r in tables["companies"]] == ["firm:DE-0042"]


def test_cleanup_extract_collapse_and_case(tmp_path: Path) -> None:
    tables, _ = read(
        tmp_path,
        {
            "notes.csv": 'Id,Owner,Text\n7,"Ann Lee <ANN.LEE@Acme.example>","Call about\n\n  the   Q2\nprices"\n',
        },
        """\
name: crm
tables:
  - table: interactions
    file: notes
    columns:
      id: "n:{Id}"
      kind: note
      occurred_at: "2025-01-01"
      participant_ids: {value: "{Owner}", extract: "<([^>]+)>", case: lower}
      subject: {value: "{Text}", collapse: true}
""",
    )
    [row] = data(tables["interactions"])
    assert row["participant_ids"] == "ann.lee@acme.example"
    assert row["subject"] == "Call about the Q2 prices"


def test_value_maps_keep_blank_or_reject_what_they_do_not_list(tmp_path: Path) -> None:
    tables, report = read(
        tmp_path,
        {"firms.csv": "Id,Name,Klasse,Land\n1,A,A,Deutschland\n2,B,Z,Atlantis\n"},
        """\
name: crm
tables:
  - table: companies
    file: firms
    columns:
      id: "f:{Id}"
      name: "{Name}"
      tier: {value: "{Klasse}", map: {A: strategic, B: key}, unmapped: blank}
      country: {value: "{Land}", map: {Deutschland: DE}, unmapped: reject}
""",
    )
    assert data(tables["companies"]) == [
        {"id": "f:1", "name": "A", "tier": "strategic", "country": "DE"},
        {"id": "f:2", "name": "B"},
    ]
    assert report.rejects == [
        Reject(
            "firms.csv",
            3,
            "Land",
            "Atlantis",
            "country: 'Atlantis' is not one of the values map: lists",
        )
    ]


def test_date_formats_per_field_with_offsets(store: GraphStore, tmp_path: Path) -> None:
    result = run(
        store,
        tmp_path,
        {"mails.csv": 'Id,Sent,From,To\n1,"Mon, 14 May 2001 16:39:00 -0700",a,b\n'},
        """\
name: mail
tables:
  - table: people
    file: mails
    for_each:
      Who: ["{From}", "{To}"]
    columns: {id: "{Who}", name: "{Who}"}
  - table: interactions
    file: mails
    columns:
      id: "m:{Id}"
      kind: email
      occurred_at: {value: "{Sent}", formats: ["%a, %d %b %Y %H:%M:%S %z"]}
      initiator_id: "{From}"
      participant_ids: ["{From}", "{To}"]
""",
    )
    assert result.rejects == []
    found = store.get_node("Interaction", "m:1")
    assert found is not None
    assert found["occurred_at"].isoformat() == "2001-05-14T23:39:00+00:00"


MESSAGES = """\
Id,From,To,Cc
1,ann@a.example,"bo@b.example, cy@b.example",ann@a.example
2,bo@b.example,,
"""
RECIPIENTS = """\
name: mail
tables:
  - table: people
    file: messages
    for_each:
      Address:
        - "{From}"
        - {value: "{To}", split: ","}
        - {value: "{Cc}", split: ","}
    columns:
      id: "{Address}"
      name: "{Address}"
"""


def test_for_each_makes_a_row_per_item_and_counts_the_first(tmp_path: Path) -> None:
    tables, _ = read(tmp_path, {"messages.csv": MESSAGES}, RECIPIENTS)
    rows = tables["people"]
    assert [(r.line, r.data["id"], r.counted) for r in rows] == [
        (2, "ann@a.example", True),
        (2, "bo@b.example", False),
        (2, "cy@b.example", False),  # ann in Cc again: one row
        # bo again: the same values, so nothing new (the row counts, with the first's origin)
        (3, "bo@b.example", True),
    ]
    assert rows[3].origin == rows[1].origin == "mail:people:messages.csv:2"


def test_keep_if_and_skip_if_test_lists_patterns_and_blanks(tmp_path: Path) -> None:
    tables, _ = read(
        tmp_path,
        {
            "deals.csv": "Id,Stage,Account,Note\n1,Won,A,\n2,Lost,B,\n3,Won,,\n4,won,C,TEST deal\n5,Won,D,x\n"
        },
        """\
name: crm
tables:
  - table: supplies
    file: deals
    keep_if:
      - {column: Stage, in: [won]}
      - {column: Account, blank: false}
    skip_if:
      - {column: Note, matches: "(?i)^test"}
    columns:
      supplier_id: "{home}"
      customer_id: "a:{Account}"
      category: "deal {Id}"
""",
    )
    assert [r.data["category"] for r in tables["supplies"]] == ["deal 1", "deal 5"]


TEAMS = "sales_agent,manager,regional_office\nAnna Snelling,Dustin Brinkmann,Central\n"
OFFICES = "office,country\ncentral,United States\n"
PIPELINE = """\
opportunity_id,sales_agent,account
A1,Anna Snelling,Cancity
A2,Nobody Known,Cancity
"""
JOINED = """\
version: 2
name: mv
lookups:
  team:
    file: sales_teams
    key: "{sales_agent}"
  office:
    file: offices
    key: "{office}"
    ignore_case: true
tables:
  - table: account_managers
    file: sales_pipeline
    source_id: "{opportunity_id}"
    join:
      team: {lookup: team, key: "{sales_agent}", required: true}
      office: "{team.regional_office}"
    columns:
      person_id: "p:{sales_agent}"
      company_id: "c:{account}"
    properties:
      manager: "{team.manager}"
      office_country: "{office.country}"
"""


def test_joins_read_rows_of_other_files_and_required_ones_reject(tmp_path: Path) -> None:
    files = {"sales_teams.csv": TEAMS, "offices.csv": OFFICES, "sales_pipeline.csv": PIPELINE}
    tables, report = read(tmp_path, files, JOINED)
    assert data(tables["account_managers"]) == [
        {
            "person_id": "p:Anna Snelling",
            "company_id": "c:Cancity",
            "manager": "Dustin Brinkmann",
            "office_country": "United States",  # Central, found ignoring case
        }
    ]
    assert report.rejects == [
        Reject(
            "sales_pipeline.csv",
            3,
            "sales_agent",
            "Nobody Known",
            "join team: no row of lookup team (sales_teams.csv) has the key 'Nobody Known'",
        )
    ]
    assert report.skipped == {"sales_pipeline.csv": 1}
    assert report.warnings == []  # the lookups' files are read


def test_lookup_keys_that_repeat_are_reported_unless_the_lookup_chooses(tmp_path: Path) -> None:
    teams = TEAMS + "Anna Snelling,Celia Rouche,West\n"
    files = {"sales_teams.csv": teams, "offices.csv": OFFICES, "sales_pipeline.csv": PIPELINE}
    tables, report = read(tmp_path, files, JOINED)
    assert tables["account_managers"][0].data["manager"] == "Dustin Brinkmann"
    [repeat] = [r for r in report.rejects if r.file == "sales_teams.csv"]
    assert (repeat.line, repeat.column, repeat.value) == (3, "sales_agent", "Anna Snelling")
    assert repeat.reason.startswith("lookups.team: key 'Anna Snelling' repeats line 2")
    last = JOINED.replace("file: sales_teams\n", "file: sales_teams\n    duplicates: last\n")
    tables, report = read(tmp_path, files, last)
    assert tables["account_managers"][0].data["manager"] == "Celia Rouche"
    assert [r for r in report.rejects if r.file == "sales_teams.csv"] == []


def test_a_lookup_without_its_file_is_named_in_a_warning(tmp_path: Path) -> None:
    optional = JOINED.replace("required: true", "required: false")
    tables, report = read(tmp_path, {"sales_pipeline.csv": PIPELINE}, optional)
    assert [r.data.get("manager") for r in tables["account_managers"]] == [None, None]
    assert report.warnings == [
        "lookups.team: no file of the export is named 'sales_teams'; its columns are blank",
        "lookups.office: no file of the export is named 'offices'; its columns are blank",
    ]


def test_a_lookup_file_without_a_column_read_is_named_in_a_warning(tmp_path: Path) -> None:
    teams = "sales_agent,regional_office\nAnna Snelling,Central\n"  # no manager column
    files = {"sales_teams.csv": teams, "offices.csv": OFFICES, "sales_pipeline.csv": PIPELINE}
    tables, report = read(tmp_path, files, JOINED)
    assert "manager" not in tables["account_managers"][0].data
    assert report.warnings == ["sales_teams.csv: no column manager for lookups.team; left blank"]


PEOPLE = """\
Id,Name,Title,Firm
1,Ann Lee,,Acme
2,Bo Kim,CFO,Beta
1,Ann Lee,Buyer,
"""
PEOPLE_MAPPING = """\
name: crm
tables:
  - table: people
    file: people
    DUPLICATES
    columns:
      id: "p:{Id}"
      name: "{Name}"
      title: "{Title}"
      company_id: "c:{Firm}"
"""


@pytest.mark.parametrize(
    ("rule", "ann"),
    [
        ("first", {"id": "p:1", "name": "Ann Lee", "title": "Buyer", "company_id": "c:Acme"}),
        ("last", {"id": "p:1", "name": "Ann Lee", "title": "Buyer", "company_id": "c:Acme"}),
    ],
)
def test_first_and_last_fill_in_blanks_from_the_other_rows(
    tmp_path: Path, rule: str, ann: dict[str, str]
) -> None:
    mapping = PEOPLE_MAPPING.replace("DUPLICATES", f"duplicates: {rule}")
    tables, report = read(tmp_path, {"people.csv": PEOPLE}, mapping)
    rows = tables["people"]
    lead = 2 if rule == "first" else 4
    assert [(r.line, r.counted, dict(r.data)) for r in rows if r.data["id"] == "p:1"] == [
        (lead, True, ann),
        (6 - lead, True, ann),  # counted too, with the same values: unchanged
    ]
    assert report.rejects == []


def test_last_takes_the_later_value_where_both_are_given(tmp_path: Path) -> None:
    later = PEOPLE.replace("1,Ann Lee,Buyer,", "1,Ann Lee,Buyer,Gamma")
    for rule, firm in (("first", "c:Acme"), ("last", "c:Gamma")):
        tables, _ = read(
            tmp_path,
            {"people.csv": later},
            PEOPLE_MAPPING.replace("DUPLICATES", f"duplicates: {rule}"),
        )
        assert {r.data["company_id"] for r in tables["people"] if r.data["id"] == "p:1"} == {firm}


def test_a_key_repeated_with_other_values_is_rejected_by_default(
    store: GraphStore, tmp_path: Path
) -> None:
    result = run(store, tmp_path, {"people.csv": PEOPLE}, PEOPLE_MAPPING.replace("DUPLICATES", ""))
    # rejected values: the repeat, and the companies c:Acme and c:Beta, which are not there
    counts = FileCounts(read=3, created=2, rejected=1, rejected_values=3)
    assert result.files["people.csv"] == counts
    [reject] = [r for r in result.rejects if r.column == "id"]
    assert (reject.line, reject.column, reject.value) == (4, "id", "p:1")
    assert reject.reason == (
        "id 'p:1' repeats line 2 with other values; give duplicates: first, last or sum to "
        "combine them"
    )
    person = store.get_node("Person", "p:1")
    assert person is not None and "title" not in person  # the first row, not overwritten


DEALS = """\
Deal,Account,Product,Value,Currency,Closed,Ends
D1,Konex,GTX Pro,"4,514",USD,2017-03-11,2018-03-10
D2,Konex,GTX Pro,4730,USD,2017-06-25,2018-06-24
D3,Konex,GTX Pro,lots,USD,2017-02-01,
D4,Konex,GTX Pro,100,EUR,2017-07-01,
D5,Cancity,GTX Pro,1054,USD,2017-03-01,
"""
SUMMED = """\
version: 2
name: mv
tables:
  - table: supplies
    file: deals
    source_id: "{Deal}"
    duplicates: sum
    columns:
      supplier_id: "{home}"
      customer_id: "{Account}"
      category: "{Product}"
      annual_value: "{Value}"
      currency: "{Currency}"
      since: "{Closed}"
      until: "{Ends}"
  - table: companies
    file: deals
    columns: {id: "{Account}", name: "{Account}"}
"""


def test_sum_adds_up_the_deals_of_one_supply(store: GraphStore, tmp_path: Path) -> None:
    result = run(store, tmp_path, {"deals.csv": DEALS}, SUMMED)
    konex = store.relationships("SUPPLIES", end="Konex")
    assert [(r.start, {k: v for k, v in r.props.items() if k != "sources"}) for r in konex] == [
        (
            "home",
            {
                "category": "GTX Pro",
                "annual_value": 9244.0,
                "currency": "USD",
                "since": konex[0].props["since"],
                "until": konex[0].props["until"],
            },
        )
    ]
    assert konex[0].props["since"].date().isoformat() == "2017-02-01"  # the earliest
    assert konex[0].props["until"].date().isoformat() == "2018-06-24"  # the latest
    assert konex[0].props["sources"] == ["mv:supplies:D1"]
    assert [(r.line, r.column, r.value) for r in result.rejects] == [
        (4, "annual_value", "lots"),
        (5, "supplier_id, customer_id, product_id, category", "home, Konex, GTX Pro"),
    ]
    assert result.rejects[0].reason == "annual_value: 'lots' is not a number; not added up"
    assert result.rejects[1].reason == (
        "supplier_id 'home', customer_id 'Konex', category 'GTX Pro' repeats line 2 in EUR, "
        "not USD: amounts in different currencies are not added up"
    )
    # D4 is rejected; the other Konex rows make one supply, D5 another
    assert result.files["deals.csv"] == FileCounts(read=5, created=4, rejected=1, rejected_values=2)
    again = run(store, tmp_path, {"deals.csv": DEALS}, SUMMED)
    assert again.files["deals.csv"] == FileCounts(
        read=5, unchanged=4, rejected=1, rejected_values=2
    )


def test_properties_listed_in_the_mapping_are_kept(store: GraphStore, tmp_path: Path) -> None:
    run(
        store,
        tmp_path,
        {"firms.csv": "Id,Name,Revenue,Employees,Unlisted\n1,Acme,1100.04,2822,x\n"},
        """\
name: crm
tables:
  - table: companies
    file: firms
    columns: {id: "f:{Id}", name: "{Name}"}
    properties:
      revenue_musd: "{Revenue}"
      employees: "{Employees}"
""",
    )
    assert store.get_node("Company", "f:1") == {
        "id": "f:1",
        "name": "Acme",
        "revenue_musd": "1100.04",
        "employees": "2822",
        "sources": ["crm:companies:firms.csv:2"],
    }


def test_entries_of_one_table_combine_repeated_keys_alike(tmp_path: Path) -> None:
    mapping = PEOPLE_MAPPING.replace("DUPLICATES", "duplicates: first") + (
        "  - table: people\n    file: people\n    duplicates: last\n"
        '    columns: {id: "q:{Id}", name: "{Name}"}\n'
    )
    with pytest.raises(Exception, match=re.escape("tables[1].duplicates: differs from tables[0]")):
        read(tmp_path, {"people.csv": PEOPLE}, mapping)


def test_a_bad_value_is_rejected_once_a_row_and_never_for_rows_left_out(tmp_path: Path) -> None:
    tables, report = read(
        tmp_path,
        {"messages.csv": MESSAGES.replace("Id,From", "Sent,From").replace("\n1,", "\nMonday,")},
        """\
name: mail
tables:
  - table: people
    file: messages
    computed:
      When: {value: "{Sent}", formats: ["%Y-%m-%d"]}
    for_each:
      Address: [{value: "{To}", split: ","}]
    skip_if:
      - {column: Address, matches: "^cy@"}
    columns:
      id: "{Address}"
      name: "{Address}"
      started_at: "{When}"
  - table: people
    file: messages
    keep_if: [{column: From, in: [nobody]}]
    columns:
      id: "x"
      name: {value: "{Sent}", formats: ["%Y"]}
""",
    )
    assert [r.data["id"] for r in tables["people"]] == ["bo@b.example"]
    assert report.rejects == [
        Reject(
            "messages.csv",
            2,
            "Sent",
            "Monday",
            "When: 'Monday' matches none of the date formats '%Y-%m-%d'",
        )
    ]
