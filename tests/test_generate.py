"""The dataset generator: determinism, referential integrity and realistic shape."""

from __future__ import annotations

import csv
import fnmatch
import re
import statistics
import tempfile
import tomllib
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_model.schema import INTERACTION_KINDS
from graph_model.seniority import classify_title, rank
from graph_model.store import GraphStore
from ingest import synthetic
from ingest.canonical import CANONICAL_FILES
from ingest.generate import COLUMNS, generate
from ingest.pipeline import ingest
from ingest.synthetic import vocabulary
from ingest.synthetic.interactions import KINDS
from ingest.synthetic.people import FUNCTIONS

Table = list[dict[str, str]]

END = date(2025, 6, 30)
SIZES = {"companies": 30, "people": 300, "interactions": 3000}
FILES = (
    "companies.csv",
    "people.csv",
    "products.csv",
    "offers.csv",
    "supplies.csv",
    "interactions.csv",
    "account_managers.csv",
)
REFERENCES = (
    ("people.csv", "company_id", "companies.csv"),
    ("people.csv", "manager_id", "people.csv"),
    ("offers.csv", "company_id", "companies.csv"),
    ("offers.csv", "product_id", "products.csv"),
    ("supplies.csv", "supplier_id", "companies.csv"),
    ("supplies.csv", "customer_id", "companies.csv"),
    ("supplies.csv", "product_id", "products.csv"),
    ("interactions.csv", "participant_ids", "people.csv"),
    ("interactions.csv", "initiator_id", "people.csv"),
    ("interactions.csv", "company_id", "companies.csv"),
    ("account_managers.csv", "person_id", "people.csv"),
    ("account_managers.csv", "company_id", "companies.csv"),
)
REQUIRED = (
    ("people.csv", "company_id"),
    ("offers.csv", "company_id"),
    ("offers.csv", "product_id"),
    ("supplies.csv", "supplier_id"),
    ("supplies.csv", "customer_id"),
    ("supplies.csv", "category"),
    ("interactions.csv", "participant_ids"),
)
MUTUAL_KINDS = {"meeting", "event", "video_call", "negotiation"}
DIRECTED_KINDS = {"email", "message", "gift", "rfp", "note"}
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00Z")


class Dataset(NamedTuple):
    folder: Path
    counts: dict[str, int]
    tables: dict[str, Table]


def read_tables(folder: Path) -> dict[str, Table]:
    tables = {}
    for name in FILES:
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            tables[name] = list(csv.DictReader(handle))
    return tables


def dangling_references(tables: dict[str, Table]) -> list[str]:
    known = {
        name: {row["id"] for row in tables[name]}
        for name in ("companies.csv", "people.csv", "products.csv")
    }
    return [
        f"{name}.{column}={value}"
        for name, column, target in REFERENCES
        for row in tables[name]
        for value in row[column].split(";")
        if value and value not in known[target]
    ]


def interaction_problems(tables: dict[str, Table], first: date, last: date) -> list[str]:
    problems = []
    for row in tables["interactions.csv"]:
        participants = row["participant_ids"].split(";")
        day = date.fromisoformat(row["occurred_at"][:10])
        if len(set(participants)) != len(participants) or len(participants) < 2:
            problems.append(f"{row['id']}: participants {participants}")
        if row["initiator_id"] and row["initiator_id"] not in participants:
            problems.append(f"{row['id']}: initiator {row['initiator_id']} did not take part")
        if not TIMESTAMP.fullmatch(row["occurred_at"]) or not first <= day <= last:
            problems.append(f"{row['id']}: occurred_at {row['occurred_at']}")
    return problems


def two_years_before(day: date) -> date:
    return day.replace(year=day.year - 2, day=28 if (day.month, day.day) == (2, 29) else day.day)


def home_id(tables: dict[str, Table]) -> str:
    (home,) = [row["id"] for row in tables["companies.csv"] if row["is_home"] == "true"]
    return home


def by_id(table: Table) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in table}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    folder = tmp_path_factory.mktemp("dataset")
    counts = generate(folder, seed=7, end=END, **SIZES)
    return Dataset(folder, counts, read_tables(folder))


