"""Who the ids of an answer are: a person's name and current employer, a company's name.

An answer collects every id it names, then asks :class:`Names` once: one read for all of
them, whatever their number (``embedded.py`` reads the index; ``neo4j.py`` runs
``names.cypher``). A person's company is the one they work at on the view's ``as_of``
(of several, the latest started, see :func:`~queries.common.employer`; ``None`` when at
none). An id the store does not know stands as its own name.

>>> import tempfile, pathlib
>>> from datetime import UTC, datetime
>>> from graph_model.embedded.store import EmbeddedStore
>>> from graph_model.store import NodeUpsert, RelRow, RelUpsert
>>> from queries.view import network_view
>>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()))
>>> _ = store.write([
...     NodeUpsert("Company", [{"id": "acme", "name": "Acme"}]),
...     NodeUpsert("Person", [{"id": "ann", "name": "Ann"}, {"id": "bo", "name": "Bo"}]),
...     RelUpsert("WORKS_AT", [RelRow("ann", "acme")]),
... ])
>>> names = Names(network_view(store, datetime(2025, 3, 1, tzinfo=UTC)), ["ann", "bo"])
>>> names.person("ann").model_dump()
{'id': 'ann', 'name': 'Ann', 'kind': 'person', 'company': {'id': 'acme', 'name': 'Acme'}}
>>> names.person("bo").company is None, names.company("acme").name, names.name("zed")
(True, 'Acme', 'zed')
>>> store.close()
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Literal

from pydantic import BaseModel

from queries.backend import backend_reads
from queries.common import active, employer
from queries.entities import CompanyRef
from queries.names.reads import Found, NameReads
from queries.view import NetworkView

Kind = Literal["person", "company"]

__all__ = ["Kind", "NamedNode", "Names"]


class NamedNode(BaseModel):
    """A person (with the ``company`` they work at on ``as_of``) or a company, by id and name."""

    id: str
    name: str
    kind: Kind
    company: CompanyRef | None = None


class Names:
    """The names of ``people`` (with their employers on ``as_of``) and of ``companies``."""

    def __init__(
        self, view: NetworkView, people: Iterable[str] = (), companies: Iterable[str] = ()
    ) -> None:
        wanted, also = sorted(set(people)), sorted(set(companies))
        reads = backend_reads(NameReads, view.backend, view)
        found = reads.names(wanted, also) if wanted or also else Found()
        self.people, self.companies = found.people, found.companies
        self._jobs, self._as_of = found.jobs, view.as_of
        self._current: dict[str, list[tuple[str, datetime | None]]] = {}

    def _current_jobs(self, person_id: str) -> list[tuple[str, datetime | None]]:
        """``(company, started_at)`` of each job the person holds on ``as_of`` (worked out when
        first asked: most answers name only a few of the people they list)."""
        current = self._current.get(person_id)
        if current is None:
            jobs = self._jobs.get(person_id, ())
            current = [(c, job[0]) for c, job in jobs if active(*job, self._as_of)]
            self._current[person_id] = current
        return current

    def held(self, person_id: str) -> list[str]:
        """The companies the person works at on ``as_of``, by id."""
        return sorted(c for c, _ in self._current_jobs(person_id))

    def name(self, person_id: str) -> str:
        """The person's name (the id when unknown)."""
        return self.people.get(person_id) or person_id

    def company(self, company_id: str) -> CompanyRef:
        return CompanyRef(id=company_id, name=self.companies.get(company_id) or company_id)

    def employer_of(self, person_id: str) -> CompanyRef | None:
        """The company the person works at on ``as_of``, if any."""
        company_id = employer(self._current_jobs(person_id))
        return self.company(company_id) if company_id else None

    def person(self, person_id: str) -> NamedNode:
        return NamedNode(
            id=person_id,
            name=self.name(person_id),
            kind="person",
            company=self.employer_of(person_id),
        )

    def node(self, node_id: str, kind: Kind) -> NamedNode:
        """A person, or a company (``kind``)."""
        if kind == "person":
            return self.person(node_id)
        return NamedNode(id=node_id, name=self.company(node_id).name, kind="company")
