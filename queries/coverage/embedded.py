"""Coverage reads of the embedded store: its index, as the question's view caught it up."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from queries.coverage.reads import Contact, Staffer
from queries.view import NetworkView, pair
from queries.view.embedded import file_strength, index_of
from queries.view.reads import Job


class Reads:
    """:class:`~queries.coverage.reads.CoverageReads` from the index."""

    def __init__(self, view: NetworkView) -> None:
        self.view = view
        self.index = index_of(view.reads)

    def accounts(self, home: str, tier: str | None) -> dict[str, str]:
        return {
            company_id: props["name"]
            for company_id, props in self.index.companies()
            if company_id != home and (tier is None or props.get("tier") == tier)
        }

    def account_managers(self, account_id: str) -> set[str]:
        return {
            start
            for start, end, data in self.index.edges_of(account_id)
            if end == account_id and data["type"] == "MANAGES_ACCOUNT"
        }

    def staff(
        self, account_ids: Iterable[str], levels: Iterable[str], home: str
    ) -> dict[str, list[Staffer]]:
        index, levels = self.index, list(levels)
        jobs = []
        for account_id in account_ids:
            staff = index.staff(account_id)
            jobs += [(account_id, p, staff[p]) for p in index.people.at_levels(staff, levels)]
        people = self.view.people(person_id for _, person_id, _ in jobs)
        ours = index.staff(home)
        found: dict[str, list[Staffer]] = defaultdict(list)
        for account_id, person_id, job in jobs:
            contacts = self._contacts(person_id, ours)
            found[account_id].append(Staffer(people[person_id], *job, contacts))
        return found

    def _contacts(self, person: str, ours: Mapping[str, Job]) -> list[Contact]:
        """The ties of ``person`` with ``ours`` (by their job at home): those of the tie file
        scored from its columns (:func:`~queries.view.embedded.file_strength`), then the
        changed ones."""
        view, ties = self.view, self.index.ties
        changed = ties.changed.get(person, {})
        contacts = []
        file = ties.file
        if file is not None and (i := file.number.get(person)) is not None:
            names, neighbour, tie, last = file.names, file.neighbour, file.tie, file.last
            for e in range(file.row[i], file.row[i + 1]):
                other = names[neighbour[e]]
                if other in ours and other not in changed:
                    s = file_strength(view, file, t := tie[e], person, other)
                    contacts.append(Contact(other, s, last[t], *ours[other]))
        for other, now in changed.items():
            if now is not None and other in ours:
                s = view.strength_of(pair(person, other), now)
                contacts.append(Contact(other, s, now.last, *ours[other]))
        return contacts
