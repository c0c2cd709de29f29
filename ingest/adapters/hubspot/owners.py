"""HubSpot owners, the users that records are assigned to, as people of the home company.

An owner cell holds a full name ("Jana Weber"), an e-mail ("jana.weber@home.example"), both
("Jana Weber (jana.weber@home.example)") or, in import templates, an owner number. Where the
export has an owners file ("Owner ID", "First Name", "Last Name", "Email"), a cell is matched
to its owner by number, e-mail or name; otherwise each owner named is created. Either way an
owner's id comes from the name (``hs:owner:jana-weber``), an e-mail's from the name it spells
before the ``@``: one owner named by name in one file and by e-mail in another is one person
when the address is the name (``jana.weber@…``, ``jana_weber@…``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from ingest.adapters.hubspot.export import Export
from ingest.adapters.hubspot.files import Row
from ingest.adapters.hubspot.text import email_name, name_and_email, person_key, slug

MENTIONED_BY = ("companies", "contacts", "deals", "tickets", "activities")
"""The objects whose records name an owner."""


@dataclass(frozen=True)
class Owner:
    id: str
    name: str
    email: str = ""
    title: str = ""


def owner_id(name_or_number: str) -> str:
    """``hs:owner:<name as a slug>``, or ``""`` for a blank name.

    >>> owner_id("Jana Weber"), owner_id(email_name("jana.weber@home.example")), owner_id("3001")
    ('hs:owner:jana-weber', 'hs:owner:jana-weber', 'hs:owner:3001')
    """
    key = slug(name_or_number)
    return f"hs:owner:{key}" if key else ""


def listed_owner(row: Row) -> Owner:
    """The owner a row of the owners file lists."""
    number, email = row.get("id"), row.get("email").casefold()
    full = " ".join(p for p in (row.get("first_name"), row.get("last_name")) if p)
    name = row.get("name") or full
    key = name or email_name(email) or number
    shown = name or email or f"HubSpot owner {number}"
    return Owner(owner_id(key), shown, email, row.get("title"))


class Owners:
    """The owners of one export: those its owners file lists and those its records name."""

    def __init__(self, export: Export) -> None:
        self.export = export
        self._cells: dict[str, Owner | None] = {}

    @cached_property
    def _index(self) -> tuple[dict[str, Owner], dict[str, Owner], dict[str, Owner]]:
        """The listed owners by owner number, e-mail and name."""
        by_number: dict[str, Owner] = {}
        by_email: dict[str, Owner] = {}
        by_name: dict[str, Owner] = {}
        for row in self.export.rows("owners"):
            owner = listed_owner(row)
            if number := row.get("id"):
                by_number.setdefault(number, owner)
            if owner.email:
                by_email.setdefault(owner.email, owner)
            if key := person_key(owner.name if "@" not in owner.name else ""):
                by_name.setdefault(key, owner)
        return by_number, by_email, by_name

    def listed(self) -> Iterator[tuple[Row, Owner]]:
        """Each owner of the owners file once, with the row that lists it first."""
        seen: set[str] = set()
        for row in self.export.rows("owners"):
            owner = listed_owner(row)
            if owner.id and owner.id not in seen:
                seen.add(owner.id)
                yield row, owner

    def owner(self, cell: str) -> Owner | None:
        """The owner an owner cell names; ``None`` for a blank cell."""
        if cell not in self._cells:
            self._cells[cell] = self._find(cell.strip())
        return self._cells[cell]

    def _find(self, text: str) -> Owner | None:
        if not text:
            return None
        by_number, by_email, by_name = self._index
        if text.isdigit():
            return by_number.get(text) or Owner(owner_id(text), f"HubSpot owner {text}")
        name, email = name_and_email(text)
        spelled = email_name(email)
        keys = ((by_email, email), (by_name, person_key(name)), (by_name, person_key(spelled)))
        found = next((owner for index, key in keys if key and (owner := index.get(key))), None)
        return found or Owner(owner_id(name or spelled), name or email, email)

    def unlisted(self) -> Iterator[tuple[Row, str, Owner]]:
        """The owners that records name and the owners file does not list: each once, with
        the first row and cell naming it, its name and e-mail gathered from every mention."""
        listed = {owner.id for _, owner in self.listed()}
        found: dict[str, tuple[Row, str, Owner]] = {}
        for kind in MENTIONED_BY:
            for row in self.export.rows(kind):
                cell = row.get("owner")
                owner = self.owner(cell)
                if owner is None or not owner.id or owner.id in listed:
                    continue
                if owner.id in found:
                    first, first_cell, known = found[owner.id]
                    found[owner.id] = (first, first_cell, _gathered(known, owner))
                else:
                    found[owner.id] = (row, cell, owner)
        yield from found.values()


def _gathered(known: Owner, other: Owner) -> Owner:
    """One owner named twice: a person's name over an e-mail shown as name, the first e-mail."""
    name = other.name if "@" in known.name and "@" not in other.name else known.name
    return replace(known, name=name, email=known.email or other.email)
