"""The canonical interchange format: which file holds what, and how a row becomes records.

Each :class:`FileSpec` names a file, the columns it defines (the rest are kept as
properties of the row's main record) and a function from a row to records. The
order of :data:`CANONICAL_FILES` is the order of ingest: nodes before the
relationships that need them.

>>> row = SourceRow("companies.csv", 2, {"id": "c1", "name": "Acme GmbH", "tier": "Key", "region": "EMEA"})
>>> [r.props for r in build_company(row)]
[{'id': 'c1', 'name': 'Acme GmbH', 'domain': None, 'country': None, 'industry': None, 'tier': 'key', 'is_home': None, 'sources': None, 'region': 'EMEA'}]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from graph_model.schema import INTERACTION_KINDS, OPPORTUNITY_STATUSES, TIERS
from graph_model.seniority import SENIORITY_ORDER, classify_title
from graph_model.store import Props
from ingest.records import NodeRecord, Record, Ref, RelRecord, SourceRow

Builder = Callable[[SourceRow], list[Record]]


@dataclass(frozen=True)
class FileSpec:
    """One canonical file: its name (without extension), columns and row builder."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    build: Builder
    label: str | None = None
    """The label of the node a row's ``id`` names, if any."""
    refs: tuple[tuple[str, str], ...] = ()
    """(column, label) of columns holding ids of other nodes (``;`` lists allowed)."""

    @cached_property
    def columns(self) -> frozenset[str]:
        return frozenset(self.required + self.optional)


def build_company(row: SourceRow) -> list[Record]:
    company_id = row.text("id", required=True)
    props = {
        "id": company_id,
        "name": row.text("name", required=True),
        "domain": (row.text("domain") or "").lower() or None,
        "country": row.text("country"),
        "industry": row.text("industry"),
        "tier": row.choice("tier", TIERS),
        "is_home": row.flag("is_home") or None,
        "sources": row.sources,
    }
    parent_id = row.text("parent_id")
    if row.rejects or company_id is None:
        return []
    props |= row.extras(COMPANIES.columns)
    records: list[Record] = [NodeRecord("Company", props)]
    if parent_id and parent_id != company_id:  # registries list a top company as its own parent
        ref = Ref("Company", parent_id, "parent_id")
        props = {"sources": row.sources}
        records.append(RelRecord(company_id, parent_id, props, type="SUBSIDIARY_OF", refs=(ref,)))
    return records


def build_person(row: SourceRow) -> list[Record]:
    person_id = row.text("id", required=True)
    title = row.text("title")
    seniority = row.choice("seniority", tuple(SENIORITY_ORDER)) or str(classify_title(title))
    props = {
        "id": person_id,
        "name": row.text("name", required=True),
        "email": (row.text("email") or "").lower() or None,
        "title": title,
        "seniority": seniority,
        "sources": row.sources,
    }
    employment = {
        "started_at": row.datetime("started_at"),
        "ended_at": row.datetime("ended_at"),
        "sources": row.sources,
    }
    company_id, manager_id = row.text("company_id"), row.text("manager_id")
    if row.rejects or person_id is None:
        return []
    if company_id is None and (employment["started_at"] or employment["ended_at"]):
        row.reject("company_id", "started_at/ended_at need a company_id")
        return []
    props |= row.extras(PEOPLE.columns)
    records: list[Record] = [NodeRecord("Person", props)]
    if company_id:
        ref = Ref("Company", company_id, "company_id")
        records.append(RelRecord(person_id, company_id, employment, type="WORKS_AT", refs=(ref,)))
    if manager_id and manager_id != person_id:
        ref = Ref("Person", manager_id, "manager_id")
        props = {"sources": row.sources}
        records.append(RelRecord(person_id, manager_id, props, type="REPORTS_TO", refs=(ref,)))
    return records


def build_product(row: SourceRow) -> list[Record]:
    props = {
        "id": row.text("id", required=True),
        "name": row.text("name", required=True),
        "category": row.text("category"),
        "sources": row.sources,
    }
    if row.rejects:
        return []
    props |= row.extras(PRODUCTS.columns)
    return [NodeRecord("Product", props)]


def build_offer(row: SourceRow) -> list[Record]:
    company_id = row.text("company_id", required=True)
    product_id = row.text("product_id", required=True)
    if company_id is None or product_id is None:
        return []
    refs = (Ref("Company", company_id, "company_id"), Ref("Product", product_id, "product_id"))
    props = {"sources": row.sources, **row.extras(OFFERS.columns)}
    return [RelRecord(company_id, product_id, props, type="OFFERS", refs=refs)]


def build_supply(row: SourceRow) -> list[Record]:
    supplier = row.text("supplier_id", required=True)
    customer = row.text("customer_id", required=True)
    product_id = row.text("product_id")
    props = {
        "product_id": product_id,
        "category": row.text("category"),
        "annual_value": row.number("annual_value"),
        "currency": row.currency("currency"),
        "since": row.datetime("since"),
        "until": row.datetime("until"),
        "sources": row.sources,
    }
    if row.rejects or supplier is None or customer is None:
        return []
    if supplier == customer:
        row.reject("customer_id", "a company cannot supply itself")
        return []
    refs = [Ref("Company", supplier, "supplier_id"), Ref("Company", customer, "customer_id")]
    if product_id:
        refs.append(Ref("Product", product_id, "product_id"))
    props |= row.extras(SUPPLIES.columns)
    return [RelRecord(supplier, customer, props, type="SUPPLIES", refs=tuple(refs))]


