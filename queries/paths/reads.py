"""What the path search reads of a store: the part of the network a path may take.

Each backend implements :class:`PathReads` as ``Reads`` in the module named after it
(``embedded.py``: the whole index; ``neo4j.py``: rings read around both ends).
"""

from __future__ import annotations

from typing import Protocol

from queries.paths.costs import Adjacency, EdgeCosts, Request


class PathReads(Protocol):
    def adjacency(self, costs: EdgeCosts, request: Request) -> Adjacency:
        """Every edge a path for ``request`` may take (more is allowed), as an adjacency."""
        ...
