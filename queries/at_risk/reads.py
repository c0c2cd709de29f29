"""What at-risk reads of a store beyond its :class:`~queries.view.NetworkView`: the ties of
our people strong enough to matter, and when each account was last named by an interaction,
whoever took part (or nobody: an activity logged against the account alone).

Each backend implements :class:`AtRiskReads` as ``Reads`` in the module named after it
(``embedded.py``, ``neo4j.py`` with the Cypher files of this folder).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import Protocol

from graph_model.ties import Tie
from queries.view.reads import Pair


class AtRiskReads(Protocol):
    def heavy_ties(
        self, internal: AbstractSet[str], min_weight: float, first_by: float
    ) -> Iterator[tuple[Pair, Tie]]:
        """Every stored tie between a person of ``internal`` and someone outside it whose
        ``weight`` (every interaction counted) is at least ``min_weight`` and whose first
        interaction happened at or before ``first_by`` (epoch seconds), by ordered pair."""
        ...

    def last_activity(self, account_ids: Iterable[str], at: float) -> dict[str, float]:
        """By account (those with any): when the latest interaction naming it as its
        company happened, at or before ``at`` (epoch seconds)."""
        ...
