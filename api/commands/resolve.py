"""A person or company named on the command line by its id or by (part of) its name.

An existing id is taken as it is. Otherwise the name is searched for
(:func:`queries.search.search`): the one hit that matches it best is the one meant (a
whole name, e-mail or id before the start of one, before the start of a word, before a
part: "vertex automotive" is the company "Vertex Automotive Ltd", not its people, whose
e-mails hold those words). Several equally good candidates end the command (exit 2)
with a list of them and their companies, to be named by id; none is an unknown id
(exit 1, as for an id).

>>> import tempfile, pathlib
>>> from graph_model.embedded.store import EmbeddedStore
>>> from graph_model.store import NodeUpsert
>>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()))
>>> _ = store.write([NodeUpsert("Person", [{"id": "p1", "name": "Jörg Köhler"},
...                                         {"id": "p2", "name": "Jörg Kohl"}])])
>>> resolve(store, "koehler", "person"), resolve(store, "p2", "person")
('p1', 'p2')
>>> resolve(store, "jorg", "person")
Traceback (most recent call last):
...
api.commands.resolve.Ambiguous: 'jorg' names 2 people: Jörg Kohl (p2); Jörg Köhler (p1)
"""

from __future__ import annotations

from collections.abc import Sequence

from graph_model.store import GraphStore
from queries.common import UnknownId
from queries.search import Hit, search
from queries.search.models import Kind

CANDIDATES = 10
"""At most this many candidates are listed for a name that is not unique."""
_PLURAL = {"person": "people", "company": "companies"}


class UnknownName(UnknownId):
    """Text that is neither the id nor the name of a person or company (of some kinds)."""

    def __init__(self, what: str, text: str) -> None:
        LookupError.__init__(self, f"no {what} with id or name {text!r}")
        self.node_id = text


class Ambiguous(LookupError):
    """A name that several people or companies answer to."""

    def __init__(self, text: str, kinds: Sequence[Kind], hits: list[Hit]) -> None:
        what = " or ".join(_PLURAL[k] for k in kinds)
        many = f"{len(hits)}" if len(hits) < CANDIDATES else f"{CANDIDATES} or more"
        listed = "; ".join(describe(h) for h in hits)
        super().__init__(f"{text!r} names {many} {what}: {listed}")
        self.hits = hits


def describe(hit: Hit) -> str:
    """``name (id)``, with a person's title and company.

    >>> from queries.entities import CompanyRef
    >>> describe(Hit(kind="person", id="p1", name="Eva", match="exact", title="CFO",
    ...              company=CompanyRef(id="c1", name="Acme")))
    'Eva (p1), CFO at Acme'
    """
    at = f"at {hit.company.name}" if hit.company else ""
    role = " ".join(part for part in (hit.title, at) if part)
    return f"{hit.name} ({hit.id})" + (f", {role}" if role else "")


def resolve(store: GraphStore, text: str, *kinds: Kind) -> str:
    """The id of the one person or company (of ``kinds``; both by default) ``text`` names."""
    kinds = kinds or ("person", "company")
    for kind in kinds:
        if store.existing_ids(kind.capitalize(), [text]):
            return text
    only = kinds[0] if len(kinds) == 1 else None
    hits = search(store, text, only, CANDIDATES).hits  # best first, each level in list order
    if not hits:
        raise UnknownName(" or ".join(kinds), text)
    chosen = [h for h in hits if h.match is hits[0].match]
    if len(chosen) == 1:
        return chosen[0].id
    raise Ambiguous(text, kinds, chosen)
