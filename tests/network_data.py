"""A small hand-built network whose answers the capability tests work out by hand.

All times are relative to ``AS_OF`` (2025-07-01T00:00Z). The home company ``h``
(internal people ``h1`` key-account manager, ``h2`` VP procurement, ``h3``
buyer) deals with the key account ``x`` (``x1`` CEO, ``x2`` VP sales, ``x3``
buyer, ``x4`` a former CFO who left in 2024) and the supplier ``y`` (``y1``
managing director). Base weights: meeting 3, email 1, call 1.5, note 0;
half-life 180 days; scale 6.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graph_model.store import GraphStore, NodeUpsert, RelRow, RelUpsert

AS_OF = datetime(2025, 7, 1, tzinfo=UTC)


def days_before(days: float) -> datetime:
    return AS_OF - timedelta(days=days)


COMPANIES = [
    {"id": "h", "name": "Home AG", "is_home": True},
    {"id": "x", "name": "Xylo Retail GmbH", "tier": "key"},
    {"id": "y", "name": "Yarrow Furniture Ltd", "tier": "strategic"},
]
PEOPLE = [
    {"id": "h1", "name": "Hanna Keller", "title": "Key Account Manager", "seniority": "manager"},
    {"id": "h2", "name": "Henrik Vogt", "title": "VP Procurement", "seniority": "vp"},
    {"id": "h3", "name": "Hugo Brandt", "title": "Buyer", "seniority": "staff"},
    {"id": "x1", "name": "Xenia Lorenz", "title": "CEO", "seniority": "executive"},
    {"id": "x2", "name": "Xaver Maier", "title": "VP Sales", "seniority": "vp"},
    {"id": "x3", "name": "Xia Chen", "title": "Buyer", "seniority": "staff"},
    {"id": "x4", "name": "Xander Roth", "title": "CFO", "seniority": "executive"},
    {"id": "y1", "name": "Yusuf Demir", "title": "Managing Director", "seniority": "executive"},
]
JOBS = [
    RelRow("h1", "h", {}),
    RelRow("h2", "h", {}),
    RelRow("h3", "h", {}),
    RelRow("x1", "x", {"started_at": datetime(2018, 1, 1, tzinfo=UTC)}),
    RelRow("x2", "x", {}),
    RelRow("x3", "x", {}),
    RelRow("x4", "x", {"ended_at": datetime(2024, 12, 31, tzinfo=UTC)}),
    RelRow("y1", "y", {}),
]
# (id, kind, days before AS_OF, participants, initiator)
INTERACTIONS = [
    ("m1", "meeting", 180, ["h1", "x1"], None),  # h1-x1: 3 * 0.5**1 = 1.5
    ("m2", "meeting", 90, ["h1", "h2", "x1"], None),  # each pair: 3 / sqrt(2) * 0.5**0.5 = 1.5
    ("e1", "email", 0, ["h1", "x2"], "h1"),  # h1-x2: 1
    ("e2", "email", 360, ["h1", "x2"], "h1"),  # h1-x2: 1 * 0.5**2 = 0.25
    ("n1", "note", 10, ["h1", "x1"], "h1"),  # base 0: ignored
    ("s1", "call", 30, ["x3"], "x3"),  # one participant: ignored
    ("c1", "call", 45, ["h3", "y1"], "y1"),  # h3-y1: 1.5 * 0.5**0.25
    ("c2", "call", 45, ["h3", "y1"], "h3"),  # h3-y1: 1.5 * 0.5**0.25
    ("f1", "meeting", -30, ["h1", "x1"], None),  # after AS_OF: not yet counted
    ("old", "meeting", 400, ["h2", "x4"], None),  # h2-x4: 3 * 0.5**(400/180)
]


def load(store: GraphStore) -> None:
    """Write the network into ``store``."""
    nodes = [
        {"id": i, "kind": k, "occurred_at": days_before(d), "initiator_id": starter}
        for i, k, d, _, starter in INTERACTIONS
    ]
    links = [RelRow(person, i) for i, _, _, people, _ in INTERACTIONS for person in people]
    store.write(
        [
            NodeUpsert("Company", COMPANIES),
            NodeUpsert("Person", PEOPLE),
            NodeUpsert("Interaction", nodes),
            RelUpsert("WORKS_AT", JOBS),
            RelUpsert("MANAGES_ACCOUNT", [RelRow("h1", "x", {})]),
            RelUpsert("PARTICIPATED_IN", links),
        ]
    )
