"""People: users (ours) and contacts (of their accounts), and record owners no User row
describes.

Owners that rows name but no User row holds (a report's "Assigned") become people
of the home company. Without a User file, so do owners given by id (of accounts,
opportunities, tasks, events) and users invited to events, named by an
``Owner.Name`` column where the export has one and ``Salesforce user <id>`` where
not, so that activities still tie two people.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from ingest.adapters.salesforce.activities import Activities
from ingest.adapters.salesforce.export import OWNED, Export
from ingest.adapters.salesforce.files import Rec
from ingest.adapters.salesforce.left_out import flag
from ingest.adapters.salesforce.tree import full_name
from ingest.records import SourceRow


class People:
    """The canonical people rows of an export."""

    def __init__(self, export: Export, activities: Activities) -> None:
        self.export, self.activities = export, activities

    def people(self) -> Iterator[SourceRow]:
        seen: set[str] = set()
        yield from self._users(seen)
        yield from self._contacts(seen)
        export, home = self.export, self.export.context.home_company_id
        for user_id, rec in export.named_only(OWNED, "User", "ownerid", "owner.name"):
            if user_id not in seen:
                seen.add(user_id)
                data = {"id": user_id, "name": rec.get("owner.name"), "company_id": home}
                yield export.row(rec, user_id, data, obj="User", counted=False)
        if not export.has("User"):
            yield from self._owners(seen)

    def _users(self, seen: set[str]) -> Iterator[SourceRow]:
        export = self.export
        for rec in export.records("User"):
            user_id = export.own_id(rec)
            if user_id and export.first(rec, user_id, seen):
                yield export.row(
                    rec,
                    user_id,
                    {
                        "id": user_id,
                        "name": full_name(rec.fields),
                        "email": rec.get("email"),
                        "title": rec.get("title"),
                        "company_id": export.context.home_company_id,
                        "manager_id": export.ref(rec, "User", "managerid", "manager.name") or "",
                    },
                )

    def _contacts(self, seen: set[str]) -> Iterator[SourceRow]:
        export = self.export
        for rec in export.records("Contact"):
            contact_id = export.own_id(rec)
            if contact_id and export.first(rec, contact_id, seen):
                started, ended = self._employment.get(contact_id, ("", ""))
                account = export.ref(rec, "Account", "accountid", "account.name")
                yield export.row(
                    rec,
                    contact_id,
                    {
                        "id": contact_id,
                        "name": full_name(rec.fields),
                        "email": rec.get("email"),
                        "title": rec.get("title"),
                        "company_id": account or "",
                        "manager_id": export.ref(rec, "Contact", "reportstoid", "reportsto.name")
                        or "",
                        "started_at": started,
                        "ended_at": ended,
                    },
                )
        if export.has("Contact") and not export.has("Account"):
            export.warn(
                "no Account file: contacts are linked to the accounts (AccountId) the store "
                "already holds, or that the export names (Account.Name); the links to others "
                "are rejected"
            )

    def _owners(self, seen: set[str]) -> Iterator[SourceRow]:
        """Owners and invited users of an export without a User file, as people by id,
        named by the first row that names them."""
        export, home = self.export, self.export.context.home_company_id
        found: dict[str, Rec] = {}
        for user_id, rec in self._owner_refs():
            if user_id in seen or user_id.startswith("sf:name:"):
                continue
            if user_id not in found or (_named(rec) and not _named(found[user_id])):
                found[user_id] = rec
        unnamed = 0
        for user_id, rec in found.items():
            seen.add(user_id)
            name = rec.get("owner.name")
            if not name:
                unnamed += 1
                name = f"Salesforce user {user_id.removeprefix('sf:')}"
            data = {"id": user_id, "name": name, "company_id": home}
            yield export.row(rec, user_id, data, obj="User", counted=False, fills=True)
        if found:
            how = f", {unnamed} of them known by id only" if unnamed else ""
            export.warn(
                f"no User file: {len(found)} record owner(s) and invited user(s) are people of "
                f"the home company{how}; their names, titles, e-mails and managers come with "
                "User.csv"
            )

    def _owner_refs(self) -> Iterator[tuple[str, Rec]]:
        """Owners of accounts, opportunities and activities, and users invited to events."""
        export = self.export
        for rec in export.records(*OWNED):
            if owner := export.owner(rec):
                yield owner, rec
        for person_id, rec in self.activities.invited_users():
            yield person_id, rec

    @cached_property
    def _employment(self) -> dict[str, tuple[str, str]]:
        """StartDate and EndDate of each contact's direct AccountContactRelation."""
        export = self.export
        dates: dict[str, tuple[str, str]] = {}
        indirect = 0
        for rec in export.records("AccountContactRelation"):
            contact_id = export.ref(rec, "Contact", "contactid", "contact.name")
            if flag(rec.get("isdirect")) is not True:
                indirect += 1
            elif contact_id:
                dates[contact_id] = (rec.get("startdate"), rec.get("enddate"))
        if indirect:
            export.warn(
                f"{indirect} indirect account-contact relations (a contact related to a "
                "further account) are not employment; left out"
            )
        return dates


def _named(rec: Rec) -> bool:
    """Whether ``rec`` names its record's owner."""
    return bool(rec.get("owner.name"))
