"""What the network questions read of a store beside a view: the links around some nodes.

Each backend implements :class:`LinkReads` as ``Reads`` in the module named after it
(``embedded.py``, ``neo4j.py`` with the Cypher files of this folder).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

Link = tuple[str, str, str]
"""One edge of the network at ``as_of``: ``(start, end, type)``."""
Links = dict[Link, float | None]
"""Links at ``as_of`` with their strength (``None`` but for ``KNOWS``)."""


class LinkReads(Protocol):
    def links(
        self, people: list[str], companies: list[str], within: Collection[str] | None
    ) -> Links:
        """The links at ``as_of`` of these people and companies (both ends in ``within``,
        unless it is ``None``), as :func:`~queries.network.links.add_current` makes them."""
        ...
