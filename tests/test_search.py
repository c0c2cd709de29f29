"""People and company search on every backend: folding, ranking, employers, freshness,
against a brute-force reference, over HTTP."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph_model.embedded.store import EmbeddedStore
from graph_model.folding import fold, node_search_key
from graph_model.settings import Settings
from graph_model.store import GraphStore, NodeUpsert, RelRow, RelUpsert
from queries.entities import company_profile
from queries.search import embedded as embedded_search
from queries.search import search
from queries.search.rank import Match, match
from tests.conftest import assert_problem, loaded_settings
from tests.csv_output import csv_rows


def day(year: int) -> datetime:
    return datetime(year, 1, 1, tzinfo=UTC)


def seed(store: GraphStore) -> None:
    store.write(
        [
            NodeUpsert(
                "Company",
                [
                    {"id": "koe", "name": "Köhler AG", "domain": "koehler.de"},
                    {"id": "mul", "name": "Müller & Söhne", "tier": "strategic"},
                    {"id": "acme", "name": "Acme", "aliases": ["Acme Holdings"]},
                    {"id": "us", "name": "Us", "is_home": True},
                ],
            ),
            NodeUpsert(
                "Person",
                [
                    {"id": "p1", "name": "Jörg Köhler", "email": "joerg@koehler.de"},
                    {"id": "p2", "name": "Anna Kohl", "title": "CFO", "seniority": "c_level"},
                    {"id": "p3", "name": "Kohl"},
                    {"id": "p4", "name": "Eva Mueller", "email": "eva@acme.com"},
                    {"id": "p5", "name": "Nick Schkohler"},
                ],
            ),
            RelUpsert(
                "WORKS_AT",
                [
                    RelRow("p1", "koe"),
                    RelRow("p2", "mul", {"started_at": day(2010), "ended_at": day(2020)}),
                    RelRow("p2", "acme", {"started_at": day(2020)}),
                    RelRow("p4", "acme", {"started_at": day(2015)}),
                    RelRow("p4", "mul", {"started_at": day(2021)}),
                ],
            ),
        ]
    )


def hits(store: GraphStore, text: str, **options: object) -> list[tuple[str, str]]:
    return [(h.id, h.match.value) for h in search(store, text, **options).hits]  # type: ignore[arg-type]


def test_accents_and_case_are_folded_both_ways(store: GraphStore) -> None:
    seed(store)
    assert hits(store, "koehler") == [("koe", "prefix"), ("p1", "word")]
    assert hits(store, "KOHLER") == [("koe", "prefix"), ("p1", "word"), ("p5", "substring")]
    assert hits(store, "Muller", kind="company") == [("mul", "prefix")]
    assert hits(store, "mueller") == [("mul", "prefix"), ("p4", "word")]
    assert hits(store, "müller", kind="person") == []


def test_ranked_exact_then_prefix_then_word_then_anywhere(store: GraphStore) -> None:
    seed(store)
    assert hits(store, "kohl", kind="person") == [
        ("p3", "exact"),
        ("p2", "word"),
        ("p1", "word"),
        ("p5", "substring"),
    ]
    assert hits(store, "kohl", kind="person", limit=2) == [("p3", "exact"), ("p2", "word")]
    assert hits(store, "ann") == [("p2", "prefix")]


def test_found_by_email_domain_id_and_former_names(store: GraphStore) -> None:
    seed(store)
    assert hits(store, "eva@acme.com") == [("p4", "exact")]
    assert hits(store, "koehler.de", kind="company") == [("koe", "exact")]
    assert hits(store, "P3") == [("p3", "exact")]
    assert hits(store, "holdings") == [("acme", "word")]


def test_hits_carry_what_lists_show(store: GraphStore) -> None:
    seed(store)
    anna = search(store, "anna kohl").hits[0]
    assert (anna.kind, anna.name, anna.title, anna.seniority) == (
        "person",
        "Anna Kohl",
        "CFO",
        "c_level",
    )
    assert anna.company is not None and anna.company.id == "acme"  # her job at mul ended
    eva = search(store, "eva").hits[0]
    assert eva.company is not None and eva.company.name == "Müller & Söhne"  # latest started
    assert search(store, "eva", as_of=day(2018)).hits[0].company.id == "acme"  # type: ignore[union-attr]
    assert search(store, "kohl", kind="person", limit=1).hits[0].company is None
    us = search(store, "us", kind="company").hits[0]
    assert (us.kind, us.is_home, us.company) == ("company", True, None)
    assert search(store, "mul", kind="company").hits[0].tier == "strategic"


def test_nothing_to_search_for(store: GraphStore) -> None:
    seed(store)
    assert hits(store, "") == [] and hits(store, " -_- ") == [] and hits(store, "zzz") == []


def test_later_writes_are_found(store: GraphStore) -> None:
    seed(store)
    assert hits(store, "zoe") == []
    store.write([NodeUpsert("Person", [{"id": "p9", "name": "Zoë Kohl"}])])
    store.write([NodeUpsert("Person", [{"id": "p3", "name": "Kohlmann"}])])  # renamed
    assert hits(store, "zoe") == [("p9", "prefix")]
    assert hits(store, "kohl", kind="person", limit=3) == [
        ("p3", "prefix"),
        ("p2", "word"),
        ("p1", "word"),
    ]


NAMES = ["Ann", "Anna", "Änne", "Bo", "Björn", "Kohl", "Köhler", "Koehler", "Ma", "Maß", "Mass"]


@pytest.mark.parametrize("seed_value", [1, 2])
def test_same_hits_as_a_brute_force_search(
    store: GraphStore, seed_value: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many writes in small batches (the embedded overlay, then a recompile), checked
    against matching every key by hand."""
    monkeypatch.setattr(embedded_search, "RECOMPILE_AT", 30)
    rng = random.Random(seed_value)
    people: dict[str, dict[str, str]] = {}
    for batch in range(8):
        rows = []
        for _ in range(25):
            node_id = f"p{rng.randrange(120)}"
            name = " ".join(rng.choice(NAMES) for _ in range(rng.randint(1, 3)))
            rows.append(people.setdefault(node_id, {"id": node_id}) | {"name": name})
            people[node_id] = rows[-1]
        store.write([NodeUpsert("Person", rows)])
        for text in ("ann", "Köhler", "koehler", "ma", "mass", "a", "bo", "nn", "p1", "b"):
            folded = fold(text)
            expected = sorted(
                (how.level, key, p["id"])
                for p in people.values()
                if (how := match(key := node_search_key("Person", p), folded)) is not None
            )[:7]
            got = search(store, text, kind="person", limit=7).hits
            assert [(h.match, h.id) for h in got] == [
                (list(Match)[level], node_id) for level, _, node_id in expected
            ], (batch, text)


