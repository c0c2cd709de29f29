"""The tie rule, once in Python and once in Cypher, gives the same ties for any interactions.

:func:`graph_model.ties.add_interaction` is the rule in Python: the embedded index folds
with it, and so does Neo4j for new interactions (``knows_add.cypher`` adds the folded
ties); ``knows_recount.cypher`` is the rule in Cypher, which Neo4j runs for changed ones.
Both backends must store, for every pair, the fold of the interactions the pair shared,
whether they arrive at once, change later, or get their people afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_model.scoring import ScoringModel
from graph_model.settings import DEFAULT_KIND_WEIGHTS
from graph_model.store import GraphStore, NodeUpsert, RelRow, RelUpsert, Upsert
from graph_model.ties import InteractionFact, Tie, add_interaction
from queries.view import network_view

PEOPLE = ["p1", "p2", "p3", "p4", "p5"]
START = datetime(2024, 1, 1, tzinfo=UTC)
Fact = tuple[str, int, list[str], int]
"""kind, days after START, participants, index of the initiator among them (-1: none)."""

facts_st = st.lists(
    st.tuples(
        st.sampled_from(sorted(DEFAULT_KIND_WEIGHTS)),
        st.integers(0, 900),
        st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=4, unique=True),
        st.integers(-1, 3),
    ),
    min_size=1,
    max_size=10,
)


def _initiator(people: list[str], index: int) -> str | None:
    return people[index] if 0 <= index < len(people) else None


def writes(facts: list[Fact]) -> list[Upsert]:
    nodes = [
        {
            "id": f"i{n}",
            "kind": kind,
            "occurred_at": START + timedelta(days=days, minutes=n),
            "initiator_id": _initiator(people, who),
        }
        for n, (kind, days, people, who) in enumerate(facts)
    ]
    links = [RelRow(p, f"i{n}") for n, (_, _, people, _) in enumerate(facts) for p in people]
    return [NodeUpsert("Interaction", nodes), RelUpsert("PARTICIPATED_IN", links)]


def folded(facts: list[Fact], extra: dict[int, list[str]]) -> dict[tuple[str, str], Tie]:
    """The ties Python folds from ``facts`` (with ``extra`` participants per interaction)."""
    ties: dict[tuple[str, str], Tie] = {}
    model = ScoringModel()
    for n, (kind, days, people, who) in enumerate(facts):
        at = (START + timedelta(days=days, minutes=n)).timestamp()
        members = people + [p for p in extra.get(n, []) if p not in people]
        fact = InteractionFact(f"i{n}", kind, at, members, _initiator(people, who))
        add_interaction(ties, model, fact)
    return ties


def stored(store: GraphStore) -> dict[tuple[str, str], Any]:
    return {
        pair: (t.weight, t.count, t.out_a, t.out_b, t.mutual, t.first, t.last)
        for pair, t in network_view(store).reads.ties()
    }


def expected(ties: dict[tuple[str, str], Tie]) -> dict[tuple[str, str], Any]:
    close = pytest.approx
    return {
        pair: (
            close(t.weight, rel=1e-12),
            *(t.count, t.out_a, t.out_b, t.mutual),
            *(close(t.first, abs=1e-6), close(t.last, abs=1e-6)),
        )
        for pair, t in ties.items()
    }


@settings(max_examples=60, deadline=None)
@given(facts=facts_st, joined=st.lists(st.sampled_from(PEOPLE), max_size=2), rotate=st.booleans())
def test_stored_ties_are_the_fold_of_the_interactions(
    fresh_store: Callable[[], GraphStore], facts: list[Fact], joined: list[str], rotate: bool
) -> None:
    store = fresh_store()
    store.write([NodeUpsert("Person", [{"id": p, "name": p} for p in PEOPLE])])
    store.write(writes(facts))  # all new: folded in as they arrive
    assert stored(store) == expected(folded(facts, {}))
    # a later write changes the first interaction: who started it, and who else took part
    kind, days, people, who = facts[0]
    changed: list[Fact] = [(kind, days, people, (who + 1) % 4 - 1 if rotate else who), *facts[1:]]
    store.write(writes(changed[:1]))
    store.write([RelUpsert("PARTICIPATED_IN", [RelRow(p, "i0") for p in joined])])
    assert stored(store) == expected(folded(changed, {0: joined}))


@settings(max_examples=40, deadline=None)
@given(facts=facts_st)
def test_ties_counted_afresh_are_the_fold_of_the_interactions(
    fresh_store: Callable[[], GraphStore], facts: list[Fact]
) -> None:
    store = fresh_store()
    store.write([NodeUpsert("Person", [{"id": p, "name": p} for p in PEOPLE])])
    interactions, participations = writes(facts)
    store.write([interactions])  # nobody took part yet: no tie
    assert stored(store) == {}
    store.write([participations])  # every tie counted afresh (on Neo4j, in Cypher)
    assert stored(store) == expected(folded(facts, {}))
