"""Associations: which company, contacts and deals a HubSpot record names, by any key the
export gives.

A record names a company by id ("Associated Company IDs", the primary first), by domain
("Associated Company Domain", with or without ``www.``, scheme or path) or by name
("Associated Company"); contacts by id, by e-mail ("Associated Contact Email") or by label
("Lena Fischer (lena.fischer@acme.de)"); deals by id or name. Ids are taken when the export
holds the record, then domains, then names; an id the export does not hold is still taken
when nothing else matches (an earlier ingest may have brought the record). Names and domains
are compared normalised (:mod:`ingest.normalize`), e-mails without case.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from ingest.adapters.hubspot.export import Export, record_id
from ingest.adapters.hubspot.files import Row
from ingest.adapters.hubspot.text import ids, name_and_email, person_key
from ingest.normalize import Lookup, domain_key, name_key
from ingest.values import parse_list


@dataclass
class ContactLinks:
    """The contacts a record names: their ids, and the labels that match none."""

    ids: list[str] = field(default_factory=list)
    guests: dict[str, str] = field(default_factory=dict)
    """People named by an e-mail that no contact of the export has: name by e-mail."""
    unmatched: list[tuple[str, str]] = field(default_factory=list)
    """``(header, label)`` of labels without an e-mail that match no contact."""


def guest_id(email: str) -> str:
    """The id of a person an activity names by an e-mail that no contact has."""
    return f"hs:email:{email}"


def company_domain(row: Row) -> str:
    """A company's web domain, from its domain or else its website (none for free-mail)."""
    return domain_key(row.get("domain") or row.get("website")) or ""


def _cells(row: Row, name: str) -> Iterator[tuple[str, str]]:
    """``(header, item)`` of each item of the ``;`` lists of field ``name``."""
    for header, text in row.values(name):
        for item in parse_list(text):
            yield header, item


class Links:
    """The records of one export by each key they can be named by."""

    def __init__(self, export: Export) -> None:
        self.export = export

    # companies

    @cached_property
    def _companies(self) -> tuple[set[str], Lookup, Lookup]:
        """Company ids, and ids by normalised name and by domain."""
        known, names, domains = set(), Lookup(), Lookup()
        for row in self.export.rows("companies"):
            if company := record_id("companies", row.record_id):
                known.add(company)
                names.add(name_key(row.get("name")) or "", company)
                domains.add(company_domain(row), company)
        return known, names, domains

    def company_named(self, name: str) -> str | None:
        return self._companies[1].get(name_key(name) or "")

    def company_at(self, address: str) -> str | None:
        """The company whose domain is that of a web address or an e-mail address."""
        return self._companies[2].get(domain_key(address) or "")

    def company(
        self, row: Row, fallbacks: Iterable[str | None] = ()
    ) -> tuple[str | None, list[tuple[str, str]]]:
        """The company ``row`` is associated with, and ``(header, value)`` of the names and
        domains it gives that match no company of the export (when it has companies).

        An id of the export's companies comes first, then a domain, a name, the first of
        ``fallbacks`` (other evidence, such as a contact's employer), and last an id the
        export does not hold."""
        known = self._companies[0]
        numbers = [number for _, text in row.values("company_ids") for number in ids(text)]
        if found := next((c for c in map(_company_id, numbers) if c in known), None):
            return found, []
        unmatched: list[tuple[str, str]] = []
        for name, lookup in (
            ("company_domains", self.company_at),
            ("company_names", self.company_named),
        ):
            for header, value in _cells(row, name):
                if found := lookup(value):
                    return found, []
                unmatched.append((header, value))
        if found := next((c for c in fallbacks if c), None):
            return found, []
        if numbers:
            return _company_id(numbers[0]), []
        return None, unmatched if self.export.has("companies") else []

    def employer(self, row: Row) -> str | None:
        """The company a contact works at: by association, else by its "Company Name", its
        e-mail's domain or its website."""
        clues = (
            (self.company_named, "company"),
            (self.company_at, "email"),
            (self.company_at, "website"),
        )
        return self.company(row, (lookup(row.get(name)) for lookup, name in clues))[0]

    # contacts

    @cached_property
    def _contacts(self) -> tuple[dict[str, str | None], Lookup, Lookup]:
        """Each contact's employer by contact id, and contact ids by e-mail and by name."""
        employers: dict[str, str | None] = {}
        emails, names = Lookup(), Lookup()
        for row in self.export.rows("contacts"):
            if contact := record_id("contacts", row.record_id):
                employers[contact] = self.employer(row)
                emails.add(row.get("email").casefold(), contact)
                full = " ".join(p for p in (row.get("first_name"), row.get("last_name")) if p)
                names.add(person_key(full), contact)
        return employers, emails, names

    def contacts(self, row: Row) -> ContactLinks:
        """The contacts ``row`` is associated with: by id, else by e-mail or label."""
        found = ContactLinks()
        if numbers := [n for _, text in row.values("contact_ids") for n in ids(text)]:
            found.ids = [record_id("contacts", n) for n in numbers]
            return found
        _, emails, names = self._contacts
        for header, label in (*_cells(row, "contact_emails"), *_cells(row, "contact_names")):
            name, email = name_and_email(label)
            contact = (emails.get(email) if email else None) or names.get(person_key(name))
            if contact is None and email:
                contact = guest_id(email)
                found.guests.setdefault(email, name)
            if contact is None:
                found.unmatched.append((header, label))
            elif contact not in found.ids:
                found.ids.append(contact)
        return found

    def employer_of(self, person: str) -> str | None:
        """The company of a contact of the export, or of a guest by the domain of its e-mail."""
        if person.startswith("hs:email:"):
            return self.company_at(person.removeprefix("hs:email:"))
        return self._contacts[0].get(person)

    # deals

    @cached_property
    def _deals(self) -> tuple[dict[str, str | None], Lookup]:
        """Each deal's company by deal id, and deal ids by name."""
        companies: dict[str, str | None] = {}
        names = Lookup()
        for row in self.export.rows("deals"):
            if deal := record_id("deals", row.record_id):
                companies[deal] = self.deal_account(row)[0]
                names.add(person_key(row.get("name")), deal)
        return companies, names

    def deal_account(self, row: Row) -> tuple[str | None, list[tuple[str, str]]]:
        """The company of a deal: its associated company, else that of its first contact
        that has one; with the names that matched nothing."""
        contacts = self.contacts(row).ids
        return self.company(row, (self.employer_of(c) for c in contacts))

    def deal_company(self, row: Row) -> str | None:
        """The company of the first deal ``row`` is associated with that has one."""
        companies, names = self._deals
        deals = [record_id("deals", n) for _, text in row.values("deal_ids") for n in ids(text)]
        deals += [d for _, name in _cells(row, "deal_names") if (d := names.get(person_key(name)))]
        return next((c for d in deals if (c := companies.get(d))), None)

    def account(self, row: Row, people: list[str]) -> tuple[str | None, list[tuple[str, str]]]:
        """The company an activity or ticket is about: its associated company, else that of
        its first contact or deal that has one; with the names that matched nothing."""
        return self.company(row, self._account_clues(row, people))

    def _account_clues(self, row: Row, people: list[str]) -> Iterator[str | None]:
        for person in people:
            yield self.employer_of(person)
        yield self.deal_company(row)


def _company_id(number: str) -> str:
    return record_id("companies", number)
