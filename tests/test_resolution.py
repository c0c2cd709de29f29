"""Entity resolution across sources: a HubSpot export lands on the companies and people
a canonical export already brought, and says why."""

from __future__ import annotations

from pathlib import Path

from graph_model.store import GraphStore
from ingest.pipeline import IngestOptions, ingest
from tests.test_ingest_canonical import write_export

HUBSPOT = Path(__file__).parent / "fixtures" / "hubspot"


def test_companies_and_people_merge_by_domain_name_and_email(
    store: GraphStore, tmp_path: Path
) -> None:
    canonical = write_export(
        tmp_path / "erp",
        companies=(
            "id,name,domain,country,tier,is_home\n"
            "home,Home AG,home.example,DE,,true\n"
            "acme,ACME LOGISTICS,https://www.Acme-Logistics.de/kontakt,DE,key,\n"  # same domain
            "bright,Brightline Solutions,,US,,\n"  # same name once 'Inc.' is dropped
            "kestrel,Kestrel Components Ltd,kestrel.com,GB,,\n"  # same name, other domain
        ),
        people="id,name,email,company_id\nlena,Lena Fischer,LENA.FISCHER@acme-logistics.de,acme\n",
    )
    ingest(store, canonical)
    result = ingest(store, HUBSPOT, IngestOptions(format="hubspot"))
    merges = {(m.label, m.source_id): (m.node_id, m.reason) for m in result.merges}
    assert merges[("Company", "hs:company:9001")] == ("acme", "same domain acme-logistics.de")
    assert merges[("Company", "hs:company:9003")] == (
        "bright",
        "same name as Brightline Solutions ('brightline solutions')",
    )
    assert ("Company", "hs:company:9004") not in merges  # the domains disagree
    assert merges[("Person", "hs:contact:501")] == (
        "lena",
        "same e-mail lena.fischer@acme-logistics.de",
    )

    acme = store.get_node("Company", "acme")
    assert acme is not None
    assert acme["aliases"] == ["hs:company:9001"]
    assert acme["tier"] == "key"  # kept: the HubSpot row has no tier
    assert acme["country"] == "Germany"  # the newer source's value wins
    assert acme["sources"] == ["canonical:companies:acme", "hubspot:company:9001"]
    assert store.get_node("Company", "hs:company:9001") is None
    lena = store.get_node("Person", "lena")
    assert lena is not None and lena["title"] == "Head of Key Accounts"  # HubSpot adds the title
    assert [j.end for j in store.relationships("WORKS_AT", start="lena")] == ["acme"]

    again = ingest(store, HUBSPOT, IngestOptions(format="hubspot"))
    assert not again.changed  # aliases make the second run land on the same nodes
    assert again.merges == []


def test_dry_run_reports_merges_without_writing(store: GraphStore, tmp_path: Path) -> None:
    canonical = write_export(
        tmp_path / "erp", companies="id,name,domain\nacme,Acme,acme-logistics.de\n"
    )
    ingest(store, canonical)
    before = store.counts()
    rehearsal = ingest(store, HUBSPOT, IngestOptions(format="hubspot", dry_run=True))
    assert [(m.source_id, m.node_id) for m in rehearsal.merges if m.label == "Company"] == [
        ("hs:company:9001", "acme"),
    ]
    assert store.counts() == before
