"""The words the generator draws from, read from the data files of this package.

Each file holds one vocabulary; a word listed twice is drawn twice as often:

==================  ===============================================================
file                what
==================  ===============================================================
categories.json     product categories: name, German label, products
industries.json     the home company's industry and the others: the categories
                    each sells and words for company names in three languages
countries.json      by country code: share of companies, language, web domain
                    ending, legal forms
company_words.json  words for company names: German prefixes, English adjectives
                    and nouns, brand names
names.json          by language: female and male first names, last names
titles.csv          job titles: level (0 executive … 4 staff), function, language,
                    masculine and feminine form
subjects.json       interaction subjects by kind, and those of internal meetings
==================  ===============================================================

>>> CATEGORIES[0].name, len(TITLES) > 100, COUNTRIES[0], LANGUAGES["AT"]
('electronics', True, 'DE', 'de')
"""

from __future__ import annotations

import csv
import json
from importlib.resources import files
from typing import Any, NamedTuple


class Category(NamedTuple):
    """A product category with its German label and its products."""

    name: str
    german: str
    products: tuple[str, ...]


class Industry(NamedTuple):
    """An industry, the categories it sells and words for company names."""

    name: str
    categories: tuple[str, ...]
    german_words: tuple[str, ...]
    english_words: tuple[str, ...]
    french_words: tuple[str, ...]


class Title(NamedTuple):
    """A job title: level 0 (executive) to 4 (staff), function, language, forms."""

    level: int
    function: str
    language: str
    masculine: str
    feminine: str = ""


Words = tuple[str, ...]


def _text(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def _json(name: str) -> Any:
    return json.loads(_text(name))


def _words(values: list[Any]) -> Words:
    return tuple(str(value) for value in values)


def _industry(data: dict[str, Any]) -> Industry:
    return Industry(
        str(data["name"]),
        _words(data["categories"]),
        _words(data["german_words"]),
        _words(data["english_words"]),
        _words(data["french_words"]),
    )


def _titles() -> tuple[Title, ...]:
    rows = csv.DictReader(_text("titles.csv").splitlines())
    return tuple(
        Title(
            int(row["level"]), row["function"], row["language"], row["masculine"], row["feminine"]
        )
        for row in rows
    )


CATEGORIES: tuple[Category, ...] = tuple(
    Category(str(c["name"]), str(c["german"]), _words(c["products"]))
    for c in _json("categories.json")
)
_industries = _json("industries.json")
HOME_INDUSTRY = _industry(_industries["home"])
INDUSTRIES: tuple[Industry, ...] = tuple(_industry(i) for i in _industries["others"])

_countries: dict[str, dict[str, Any]] = _json("countries.json")
COUNTRIES: Words = tuple(_countries)
COUNTRY_WEIGHTS: tuple[float, ...] = tuple(float(c["share"]) for c in _countries.values())
LANGUAGES: dict[str, str] = {code: str(c["language"]) for code, c in _countries.items()}
TOP_LEVEL_DOMAINS: dict[str, str] = {code: str(c["domain"]) for code, c in _countries.items()}
LEGAL_FORMS: dict[str, Words] = {code: _words(c["legal_forms"]) for code, c in _countries.items()}

_company_words = _json("company_words.json")
GERMAN_PREFIXES: Words = _words(_company_words["german_prefixes"])
ENGLISH_ADJECTIVES: Words = _words(_company_words["english_adjectives"])
ENGLISH_NOUNS: Words = _words(_company_words["english_nouns"])
BRANDS: Words = _words(_company_words["brands"])

PERSON_NAMES: dict[str, tuple[Words, Words, Words]] = {
    language: (_words(names["female"]), _words(names["male"]), _words(names["last"]))
    for language, names in _json("names.json").items()
}
"""Female first names, male first names and last names, by language."""

TITLES: tuple[Title, ...] = _titles()

_subjects = _json("subjects.json")
SUBJECTS: dict[str, Words] = {kind: _words(s) for kind, s in _subjects["external"].items()}
"""Subject templates of interactions with other companies, by kind: ``{category}``,
``{category_de}``, ``{year}``, ``{next_year}`` and ``{quarter}`` are filled in."""
INTERNAL_SUBJECTS: Words = _words(_subjects["internal"])