def interaction_fields(row: SourceRow) -> tuple[Props, list[str]] | None:
    """The properties of an interaction row's node and its participants (the initiator
    among them), or ``None`` when the row is rejected.

    >>> row = SourceRow("interactions.csv", 2, {"id": "i1", "kind": "Call", "occurred_at": "2025-03-01", "participant_ids": "p1;p2", "initiator_id": "p3"})
    >>> props, participants = interaction_fields(row)
    >>> props["kind"], props["initiator_id"], participants
    ('call', 'p3', ['p1', 'p2', 'p3'])
    """
    interaction_id = row.text("id", required=True)
    props = {
        "id": interaction_id,
        "kind": row.choice("kind", INTERACTION_KINDS, required=True),
        "occurred_at": row.datetime("occurred_at", required=True),
        "subject": row.text("subject"),
        "company_id": row.text("company_id"),
        "sources": row.sources,
    }
    participants = row.items("participant_ids")
    initiator = row.text("initiator_id")
    if not participants and initiator is None and props["company_id"] is None:
        reason = "participant_ids is required when no company_id names who it was with"
        row.reject("participant_ids", reason)
    if row.rejects or interaction_id is None:
        return None
    if initiator and initiator not in participants:
        participants.append(initiator)
    props["initiator_id"] = initiator
    props |= row.extras(INTERACTIONS.columns)
    return props, participants


def interaction_records(
    props: Props, participants: list[str], *, merge: bool = False
) -> list[Record]:
    """The interaction's node (laid over the stored one, if ``merge``) and one
    ``PARTICIPATED_IN`` relationship a participant, each needing its person (a reject
    names the column the person came from)."""
    interaction_id, initiator = props["id"], props["initiator_id"]
    records: list[Record] = [NodeRecord("Interaction", props, merge=merge)]
    for person_id in participants:
        column = "initiator_id" if person_id == initiator else "participant_ids"
        ref = Ref("Person", person_id, column)
        records.append(RelRecord(person_id, interaction_id, type="PARTICIPATED_IN", refs=(ref,)))
    return records


def build_interaction(row: SourceRow) -> list[Record]:
    fields = interaction_fields(row)
    return [] if fields is None else interaction_records(*fields)


def build_opportunity(row: SourceRow) -> list[Record]:
    """A sales opportunity on an account (a CRM deal), open or closed won or lost.

    >>> row = SourceRow("opportunities.csv", 2, {"id": "o1", "name": "Pilot", "status": "Won", "amount": "1.250,00"})
    >>> [(r.props["status"], r.props["amount"]) for r in build_opportunity(row)]
    [('won', 1250.0)]
    """
    props = {
        "id": row.text("id", required=True),
        "name": row.text("name", required=True),
        "stage": row.text("stage"),
        "status": row.choice("status", OPPORTUNITY_STATUSES, required=True),
        "amount": row.number("amount"),
        "currency": row.currency("currency"),
        "close_date": row.datetime("close_date"),
        "company_id": row.text("company_id"),
        "owner_id": row.text("owner_id"),
        "sources": row.sources,
    }
    if row.rejects:
        return []
    props |= row.extras(OPPORTUNITIES.columns)
    return [NodeRecord("Opportunity", props)]


def build_account_manager(row: SourceRow) -> list[Record]:
    person_id = row.text("person_id", required=True)
    company_id = row.text("company_id", required=True)
    if person_id is None or company_id is None:
        return []
    refs = (Ref("Person", person_id, "person_id"), Ref("Company", company_id, "company_id"))
    props = {"sources": row.sources, **row.extras(ACCOUNT_MANAGERS.columns)}
    return [RelRecord(person_id, company_id, props, type="MANAGES_ACCOUNT", refs=refs)]


_C, _P = "Company", "Person"

COMPANIES = FileSpec(
    "companies",
    ("id", "name"),
    ("domain", "country", "industry", "tier", "is_home", "parent_id"),
    build_company,
    label=_C,
    refs=(("parent_id", _C),),
)
PEOPLE = FileSpec(
    "people",
    ("id", "name"),
    ("email", "company_id", "title", "seniority", "manager_id", "started_at", "ended_at"),
    build_person,
    label=_P,
    refs=(("company_id", _C), ("manager_id", _P)),
)
PRODUCTS = FileSpec("products", ("id", "name"), ("category",), build_product, label="Product")
OFFERS = FileSpec(
    "offers", ("company_id", "product_id"), (), build_offer, refs=(("company_id", _C),)
)
SUPPLIES = FileSpec(
    "supplies",
    ("supplier_id", "customer_id"),
    ("product_id", "category", "annual_value", "currency", "since", "until"),
    build_supply,
    refs=(("supplier_id", _C), ("customer_id", _C)),
)
INTERACTIONS = FileSpec(
    "interactions",
    ("id", "kind", "occurred_at"),
    ("participant_ids", "initiator_id", "subject", "company_id"),
    build_interaction,
    label="Interaction",
    refs=(("participant_ids", _P), ("initiator_id", _P), ("company_id", _C)),
)
OPPORTUNITIES = FileSpec(
    "opportunities",
    ("id", "name", "status"),
    ("stage", "amount", "currency", "close_date", "company_id", "owner_id"),
    build_opportunity,
    label="Opportunity",
    refs=(("company_id", _C), ("owner_id", _P)),
)
ACCOUNT_MANAGERS = FileSpec(
    "account_managers",
    ("person_id", "company_id"),
    (),
    build_account_manager,
    refs=(("person_id", _P), ("company_id", _C)),
)

CANONICAL_FILES: tuple[FileSpec, ...] = (
    COMPANIES,
    PRODUCTS,
    PEOPLE,
    OFFERS,
    SUPPLIES,
    INTERACTIONS,
    OPPORTUNITIES,
    ACCOUNT_MANAGERS,
)
