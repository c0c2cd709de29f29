"""Company and person profiles: the node plus who works where and who manages which account.

>>> import tempfile, pathlib
>>> from graph_model.embedded.store import EmbeddedStore
>>> from graph_model.store import NodeUpsert
>>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()))
>>> _ = store.write([NodeUpsert("Company", [{"id": "c1", "name": "Acme"}])])
>>> company_profile(store, "c1").name
'Acme'
>>> company_profile(store, "nope")
Traceback (most recent call last):
...
queries.common.UnknownId: no company with id 'nope'
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from graph_model.folding import collation_key
from graph_model.store import GraphStore
from queries.common import UnknownId, active, resolve_as_of, seniority_rank
from queries.view import network_view


class PersonRef(BaseModel):
    id: str
    name: str
    title: str | None = None
    seniority: str | None = None


class CompanyRef(BaseModel):
    id: str
    name: str


class Employment(BaseModel):
    company: CompanyRef
    started_at: datetime | None = None
    ended_at: datetime | None = None
    current: bool


class CompanyProfile(CompanyRef):
    model_config = ConfigDict(extra="allow")

    domain: str | None = None
    country: str | None = None
    industry: str | None = None
    tier: str | None = None
    is_home: bool | None = None
    people: list[PersonRef]
    account_managers: list[PersonRef]


class PersonProfile(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    name: str
    email: str | None = None
    title: str | None = None
    seniority: str | None = None
    employment: list[Employment]
    manager: PersonRef | None = None
    manages_accounts: list[CompanyRef]


def _person_refs(props: dict[str, dict[str, Any]]) -> list[PersonRef]:
    people = [PersonRef.model_validate(p) for p in props.values()]
    return sorted(
        people, key=lambda p: (seniority_rank(p.seniority), collation_key(p.name), p.name, p.id)
    )


def company_profile(
    store: GraphStore, company_id: str, as_of: datetime | None = None
) -> CompanyProfile:
    """The company with its current people (most senior first) and account managers."""
    company = store.get_node("Company", company_id)
    if company is None:
        raise UnknownId("company", company_id)
    staff = network_view(store, as_of).employees(company_id)
    managers = [r.start for r in store.relationships("MANAGES_ACCOUNT", end=company_id)]
    people = store.get_nodes("Person", [*staff, *managers])
    return CompanyProfile.model_validate(
        company
        | {
            "people": _person_refs({p: people[p] for p in staff if p in people}),
            "account_managers": _person_refs({p: people[p] for p in managers if p in people}),
        }
    )


def person_profile(
    store: GraphStore, person_id: str, as_of: datetime | None = None
) -> PersonProfile:
    """The person with their employment history, manager and managed accounts."""
    person = store.get_node("Person", person_id)
    if person is None:
        raise UnknownId("person", person_id)
    when = resolve_as_of(as_of)
    jobs = store.relationships("WORKS_AT", start=person_id)
    accounts = [r.end for r in store.relationships("MANAGES_ACCOUNT", start=person_id)]
    companies = store.get_nodes("Company", [r.end for r in jobs] + accounts)
    employment = [
        Employment(
            company=CompanyRef.model_validate(companies[r.end]),
            started_at=r.props.get("started_at"),
            ended_at=r.props.get("ended_at"),
            current=active(r.props.get("started_at"), r.props.get("ended_at"), when),
        )
        for r in jobs
        if r.end in companies
    ]
    managers = store.relationships("REPORTS_TO", start=person_id)
    manager = store.get_node("Person", managers[0].end) if managers else None
    return PersonProfile.model_validate(
        person
        | {
            "employment": employment,
            "manager": PersonRef.model_validate(manager) if manager else None,
            "manages_accounts": [
                CompanyRef.model_validate(companies[c]) for c in accounts if c in companies
            ],
        }
    )
