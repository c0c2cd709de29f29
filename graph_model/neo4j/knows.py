"""``KNOWS`` ties on Neo4j, kept in step with the interactions in the same transaction.

A ``KNOWS`` relationship (from the smaller person id to the larger) holds the
aggregates of :class:`~graph_model.ties.Tie`. A write that creates interactions
folds each into the ties of its participants (``knows_add.cypher``, the same
fold as :func:`graph_model.ties.add_interaction`); one that changes an
interaction or who took part recounts the ties of its pairs from every
interaction they shared (``knows_recount.cypher``). Ties counted under another
scoring model (other weights or half-life) are recounted, person by person, when
the store opens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from graph_model.neo4j.cypher import CYPHER_DIR, render
from graph_model.scoring import DAY, T0, ScoringModel

RECOUNT_PEOPLE = 500
"""People whose ties one transaction recounts for a new scoring model."""


def _q(name: str) -> str:
    return render(CYPHER_DIR / f"{name}.cypher")


def model_params(model: ScoringModel) -> dict[str, Any]:
    """The scoring model as the ``knows_*`` queries take it."""
    return {
        "weights": dict(model.weights),
        "t0": T0,
        "half_life": model.half_life_days * DAY,
    }


def keep_in_step(tx: Any, model: ScoringModel, created: list[str], changed: list[str]) -> None:
    """Inside write transaction ``tx``: fold the ``created`` interactions into the ties, and
    recount the pairs of the ``changed`` ones (new participants, another kind or time)."""
    params = model_params(model)
    if created:
        tx.run(_q("knows_add"), ids=created, **params).consume()
    if changed:
        pairs = [dict(r) for r in tx.run(_q("knows_pairs"), ids=changed)]
        if pairs:
            tx.run(_q("knows_recount"), pairs=pairs, **params).consume()


def recount_all(
    read: Callable[..., list[Any]], write: Callable[..., None], model: ScoringModel
) -> None:
    """Recount every tie under ``model``, a batch of people per transaction (each pair from
    its smaller id): ``read(query, **params)`` and ``write(query, **params)`` run one."""
    params = model_params(model)
    after = ""
    while people := [r["id"] for r in read(_q("people_after"), after=after, limit=RECOUNT_PEOPLE)]:
        pairs = [dict(r) for r in read(_q("knows_pairs_of_people"), ids=people)]
        if pairs:
            write(_q("knows_recount"), pairs=pairs, **params)
        after = people[-1]


def interaction_changes(
    nodes: Iterable[tuple[str, str]], participations: Iterable[tuple[str, str]]
) -> tuple[list[str], list[str]]:
    """``(created, changed)`` interaction ids from the outcomes of one write: ``nodes`` are
    ``(interaction id, outcome)``, ``participations`` ``(interaction id, outcome)``.

    >>> interaction_changes([("i1", "created"), ("i2", "unchanged")], [("i1", "created"), ("i2", "created")])
    (['i1'], ['i2'])
    """
    created = {i for i, outcome in nodes if outcome == "created"}
    changed = {i for i, outcome in nodes if outcome == "updated"}
    changed |= {i for i, outcome in participations if outcome != "unchanged"}
    return sorted(created), sorted(changed - created)