def test_another_process_commit_is_found(tmp_path: Path) -> None:
    first, second = EmbeddedStore(tmp_path), EmbeddedStore(tmp_path)
    try:
        seed(first)
        assert hits(first, "zoe") == []
        second.write([NodeUpsert("Company", [{"id": "z", "name": "Zoë Ltd"}])])
        assert hits(first, "zoe") == [("z", "prefix")]
    finally:
        first.close()
        second.close()


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, seed)


def test_search_over_http(client: TestClient) -> None:
    answer = client.get("/v1/search", params={"q": "Kohl", "kind": "person", "limit": 2}).json()
    assert answer["query"] == "Kohl"
    assert [(h["id"], h["name"], h["match"]) for h in answer["hits"]] == [
        ("p3", "Kohl", "exact"),
        ("p2", "Anna Kohl", "word"),
    ]
    assert answer["hits"][1]["company"] == {"id": "acme", "name": "Acme"}
    both = client.get("/v1/search", params={"q": "koehler"}).json()["hits"]
    assert [(h["kind"], h["id"]) for h in both] == [("company", "koe"), ("person", "p1")]
    assert client.get("/v1/search", params={"q": ""}).json()["hits"] == []
    assert_problem(client.get("/v1/search", params={"q": "x", "kind": "product"}), 422, ["kind"])
    assert_problem(client.get("/v1/search", params={"q": "x", "limit": 51}), 422, ["limit"])
    assert_problem(client.get("/v1/search", params={"q": "a\x00"}), 422, ["q"])
    assert_problem(client.get("/v1/search"), 422, ["q"])


def test_search_command(srm: Any) -> None:
    answer = json.loads(srm("search", "Kohl", "--kind", "person", "--json").stdout)
    rows = csv_rows(srm("search", "Kohl", "--kind", "person", "--csv"))
    assert [(r["id"], r["name"], r["match"]) for r in rows] == [
        (h["id"], h["name"], h["match"]) for h in answer["hits"]
    ]
    assert rows[1]["company_name"] == "Acme"
    shown = srm("search", "koehler")
    assert shown.exit_code == 0 and "Köhler AG" in shown.stdout and "Jörg Köhler" in shown.stdout
    none = srm("search", "zzz")
    assert none.exit_code == 0 and "nothing found by 'zzz'" in none.stdout


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        (("timeline", "eva@acme.com"), "p4"),
        (("timeline", "Jorg Kohler"), "p1"),
        (("timeline", "koehler"), "koe"),  # the company's name starts so, p1's has the word
        (("ego", "muller"), "mul"),
        (("coverage", "köhler ag"), "koe"),
        (("reciprocity", "acme holdings"), "acme"),
        (("timeline", "p2"), "p2"),
    ],
)
def test_commands_take_a_name_for_an_id(srm: Any, args: tuple[str, ...], meant: str) -> None:
    answer = srm(*args, "--json")
    assert answer.exit_code == 0, answer.output
    body = json.loads(answer.stdout)
    found = body.get("id") or body.get("account_id") or body.get("company_id")
    if found is None:  # an ego network: the focus comes first
        found = body["nodes"][0]["id"]
    assert found == meant


def test_a_name_of_several_lists_them_and_one_of_none_is_unknown(srm: Any) -> None:
    assert json.loads(srm("timeline", "kohl", "--json").stdout)["id"] == "p3"  # a whole name
    several = srm("timeline", "koh")
    assert several.exit_code == 2
    # two names start with it (Anna Kohl's has a word that does: not as good a match)
    assert "'koh' names 2 people or companies: Kohl (p3); Köhler AG (koe);" in several.stderr
    assert "Anna Kohl" not in several.stderr
    assert "name one by its id" in several.stderr
    strength = srm("strength", "Anna Kohl", "eva mueller", "--json")
    assert strength.exit_code == 0, strength.output
    assert (json.loads(strength.stdout)["a"], json.loads(strength.stdout)["b"]) == ("p2", "p4")
    unknown = srm("paths", "nobody at all", "acme")
    assert unknown.exit_code == 1
    assert "no person with id or name 'nobody at all'" in unknown.stderr


def test_a_company_lists_its_people_by_the_folded_name(store: GraphStore) -> None:
    people = [{"id": f"q{i}", "name": n} for i, n in enumerate(["Zoe", "Ärne", "bo", "Anna"])]
    store.write(
        [
            NodeUpsert("Company", [{"id": "c", "name": "C"}]),
            NodeUpsert("Person", people),
            RelUpsert("WORKS_AT", [RelRow(p["id"], "c") for p in people]),
        ]
    )
    listed = [p.name for p in company_profile(store, "c").people]
    assert listed == ["Anna", "Ärne", "bo", "Zoe"]
