"""The people of each company: a pyramid of levels, names, e-mails, titles, managers, tenure."""

from __future__ import annotations

import re
from random import Random

from ingest.synthetic.sampling import DAYS_PER_YEAR, Weighted, width
from ingest.synthetic.vocabulary import LANGUAGES, PERSON_NAMES, TITLES, Title
from ingest.synthetic.world import HOME, Company, Person, World, ascii_fold

HOME_SHARE = 0.2
"""Share of the people who work at the home company."""
COMPANY_PARETO_ALPHA = 1.3
COMPANY_WEIGHT_CAP = 50.0
TIER_SIZE = {"strategic": 4.0, "key": 2.0, "standard": 1.0}
LEVEL_WEIGHTS: tuple[float, ...] = (0.03, 0.07, 0.12, 0.28, 0.50)
MAX_EXECUTIVES = 6
EXECUTIVE_FUNCTIONS: tuple[str, ...] = ("procurement", "sales", "supply_chain", "finance")
FUNCTIONS: tuple[str, ...] = (
    "general",
    "procurement",
    "sales",
    "key_account",
    "supply_chain",
    "finance",
)
FUNCTION_WEIGHTS: dict[str, tuple[float, ...]] = {
    "home": (0.10, 0.35, 0.12, 0.25, 0.08, 0.10),
    "supplier": (0.15, 0.10, 0.25, 0.20, 0.15, 0.15),
    "customer": (0.20, 0.35, 0.10, 0.05, 0.15, 0.15),
    "both": (0.15, 0.25, 0.20, 0.15, 0.10, 0.15),
}
FOREIGN_LANGUAGES: tuple[str, ...] = ("en", "en", "en", "de", "fr", "nl", "pl")
FOREIGN_NAME_SHARE = 0.2
GERMAN_TITLE_SHARE = 0.55
LEFT_SHARE = 0.05
BLANK_EMAIL_SHARE = 0.02
BLANK_MANAGER_SHARE = 0.08


def home_size(people: int) -> int:
    """How many of ``people`` work at the home company (at least two)."""
    return max(2, round(people * HOME_SHARE))


def build_people(rng: Random, world: World, count: int) -> None:
    """Staff every company of ``world`` with ``count`` people in all."""
    companies = world.companies
    sizes = _company_sizes(rng, companies, count)
    digits = width(count, 5)
    emails: set[str] = set()
    for index, (company, size) in enumerate(zip(companies, sizes, strict=True)):
        for position, level in enumerate(_levels(rng, size, 2 if index == HOME else 1)):
            person_id = f"p{len(world.people) + 1:0{digits}d}"
            company.people.append(len(world.people))
            world.people.append(
                _new_person(rng, world, person_id, index, level, position == 0, emails)
            )
        _assign_managers(rng, world.people, company.people)


def _company_sizes(rng: Random, companies: list[Company], count: int) -> list[int]:
    home = home_size(count)
    others = companies[1:]
    sizes = [home] + [1] * len(others)
    weights = [
        min(rng.paretovariate(COMPANY_PARETO_ALPHA), COMPANY_WEIGHT_CAP) * TIER_SIZE[company.tier]
        for company in others
    ]
    sampler = Weighted(range(1, len(companies)), weights)
    for _ in range(count - home - len(others)):
        sizes[sampler.draw(rng.random)] += 1
    return sizes


def _levels(rng: Random, size: int, executives: int) -> list[int]:
    """Levels of a company's people, most senior first: a pyramid with few executives."""
    drawn = rng.choices(range(len(LEVEL_WEIGHTS)), LEVEL_WEIGHTS, k=size - executives)
    levels = sorted([0] * executives + drawn)
    return [
        1 if level == 0 and position >= MAX_EXECUTIVES else level
        for position, level in enumerate(levels)
    ]


