"""Network reads of the embedded store: the links of each node, read from the index."""

from __future__ import annotations

from collections.abc import Collection

from queries.common import active
from queries.network.links import STORED_TYPES, add_current, stored
from queries.network.reads import Links
from queries.view import NetworkView
from queries.view.embedded import index_of


class Reads:
    """:class:`~queries.network.reads.LinkReads` from the index: ties and jobs as edges of
    the network, the other relationships as edges of the graph."""

    def __init__(self, view: NetworkView) -> None:
        self.view = view
        self.index = index_of(view.reads)

    def links(
        self, people: list[str], companies: list[str], within: Collection[str] | None
    ) -> Links:
        index, view = self.index, self.view
        as_of, strength_of = view.as_of, view.strength_of
        found: Links = {}
        for node in (*people, *companies):
            company = index.label(node) == "Company"
            for other, tie in index.ties_of(node, within):
                key = (node, other, "KNOWS") if node < other else (other, node, "KNOWS")
                if key not in found and (s := strength_of(key[:2], tie)) > 0:
                    found[key] = s
            for other, job in index.jobs_of(node):
                if (within is None or other in within) and active(*job, as_of):
                    link = (other, node) if company else (node, other)
                    found[(*link, "WORKS_AT")] = None
            for start, end, data in index.edges_of(node):
                kind = data["type"]
                if kind in STORED_TYPES and (within is None or (start in within and end in within)):
                    add_current(found, view, stored(kind, start, end, data))
        return found
