"""Network reads of the embedded store: the links of each node, read from the index."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable

from queries.common import active
from queries.network.links import STORED_TYPES, add_current, stored
from queries.network.reads import Links
from queries.view import NetworkView
from queries.view.embedded import file_strength, index_of


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
        as_of = view.as_of
        found: Links = {}
        file = index.ties.file
        numbers: set[int] = set()
        if within is not None and file is not None:
            number = file.number
            numbers = {n for w in within if (n := number.get(w)) is not None}
        for node in people:
            self._knows(node, within, numbers, found)
        for node in (*people, *companies):
            company = index.label(node) == "Company"
            for other, job in index.jobs_of(node):
                if (within is None or other in within) and active(*job, as_of):
                    link = (other, node) if company else (node, other)
                    found[(*link, "WORKS_AT")] = None
            for start, end, data in index.edges_of(node):
                kind = data["type"]
                if kind in STORED_TYPES and (within is None or (start in within and end in within)):
                    add_current(found, view, stored(kind, start, end, data))
        return found

    def _knows(
        self, person: str, within: Collection[str] | None, numbers: set[int], found: Links
    ) -> None:
        """Add the ``KNOWS`` links of ``person`` (to ``within`` when given, whose numbers in
        the tie file are ``numbers``) not in ``found``.

        The tie file's ties are read in place, and their strength worked out only for
        links not found yet (:func:`~queries.view.embedded.file_strength`).
        """
        view, ties = self.view, self.index.ties
        changed = ties.changed.get(person, {})
        file = ties.file
        if file is not None and (i := file.number.get(person)) is not None:
            names, neighbour, tie = file.names, file.neighbour, file.tie
            lo, hi = file.row[i], file.row[i + 1]
            if within is None:
                entries: Iterable[int] = range(lo, hi)
            else:
                hits = numbers.intersection(neighbour[lo:hi])
                entries = [bisect_left(neighbour, n, lo, hi) for n in hits]
            for e in entries:
                other = names[neighbour[e]]
                if other in changed:
                    continue
                key = (person, other, "KNOWS") if person < other else (other, person, "KNOWS")
                if key in found:
                    continue
                if (s := file_strength(view, file, tie[e], person, other)) > 0:
                    found[key] = s
        for other, now in changed.items():
            if now is not None and (within is None or other in within):
                key = (person, other, "KNOWS") if person < other else (other, person, "KNOWS")
                if key not in found and (s := view.strength_of(key[:2], now)) > 0:
                    found[key] = s
