"""What the near-duplicates report answers: pairs of companies, each with its evidence."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel


class Rule(StrEnum):
    """Why two companies look like one. The first five count for the pair, the last against."""

    SAME_NAME = "same_name"
    """The names are equal once case, accents, punctuation and legal forms are set aside."""
    SIMILAR_NAME = "similar_name"
    """The normalised names are a few edits apart."""
    SHARED_WORDS = "shared_words"
    """Most of the normalised names' weight is in words they share (rare words weigh more)."""
    SAME_DOMAIN = "same_domain"
    """The web domains are equal (``www.``, scheme and path set aside)."""
    SAME_DOMAIN_NAME = "same_domain_name"
    """The web domains differ only in their suffix (``acme.de``, ``acme.co.uk``)."""
    DIFFERENT_DOMAINS = "different_domains"
    """Both have a web domain and the domains name different things."""


class Evidence(BaseModel):
    """One rule that fired for a pair: the values it compared, on each side, and its weight
    (a chance for the rules in favour, a factor for ``different_domains``)."""

    rule: Rule
    a: str
    b: str
    weight: float
    detail: str


class CompanySide(BaseModel):
    """A company of a pair as the store holds it."""

    id: str
    name: str
    domain: str | None = None
    country: str | None = None


class DuplicatePair(BaseModel):
    """Two companies (``a.id < b.id``) that look like one; ``score`` in (0, 1]."""

    a: CompanySide
    b: CompanySide
    score: float
    evidence: list[Evidence]


class Duplicates(BaseModel):
    """Pairs by score descending, then ``a.id``, ``b.id``; ``total`` counts the pairs at or
    above ``min_score`` before the ``limit``; ``companies`` how many were compared."""

    companies: int
    min_score: float
    total: int
    pairs: list[DuplicatePair]
