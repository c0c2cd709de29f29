"""Properties of the strength model that hold for any interactions, on every backend."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_model.schema import INTERACTION_KINDS
from graph_model.store import GraphStore, NodeUpsert, RelRow, RelUpsert
from queries.view import network_view
from tests.network_data import AS_OF

PEOPLE = ["a", "b", "c", "d"]
PAIRS = [(p, q) for p in PEOPLE for q in PEOPLE if p < q]
KINDS = list(INTERACTION_KINDS)

interaction = st.tuples(
    st.sampled_from(KINDS),
    st.floats(min_value=0, max_value=720),
    st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=4, unique=True),
    st.one_of(st.none(), st.sampled_from(PEOPLE)),
)


Interaction = tuple[str, float, list[str], str | None]


def build(store: GraphStore, interactions: list[Interaction]) -> GraphStore:
    nodes, links = [], []
    for n, (kind, days, people, starter) in enumerate(interactions):
        at = AS_OF - timedelta(days=days)
        nodes.append({"id": f"i{n}", "kind": kind, "occurred_at": at, "initiator_id": starter})
        members = people + ([starter] if starter and starter not in people else [])
        links += [RelRow(p, f"i{n}") for p in members]
    store.write(
        [
            NodeUpsert("Person", [{"id": p, "name": p} for p in PEOPLE]),
            NodeUpsert("Interaction", nodes),
            RelUpsert("PARTICIPATED_IN", links),
        ]
    )
    return store


@settings(max_examples=40, deadline=None)
@given(st.lists(interaction, max_size=12))
def test_symmetric_bounded_and_fading(
    fresh_store: Callable[[], GraphStore], interactions: list[Interaction]
) -> None:
    store = build(fresh_store(), interactions)
    now, later = network_view(store, AS_OF), network_view(store, AS_OF + timedelta(days=30))
    for p in PEOPLE:
        for q in PEOPLE:
            s = now.strength(p, q)
            assert s == now.strength(q, p)
            assert 0.0 <= s < 100.0
            assert later.strength(p, q) <= s + 1e-9  # nothing new happens after AS_OF


@settings(max_examples=40, deadline=None)
@given(st.lists(interaction, max_size=8), st.sampled_from(KINDS[:-1]), st.floats(0, 720))
def test_a_mutual_interaction_adds_strength(
    fresh_store: Callable[[], GraphStore], interactions: list[Interaction], kind: str, days: float
) -> None:
    before = network_view(build(fresh_store(), interactions), AS_OF).strength("a", "b")
    more = [*interactions, (kind, days, ["a", "b"], None)]
    after = network_view(build(fresh_store(), more), AS_OF)
    assert after.strength("a", "b") > before


@settings(max_examples=30, deadline=None)
@given(st.lists(interaction, min_size=1, max_size=8))
def test_before_every_interaction_there_are_no_ties(
    fresh_store: Callable[[], GraphStore], interactions: list[Interaction]
) -> None:
    view = network_view(build(fresh_store(), interactions), AS_OF - timedelta(days=721))
    assert list(view.ties()) == []
    assert all(view.strength(p, q) == 0.0 for p in PEOPLE for q in PEOPLE)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(interaction, max_size=12),
    st.floats(min_value=0, max_value=720),
    st.sets(st.sampled_from(PAIRS)),
)
def test_later_interactions_read_pair_by_pair_at_once_or_for_some_ties_score_alike(
    fresh_store: Callable[[], GraphStore],
    interactions: list[Interaction],
    days: float,
    some: set[tuple[str, str]],
) -> None:
    store = build(fresh_store(), interactions)
    at = AS_OF - timedelta(days=days)
    alone = {pair: network_view(store, at).strength(*pair) for pair in PAIRS}  # its own read
    whole = network_view(store, at)
    whole.read_later_interactions()
    assert {pair: whole.strength(*pair) for pair in PAIRS} == pytest.approx(alone, rel=1e-9)
    part = network_view(store, at)
    part.read_later_interactions(some)
    assert {pair: part.strength(*pair) for pair in some} == pytest.approx(
        {pair: alone[pair] for pair in some}, rel=1e-9
    )
    # a tie it was not read for: every later interaction is read again
    assert {pair: part.strength(*pair) for pair in PAIRS} == pytest.approx(alone, rel=1e-9)
