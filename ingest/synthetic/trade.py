"""What the companies sell and buy: offers, supply contracts, and home's account managers."""

from __future__ import annotations

import math
from collections.abc import Iterable
from random import Random

from ingest.synthetic.sampling import DAYS_PER_YEAR, iso, width
from ingest.synthetic.vocabulary import CATEGORIES
from ingest.synthetic.world import HOME, Company, World

KEY_ACCOUNT_TITLE = "Key Account Manager"
OFFER_COUNTS: tuple[int, ...] = (1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6)
DIVERSIFIED_SHARE = 0.15
SUPPLY_ROW_COUNTS: tuple[int, ...] = (1, 1, 1, 2, 2, 3)
CATEGORY_ONLY_SHARE = 0.2
ENDED_CONTRACT_SHARE = 0.1
DECIMAL_VALUE_SHARE = 0.4
MEDIAN_ANNUAL_VALUE = 40_000.0
ANNUAL_VALUE_SIGMA = 1.3
TIER_VALUE_SHIFT = {"strategic": 1.5, "key": 0.8, "standard": 0.0}
LOCAL_CURRENCIES = {"US": "USD", "GB": "GBP"}
LOCAL_CURRENCY_SHARE = 0.85
CURRENCIES: tuple[str, ...] = ("EUR", "USD", "GBP")
ACCOUNT_MANAGER_COUNTS: tuple[int, ...] = (1, 1, 2)

_CATEGORY_INDEX = {category.name: index for index, category in enumerate(CATEGORIES)}
CATALOGUE: tuple[tuple[str, int], ...] = tuple(
    (name, index) for index, category in enumerate(CATEGORIES) for name in category.products
)
"""Every product: its name and the index of its category."""


def product_id(index: int) -> str:
    """The id of the product at ``index`` of :data:`CATALOGUE`."""
    return f"prod{index + 1:0{width(len(CATALOGUE), 3)}d}"


def build_offers(rng: Random, companies: list[Company]) -> None:
    """What each company sells: products of its industry's categories (home: all of them)."""
    for company in companies:
        pool = _products_in(company.industry.categories)
        if company.role == "home":
            company.offers = pool
            continue
        picks = rng.sample(pool, min(rng.choice(OFFER_COUNTS), len(pool)))
        if rng.random() < DIVERSIFIED_SHARE and len(picks) < max(OFFER_COUNTS):
            extra = rng.randrange(len(CATALOGUE))
            if extra not in picks:
                picks.append(extra)
        company.offers = sorted(picks)


def _products_in(categories: Iterable[str]) -> list[int]:
    wanted = {_CATEGORY_INDEX[name] for name in categories}
    return [index for index, (_, category) in enumerate(CATALOGUE) if category in wanted]


def build_supplies(rng: Random, world: World) -> None:
    """Supply contracts with home by each company's role, and some between the others."""
    companies = world.companies
    for index, company in enumerate(companies[1:], start=1):
        if company.role in ("supplier", "both"):
            _add_supplies(rng, world, index, HOME, company.tier)
        if company.role in ("customer", "both"):
            _add_supplies(rng, world, HOME, index, company.tier)
    if len(companies) < 3:
        return
    seen: set[tuple[int, int]] = set()
    for _ in range((len(companies) - 1) // 2):
        supplier, customer = rng.sample(range(1, len(companies)), 2)
        if (supplier, customer) not in seen:
            seen.add((supplier, customer))
            _add_supplies(rng, world, supplier, customer, "standard")


def _add_supplies(rng: Random, world: World, supplier: int, customer: int, tier: str) -> None:
    seller, buyer = world.companies[supplier], world.companies[customer]
    keys: set[tuple[str, int]] = set()
    rows = min(rng.choice(SUPPLY_ROW_COUNTS), len(seller.offers))
    for product in rng.sample(seller.offers, rows):
        category = CATALOGUE[product][1]
        chosen = "" if rng.random() < CATEGORY_ONLY_SHARE else product_id(product)
        if (chosen, category) in keys:
            chosen = product_id(product)
        keys.add((chosen, category))
        since, until = _contract_dates(rng, world.last_day)
        world.supplies.append(
            (
                seller.id,
                buyer.id,
                chosen,
                CATEGORIES[category].name,
                _annual_value(rng, tier),
                _currency(rng, seller.country),
                since,
                until,
            )
        )
        if supplier == HOME:
            _add_topic(buyer, category)
        if customer == HOME:
            _add_topic(seller, category)
            _add_topic(buyer, category)


def _add_topic(company: Company, category: int) -> None:
    if category not in company.topics:
        company.topics.append(category)


def _annual_value(rng: Random, tier: str) -> str:
    mu = math.log(MEDIAN_ANNUAL_VALUE) + TIER_VALUE_SHIFT[tier]
    value = rng.lognormvariate(mu, ANNUAL_VALUE_SIGMA)
    if rng.random() < DECIMAL_VALUE_SHARE:
        return f"{value:.2f}"
    return str(max(100, int(round(value, -2))))


def _currency(rng: Random, country: str) -> str:
    if rng.random() < LOCAL_CURRENCY_SHARE:
        return LOCAL_CURRENCIES.get(country, "EUR")
    return rng.choice(CURRENCIES)


def _contract_dates(rng: Random, last_day: int) -> tuple[str, str]:
    since = last_day - rng.randint(60, 12 * DAYS_PER_YEAR)
    if rng.random() < ENDED_CONTRACT_SHARE and since + 30 < last_day:
        return iso(since), iso(rng.randint(since + 30, last_day - 1))
    return iso(since), ""


def build_account_managers(rng: Random, world: World) -> None:
    """One or two current key account managers of home for each strategic and key account."""
    people = world.people
    current = [member for member in world.companies[HOME].people if people[member].end is None]
    pool = (
        [member for member in current if KEY_ACCOUNT_TITLE in people[member].title]
        or [member for member in current if people[member].function in ("key_account", "sales")]
        or current
    )
    for index, company in enumerate(world.companies):
        if company.tier in ("strategic", "key"):
            count = min(rng.choice(ACCOUNT_MANAGER_COUNTS), len(pool))
            world.account_managers[index] = rng.sample(pool, count)