def _new_person(
    rng: Random,
    world: World,
    person_id: str,
    company_index: int,
    level: int,
    top: bool,
    emails: set[str],
) -> Person:
    company = world.companies[company_index]
    function = _function(rng, company.role, level, top)
    language = LANGUAGES[company.country]
    if rng.random() < FOREIGN_NAME_SHARE:
        language = rng.choice(FOREIGN_LANGUAGES)
    female = rng.random() < 0.5
    first, last = _person_name(rng, language, female)
    start, end = _employment(rng, level, world.first_day, world.last_day)
    return Person(
        id=person_id,
        name=f"{first} {last}",
        email=_email(rng, first, last, company.domain, emails),
        company=company_index,
        title=_title(rng, level, function, company.country, female),
        level=level,
        function=function,
        start=start,
        end=end,
    )


def _function(rng: Random, role: str, level: int, top: bool) -> str:
    """The head of a company is a generalist; other executives run a function."""
    if top:
        return "general"
    if level == 0:
        return rng.choice(EXECUTIVE_FUNCTIONS)
    return rng.choices(FUNCTIONS, FUNCTION_WEIGHTS[role])[0]


def _person_name(rng: Random, language: str, female: bool) -> tuple[str, str]:
    females, males, surnames = PERSON_NAMES[language]
    first = rng.choice(females if female else males)
    last = rng.choice(surnames)
    if female and language == "pl":
        last = re.sub(r"([sc])ki$", r"\1ka", last)
    return first, last


def _email_part(text: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", ascii_fold(text))


def _email(rng: Random, first: str, last: str, domain: str, used: set[str]) -> str:
    if rng.random() < BLANK_EMAIL_SHARE:
        return ""
    local = f"{_email_part(first)}.{_email_part(last)}"
    email = f"{local}@{domain}"
    number = 2
    while email in used:
        email = f"{local}{number}@{domain}"
        number += 1
    used.add(email)
    return email


def _title(rng: Random, level: int, function: str, country: str, female: bool) -> str:
    german = LANGUAGES[country] == "de" and rng.random() < GERMAN_TITLE_SHARE
    language = "de" if german else "en"
    options = (
        _TITLE_INDEX.get((level, function, language))
        or _TITLE_INDEX.get((level, function, "en"))
        or _TITLE_INDEX[(level, "general", language)]
    )
    title = rng.choice(options)
    return (title.feminine or title.masculine) if female else title.masculine


def _index_titles() -> dict[tuple[int, str, str], tuple[Title, ...]]:
    index: dict[tuple[int, str, str], list[Title]] = {}
    for title in TITLES:
        index.setdefault((title.level, title.function, title.language), []).append(title)
    return {key: tuple(titles) for key, titles in index.items()}


_TITLE_INDEX = _index_titles()


def _employment(rng: Random, level: int, first_day: int, last_day: int) -> tuple[int, int | None]:
    window = last_day - first_day
    if level == 0:
        return last_day - rng.randint(window + 30, 25 * DAYS_PER_YEAR), None
    start = last_day - rng.randint(30, 15 * DAYS_PER_YEAR)
    earliest_end = max(start + 60, first_day - DAYS_PER_YEAR)
    if rng.random() < LEFT_SHARE and earliest_end < last_day:
        return start, rng.randint(earliest_end, last_day - 1)
    return start, None


def _assign_managers(rng: Random, people: list[Person], members: list[int]) -> None:
    by_level: dict[int, list[int]] = {}
    by_function: dict[tuple[int, str], list[int]] = {}
    for member in members:
        person = people[member]
        by_level.setdefault(person.level, []).append(member)
        by_function.setdefault((person.level, person.function), []).append(member)
    for member in members:
        person = people[member]
        senior = [level for level in by_level if level < person.level]
        if not senior or rng.random() < BLANK_MANAGER_SHARE:
            continue
        nearest = max(senior)
        person.manager = rng.choice(
            by_function.get((nearest, person.function)) or by_level[nearest]
        )
