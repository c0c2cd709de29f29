"""Companies and people: search and profiles."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api import problems
from api.deps import AsOf, StoreDep, guarded_router, searched_text
from api.paging import Cursor, PageInfo, cut, wanted
from graph_model.models import Company
from queries.common import NodeLabel
from queries.entities import CompanyProfile, PersonProfile, company_profile, person_profile
from queries.timeline import Timeline, timeline

router = guarded_router("read", "entities")


class CompanyList(PageInfo):
    companies: list[Company]  # type: ignore[valid-type]


@router.get("/companies", response_model=CompanyList)
def search_companies(
    store: StoreDep,
    q: Annotated[str, searched_text("part of the name; any case, accents optional")] = "",
    limit: Annotated[int, Query(ge=1, le=1000, description="at most this many a page")] = 50,
    cursor: Cursor = None,
) -> CompanyList:
    """Companies whose name contains ``q`` with case and accents folded, by the folded
    name, then the name, then id (see ``/v1/search`` for people and ranked hits)."""
    found, page = cut(store.find_nodes("Company", q, wanted(cursor, limit)), cursor, limit)
    return CompanyList(companies=found, **page.model_dump())


@router.get(
    "/companies/{company_id}", response_model=CompanyProfile, responses=problems.responses(404)
)
def get_company(company_id: str, store: StoreDep, as_of: AsOf = None) -> CompanyProfile:
    """One company with its current people and its account managers."""
    return company_profile(store, company_id, as_of)


@router.get("/people/{person_id}", response_model=PersonProfile, responses=problems.responses(404))
def get_person(person_id: str, store: StoreDep, as_of: AsOf = None) -> PersonProfile:
    """One person with their employment, manager and managed accounts."""
    return person_profile(store, person_id, as_of)


class TimelinePage(Timeline, PageInfo):
    """A page of a timeline."""


Limit = Annotated[int, Query(ge=1, le=500, description="at most this many a page")]


def _page(
    store: StoreDep, node_id: str, label: NodeLabel, as_of: AsOf, limit: int, cursor: Cursor
) -> TimelinePage:
    whole = timeline(store, node_id, as_of, wanted(cursor, limit), label)
    entries, page = cut(whole.entries, cursor, limit)
    return TimelinePage(**{**whole.model_dump(), "entries": entries}, **page.model_dump())


@router.get(
    "/companies/{company_id}/timeline",
    response_model=TimelinePage,
    responses=problems.responses(404),
)
def company_timeline(
    company_id: str, store: StoreDep, as_of: AsOf = None, limit: Limit = 50, cursor: Cursor = None
) -> TimelinePage:
    """The company's interactions, newest first: those naming it as their company (also
    with none of its people) and those its people, past or present, took part in."""
    return _page(store, company_id, "Company", as_of, limit, cursor)


@router.get(
    "/people/{person_id}/timeline", response_model=TimelinePage, responses=problems.responses(404)
)
def person_timeline(
    person_id: str, store: StoreDep, as_of: AsOf = None, limit: Limit = 50, cursor: Cursor = None
) -> TimelinePage:
    """The interactions the person took part in, newest first."""
    return _page(store, person_id, "Person", as_of, limit, cursor)
