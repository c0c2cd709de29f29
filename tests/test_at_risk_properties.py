"""At-risk reads only the ties that could have been strong a window ago: for any
interactions, on every backend, it finds the falling ties that scoring every tie between our
people and others at both instants finds, thresholds at a tie's exact strength included."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from graph_model.store import GraphStore, NodeUpsert, RelRow, RelUpsert
from graph_model.ties import Tie
from queries.at_risk.compute import falling_ties, fell
from queries.view import NetworkView, network_view
from queries.view.reads import Pair
from tests.network_data import AS_OF

OURS, THEIRS = ["h1", "h2"], ["x1", "x2", "x3"]
KINDS = ["meeting", "call", "email", "negotiation", "note"]

interaction = st.tuples(
    st.sampled_from(KINDS),
    st.floats(min_value=-60, max_value=400),  # days before AS_OF; some after it
    st.lists(st.sampled_from(OURS + THEIRS), min_size=2, max_size=3, unique=True),
    st.one_of(st.none(), st.sampled_from(OURS + THEIRS)),
)
Interaction = tuple[str, float, list[str], str | None]


def write(store: GraphStore, interactions: list[Interaction], first: int) -> None:
    nodes, links = [], []
    for n, (kind, days, people, starter) in enumerate(interactions, first):
        at = AS_OF - timedelta(days=days)
        nodes.append({"id": f"i{n}", "kind": kind, "occurred_at": at, "initiator_id": starter})
        links += [RelRow(p, f"i{n}") for p in {*people, *([starter] if starter else [])}]
    store.write([NodeUpsert("Interaction", nodes), RelUpsert("PARTICIPATED_IN", links)])


def every_tie_between_us_and_others(now: NetworkView) -> Iterator[tuple[Pair, Tie]]:
    internal = set(OURS)
    for key, stored in now.reads.ties():
        if (key[0] in internal) != (key[1] in internal):
            yield key, stored


@settings(max_examples=40, deadline=None)
@given(
    st.lists(interaction, min_size=1, max_size=14),
    st.integers(min_value=0, max_value=14),
    st.sampled_from([0.0, 5.0, 20.0, 40.0, 60.0]),
    st.sampled_from([0.1, 0.3, 1.0]),
    st.integers(min_value=0, max_value=99),
)
def test_the_ties_read_are_those_that_could_have_fallen(
    fresh_store: Callable[[], GraphStore],
    interactions: list[Interaction],
    split: int,
    min_strength: float,
    drop: float,
    pick: int,
) -> None:
    store = fresh_store()
    people = [{"id": p, "name": p} for p in OURS + THEIRS]
    jobs = [RelRow(p, "h") for p in OURS] + [RelRow(p, "x") for p in THEIRS]
    store.write(
        [
            NodeUpsert("Company", [{"id": "h", "name": "Home", "is_home": True}]),
            NodeUpsert("Company", [{"id": "x", "name": "Other"}]),
            NodeUpsert("Person", people),
            RelUpsert("WORKS_AT", jobs),
        ]
    )
    write(store, interactions[:split], 0)
    list(network_view(store, AS_OF).ties())  # the embedded store's tie file holds these
    write(store, interactions[split:], split)  # and its index these, changed since
    now = network_view(store, AS_OF)
    before = network_view(store, AS_OF - timedelta(days=90))
    thresholds = [min_strength]
    if strengths := [s for *_, s in before.ties()]:
        thresholds.append(strengths[pick % len(strengths)])  # exactly a tie's strength
    for threshold in thresholds:
        expected = fell(now, before, every_tie_between_us_and_others(now), threshold, drop)
        assert falling_ties(now, before, set(OURS), threshold, drop) == expected
