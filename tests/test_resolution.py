"""Entity resolution across sources: a HubSpot export lands on the companies and people
a canonical export already brought, and says why; company names compared without their
legal forms, notes, connectors and punctuation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from graph_model.store import GraphStore
from ingest.canonical import COMPANIES, INTERACTIONS, PEOPLE, PRODUCTS, SUPPLIES
from ingest.legal_forms import TABLE, load_legal_forms
from ingest.normalize import name_key, name_words
from ingest.pipeline import IngestOptions, ingest
from ingest.resolve import Resolver
from queries.duplicates import Rule, near_duplicates
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
    took_part = store.relationships("PARTICIPATED_IN", start="lena")  # the contact's activities
    assert sorted(p.end for p in took_part) == ["hs:activity:80001", "hs:activity:80005"]
    assert store.relationships("PARTICIPATED_IN", start="hs:contact:501") == []

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


SAME_COMPANY: list[tuple[str, str, str]] = [
    # English
    ("ACME Corp.", "Acme Corporation", "acme"),
    ("Acme, Inc.", "ACME INCORPORATED", "acme"),
    ("Acme L.L.C.", "Acme LLC", "acme"),
    ("Marks and Spencer plc", "Marks & Spencer P.L.C.", "marks spencer"),
    ("The Boeing Company", "Boeing Co", "boeing"),
    ("Procter &amp; Gamble Co.", "Procter + Gamble Company", "procter gamble"),
    ("Kestrel Components, Ltd", "Kestrel Components Limited", "kestrel components"),
    ("Acme Group Holdings Ltd.", "Acme", "acme"),
    # German, Austrian, Swiss
    ("Siemens Aktiengesellschaft", "SIEMENS AG", "siemens"),
    ("Robert Bosch Gesellschaft mit beschränkter Haftung", "Robert Bosch GmbH", "robert bosch"),
    ("Müller & Söhne GmbH & Co. KG", "Müller und Söhne GmbH und Co KG", "muller sohne"),
    ("Porsche GmbH&Co.KG", "Porsche KG", "porsche"),
    ("Acme UG (haftungsbeschränkt)", "Acme UG", "acme"),
    ("Acme e.K.", "ACME", "acme"),
    ("Merck KGaA", "Merck SE & Co. KGaA", "merck"),
    ("Acme Holding GmbH i.L.", "Acme GmbH", "acme"),
    ("Wiener Städtische Ges.m.b.H.", "Wiener Stadtische GesmbH", "wiener stadtische"),
    ("Nestlé S.A.", "Nestle SA", "nestle"),
    # French, Italian, Spanish, Portuguese, Dutch
    ("Dupont et Fils SARL", "Dupont & Fils", "dupont fils"),
    ("Groupe Danone SA", "Danone S.A.", "danone"),
    ("Fiat S.p.A.", "FIAT SpA", "fiat"),
    ("Brembo S.r.l.", "Brembo srl", "brembo"),
    ("Telefónica, S.A.", "Telefonica SA", "telefonica"),
    ("Grupo Bimbo, S.A.B. de C.V.", "Grupo Bimbo", "bimbo"),
    ("Natura Cosméticos Ltda.", "Natura Cosmeticos LTDA", "natura cosmeticos"),
    ("Philips N.V.", "Philips NV", "philips"),
    ("Heijmans B.V.", "Heijmans", "heijmans"),
    # Nordic
    ("Maersk A/S", "Maersk AS", "maersk"),
    ("AB Volvo (publ)", "Volvo AB", "volvo"),
    ("Nokia Oyj", "Nokia", "nokia"),
    ("Equinor ASA", "Equinor", "equinor"),
    ("Ørsted A/S", "Orsted", "orsted"),
    # Central and Eastern Europe, Turkey
    ("Bosch Sp. z o.o.", "Bosch Sp z oo", "bosch"),
    ("Łódź Logistyka S.A.", "Lodz Logistyka", "lodz logistyka"),
    ("Škoda Auto a.s.", "Skoda Auto", "skoda auto"),
    ("ООО Ромашка", "Ромашка", "ромашка"),
    ("Koç Holding A.Ş.", "Koc", "koc"),
    # Asia
    ("Sony K.K.", "Sony Kabushiki Kaisha", "sony"),
    ("Huawei Technologies Co., Ltd.", "HUAWEI TECHNOLOGIES CO LTD", "huawei technologies"),
    ("トヨタ自動車株式会社", "㈱トヨタ自動車", "トヨタ自動車"),
    ("华为技术有限公司", "华为技术", "华为技术"),
    ("Infosys Pvt. Ltd.", "Infosys Private Limited", "infosys"),
    ("PT Astra International Tbk", "Astra International", "astra international"),
    # what CRM users add to a record's name
    ("Acme Inc. (continued)", "Acme Inc", "acme"),
    ("Acme Corp (old)", "Acme Corp", "acme"),
    ("Acme Ltd - DO NOT USE", "Acme Ltd", "acme"),
    ("ZZZ Acme Corp", "Acme Corp", "acme"),
    ("DNU: Acme GmbH [inaktiv]", "Acme GmbH", "acme"),
    ("L'Oréal S.A.", "L’Oreal", "loreal"),
    ("ＡＣＭＥ Corp", "Acme", "acme"),
]

DIFFERENT_COMPANIES: list[tuple[str, str]] = [
    ("Deutsche Bank AG", "Deutsche Post AG"),
    ("Siemens AG Österreich", "Siemens AG"),  # a form inside the name stays
    ("Y Combinator", "Combinator"),  # connectors only between two words
    ("Old Mutual plc", "Mutual plc"),  # a note counts in brackets or after a separator only
    ("Acme 1 GmbH", "Acme 2 GmbH"),
    ("Müller GmbH", "Mueller GmbH"),  # the duplicates report finds these (similar_name)
]


@pytest.mark.parametrize(("first", "second", "key"), SAME_COMPANY)
def test_legal_forms_notes_and_punctuation_are_set_aside(first: str, second: str, key: str) -> None:
    assert name_key(first) == key
    assert name_key(second) == key


@pytest.mark.parametrize(("first", "second"), DIFFERENT_COMPANIES)
def test_names_that_stay_apart(first: str, second: str) -> None:
    assert name_key(first) != name_key(second)


@pytest.mark.parametrize(
    ("name", "key"),
    [(None, None), ("", None), ("---", None), ("(old)", "old"), ("Holding AG", "holding")],
)
def test_a_name_is_never_reduced_to_nothing(name: str | None, key: str | None) -> None:
    assert name_key(name) == key


def _table() -> dict[str, Any]:
    table: dict[str, Any] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    return table


def test_every_form_of_the_table_is_taken_off() -> None:
    table = _table()
    names: list[str] = []
    for group in table["forms"].values():
        names += (f"Acme Zeta {form}" for form in group.get("trailing", ()))
        names += (f"{form} Acme Zeta" for form in group.get("leading", ()))
        names += (f"Acme Zeta{form}" for form in group.get("affixes", ()))
    names += (f"Acme Zeta {word}" for word in table["designators"]["trailing"])
    names += (f"{word} Acme Zeta" for word in table["designators"]["leading"])
    for note in table["notes"]:
        names += (f"Acme Zeta ({note})", f"Acme Zeta - {note}", f"[{note}] Acme Zeta")
        names += (f"{note}: Acme Zeta", f"Acme Zeta_{note}")
    names += (f"{marker} Acme Zeta {marker}" for marker in table["markers"])
    assert len(names) > 450
    assert {name: name_key(name) for name in names if name_key(name) != "acme zeta"} == {}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("- just a list\n", "expected sections"),
        ("forms: [GmbH]\n", "'forms' should map each group"),
        ("forms:\n  german:\n    trailing: GmbH\n", "forms.german.trailing should be a list"),
        ("forms:\n  german:\n    trailing: [GmbH, 42]\n", "forms.german.trailing has 42"),
        ("forms: {}\nnotes: [old, '']\n", "notes has ''"),
    ],
)
def test_a_broken_table_names_file_and_entry(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "forms.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(problem)) as caught:
        load_legal_forms(name_words, path)
    assert str(path) in str(caught.value)


@given(st.text())
def test_a_key_is_words_apart_by_single_spaces(name: str) -> None:
    key = name_key(name)
    assert key is None or (key == " ".join(key.split()) and key == key.casefold())


def test_resolver_matches_a_name_across_legal_forms_and_notes() -> None:
    resolver = Resolver(
        [
            {"id": "c1", "name": "Siemens Aktiengesellschaft", "domain": None},
            {"id": "c2", "name": "Acme GmbH", "domain": None},
            {"id": "c3", "name": "ACME AG", "domain": None},
            {"id": "c4", "name": "Kestrel Components Ltd", "domain": "kestrel.com"},
        ],
        [],
    )
    assert resolver.company("sf:1", "SIEMENS AG (continued)", None) == (
        "c1",
        "same name as Siemens Aktiengesellschaft ('siemens')",
    )
    assert resolver.company("sf:2", "Acme Inc.", None) == ("sf:2", None)  # two Acmes: ambiguous
    assert resolver.company("sf:3", "Kestrel Components Limited", None)[0] == "c4"
    assert resolver.company("sf:4", "Kestrel Components, Ltd.", "kestrel-uk.co.uk") == (
        "sf:4",
        None,  # the domains disagree: a second Kestrel Components
    )
    assert resolver.company("sf:5", "KESTREL COMPONENTS", None) == ("sf:5", None)  # ambiguous now
    assert resolver.alias("Company", "sf:1") == "c1"


def test_rows_are_resolved_only_where_a_merge_can_change_them() -> None:
    resolver = Resolver([{"id": "c1", "name": "Acme GmbH", "domain": "acme.com"}], [])
    assert [resolver.resolves(spec) for spec in (COMPANIES, PEOPLE, INTERACTIONS, PRODUCTS)] == [
        True,
        True,
        False,
        False,
    ]
    resolver.company("sf:1", "Acme", "acme.com")
    assert [resolver.resolves(spec) for spec in (INTERACTIONS, SUPPLIES, PRODUCTS)] == [
        True,
        True,
        False,
    ]


def test_an_export_lands_on_companies_named_with_other_legal_forms(
    store: GraphStore, tmp_path: Path
) -> None:
    canonical = write_export(
        tmp_path / "erp",
        companies=(
            "id,name,domain,country,tier,is_home\n"
            "home,Home AG,home.example,DE,,true\n"
            "nordwind,NORDWIND TRADING Aktiengesellschaft (continued),,CH,key,\n"
            'bright,"Brightline Solutions, Incorporated - DO NOT USE",,US,,\n'
            "acme,Acme Logistcs Gesellschaft mit beschränkter Haftung,,DE,,\n"
        ),
    )
    ingest(store, canonical)
    result = ingest(store, HUBSPOT, IngestOptions(format="hubspot"))
    merges = {m.source_id: (m.node_id, m.reason) for m in result.merges if m.label == "Company"}
    assert merges["hs:company:9002"] == (
        "nordwind",
        "same name as NORDWIND TRADING Aktiengesellschaft (continued) ('nordwind trading')",
    )
    assert merges["hs:company:9003"] == (
        "bright",
        "same name as Brightline Solutions, Incorporated - DO NOT USE ('brightline solutions')",
    )
    assert "hs:company:9001" not in merges  # a slip in the name: left to srm duplicates
    nordwind = store.get_node("Company", "nordwind")
    assert nordwind is not None and nordwind["aliases"] == ["hs:company:9002"]

    found = near_duplicates(store)
    assert [(p.a.id, p.b.id) for p in found.pairs] == [("acme", "hs:company:9001")]
    assert [(e.rule, e.a, e.b, e.detail) for e in found.pairs[0].evidence] == [
        (Rule.SIMILAR_NAME, "acme logistcs", "acme logistics", "1 edit apart: logistcs/logistics")
    ]
