"""Tests for the job-title seniority classifier."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph_model.seniority import SENIORITY_ORDER, Seniority, classify_title, rank

EXECUTIVE = Seniority.EXECUTIVE
VP = Seniority.VP
DIRECTOR = Seniority.DIRECTOR
MANAGER = Seniority.MANAGER
STAFF = Seniority.STAFF

TITLES: list[tuple[str, Seniority]] = [
    # C-level
    ("CEO", EXECUTIVE),
    ("ceo", EXECUTIVE),
    ("C.E.O.", EXECUTIVE),
    ("CFO", EXECUTIVE),
    ("CTO & Co-Founder", EXECUTIVE),
    ("COO", EXECUTIVE),
    ("CIO", EXECUTIVE),
    ("CPO", EXECUTIVE),
    ("CMO", EXECUTIVE),
    ("CRO", EXECUTIVE),
    ("CHRO", EXECUTIVE),
    ("CISO", EXECUTIVE),
    ("CDO", EXECUTIVE),
    ("Group CFO", EXECUTIVE),
    ("Chief Executive Officer", EXECUTIVE),
    ("Chief Procurement Officer", EXECUTIVE),
    ("Chief Information Security Officer", EXECUTIVE),
    ("Chief Research and Development Officer", EXECUTIVE),
    ("Chief Executive", EXECUTIVE),
    ("President & CEO", EXECUTIVE),
    ("President", EXECUTIVE),
    ("Präsidentin", EXECUTIVE),
    # owners, founders, partners, boards
    ("Founder", EXECUTIVE),
    ("Co-Founder", EXECUTIVE),
    ("Cofounder & Managing Director", EXECUTIVE),
    ("Owner", EXECUTIVE),
    ("Co-Owner", EXECUTIVE),
    ("Owner / Geschäftsführer", EXECUTIVE),
    ("Partner", EXECUTIVE),
    ("Managing Partner", EXECUTIVE),
    ("Senior Partner, Procurement Practice", EXECUTIVE),
    ("Partner at KPMG", EXECUTIVE),
    ("Chairman", EXECUTIVE),
    ("Chairwoman of the Board", EXECUTIVE),
    ("Vice Chairman", EXECUTIVE),
    ("Board Member", EXECUTIVE),
    ("Member of the Board of Directors", EXECUTIVE),
    ("Member of the Executive Board", EXECUTIVE),
    ("Non-Executive Director", EXECUTIVE),
    ("Managing Director", EXECUTIVE),
    ("Managing Director DACH", EXECUTIVE),
    ("MD", EXECUTIVE),
    ("General Manager", EXECUTIVE),
    ("GM, Central Europe", EXECUTIVE),
    # German executives
    ("Geschäftsführer", EXECUTIVE),
    ("Geschäftsführerin", EXECUTIVE),
    ("GESCHÄFTSFÜHRER", EXECUTIVE),
    ("Geschaeftsfuehrer", EXECUTIVE),
    ("Geschaftsfuhrer", EXECUTIVE),
    ("Geschäftsführer/-in", EXECUTIVE),
    ("Geschäftsführer:in", EXECUTIVE),
    ("Geschäftsführer (m/w/d)", EXECUTIVE),
    ("Geschäftsführender Gesellschafter", EXECUTIVE),
    ("Geschäftsführende Gesellschafterin", EXECUTIVE),
    ("Gesellschafter-Geschäftsführer", EXECUTIVE),
    ("Gesellschafter", EXECUTIVE),
    ("Mitglied der Geschäftsleitung", EXECUTIVE),
    ("Vorsitzender der Geschäftsführung", EXECUTIVE),
    ("Vorstand", EXECUTIVE),
    ("Vorständin Finanzen", EXECUTIVE),
    ("Finanzvorstand", EXECUTIVE),
    ("Vorstandsvorsitzender", EXECUTIVE),
    ("Vorstandsvorsitzende", EXECUTIVE),
    ("Mitglied des Vorstands", EXECUTIVE),
    ("Aufsichtsrat", EXECUTIVE),
    ("Aufsichtsrätin", EXECUTIVE),
    ("Aufsichtsratsvorsitzender", EXECUTIVE),
    ("Inhaber", EXECUTIVE),
    ("Inhaberin", EXECUTIVE),
    ("Firmeninhaber", EXECUTIVE),
    ("Gründerin & CEO", EXECUTIVE),
    ("Mitgründer", EXECUTIVE),
    # vice presidents and heads
    ("Vice President", VP),
    ("Vice-President Global Sourcing", VP),
    ("VP", VP),
    ("VP Sales", VP),
    ("V.P. of Procurement", VP),
    ("SVP Operations", VP),
    ("EVP, Supply Chain", VP),
    ("Senior Vice President", VP),
    ("Executive Vice President", VP),
    ("Sr. VP Finance", VP),
    ("Vizepräsident", VP),
    ("Head of Procurement", VP),
    ("head of procurement", VP),
    ("Global Head of Indirect Sourcing", VP),
    ("Head, Strategic Sourcing", VP),
    ("Prokurist", VP),
    ("Prokuristin", VP),
    ("Bereichsleiter", VP),
    ("Bereichsleiterin Vertrieb", VP),
    ("Leiter Einkauf", VP),
    ("Leiterin Einkauf", VP),
    ("Leiter/in Einkauf", VP),
    ("Leitung Einkauf", VP),
    ("Einkaufsleiter", VP),
    ("IT-Leiter", VP),
    ("Deputy CEO", VP),
    ("Stellvertretender Geschäftsführer", VP),
    ("Stellv. Geschäftsführerin", VP),
    ("Associate Partner", VP),
    # directors
    ("Director", DIRECTOR),
    ("Director of Sales Operations", DIRECTOR),
    ("Sr. Director", DIRECTOR),
    ("Senior Director, Global Procurement", DIRECTOR),
    ("Dir. Supply Chain", DIRECTOR),
    ("Executive Director", DIRECTOR),
    ("Direktor", DIRECTOR),
    ("Direktorin Einkauf", DIRECTOR),
    ("Verkaufsdirektor", DIRECTOR),
    ("Abteilungsleiter", DIRECTOR),
    ("Abteilungsleiterin Qualität", DIRECTOR),
    ("Hauptabteilungsleiter", DIRECTOR),
    ("AVP", DIRECTOR),
    ("Assistant Vice President", DIRECTOR),
    ("Associate Vice President, Sourcing", DIRECTOR),
    ("Chief of Staff", DIRECTOR),
    ("Chief of Staff to the CEO", DIRECTOR),
    ("Deputy Head of Procurement", DIRECTOR),
    ("Stellvertretende Leiterin Einkauf", DIRECTOR),
    # managers
    ("Manager", MANAGER),
    ("Mgr, Supplier Quality", MANAGER),
    ("Product Manager", MANAGER),
    ("Key Account Manager", MANAGER),
    ("Key-Account-Managerin", MANAGER),
    ("Partner Manager", MANAGER),
    ("Partner Account Manager", MANAGER),
    ("Office Manager", MANAGER),
    ("Manager, Strategic Sourcing", MANAGER),
    ("Senior Category Manager", MANAGER),
    ("Einkaufsmanagerin", MANAGER),
    ("Associate Director", MANAGER),
    ("Supervisor", MANAGER),
    ("Team Lead", MANAGER),
    ("Team Leader Procurement", MANAGER),
    ("Teamleiter", MANAGER),
    ("Teamleiterin", MANAGER),
    ("Team-Leiterin Disposition", MANAGER),
    ("Gruppenleiter", MANAGER),
    ("Projektleiterin", MANAGER),
    ("Manager, Office of the CEO", MANAGER),
    ("CEO Office Manager", MANAGER),
    # staff
    ("Assistant to the CEO", STAFF),
    ("Executive Assistant to the CFO", STAFF),
    ("EA to the Managing Director", STAFF),
    ("Personal Assistant, CEO", STAFF),
    ("CEO Assistant", STAFF),
    ("Secretary to the Board", STAFF),
    ("Assistentin der Geschäftsführung", STAFF),
    ("Assistenz GF", STAFF),
    ("Vorstandsassistentin", STAFF),
    ("Referent der Geschäftsführung", STAFF),
    ("Sekretärin des Vorstands", STAFF),
    ("Advisor to the CEO", STAFF),
    ("Account Executive", STAFF),
    ("Senior Account Executive", STAFF),
    ("HR Business Partner", STAFF),
    ("Product Owner", STAFF),
    ("Assistant", STAFF),
    ("Assistant Manager", STAFF),
    ("Junior Product Manager", STAFF),
    ("Jr. Buyer", STAFF),
    ("Buyer", STAFF),
    ("Senior Strategic Buyer", STAFF),
    ("Procurement Specialist", STAFF),
    ("Einkäufer", STAFF),
    ("Einkaeuferin", STAFF),
    ("Strategischer Einkäufer", STAFF),
    ("Sachbearbeiterin", STAFF),
    ("Sachbearbeiter Auftragsabwicklung", STAFF),
    ("Mitarbeiter Einkauf", STAFF),
    ("Werkstudent", STAFF),
    ("Werkstudentin Einkauf", STAFF),
    ("Intern", STAFF),
    ("Marketing Intern, Office of the CFO", STAFF),
    ("Praktikant", STAFF),
    ("Praktikantin im Vorstandsbüro", STAFF),
    ("Engineer", STAFF),
    ("Director's Assistant", STAFF),
    # more German titles, every gendered form
    ("Vorstandsvorsitzende der Bank", EXECUTIVE),
    ("Vorstandsmitglied", EXECUTIVE),
    ("Vorstandssprecherin", EXECUTIVE),
    ("Vorständinnen", EXECUTIVE),
    ("Geschäftsführer*in", EXECUTIVE),
    ("Geschäftsführerinnen", EXECUTIVE),
    ("Technischer Geschäftsführer", EXECUTIVE),
    ("Sprecher der Geschäftsführung", EXECUTIVE),
    ("Gründerinnen", EXECUTIVE),
    ("Stellvertretender Vorstandsvorsitzender", EXECUTIVE),
    ("Stellvertretendes Vorstandsmitglied", EXECUTIVE),
    ("Stellv. Aufsichtsratsvorsitzende", EXECUTIVE),
    ("Deputy Chairman", EXECUTIVE),
    ("Bereichsleiterinnen", VP),
    ("Leiter*in Einkauf", VP),
    ("LeiterIn Einkauf", VP),
    ("Kaufmännische Leiterin", VP),
    ("Prokuristinnen", VP),
    ("Generalbevollmächtigter", VP),
    ("Generalbevollmächtigte", VP),
    ("Abteilungsleiterinnen", DIRECTOR),
    ("Direktorinnen", DIRECTOR),
    ("Teamleiterinnen", MANAGER),
    ("Teamleiter*in Logistik", MANAGER),
    ("Gruppenleiter/in", MANAGER),
    ("Handlungsbevollmächtigter", MANAGER),
    ("Managerinnen Einkauf", MANAGER),
    ("Owner Relations Manager", MANAGER),
]

COMPOUND_TITLES: list[tuple[str, Seniority]] = [
    ("VP & Chief of Staff", VP),
    ("Chief of Staff & VP Strategy", VP),
    ("Chief of Staff & CFO", EXECUTIVE),
    ("Chief of Staff, Chief Procurement Officer", EXECUTIVE),
    ("Director and Head of Procurement", VP),
    ("Head of Procurement / Director Supply Chain", VP),
    ("Senior Manager, Deputy to the CEO", MANAGER),
    ("Manager, Deputy Head of Sourcing", DIRECTOR),
    ("Deputy CEO & CFO", EXECUTIVE),
    ("Deputy CEO; Managing Director Germany", EXECUTIVE),
    ("Assistant Manager, Head of Finance", VP),
    ("Team Lead + Category Manager", MANAGER),
    ("Buyer - Team Lead", MANAGER),
    ("Owner & CEO", EXECUTIVE),
    ("Partner | Head of Tax", EXECUTIVE),
    ("Teamleiter Einkauf / Prokurist", VP),
    ("Leiterin Einkauf & Prokuristin", VP),
    ("Abteilungsleiter Qualität und Prokurist", VP),
    ("Prokurist, Bereichsleiter Vertrieb", VP),
    ("Geschäftsführer und Gesellschafter", EXECUTIVE),
    ("Vorstand Finanzen; Arbeitsdirektor", EXECUTIVE),
    ("Head of Sales and Marketing", VP),
    ("Research and Development Manager", MANAGER),
    # an assistant's title is staff whatever else it names
    ("Personal Assistant / CEO Office", STAFF),
    ("Executive Assistant & Office Manager", STAFF),
    ("Werkstudent Einkauf / Teamleiter Projekt", STAFF),
]

SEPARATORS = [" & ", ", ", " and ", " und ", " / ", " - ", "; ", " | ", " + "]
RANKED_TITLES = [title for title, level in TITLES if level is not STAFF]


@pytest.mark.parametrize(("title", "expected"), TITLES)
def test_classify_title(title: str, expected: Seniority) -> None:
    assert classify_title(title) is expected


def test_titles_table_has_no_duplicates() -> None:
    titles = [title for title, _ in TITLES + COMPOUND_TITLES]
    assert len(titles) == len(set(titles))


@pytest.mark.parametrize(("title", "expected"), COMPOUND_TITLES)
def test_compound_title_takes_its_highest_level(title: str, expected: Seniority) -> None:
    assert classify_title(title) is expected


@given(st.sampled_from(RANKED_TITLES), st.sampled_from(SEPARATORS), st.sampled_from(RANKED_TITLES))
def test_joined_titles_rank_as_the_higher_one(first: str, separator: str, second: str) -> None:
    highest = min(classify_title(first), classify_title(second), key=rank)
    assert classify_title(f"{first}{separator}{second}") is highest


@pytest.mark.parametrize("title", [None, "", " ", "\t\n", "---", "()", "(m/w/d)"])
def test_blank_title_is_staff(title: str | None) -> None:
    assert classify_title(title) is Seniority.STAFF


def test_order_and_rank() -> None:
    assert [str(level) for level in SENIORITY_ORDER] == [
        "executive",
        "vp",
        "director",
        "manager",
        "staff",
    ]
    assert [rank(level) for level in SENIORITY_ORDER] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    "title",
    ["Director", "Victor", "Doctor", "Factory Worker", "MVP", "Cooperation Lead", "Discovery"],
)
def test_abbreviations_only_match_whole_words(title: str) -> None:
    assert classify_title(title) is not Seniority.EXECUTIVE


@given(st.text())
def test_never_raises_on_arbitrary_text(title: str) -> None:
    assert isinstance(classify_title(title), Seniority)


@given(st.text(alphabet=st.sampled_from(" .,-/&()*:äöüßÄÖÜéabcdefghilmnoprstuvCEOVP"), max_size=60))
def test_never_raises_on_title_like_text(title: str) -> None:
    assert classify_title(title) in SENIORITY_ORDER
