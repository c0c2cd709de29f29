"""``KNOWS`` ties on Neo4j, kept in step with the interactions in the same transaction.

A ``KNOWS`` relationship (from the smaller person id to the larger) holds the
aggregates of :class:`~graph_model.ties.Tie`. A write that creates interactions
folds them in Python (:func:`graph_model.ties.add_interaction`, as the embedded
store does) into one tie per pair and adds those to the stored ties
(``knows_add.cypher``); one that changes an interaction or who took part
recounts the ties of its pairs from every interaction they shared, in Cypher
(``knows_recount.cypher``, the rule once more). Ties counted under another
scoring model (other weights or half-life) are recounted, person by person, when
the store opens.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from graph_model.neo4j.cypher import CYPHER_DIR, instant, render
from graph_model.scoring import DAY, T0, ScoringModel
from graph_model.store import NodeUpsert, Outcome, Props, RelRow, RelUpsert, Upsert
from graph_model.ties import InteractionFact, Tie, add_interaction

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


class Changes:
    """What one write did to interactions and to who took part in them.

    >>> from datetime import UTC
    >>> changes = Changes()
    >>> at = datetime(2024, 1, 1, tzinfo=UTC)
    >>> nodes = [{"id": "i1", "kind": "call", "occurred_at": at}, {"id": "i2"}]
    >>> changes.add(NodeUpsert("Interaction", nodes), ["created", "unchanged"])
    >>> links = [RelRow("p1", "i1"), RelRow("p2", "i1"), RelRow("p3", "i2")]
    >>> changes.add(RelUpsert("PARTICIPATED_IN", links), ["created"] * 3)
    >>> [f.participants for f in changes.created()], changes.changed()
    ([['p1', 'p2']], ['i2'])
    """

    def __init__(self) -> None:
        self._created: dict[str, Props] = {}
        self._changed: set[str] = set()
        self._people: defaultdict[str, list[str]] = defaultdict(list)

    def add(self, upsert: Upsert, outcomes: Sequence[Outcome]) -> None:
        """Note what ``upsert`` did (``outcomes``, a row each) if it wrote interactions or
        who took part in them."""
        if isinstance(upsert, NodeUpsert) and upsert.label == "Interaction":
            self._interactions(upsert.rows, outcomes)
        elif isinstance(upsert, RelUpsert) and upsert.type == "PARTICIPATED_IN":
            self._participations(upsert.rows, outcomes)

    def _interactions(self, rows: Sequence[Props], outcomes: Sequence[Outcome]) -> None:
        for row, outcome in zip(rows, outcomes, strict=True):
            if outcome == "created":
                self._created[str(row["id"])] = row
            elif outcome == "updated":
                self._changed.add(str(row["id"]))

    def _participations(self, rows: Sequence[RelRow], outcomes: Sequence[Outcome]) -> None:
        for row, outcome in zip(rows, outcomes, strict=True):
            if outcome != "unchanged":
                self._people[row.end].append(row.start)

    def created(self) -> list[InteractionFact]:
        """The interactions this write created, each with everybody who took part (no one
        took part in an interaction before it existed)."""
        return [
            InteractionFact(
                id_,
                row["kind"],
                _seconds(row["occurred_at"]),
                self._people.get(id_, []),
                row.get("initiator_id"),
            )
            for id_, row in self._created.items()
        ]

    def changed(self) -> list[str]:
        """Interactions that were there before and changed, or whose people did."""
        return sorted((self._changed | self._people.keys()) - self._created.keys())


def _seconds(value: datetime) -> float:
    """Seconds since the epoch, as ``knows_recount.cypher`` reads a stored datetime."""
    seconds, nanoseconds = instant(value)
    return seconds + nanoseconds / 1_000_000_000


def folded(model: ScoringModel, facts: Sequence[InteractionFact]) -> list[list[Any]]:
    """The ties of ``facts`` as ``knows_add.cypher`` takes them: ``[a, b, weight,
    interactions, out_a, out_b, mutual, first, last]``, one per pair."""
    ties: dict[tuple[str, str], Tie] = {}
    for fact in facts:
        add_interaction(ties, model, fact)
    return [
        [a, b, t.weight, t.count, t.out_a, t.out_b, t.mutual, t.first, t.last]
        for (a, b), t in ties.items()
    ]


def keep_in_step(tx: Any, model: ScoringModel, changes: Changes) -> None:
    """Inside write transaction ``tx``: add the ties of the created interactions, and
    recount the pairs of the changed ones (new participants, another kind or time)."""
    if ties := folded(model, changes.created()):
        tx.run(_q("knows_add"), ties=ties).consume()
    if changed := changes.changed():
        pairs = [dict(r) for r in tx.run(_q("knows_pairs"), ids=changed)]
        if pairs:
            tx.run(_q("knows_recount"), pairs=pairs, **model_params(model)).consume()


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
