"""The world a dataset describes: the home company and the others, with their tier and role.

The first company is the home company; the others are strategic, key or standard
accounts and suppliers of home, customers of it, or both.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from random import Random

from ingest.synthetic.sampling import width
from ingest.synthetic.vocabulary import (
    BRANDS,
    COUNTRIES,
    COUNTRY_WEIGHTS,
    ENGLISH_ADJECTIVES,
    ENGLISH_NOUNS,
    GERMAN_PREFIXES,
    HOME_INDUSTRY,
    INDUSTRIES,
    LANGUAGES,
    LEGAL_FORMS,
    PERSON_NAMES,
    TOP_LEVEL_DOMAINS,
    Industry,
)

Row = tuple[str, ...]

HOME_NAME = "Vellmar Elektronik AG"
HOME_DOMAIN = "vellmar-elektronik.de"
HOME = 0
"""Index of the home company."""
STRATEGIC_SHARE = 0.05
KEY_SHARE = 0.2
RECIPROCAL_SHARE = 0.15
SUPPLIER_SHARE = 0.45

_ASCII_FOLD = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
    }
)


@dataclass(slots=True)
class Company:
    id: str
    name: str
    domain: str
    country: str
    industry: Industry
    tier: str
    role: str
    people: list[int] = field(default_factory=list)
    offers: list[int] = field(default_factory=list)
    topics: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Person:
    id: str
    name: str
    email: str
    company: int
    title: str
    level: int
    function: str
    start: int
    end: int | None
    manager: int | None = None


@dataclass(slots=True)
class World:
    first_day: int
    last_day: int
    companies: list[Company]
    people: list[Person]
    supplies: list[Row]
    account_managers: dict[int, list[int]]


def stop(person: Person, last_day: int) -> int:
    """The first day ``person`` no longer works there (the day after ``last_day`` if never)."""
    return last_day + 1 if person.end is None else person.end


def ascii_fold(text: str) -> str:
    """``text`` in lower-case ASCII, umlauts spelled out.

    >>> ascii_fold("Jördis Öztürk-Łukasz")
    'joerdis oeztuerk-lukasz'
    """
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLD))
    return folded.encode("ascii", "ignore").decode("ascii").lower()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text)).strip("-")


def build_companies(rng: Random, count: int) -> list[Company]:
    """The home company and ``count - 1`` others."""
    digits = width(count, 4)
    home = Company(f"c{1:0{digits}d}", HOME_NAME, HOME_DOMAIN, "DE", HOME_INDUSTRY, "", "home")
    used = {HOME_DOMAIN}
    result = [home]
    others = count - 1
    for number, (tier, role) in enumerate(
        zip(
            _shuffled(rng, _tier_counts(others)), _shuffled(rng, _role_counts(others)), strict=True
        ),
        start=2,
    ):
        country = rng.choices(COUNTRIES, COUNTRY_WEIGHTS)[0]
        industry = rng.choice(INDUSTRIES)
        name, domain = _company_identity(rng, country, industry, used)
        result.append(Company(f"c{number:0{digits}d}", name, domain, country, industry, tier, role))
    return result


def _tier_counts(count: int) -> dict[str, int]:
    strategic = max(1, round(count * STRATEGIC_SHARE))
    key = min(count - strategic, max(1, round(count * KEY_SHARE)))
    return {"strategic": strategic, "key": key, "standard": count - strategic - key}


def _role_counts(count: int) -> dict[str, int]:
    both = max(1, round(count * RECIPROCAL_SHARE))
    supplier = min(count - both, round(count * SUPPLIER_SHARE))
    return {"both": both, "supplier": supplier, "customer": count - both - supplier}


def _shuffled(rng: Random, counts: dict[str, int]) -> list[str]:
    labels = [label for label, number in counts.items() for _ in range(number)]
    rng.shuffle(labels)
    return labels


def _company_identity(
    rng: Random, country: str, industry: Industry, used: set[str]
) -> tuple[str, str]:
    tld = TOP_LEVEL_DOMAINS[country]
    for _ in range(20):
        core = _company_core(rng, country, industry)
        domain = _slug(core) + tld
        if domain not in used:
            break
    else:
        number = 2
        while f"{_slug(core)}{number}{tld}" in used:
            number += 1
        domain = f"{_slug(core)}{number}{tld}"
    used.add(domain)
    return f"{core} {rng.choice(LEGAL_FORMS[country])}", domain


def _company_core(rng: Random, country: str, industry: Industry) -> str:
    language = LANGUAGES[country]
    pattern = rng.random()
    surnames = PERSON_NAMES[language][2]
    if language == "de":
        if pattern < 0.4:
            return f"{rng.choice(GERMAN_PREFIXES)} {rng.choice(industry.german_words)}"
        if pattern < 0.7:
            return f"{rng.choice(surnames)} {rng.choice(industry.german_words)}"
        if pattern < 0.85:
            return f"{rng.choice(surnames)} & Söhne"
        return f"{rng.choice(surnames)} & {rng.choice(surnames)}"
    if language == "en":
        if pattern < 0.5:
            return (
                f"{rng.choice(ENGLISH_ADJECTIVES)} {rng.choice(ENGLISH_NOUNS)} "
                f"{rng.choice(industry.english_words)}"
            )
        if pattern < 0.8:
            return f"{rng.choice(BRANDS)} {rng.choice(industry.english_words)}"
        return f"{rng.choice(surnames)} & {rng.choice(surnames)}"
    if language == "fr":
        if pattern < 0.6:
            return f"{rng.choice(surnames)} {rng.choice(industry.french_words)}"
        return f"Groupe {rng.choice(surnames)}"
    if pattern < 0.6:
        surname = rng.choice(surnames)
        return f"{surname[0].upper()}{surname[1:]} {rng.choice(industry.english_words)}"
    return f"{rng.choice(BRANDS)} {rng.choice(industry.english_words)}"
