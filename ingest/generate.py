"""Deterministic generator of realistic SRM datasets in the canonical CSV format.

The output is a pure function of the seed, the sizes and the end date::

    from datetime import date
    from pathlib import Path

    from ingest.generate import generate

    counts = generate(Path("data/demo"), seed=7, end=date(2025, 6, 30))
    counts["interactions.csv"]  # 5000

The vocabularies it draws from are data files of :mod:`ingest.synthetic`, and its
parts (companies, people, trade, interactions) modules of that package.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from random import Random

from ingest.canonical import (
    ACCOUNT_MANAGERS,
    COMPANIES,
    INTERACTIONS,
    OFFERS,
    PEOPLE,
    PRODUCTS,
    SUPPLIES,
    FileSpec,
)
from ingest.synthetic.interactions import interaction_rows
from ingest.synthetic.people import build_people, home_size
from ingest.synthetic.sampling import iso
from ingest.synthetic.trade import (
    CATALOGUE,
    build_account_managers,
    build_offers,
    build_supplies,
    product_id,
)
from ingest.synthetic.vocabulary import CATEGORIES
from ingest.synthetic.world import Row, World, build_companies


def generate(
    out_dir: Path,
    *,
    seed: int = 42,
    companies: int = 60,
    people: int = 600,
    interactions: int = 5000,
    end: date | None = None,
) -> dict[str, int]:
    """Write a dataset to ``out_dir`` and return the rows written per file name.

    Interactions cover the two years ending at ``end`` (default: today, UTC).
    """
    _check_sizes(companies, people, interactions)
    last = end or datetime.now(UTC).date()
    rng = Random(seed)
    world = _build_world(rng, companies, people, _years_before(last, 2), last)
    out_dir.mkdir(parents=True, exist_ok=True)
    tables: tuple[tuple[FileSpec, Iterable[Row]], ...] = (
        (COMPANIES, _company_rows(world)),
        (PEOPLE, _person_rows(world)),
        (PRODUCTS, _product_rows()),
        (OFFERS, _offer_rows(world)),
        (SUPPLIES, world.supplies),
        (ACCOUNT_MANAGERS, _account_manager_rows(world)),
        (INTERACTIONS, interaction_rows(rng, world, interactions)),
    )
    return {
        f"{spec.name}.csv": _write_csv(out_dir / f"{spec.name}.csv", COLUMNS[spec.name], rows)
        for spec, rows in tables
    }


COLUMNS: dict[str, Row] = {
    COMPANIES.name: ("id", "name", "domain", "country", "industry", "tier", "is_home"),
    PEOPLE.name: (
        "id",
        "name",
        "email",
        "company_id",
        "title",
        "seniority",
        "manager_id",
        "started_at",
        "ended_at",
    ),
    PRODUCTS.name: ("id", "name", "category"),
    OFFERS.name: ("company_id", "product_id"),
    SUPPLIES.name: (
        "supplier_id",
        "customer_id",
        "product_id",
        "category",
        "annual_value",
        "currency",
        "since",
        "until",
    ),
    ACCOUNT_MANAGERS.name: ("person_id", "company_id"),
    INTERACTIONS.name: (
        "id",
        "kind",
        "occurred_at",
        "participant_ids",
        "initiator_id",
        "subject",
        "company_id",
    ),
}
"""The columns the generator writes of each canonical file (the rows hold them in order)."""


def _check_sizes(companies: int, people: int, interactions: int) -> None:
    if companies < 2:
        raise ValueError("companies must be at least 2: the home company and one other")
    if people - home_size(people) < companies - 1:
        raise ValueError(
            f"people={people} is too few for {companies} companies: "
            "every company needs a person and the home company two"
        )
    if interactions < 0:
        raise ValueError("interactions must not be negative")


def _build_world(rng: Random, companies: int, people: int, first: date, last: date) -> World:
    world = World(first.toordinal(), last.toordinal(), build_companies(rng, companies), [], [], {})
    build_people(rng, world, people)
    build_offers(rng, world.companies)
    build_supplies(rng, world)
    build_account_managers(rng, world)
    return world


def _write_csv(path: Path, header: Row, rows: Iterable[Row]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _company_rows(world: World) -> Iterator[Row]:
    for company in world.companies:
        yield (
            company.id,
            company.name,
            company.domain,
            company.country,
            company.industry.name,
            company.tier,
            "true" if company.role == "home" else "",
        )


def _person_rows(world: World) -> Iterator[Row]:
    people, companies = world.people, world.companies
    for person in people:
        manager = "" if person.manager is None else people[person.manager].id
        ended = "" if person.end is None else iso(person.end)
        yield (
            person.id,
            person.name,
            person.email,
            companies[person.company].id,
            person.title,
            "",
            manager,
            iso(person.start),
            ended,
        )


def _product_rows() -> Iterator[Row]:
    for index, (name, category) in enumerate(CATALOGUE):
        yield product_id(index), name, CATEGORIES[category].name


def _offer_rows(world: World) -> Iterator[Row]:
    for company in world.companies:
        for product in company.offers:
            yield company.id, product_id(product)


def _account_manager_rows(world: World) -> Iterator[Row]:
    for company, managers in world.account_managers.items():
        for manager in managers:
            yield world.people[manager].id, world.companies[company].id