def test_same_arguments_give_identical_bytes(tmp_path: Path) -> None:
    sizes = {"companies": 8, "people": 60, "interactions": 400}
    generate(tmp_path / "a", seed=3, end=END, **sizes)
    generate(tmp_path / "b", seed=3, end=END, **sizes)
    generate(tmp_path / "c", seed=4, end=END, **sizes)
    assert sorted(path.name for path in (tmp_path / "a").iterdir()) == sorted(FILES)
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    for name in ("companies.csv", "people.csv", "interactions.csv"):
        assert (tmp_path / "a" / name).read_bytes() != (tmp_path / "c" / name).read_bytes()


def test_counts_match_the_files_and_the_requested_sizes(dataset: Dataset) -> None:
    assert dataset.counts == {name: len(rows) for name, rows in dataset.tables.items()}
    assert dataset.counts["companies.csv"] == SIZES["companies"]
    assert dataset.counts["people.csv"] == SIZES["people"]
    assert dataset.counts["interactions.csv"] == SIZES["interactions"]


def test_files_are_utf8_without_bom_and_with_newline_endings(dataset: Dataset) -> None:
    raw = (dataset.folder / "people.csv").read_bytes()
    assert raw.startswith(b"id,name,email,company_id,title,seniority,manager_id,")
    assert b"\r" not in raw
    assert "ü".encode() in raw


def test_exactly_one_home_company_employs_a_fifth_of_the_people(dataset: Dataset) -> None:
    companies, people = dataset.tables["companies.csv"], dataset.tables["people.csv"]
    home = home_id(dataset.tables)
    assert Counter(row["is_home"] for row in companies) == {"true": 1, "": len(companies) - 1}
    assert by_id(companies)[home]["tier"] == ""
    assert sum(row["company_id"] == home for row in people) == SIZES["people"] // 5


def test_ids_are_unique_and_zero_padded(dataset: Dataset) -> None:
    patterns = {
        "companies.csv": r"c\d{4}",
        "people.csv": r"p\d{5}",
        "products.csv": r"prod\d{3}",
        "interactions.csv": r"i\d{7}",
    }
    for name, pattern in patterns.items():
        ids = [row["id"] for row in dataset.tables[name]]
        assert len(set(ids)) == len(ids)
        assert all(re.fullmatch(pattern, value) for value in ids)
    interactions = dataset.tables["interactions.csv"]
    assert [row["id"] for row in interactions[:2]] == ["i0000001", "i0000002"]


def test_every_reference_resolves_and_required_cells_are_filled(dataset: Dataset) -> None:
    assert dangling_references(dataset.tables) == []
    for name, column in REQUIRED:
        assert all(row[column] for row in dataset.tables[name]), (name, column)


def test_interactions_have_two_participants_and_an_initiator_among_them(
    dataset: Dataset,
) -> None:
    assert interaction_problems(dataset.tables, two_years_before(END), END) == []


def test_interactions_fall_on_business_days_within_two_years_before_end(
    dataset: Dataset,
) -> None:
    stamps = [row["occurred_at"] for row in dataset.tables["interactions.csv"]]
    days = [date.fromisoformat(stamp[:10]) for stamp in stamps]
    assert stamps == sorted(stamps)
    assert all(day.weekday() < 5 for day in days)
    assert {int(stamp[11:13]) for stamp in stamps} <= set(range(7, 19))
    assert (days[0] - two_years_before(END)).days < 14
    assert (END - days[-1]).days < 7


def test_counterparts_and_internal_meetings(dataset: Dataset) -> None:
    people = by_id(dataset.tables["people.csv"])
    home = home_id(dataset.tables)
    internal_only = 0
    for row in dataset.tables["interactions.csv"]:
        employers = {people[person]["company_id"] for person in row["participant_ids"].split(";")}
        assert people[row["participant_ids"].split(";")[0]]["company_id"] == home
        if row["company_id"]:
            assert employers == {home, row["company_id"]}
        else:
            assert employers == {home}
            internal_only += 1
    assert 0.04 < internal_only / SIZES["interactions"] < 0.12


