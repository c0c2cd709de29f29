"""People and companies by name, e-mail, domain or id, ranked (:mod:`queries.search.rank`).

>>> import tempfile, pathlib
>>> from graph_model.embedded.store import EmbeddedStore
>>> from graph_model.store import NodeUpsert, RelRow, RelUpsert
>>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()))
>>> _ = store.write([
...     NodeUpsert("Company", [{"id": "c1", "name": "Müller GmbH"}]),
...     NodeUpsert("Person", [{"id": "p1", "name": "Eva Müller", "email": "eva@mueller.de"}]),
...     RelUpsert("WORKS_AT", [RelRow("p1", "c1")]),
... ])
>>> [(h.kind, h.name, h.match.value) for h in search(store, "Muller").hits]
[('company', 'Müller GmbH', 'prefix'), ('person', 'Eva Müller', 'word')]
>>> search(store, "mueller", kind="person").hits[0].company.name
'Müller GmbH'
"""

from __future__ import annotations

from datetime import datetime

from graph_model.folding import fold
from graph_model.store import GraphStore
from queries.backend import backend_reads
from queries.common import employer, resolve_as_of
from queries.entities import CompanyRef
from queries.search.models import Hit, Kind, SearchAnswer
from queries.search.reads import Found, Job, Searched, SearchReads

LABELS: dict[Kind, Searched] = {"person": "Person", "company": "Company"}


def search(
    store: GraphStore,
    text: str,
    kind: Kind | None = None,
    limit: int = 10,
    as_of: datetime | None = None,
) -> SearchAnswer:
    """The ``limit`` people and companies (or only those of ``kind``) that ``text`` finds,
    best match first, then in list order; people with their employer at ``as_of``."""
    folded = fold(text)
    if not folded:
        return SearchAnswer(query=text, hits=[])
    reads = backend_reads(SearchReads, store.backend, store)
    labels = [LABELS[kind]] if kind else list(LABELS.values())
    found = sorted(f for label in labels for f in reads.find(label, folded, limit))[:limit]
    return SearchAnswer(query=text, hits=_hits(store, reads, found, resolve_as_of(as_of)))


def prepare(store: GraphStore) -> None:
    """Get ``store`` ready to answer searches (the service does it in the background as it
    starts; until then the first search waits for it)."""
    backend_reads(SearchReads, store.backend, store).prepare()


def _hits(store: GraphStore, reads: SearchReads, found: list[Found], when: datetime) -> list[Hit]:
    people = store.get_nodes("Person", [f.id for f in found if f.label == "Person"])
    employers = _employers(reads.jobs(list(people), when))
    companies = store.get_nodes(
        "Company", [*(f.id for f in found if f.label == "Company"), *employers.values()]
    )
    hits = []
    for f in found:
        props = (people if f.label == "Person" else companies).get(f.id)
        if props is None:  # written after the keys were read
            continue
        employer = companies.get(employers.get(f.id, ""))
        hits.append(
            Hit.model_validate(
                props
                | {
                    "kind": f.label.lower(),
                    "match": f.match,
                    "company": CompanyRef.model_validate(employer) if employer else None,
                }
            )
        )
    return hits


def _employers(jobs: list[Job]) -> dict[str, str]:
    """The company each person is named with (:func:`~queries.common.employer`)."""
    held: dict[str, list[tuple[str, datetime | None]]] = {}
    for job in jobs:
        held.setdefault(job.person, []).append((job.company, job.started_at))
    return {p: c for p, starts in held.items() if (c := employer(starts)) is not None}
