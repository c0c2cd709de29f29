"""What reciprocity reads of a store: supplies and offers, active or not (``compute`` filters).

Each backend implements :class:`ReciprocityReads` as ``Reads`` in the module named after
it (``embedded.py``, ``neo4j.py`` with the Cypher files of this folder).
"""

from __future__ import annotations

from typing import Protocol

from queries.reciprocity.compute import Inputs, Supply


class ReciprocityReads(Protocol):
    def supplies_around(self, company_id: str) -> Inputs:
        """The supplies into and out of ``company_id`` and the products its customers offer."""
        ...

    def all_supplies(self) -> list[Supply]:
        """Every supply in the store."""
        ...
