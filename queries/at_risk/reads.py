"""What at-risk reads of a store beyond its :class:`~queries.view.NetworkView`: when each
account was last named by an interaction, whoever took part (or nobody: an activity logged
against the account alone).

Each backend implements :class:`ActivityReads` as ``Reads`` in the module named after it
(``embedded.py``, ``neo4j.py`` with ``last_activity.cypher``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class ActivityReads(Protocol):
    def last_activity(self, account_ids: Iterable[str], at: float) -> dict[str, float]:
        """By account (those with any): when the latest interaction naming it as its
        company happened, at or before ``at`` (epoch seconds)."""
        ...
