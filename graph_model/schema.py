"""The graph schema, declared once as data.

Everything else derives from these declarations: the pydantic models
(:mod:`graph_model.models`), the SQLite tables of the embedded store, the Neo4j
constraints and indexes, and the allow-list of labels and relationship types
that may appear in a query (they are never query parameters).

>>> NODE_TYPES["Person"].key
'id'
>>> REL_TYPES["WORKS_AT"].start, REL_TYPES["WORKS_AT"].end
('Person', 'Company')
>>> node_type("Company) DETACH DELETE (n")
Traceback (most recent call last):
...
KeyError: "'Company) DETACH DELETE (n' is not a node label of the schema"
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from graph_model.seniority import SENIORITY_ORDER
from graph_model.settings import DEFAULT_KIND_WEIGHTS


class PropType(StrEnum):
    """How a property's value is typed, stored and parsed."""

    STRING = "string"
    FLOAT = "float"
    BOOL = "bool"
    DATETIME = "datetime"
    STRING_LIST = "string_list"


@dataclass(frozen=True)
class Prop:
    """One property of a node or relationship type."""

    name: str
    type: PropType = PropType.STRING
    required: bool = False
    choices: tuple[str, ...] = ()
    indexed: bool = False
    index_with: tuple[str, ...] = ()
    """Properties the embedded store's index on this one also holds, in order, so that a
    query filtering on them too reads the index alone (the interactions of an account up
    to a date)."""


@dataclass(frozen=True)
class NodeType:
    """A node label, its key property and its properties (the key included)."""

    label: str
    properties: tuple[Prop, ...]
    key: str = "id"

    def prop(self, name: str) -> Prop | None:
        return next((p for p in self.properties if p.name == name), None)


@dataclass(frozen=True)
class RelType:
    """A relationship type between two labels.

    At most one relationship of a type joins a start and an end node for each
    value of ``key`` (the key properties, empty when the pair is enough).
    """

    type: str
    start: str
    end: str
    properties: tuple[Prop, ...] = ()
    key: tuple[str, ...] = ()

    def prop(self, name: str) -> Prop | None:
        return next((p for p in self.properties if p.name == name), None)


TIERS = ("strategic", "key", "standard")
INTERACTION_KINDS = tuple(DEFAULT_KIND_WEIGHTS)
"""The kinds of interaction: those the scoring model weighs (``note`` weighs nothing)."""
RUN_STATUSES = ("running", "succeeded", "failed")
OPPORTUNITY_STATUSES = ("open", "won", "lost")
"""Where a sales opportunity (a CRM deal) stands: still open, or closed won or lost."""

_ID = Prop("id", required=True)
_NAME = Prop("name", required=True, indexed=True)
_SOURCES = Prop("sources", PropType.STRING_LIST)
_ALIASES = Prop("aliases", PropType.STRING_LIST)

