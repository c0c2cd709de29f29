"""Path reads of the embedded store: its index holds the whole network in memory."""

from __future__ import annotations

from queries.paths.costs import Adjacency, EdgeCosts, Request
from queries.view import NetworkView
from queries.view.embedded import index_of


class Reads:
    """:class:`~queries.paths.reads.PathReads`: the index's adjacency, read in place."""

    def __init__(self, view: NetworkView) -> None:
        self.index = index_of(view.reads)

    def adjacency(self, costs: EdgeCosts, request: Request) -> Adjacency:
        return self.index.adjacency