def test_people_take_part_only_while_employed(dataset: Dataset) -> None:
    people = by_id(dataset.tables["people.csv"])
    for row in dataset.tables["interactions.csv"]:
        day = row["occurred_at"][:10]
        for person in map(people.__getitem__, row["participant_ids"].split(";")):
            assert person["started_at"] <= day
            assert not person["ended_at"] or day < person["ended_at"]


def test_kinds_and_directedness(dataset: Dataset) -> None:
    interactions = dataset.tables["interactions.csv"]
    kinds = Counter(row["kind"] for row in interactions)
    assert set(kinds) == set(KINDS) <= set(INTERACTION_KINDS)
    assert kinds.most_common(1)[0][0] == "email"
    assert kinds["call"] > kinds["meeting"] > kinds["event"] > kinds["note"]
    for row in interactions:
        if row["kind"] in MUTUAL_KINDS:
            assert row["initiator_id"] == "", row
        if row["kind"] in DIRECTED_KINDS:
            assert row["initiator_id"] != "", row
    directed_calls = sum(bool(row["initiator_id"]) for row in interactions if row["kind"] == "call")
    assert 0.7 < directed_calls / kinds["call"] < 0.95


def test_a_few_pairs_account_for_much_of_the_traffic(dataset: Dataset) -> None:
    pairs = Counter(
        tuple(row["participant_ids"].split(";")[:2]) for row in dataset.tables["interactions.csv"]
    )
    counts = sorted(pairs.values(), reverse=True)
    assert counts[0] >= 10 * statistics.median(counts)
    assert sum(counts[: len(counts) // 10]) > 0.35 * SIZES["interactions"]


def test_every_row_has_a_cell_per_header_column(dataset: Dataset) -> None:
    for name in FILES:
        with (dataset.folder / name).open(encoding="utf-8", newline="") as handle:
            header, *rows = csv.reader(handle)
        assert {len(row) for row in rows} == {len(header)}, name


def test_subjects_with_commas_and_quotes_survive_quoting(dataset: Dataset) -> None:
    subjects = [row["subject"] for row in dataset.tables["interactions.csv"]]
    assert any("," in subject for subject in subjects)
    assert any('"' in subject for subject in subjects)
    assert '""' in (dataset.folder / "interactions.csv").read_text(encoding="utf-8")


def test_reciprocal_trade_with_the_home_company(dataset: Dataset) -> None:
    supplies, home = dataset.tables["supplies.csv"], home_id(dataset.tables)
    sells_to_us = {row["supplier_id"] for row in supplies if row["customer_id"] == home}
    buys_from_us = {row["customer_id"] for row in supplies if row["supplier_id"] == home}
    others = SIZES["companies"] - 1
    assert 0.1 <= len(sells_to_us & buys_from_us) / others <= 0.2
    assert len(sells_to_us | buys_from_us) == others
    assert any(home not in (row["supplier_id"], row["customer_id"]) for row in supplies)


def test_supply_rows_are_plausible(dataset: Dataset) -> None:
    supplies = dataset.tables["supplies.csv"]
    products = by_id(dataset.tables["products.csv"])
    offered = {(row["company_id"], row["product_id"]) for row in dataset.tables["offers.csv"]}
    for row in supplies:
        assert float(row["annual_value"]) > 0
        assert row["currency"] in {"EUR", "USD", "GBP"}
        assert row["since"] < END.isoformat()
        assert not row["until"] or row["since"] < row["until"] < END.isoformat()
        if row["product_id"]:
            assert row["category"] == products[row["product_id"]]["category"]
            assert (row["supplier_id"], row["product_id"]) in offered
    assert any(not row["product_id"] for row in supplies)
    ended = sum(bool(row["until"]) for row in supplies)
    assert 0 < ended < len(supplies) / 4


def test_offers_and_product_categories(dataset: Dataset) -> None:
    offers = Counter(row["company_id"] for row in dataset.tables["offers.csv"])
    home = home_id(dataset.tables)
    assert len(offers) == SIZES["companies"]
    assert all(1 <= count <= 6 for company, count in offers.items() if company != home)
    assert len({row["category"] for row in dataset.tables["products.csv"]}) == 12


def test_managers_are_more_senior_colleagues(dataset: Dataset) -> None:
    people = by_id(dataset.tables["people.csv"])
    managed = [person for person in people.values() if person["manager_id"]]
    assert len(managed) > 0.8 * (len(people) - SIZES["companies"])
    for person in managed:
        manager = people[person["manager_id"]]
        assert manager["company_id"] == person["company_id"]
        assert rank(classify_title(manager["title"])) < rank(classify_title(person["title"]))


def test_titles_form_a_pyramid_in_english_and_german(dataset: Dataset) -> None:
    people = dataset.tables["people.csv"]
    levels = Counter(str(classify_title(row["title"])) for row in people)
    assert levels["vp"] < levels["director"] < levels["manager"] < levels["staff"]
    executives = Counter(
        row["company_id"] for row in people if str(classify_title(row["title"])) == "executive"
    )
    assert len(executives) == SIZES["companies"]
    assert max(executives.values()) <= 6
    titles = {row["title"] for row in people}
    assert {"Einkäufer", "Einkäuferin", "Buyer"} & titles
    assert any(title.startswith("Key Account Manager") for title in titles)
    assert all(row["seniority"] == "" for row in people)
    left = sum(bool(row["ended_at"]) for row in people)
    assert 0.02 < left / len(people) < 0.1


def test_names_emails_and_domains(dataset: Dataset) -> None:
    companies = by_id(dataset.tables["companies.csv"])
    people = dataset.tables["people.csv"]
    emails = [row["email"] for row in people if row["email"]]
    assert len(set(emails)) == len(emails) > 0.9 * len(people)
    for row in people:
        if row["email"]:
            assert re.fullmatch(r"[a-z0-9-]+\.[a-z0-9-]+\d*@[a-z0-9.-]+", row["email"])
            assert row["email"].endswith("@" + companies[row["company_id"]]["domain"])
    domains = [row["domain"] for row in companies.values()]
    assert len(set(domains)) == len(domains)
    assert any(not row["name"].isascii() for row in people)


def test_key_and_strategic_accounts_have_internal_account_managers(dataset: Dataset) -> None:
    companies = dataset.tables["companies.csv"]
    people = by_id(dataset.tables["people.csv"])
    home = home_id(dataset.tables)
    managers = Counter(row["company_id"] for row in dataset.tables["account_managers.csv"])
    tiers = Counter(row["tier"] for row in companies if row["id"] != home)
    assert 0 < tiers["strategic"] < tiers["key"] < tiers["standard"]
    for company in companies:
        expected = (1, 2) if company["tier"] in ("key", "strategic") else (0,)
        assert managers[company["id"]] in expected, company
    for row in dataset.tables["account_managers.csv"]:
        manager = people[row["person_id"]]
        assert manager["company_id"] == home
        assert manager["ended_at"] == ""
        assert "Key Account Manager" in manager["title"]


def test_generated_data_ingests_without_rejects(dataset: Dataset, store: GraphStore) -> None:
    result = ingest(store, dataset.folder)
    assert (result.status, result.rejects) == ("succeeded", [])
    assert {name: counts.created for name, counts in result.files.items()} == (dataset.counts)


def test_default_end_is_today_in_utc(tmp_path: Path) -> None:
    before = datetime.now(UTC).date()
    generate(tmp_path, companies=3, people=12, interactions=200)
    after = datetime.now(UTC).date()
    tables = read_tables(tmp_path)
    days = [row["occurred_at"][:10] for row in tables["interactions.csv"]]
    assert max(days) <= after.isoformat()
    assert min(days) >= two_years_before(before).isoformat()


def test_zero_interactions_write_only_the_header(tmp_path: Path) -> None:
    counts = generate(tmp_path, companies=3, people=10, interactions=0, end=END)
    assert counts["interactions.csv"] == 0
    assert (tmp_path / "interactions.csv").read_text(encoding="utf-8") == (
        "id,kind,occurred_at,participant_ids,initiator_id,subject,company_id\n"
    )


@pytest.mark.parametrize(
    ("companies", "people", "interactions", "message"),
    [(1, 600, 5000, "companies"), (10, 8, 5000, "people=8"), (60, 600, -1, "interactions")],
)
def test_sizes_it_cannot_fill_are_refused(
    tmp_path: Path, companies: int, people: int, interactions: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        generate(tmp_path, companies=companies, people=people, interactions=interactions)
    assert not tmp_path.joinpath("companies.csv").exists()


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    companies=st.integers(2, 7),
    extra_people=st.integers(0, 25),
    interactions=st.integers(0, 120),
    end=st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)),
)
def test_small_worlds_stay_consistent(
    seed: int, companies: int, extra_people: int, interactions: int, end: date
) -> None:
    people = companies + 1 + extra_people
    with tempfile.TemporaryDirectory() as folder:
        counts = generate(
            Path(folder),
            seed=seed,
            companies=companies,
            people=people,
            interactions=interactions,
            end=end,
        )
        tables = read_tables(Path(folder))
    assert counts == {name: len(rows) for name, rows in tables.items()}
    assert (counts["companies.csv"], counts["people.csv"]) == (companies, people)
    assert counts["interactions.csv"] == interactions
    assert home_id(tables)
    assert dangling_references(tables) == []
    assert interaction_problems(tables, two_years_before(end), end) == []


