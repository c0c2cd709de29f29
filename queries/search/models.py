"""What a search answers: hits, best first, each with what a list shows of it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from queries.entities import CompanyRef
from queries.search.rank import Match

Kind = Literal["person", "company"]


class Hit(BaseModel):
    """A person or company found, with how it matched."""

    kind: Kind
    id: str
    name: str
    match: Match
    title: str | None = None
    seniority: str | None = None
    email: str | None = None
    company: CompanyRef | None = None
    """A person's current employer (of several, the latest started)."""
    domain: str | None = None
    tier: str | None = None
    is_home: bool | None = None


class SearchAnswer(BaseModel):
    query: str
    hits: list[Hit]
