"""Naming reads of the embedded store: names and jobs from its index."""

from __future__ import annotations

from queries.names.reads import Found
from queries.view import NetworkView
from queries.view.embedded import index_of


class Reads:
    """:class:`~queries.names.reads.NameReads` from the index."""

    def __init__(self, view: NetworkView) -> None:
        self.index = index_of(view.reads)

    def names(self, people: list[str], companies: list[str]) -> Found:
        index, found = self.index, Found()
        for p in people:
            brief = index.people.get(p)
            if brief is not None:
                found.people[p] = brief.name
                found.jobs[p] = list(index.jobs_of(p))
        held = {c for jobs in found.jobs.values() for c, _ in jobs}
        nodes = index.graph.nodes
        for c in sorted(held.union(companies)):
            attrs = nodes.get(c)
            if attrs is not None and attrs.get("label") == "Company":
                found.companies[c] = str(attrs.get("name") or c)
        return found