def test_the_vocabularies_are_data_files_a_wheel_ships() -> None:
    """Every data file of ``ingest.synthetic`` matches the package data of pyproject.toml,
    so a non-editable install has them."""
    root = Path(synthetic.__file__).parent
    data = sorted(p.name for p in root.iterdir() if p.is_file() and p.suffix != ".py")
    assert data == [
        "categories.json",
        "company_words.json",
        "countries.json",
        "industries.json",
        "names.json",
        "subjects.json",
        "titles.csv",
    ]
    pyproject = tomllib.loads((root.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = pyproject["tool"]["setuptools"]["package-data"]
    patterns = [*shipped.get("*", []), *shipped.get("ingest.synthetic", [])]
    assert [n for n in data if not any(fnmatch.fnmatch(n, p) for p in patterns)] == []


def test_the_columns_written_are_canonical() -> None:
    for spec in CANONICAL_FILES:
        if spec.name in COLUMNS:
            assert set(spec.required) <= set(COLUMNS[spec.name]) <= spec.columns, spec.name
    assert {f"{name}.csv" for name in COLUMNS} == set(FILES)


def test_the_vocabularies_hold_what_the_generator_draws() -> None:
    categories = {category.name for category in vocabulary.CATEGORIES}
    for industry in (vocabulary.HOME_INDUSTRY, *vocabulary.INDUSTRIES):
        assert set(industry.categories) <= categories, industry.name
        assert industry.german_words and industry.english_words and industry.french_words
    assert all(category.products for category in vocabulary.CATEGORIES)
    assert set(vocabulary.LANGUAGES.values()) <= set(vocabulary.PERSON_NAMES)
    assert all(vocabulary.LEGAL_FORMS[country] for country in vocabulary.COUNTRIES)
    assert len(vocabulary.COUNTRY_WEIGHTS) == len(vocabulary.COUNTRIES)
    assert all(all(names) for names in vocabulary.PERSON_NAMES.values())
    titles = {(t.level, t.function, t.language) for t in vocabulary.TITLES}
    for level in range(5):  # the fallback a title draw ends at
        assert {(level, "general", "en"), (level, "general", "de")} <= titles
    assert {t.function for t in vocabulary.TITLES} <= set(FUNCTIONS)
    assert set(vocabulary.SUBJECTS) == set(KINDS)
    words = [w for c in vocabulary.CATEGORIES for w in c.products] + [
        t.masculine for t in vocabulary.TITLES
    ]
    assert all(w == w.strip() and w for w in words)