NODES: tuple[NodeType, ...] = (
    NodeType(
        "Company",
        (
            _ID,
            _NAME,
            Prop("domain", indexed=True),
            Prop("country"),
            Prop("industry"),
            Prop("tier", choices=TIERS, indexed=True),
            Prop("is_home", PropType.BOOL, indexed=True),
            _SOURCES,
            _ALIASES,
        ),
    ),
    NodeType(
        "Person",
        (
            _ID,
            _NAME,
            Prop("email", indexed=True),
            Prop("title"),
            Prop("seniority", choices=tuple(SENIORITY_ORDER), indexed=True),
            _SOURCES,
            _ALIASES,
        ),
    ),
    NodeType("Product", (_ID, _NAME, Prop("category", indexed=True), _SOURCES)),
    NodeType(
        "Interaction",
        (
            _ID,
            Prop("kind", required=True, choices=INTERACTION_KINDS),
            Prop("occurred_at", PropType.DATETIME, required=True, indexed=True),
            Prop("initiator_id"),
            Prop("subject"),
            Prop("company_id", indexed=True, index_with=("occurred_at",)),
            _SOURCES,
        ),
    ),
    NodeType(
        "Opportunity",
        (
            _ID,
            _NAME,
            Prop("stage"),
            Prop("status", required=True, choices=OPPORTUNITY_STATUSES, indexed=True),
            Prop("amount", PropType.FLOAT),
            Prop("currency"),
            Prop("close_date", PropType.DATETIME),
            Prop("company_id", indexed=True),
            Prop("owner_id"),
            _SOURCES,
        ),
    ),
    NodeType(
        "IngestRun",
        (
            _ID,
            Prop("source", required=True),
            Prop("format"),
            Prop("status", required=True, choices=RUN_STATUSES),
            Prop("started_at", PropType.DATETIME, required=True, indexed=True),
            Prop("finished_at", PropType.DATETIME),
            Prop("file_hashes"),
            Prop("counts"),
            Prop("runner"),
            Prop("error"),
            Prop("report"),
        ),
    ),
    NodeType(
        "ApiKey",
        (
            _ID,
            Prop("name", required=True, indexed=True),
            Prop("scopes", PropType.STRING_LIST, required=True),
            Prop("salt", required=True),
            Prop("digest", required=True),
            Prop("created_at", PropType.DATETIME, required=True),
            Prop("expires_at", PropType.DATETIME),
            Prop("revoked_at", PropType.DATETIME),
        ),
    ),
    NodeType(
        "AuditEntry",
        (
            _ID,
            Prop("at", PropType.DATETIME, required=True, indexed=True),
            Prop("key"),
            Prop("action", required=True),
            Prop("route", required=True),
            Prop("parameters"),
            Prop("outcome", required=True),
            Prop("counts"),
            Prop("client"),
        ),
    ),
)

RELS: tuple[RelType, ...] = (
    RelType(
        "WORKS_AT",
        "Person",
        "Company",
        (
            Prop("started_at", PropType.DATETIME),
            Prop("ended_at", PropType.DATETIME),
            _SOURCES,
        ),
    ),
    RelType("REPORTS_TO", "Person", "Person", (_SOURCES,)),
    RelType("OFFERS", "Company", "Product", (_SOURCES,)),
    RelType(
        "SUPPLIES",
        "Company",
        "Company",
        (
            Prop("product_id"),
            Prop("category"),
            Prop("annual_value", PropType.FLOAT),
            Prop("currency"),
            Prop("since", PropType.DATETIME),
            Prop("until", PropType.DATETIME),
            _SOURCES,
        ),
        key=("product_id", "category"),
    ),
    RelType("PARTICIPATED_IN", "Person", "Interaction"),
    RelType("MANAGES_ACCOUNT", "Person", "Company", (_SOURCES,)),
    RelType("SUBSIDIARY_OF", "Company", "Company", (_SOURCES,)),
)

NODE_TYPES: dict[str, NodeType] = {n.label: n for n in NODES}
REL_TYPES: dict[str, RelType] = {r.type: r for r in RELS}


def node_type(label: str) -> NodeType:
    """The declaration of ``label``; ``KeyError`` for anything outside the schema."""
    try:
        return NODE_TYPES[label]
    except KeyError:
        raise KeyError(f"{label!r} is not a node label of the schema") from None


def rel_type(name: str) -> RelType:
    """The declaration of ``name``; ``KeyError`` for anything outside the schema."""
    try:
        return REL_TYPES[name]
    except KeyError:
        raise KeyError(f"{name!r} is not a relationship type of the schema") from None


def rel_key(rel: RelType, props: dict[str, object]) -> str:
    """The string that tells apart relationships of one type between one pair.

    >>> rel_key(REL_TYPES["SUPPLIES"], {"product_id": "prod1", "category": None})
    'prod1|'
    >>> rel_key(REL_TYPES["WORKS_AT"], {})
    ''
    """
    return "|".join(str(props.get(k) or "") for k in rel.key)
