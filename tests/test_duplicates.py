"""The near-duplicates report (``srm duplicates``): pairs of companies that look like one,
with their evidence, on both backends; and blocking that loses none of the pairs it promises."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from itertools import combinations
from random import Random
from typing import Any

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from graph_model.settings import Settings
from graph_model.store import GraphStore, NodeUpsert
from queries.duplicates import Rule, find_duplicates, near_duplicates
from queries.duplicates.blocking import candidate_pairs
from queries.duplicates.record import record
from queries.duplicates.rules import MIN_OVERLAP, NameRules, combined, domain_finding
from tests.conftest import loaded_settings

COMPANIES: list[dict[str, Any]] = [
    {"id": "home", "name": "Home AG", "domain": "home.example", "is_home": True},
    {"id": "siemens", "name": "Siemens AG", "domain": "siemens.com", "country": "DE"},
    {
        "id": "siemens-old",
        "name": "SIEMENS Aktiengesellschaft (old)",
        "domain": "https://www.siemens.com/de",
    },
    {"id": "kestrel", "name": "Kestrel Components Ltd", "domain": "kestrel.com"},
    {
        "id": "kestrel-uk",
        "name": "Kestrel Components, Limited",
        "domain": "kestrel-components.co.uk",
    },
    {"id": "nordwind-ch", "name": "Nordwind Trading AG", "domain": "nordwind.ch"},
    {"id": "nordwind-de", "name": "Nordwind Handel GmbH", "domain": "nordwind.de"},
    {"id": "mueller", "name": "Müller & Söhne GmbH", "domain": "mueller-soehne.de"},
    {"id": "mueller-kg", "name": "Mueller und Soehne KG"},
    {"id": "boehm", "name": "Böhm & Schmitz GmbH"},
    {"id": "schmitz", "name": "Schmitz und Böhm AG"},
    {"id": "acme-log", "name": "Acme Logistics Inc."},
    {"id": "acme-typo", "name": "ACME Logisitcs"},
    {"id": "bright", "name": "Brightline Solutions"},
    {"id": "bright-sp", "name": "BrightlineSolutions Inc"},
    {"id": "db", "name": "Deutsche Bank AG", "domain": "db.com"},
    {"id": "dp", "name": "Deutsche Post AG", "domain": "dpdhl.com"},
    {"id": "meyer", "name": "Meyer Antriebstechnik GmbH"},
    {"id": "jaeger", "name": "Jäger Antriebstechnik GmbH"},
]

EXPECTED = [
    ("siemens", "siemens-old", 0.99, [Rule.SAME_NAME, Rule.SAME_DOMAIN]),
    ("bright", "bright-sp", 0.855, [Rule.SIMILAR_NAME]),
    ("acme-log", "acme-typo", 0.8308, [Rule.SIMILAR_NAME]),
    ("boehm", "schmitz", 0.8, [Rule.SHARED_WORDS]),
    ("mueller", "mueller-kg", 0.7615, [Rule.SIMILAR_NAME]),
    ("kestrel", "kestrel-uk", 0.63, [Rule.SAME_NAME, Rule.DIFFERENT_DOMAINS]),
    ("nordwind-ch", "nordwind-de", 0.6, [Rule.SAME_DOMAIN_NAME]),
]


def seed(store: GraphStore) -> None:
    store.write([NodeUpsert("Company", COMPANIES)])


def test_pairs_with_their_evidence(store: GraphStore) -> None:
    seed(store)
    found = near_duplicates(store)
    assert (found.companies, found.min_score, found.total) == (len(COMPANIES), 0.5, 7)
    assert [
        (p.a.id, p.b.id, p.score, [e.rule for e in p.evidence]) for p in found.pairs
    ] == EXPECTED
    siemens = found.pairs[0]
    assert siemens.a.model_dump() == {
        "id": "siemens",
        "name": "Siemens AG",
        "domain": "siemens.com",
        "country": "DE",
    }
    assert [(e.a, e.b, e.weight, e.detail) for e in siemens.evidence] == [
        ("siemens", "siemens", 0.9, "both 'siemens'"),
        ("siemens.com", "https://www.siemens.com/de", 0.9, "both siemens.com"),
    ]
    details = {(p.a.id, e.rule): (e.a, e.b, e.detail) for p in found.pairs for e in p.evidence}
    assert details["bright", Rule.SIMILAR_NAME] == (
        "brightline solutions",
        "brightlinesolutions",
        "the same letters, spaced differently",
    )
    assert details["mueller", Rule.SIMILAR_NAME][2] == "2 edits apart: muller/mueller, sohne/soehne"
    assert details["acme-log", Rule.SIMILAR_NAME][2] == "1 edit apart: logistics/logisitcs"
    assert (
        details["boehm", Rule.SHARED_WORDS][2] == "share bohm schmitz (100% of the words' weight)"
    )
    assert details["kestrel", Rule.DIFFERENT_DOMAINS] == (
        "kestrel.com",
        "kestrel-components.co.uk",
        "kestrel.com and kestrel-components.co.uk name different things",
    )
    assert details["nordwind-ch", Rule.SAME_DOMAIN_NAME][2] == (
        "nordwind.ch and nordwind.de differ only in their suffix"
    )


def test_min_score_and_limit(store: GraphStore) -> None:
    seed(store)
    found = near_duplicates(store, min_score=0.75, limit=2)
    assert found.total == 5
    assert [(p.a.id, p.b.id) for p in found.pairs] == [
        ("siemens", "siemens-old"),
        ("bright", "bright-sp"),
    ]
    lenient = near_duplicates(store, min_score=0.2)
    assert {(p.a.id, p.b.id) for p in lenient.pairs} >= {(a, b) for a, b, _, _ in EXPECTED}
    assert ("db", "dp") not in {(p.a.id, p.b.id) for p in lenient.pairs}


def test_nothing_to_report(store: GraphStore) -> None:
    assert near_duplicates(store).model_dump() == {
        "companies": 0,
        "min_score": 0.5,
        "total": 0,
        "pairs": [],
    }
    store.write([NodeUpsert("Company", [COMPANIES[0], *COMPANIES[-4:]])])
    assert near_duplicates(store).total == 0


@pytest.mark.parametrize(("min_score", "limit"), [(0.0, None), (1.01, None), (0.5, 0)])
def test_bad_arguments(min_score: float, limit: int | None) -> None:
    with pytest.raises(ValueError, match="must be"):
        find_duplicates(COMPANIES, min_score, limit)


def test_a_company_never_pairs_with_itself() -> None:
    found = find_duplicates([{"id": "c1", "name": "Crescent Crest Corp", "domain": "cc.com"}], 0.01)
    assert found.pairs == []


def _brute_force(companies: list[dict[str, Any]], min_score: float) -> set[tuple[str, str]]:
    """Every pair, compared without the edit-distance rule (which blocking finds only for
    slips that keep a feature of the first two words)."""
    records = sorted((record(c) for c in companies), key=lambda r: r.side.id)
    names = NameRules(records)
    found = set()
    for x, y in combinations(records, 2):
        findings = [f for f in (names.finding(x, y, slips=False), domain_finding(x, y)) if f]
        if combined(findings) >= min_score:
            found.add((x.side.id, y.side.id))
    return found


WORDS = ["Acme", "Nordwind", "Logistics", "Logistik", "Müller", "Mueller", "Söhne", "Trading"]
WORDS += ["Handel", "Services", "Bank", "Post", "Deutsche", "Zenith", "IT", "Bauer"]
FORMS = ["", "GmbH", "AG", "Inc.", "Ltd", "S.A.", "GmbH & Co. KG", "Holding", "(old)"]
DOMAINS = [None, "acme.com", "acme.de", "nordwind.ch", "www.nordwind.ch", "db.com", "zenith.io"]
COMPANY_LISTS = st.lists(
    st.tuples(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
        st.sampled_from(FORMS),
        st.sampled_from(DOMAINS),
    ),
    min_size=2,
    max_size=14,
)


@given(COMPANY_LISTS, st.sampled_from([0.3, 0.5, 0.7, 0.9]))
def test_blocking_loses_no_pair_it_promises(
    drawn: list[tuple[list[str], str, str | None]], min_score: float
) -> None:
    companies = [
        {"id": f"c{i:02d}", "name": " ".join([*words, form]), "domain": domain}
        for i, (words, form, domain) in enumerate(drawn)
    ]
    found = find_duplicates(companies, min_score)
    assert _brute_force(companies, min_score) <= {(p.a.id, p.b.id) for p in found.pairs}
    assert [p.score for p in found.pairs] == sorted((p.score for p in found.pairs), reverse=True)
    assert all(p.a.id < p.b.id and p.score >= min_score for p in found.pairs)


def test_blocking_compares_few_of_all_pairs() -> None:
    rng = Random(13)
    stems = ["Nord", "Süd", "Alpen", "Rhein", "Hanse", "Zenith", "Vantage", "Crescent", "Apex"]
    trades = ["Logistik", "Metallbau", "Software", "Chemie", "Textil", "Handel", "Druck", "Bau"]
    surnames = ["Müller", "Schmidt", "Weber", "Wagner", "Becker", "Hoffmann", "Koch", "Richter"]
    companies = []
    for i in range(2000):
        name = f"{rng.choice(stems + surnames)}{rng.choice(['', 'tech', 'wind', 'stern'])} "
        name += f"{rng.choice(trades)} {i} {rng.choice(['GmbH', 'AG', 'KG'])}"
        companies.append({"id": f"c{i:04d}", "name": name})
    companies.append({"id": "planted", "name": "Nordwind Logistik 7 Aktiengesellschaft"})
    companies.append({"id": "planted-typo", "name": "Nordwnid Logistik 7 GmbH"})
    records = [record(c) for c in companies]
    candidates = candidate_pairs(records, NameRules(records).weights, MIN_OVERLAP)
    everything = len(records) * (len(records) - 1) // 2
    assert len(candidates.pairs) < everything / 50
    found = find_duplicates(companies)
    planted = [
        p for p in found.pairs if p.a.id.startswith("planted") or p.b.id.startswith("planted")
    ]
    assert [(p.a.id, p.b.id, [e.rule for e in p.evidence]) for p in planted] == [
        ("planted", "planted-typo", [Rule.SIMILAR_NAME])
    ]


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, seed)


@pytest.fixture
def run(srm: Callable[..., Result]) -> Callable[..., Result]:
    return lambda *args: srm("duplicates", *args)


def test_cli_json(run: Callable[..., Result]) -> None:
    result = run("--json", "--min-score", "0.7")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert (body["companies"], body["min_score"], body["total"]) == (len(COMPANIES), 0.7, 5)
    assert [(p["a"]["id"], p["b"]["id"], p["score"]) for p in body["pairs"]] == [
        (a, b, score) for a, b, score, _ in EXPECTED[:5]
    ]
    assert body["pairs"][0]["evidence"][1] == {
        "rule": "same_domain",
        "a": "siemens.com",
        "b": "https://www.siemens.com/de",
        "weight": 0.9,
        "detail": "both siemens.com",
    }


def test_cli_csv(run: Callable[..., Result]) -> None:
    result = run("--csv", "--limit", "3")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(round(float(r["score"]), 4), r["a_id"], r["b_id"], r["rules"]) for r in rows] == [
        (0.99, "siemens", "siemens-old", "same_name;same_domain"),
        (0.855, "bright", "bright-sp", "similar_name"),
        (0.8308, "acme-log", "acme-typo", "similar_name"),
    ]
    body = json.loads(run("--json", "--limit", "3").stdout)
    assert [float(r["score"]) for r in rows] == [p["score"] for p in body["pairs"]]  # unrounded
    assert [(r["a_name"], r["b_name"], r["b_domain"]) for r in rows] == [
        (p["a"]["name"], p["b"]["name"], p["b"]["domain"] or "") for p in body["pairs"]
    ]
    assert rows[0]["a_name"] == "Siemens AG" and rows[0]["b_domain"] == "https://www.siemens.com/de"
    assert rows[0]["evidence"] == "same_name: both 'siemens'; same_domain: both siemens.com"


def test_cli_table_and_errors(run: Callable[..., Result]) -> None:
    result = run()
    assert result.exit_code == 0, result.output
    assert "7 of 7 pairs scoring 0.5 or more, among 19 companies" in result.stdout
    assert "Siemens AG (siemens)" in result.stdout and "(siemens-old)" in result.stdout
    assert "0.63" in result.stdout and "different_domains" in result.stdout
    nothing = run("--min-score", "1")
    assert nothing.exit_code == 0
    assert "no near-duplicates among 19 companies (none scores 1 or more)" in nothing.stdout
    assert run("--min-score", "0").exit_code == 2
    assert run("--min-score", "1.5").exit_code == 2
    assert run("--limit", "0").exit_code == 2
    both = run("--json", "--csv")
    assert both.exit_code == 2 and "exclude each other" in both.output
