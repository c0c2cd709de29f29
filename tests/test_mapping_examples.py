"""The worked examples of ``ingest/mappings/examples/`` on files shaped as their public data
sets publish them (the Enron e-mail corpus, USAspending.gov contract transactions, Maven
Analytics' CRM Sales Opportunities), on every backend; and the published JSON Schema, which
every shipped mapping meets and which is up to date with the canonical tables."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
import yaml

from graph_model.store import GraphStore
from ingest.adapters.mapping import load_mapping
from ingest.adapters.mapping.schema import build_schema
from ingest.mappings import EXAMPLES, SCHEMA_FILE, SHIPPED
from ingest.pipeline import IngestOptions, IngestResult, ingest
from ingest.writer import FileCounts
from tests import conftest

FIXTURES = Path(__file__).parent / "fixtures" / "examples"
SHIPPED_MAPPINGS = sorted([*SHIPPED.glob("*.yaml"), *EXAMPLES.glob("*.yaml")])


def own_warnings(result: IngestResult) -> list[str]:
    """The run's warnings but the note that its interactions are old (the fixtures' are)."""
    return [w for w in result.warnings if not re.match(r"\d+% of the [\d,]+ interactions", w)]


def props(store: GraphStore, rel_type: str, **ends: str) -> list[tuple[str, str, dict[str, Any]]]:
    rels = store.relationships(rel_type, **ends)
    found = [(r.start, r.end, {k: v for k, v in r.props.items() if k != "sources"}) for r in rels]
    return sorted(found, key=lambda r: (r[0], r[1], str(sorted(r[2].items()))))


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_the_published_schema_is_the_one_the_code_builds() -> None:
    published = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert published == build_schema(), "write it again: python -m ingest.mappings"


@pytest.mark.parametrize("path", SHIPPED_MAPPINGS, ids=lambda p: p.stem)
def test_every_shipped_mapping_meets_the_schema_and_loads(path: Path) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    validator = jsonschema_rs.validator_for(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert [e.message for e in validator.iter_errors(document)] == []
    assert load_mapping(path).name == path.stem


def test_enron_messages_people_and_their_companies(store: GraphStore) -> None:
    result = ingest(
        store, FIXTURES / "enron", IngestOptions(mapping=Path("enron"), format="mapping")
    )
    # seven messages: one kept twice (one interaction), one with a Date that is not a date
    assert result.files == {
        "emails.csv": FileCounts(read=7, created=6, rejected=1, rejected_values=1)
    }
    [bad_date] = result.rejects
    assert (bad_date.line, bad_date.column, bad_date.value) == (115, "Date", "Tuesday 3rd October")
    assert own_warnings(result) == []
    enron = "enron:domain:enron.com"
    assert store.get_node("Company", enron) == {
        "id": enron,
        "name": "Enron Corp.",
        "domain": "enron.com",
        "is_home": True,
        "sources": ["enron:domain:enron.com"],
    }
    assert store.get_node("Company", "home") is None  # the data chose the home company
    west = "enron:phillip.allen@enron.com|Fri, 4 May 2001 13:51:00 -0700|Re: West Position"
    message = store.get_node("Interaction", west)
    assert message is not None
    assert (message["kind"], message["occurred_at"]) == (
        "email",
        datetime(2001, 5, 4, 20, 51, tzinfo=UTC),
    )
    assert message["sources"] == ["enron:message:29790972.1075855665306.JavaMail.evans@thyme"]
    assert conftest.participants(store, west) == {
        "enron:phillip.allen@enron.com": True,
        "enron:john.lavorato@enron.com": False,
        "enron:mike.grigsby@enron.com": False,
        "enron:keith.holst@enron.com": False,  # on the folded second line of To
        "enron:frank.ermis@enron.com": False,  # Cc
    }
    forwarded = (
        "enron:mark.palmer@pge-corp.com|Tue, 3 Oct 2000 09:12:00 -0700|FW: Q4 gas supply contract"
    )
    # the From and cc lines of the message forwarded in the body are not headers
    assert conftest.participants(store, forwarded) == {
        "enron:mark.palmer@pge-corp.com": True,
        "enron:sally.beck@enron.com": False,
    }
    assert store.get_node("Person", "enron:phillip.allen@enron.com") == {
        "id": "enron:phillip.allen@enron.com",
        "name": "Phillip K Allen",  # X-From
        "email": "phillip.allen@enron.com",
        "seniority": "staff",
        "sources": ["enron:sender:phillip.allen@enron.com"],
    }
    palmer = store.get_node("Person", "enron:mark.palmer@pge-corp.com")
    assert palmer is not None and palmer["name"] == "Mark Palmer"  # his address in <...> left out
    tim = store.get_node("Person", "enron:tim.belden@enron.com")
    assert tim is not None and tim["name"] == "tim.belden@enron.com"  # never a sender
    employers = {r.start: r.end for r in store.relationships("WORKS_AT")}
    assert employers["enron:tim.belden@enron.com"] == enron
    assert employers["enron:mark.palmer@pge-corp.com"] == "enron:domain:pge-corp.com"
    assert len(employers) == 8


def test_usaspending_suppliers_parents_and_summed_obligations(store: GraphStore) -> None:
    options = IngestOptions(
        mapping=Path("usaspending"), format="mapping", home_company="usas:agency:097"
    )
    result = ingest(store, FIXTURES / "usaspending", options)
    [name] = result.files
    assert result.files[name] == FileCounts(read=7, created=7)
    assert (result.rejects, own_warnings(result)) == ([], [])
    dod = store.get_node("Company", "usas:agency:097")
    assert dod is not None and (dod["name"], dod["is_home"]) == (
        "DEPARTMENT OF DEFENSE (DOD)",
        True,
    )
    lockheed = "usas:uei:ZFN2JJXBLZT3"
    assert props(store, "SUPPLIES", start=lockheed) == [
        (
            lockheed,
            "usas:agency:097",
            {
                "category": "AIRCRAFT, FIXED WING",
                "annual_value": 1450000.0,  # an award, a modification and money taken back
                "currency": "USD",
                "since": day("2024-01-15"),
                "until": day("2027-06-30"),
                "psc": "1510",
                "naics": "336411",
            },
        )
    ]
    assert props(store, "SUBSIDIARY_OF") == [
        ("usas:uei:HX3BN5KWM6R1", "usas:uei:SGL8LX2ZYJ63", {}),  # BAE Systems, a parent only
        ("usas:uei:QJQZE7VJ6PM3", lockheed, {}),  # Sikorsky
    ]
    assert store.get_node("Company", "usas:uei:SGL8LX2ZYJ63") == {
        "id": "usas:uei:SGL8LX2ZYJ63",
        "name": "BAE SYSTEMS PLC",
        "sources": ["usaspending:parent:uei:SGL8LX2ZYJ63"],
    }
    boeing = store.get_node("Company", "usas:duns:009256819")  # no UEI: its DUNS number
    assert boeing is not None and boeing["name"] == "THE BOEING COMPANY"
    gsa = props(store, "SUPPLIES", end="usas:agency:047")
    assert [(s, v["annual_value"]) for s, _, v in gsa] == [("usas:uei:M7KLQ2N4ZB91", 12000.5)]


def test_maven_crm_accounts_pipeline_and_teams(store: GraphStore) -> None:
    result = ingest(
        store, FIXTURES / "maven_crm", IngestOptions(mapping=Path("maven_crm"), format="mapping")
    )
    assert result.files == {
        "accounts.csv": FileCounts(read=7, created=7),
        "products.csv": FileCounts(read=7, created=7),
        "sales_teams.csv": FileCounts(read=4, created=4),
        # the won deals (the others are left out); one close value is not a number
        "sales_pipeline.csv": FileCounts(read=8, created=8, rejected_values=1),
    }
    [reject] = result.rejects
    assert (reject.line, reject.column, reject.value) == (12, "annual_value", "$3.2K")
    assert own_warnings(result) == [
        "data_dictionary.csv: no table of mapping 'maven_crm' reads it; ignored"
    ]
    assert props(store, "SUPPLIES", end="mv:account:Konex") == [
        (
            "home",
            "mv:account:Konex",
            {
                "product_id": "mv:product:GTX Pro",  # written GTXPro in the pipeline
                "category": "GTX",  # the product's series, looked up
                "annual_value": 9244.0,  # two won deals
                "currency": "USD",
                "since": day("2017-03-11"),
            },
        )
    ]
    cancity = props(store, "SUPPLIES", end="mv:account:Cancity")
    assert sorted((v["product_id"], v.get("annual_value")) for _, _, v in cancity) == [
        ("mv:product:GTX Plus Basic", 2180.0),
        ("mv:product:MG Advanced", None),  # $3.2K
        ("mv:product:MG Special", 50.0),
    ]
    assert props(store, "SUBSIDIARY_OF") == [
        ("mv:account:Codehow", "mv:account:Acme Corporation", {}),
        ("mv:account:Rantouch", "mv:account:Konex", {}),
    ]
    acme = store.get_node("Company", "mv:account:Acme Corporation")
    assert acme is not None
    assert (acme["industry"], acme["revenue_musd"], acme["employees"]) == (
        "technology",
        "1100.04",
        "2822",
    )
    assert props(store, "MANAGES_ACCOUNT", start="mv:person:Darcel Schlecht") == [
        ("mv:person:Darcel Schlecht", "mv:account:Cancity", {"regional_office": "Central"}),
        ("mv:person:Darcel Schlecht", "mv:account:Konex", {"regional_office": "Central"}),
    ]
    assert props(store, "REPORTS_TO", start="mv:person:Vicki Laflamme") == [
        ("mv:person:Vicki Laflamme", "mv:person:Celia Rouche", {})
    ]
    assert len(store.relationships("OFFERS", start="home")) == 7


@pytest.mark.parametrize(
    ("folder", "options"),
    [
        ("enron", IngestOptions(mapping=Path("enron"), format="mapping")),
        ("usaspending", IngestOptions(mapping=Path("usaspending"), format="mapping")),
        ("maven_crm", IngestOptions(mapping=Path("maven_crm"), format="mapping")),
    ],
)
def test_a_second_run_changes_nothing(
    store: GraphStore, folder: str, options: IngestOptions
) -> None:
    first = ingest(store, FIXTURES / folder, options)
    before = store.counts()
    again = ingest(store, FIXTURES / folder, options)
    assert not again.changed
    assert {n: (c.read, c.unchanged) for n, c in again.files.items()} == {
        n: (c.read, c.created) for n, c in first.files.items()
    }
    assert store.counts().types == before.types
