"""HubSpot activities and tickets as interactions.

=====================  ===============================================================
HubSpot                interaction
=====================  ===============================================================
call                   ``call``; "Left voicemail"/"Left live message" a ``message``
meeting                ``meeting``, or ``video_call`` when its type or location names a
                       video tool (Teams, Zoom, Google Meet…)
email (any direction)  ``email``
note, task             ``note`` (weight 0)
LinkedIn, SMS,         ``message``
WhatsApp, postal mail
ticket                 ``ticket``, at its create date
=====================  ===============================================================

The activity type comes from the "Activity type" column, else from the columns a file of
one type has ("Call outcome": calls), else from the file name. The owner an activity is
assigned to and its associated contacts take part; the owner starts outbound e-mails and
calls, the one contact inbound ones and the tickets it raises. The account is the
associated company, else that of a contact or deal; one with no owner and no contact is
kept if it has an account (activity with the account, no tie). The outcome ("Call outcome",
"Meeting outcome", "Email send status", "Task status") is kept as ``outcome``, a ticket's
status and priority as ``status`` and ``priority``. Activities that record nothing that
happened are left out, counted in a warning: calls that reached nobody (no answer, busy,
wrong number), meetings cancelled, rescheduled or not attended, e-mails that bounced, failed
or are still scheduled, tasks not completed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ingest.adapters.hubspot.export import Export, record_id
from ingest.adapters.hubspot.files import Row
from ingest.adapters.hubspot.links import ContactLinks, Links
from ingest.adapters.hubspot.owners import Owner, Owners
from ingest.adapters.hubspot.text import code, first_line
from ingest.records import SourceRow

ACTIVITY_KINDS: Mapping[str, str] = {
    "call": "call",
    "meeting": "meeting",
    "email": "email",
    "incoming_email": "email",
    "forwarded_email": "email",
    "note": "note",
    "task": "note",
    "linkedin_message": "message",
    "sms": "message",
    "whats_app": "message",
    "whatsapp": "message",
    "postal_mail": "message",
}
"""Interaction kind by activity type (as a code: ``Incoming email`` is ``incoming_email``)."""
DIRECTIONS: Mapping[str, str] = {
    "email": "outbound",
    "outgoing_email": "outbound",
    "outbound": "outbound",
    "outgoing": "outbound",
    "incoming_email": "inbound",
    "inbound": "inbound",
    "incoming": "inbound",
}
"""Direction by e-mail direction, call direction or activity type (forwarded: none)."""
VIDEO_WORDS = ("video", "zoom", "teams", "google meet", "webex", "skype", "whereby")
"""A meeting whose type or location names one of these is a ``video_call``."""
ONE_WAY_CALLS = frozenset({"left_voicemail", "left_live_message"})
"""Call outcomes that make the call a one-way ``message``."""
NOT_HAPPENED: Mapping[str, tuple[frozenset[str], str]] = {
    "call_outcome": (
        frozenset({"no_answer", "busy", "wrong_number"}),
        "a call that reached nobody",
    ),
    "call_status": (
        frozenset({"busy", "no_answer", "failed", "canceled", "cancelled", "missed"}),
        "a call that reached nobody",
    ),
    "meeting_outcome": (
        frozenset({"canceled", "cancelled", "no_show", "rescheduled"}),
        "a meeting that did not take place",
    ),
    "email_status": (
        frozenset({"bounced", "failed", "scheduled"}),
        "an e-mail that did not reach anyone",
    ),
}
"""Outcomes of activities that did not happen, by field, and what such an activity is."""
DONE_TASKS = frozenset({"completed", "complete", "done"})
OUTCOMES = ("call_outcome", "meeting_outcome", "call_status", "email_status", "task_status")


class Interactions:
    """The activities and tickets of one export as interactions."""

    def __init__(self, export: Export, links: Links, owners: Owners) -> None:
        self.export = export
        self.links = links
        self.owners = owners

    def rows(self) -> Iterator[SourceRow]:
        for row in self.export.records("activities"):
            if source := self._activity(row):
                yield source
        for row in self.export.records("tickets"):
            if source := self._ticket(row):
                yield source
        self.export.report_left_out()

    def guests(self) -> Iterator[tuple[Row, str, str]]:
        """``(row, email, name)`` of each person that activities and tickets name by an
        e-mail no contact of the export has, once, with the first row naming them."""
        seen: set[str] = set()
        for kind in ("activities", "tickets"):
            for row in self.export.rows(kind):
                for email, name in self.links.contacts(row).guests.items():
                    if email not in seen:
                        seen.add(email)
                        yield row, email, name

    # activities

    def _activity(self, row: Row) -> SourceRow | None:
        activity_type = _activity_type(row)
        kind = ACTIVITY_KINDS.get(activity_type)
        if kind is None:
            given = row.get("type")
            reason = (
                f"{given!r} is not an activity type this reader knows "
                f"({', '.join(sorted(ACTIVITY_KINDS))})"
                if given
                else "no activity type: neither a type column nor the file's columns or name tell it"
            )
            self.export.skip(row, row.column("type"), given, reason)
            return None
        if why := _not_happened(row, activity_type):
            self.export.leave_out(row, why)
            return None
        if kind == "call" and code(row.get("call_outcome")) in ONE_WAY_CALLS:
            kind = "message"
        elif kind == "meeting" and _is_video(row):
            kind = "video_call"
        date_field = "done_at" if activity_type == "task" and row.get("done_at") else "date"
        when = self.export.required_time(row, date_field, "an activity needs its date")
        if when is None:
            return None
        owner = self.owners.owner(row.get("owner"))
        contacts = self._contacts(row)
        direction = _direction(row, activity_type, kind)
        data = {
            "id": record_id("activities", row.record_id),
            "kind": kind,
            "occurred_at": when,
            "initiator_id": _initiator(direction, owner, contacts),
            "subject": row.get("subject") or first_line(row.get("body")),
            "outcome": next((v for f in OUTCOMES if (v := row.get(f))), ""),
        }
        return self._interaction(row, data, owner, contacts, "activity")

    # tickets

    def _ticket(self, row: Row) -> SourceRow | None:
        when = self.export.required_time(row, "date", "a ticket needs its create date")
        if when is None:
            return None
        owner = self.owners.owner(row.get("owner"))
        contacts = self._contacts(row)
        data = {
            "id": record_id("tickets", row.record_id),
            "kind": "ticket",
            "occurred_at": when,
            "initiator_id": contacts[0] if len(contacts) == 1 else "",
            "subject": row.get("name") or first_line(row.get("description")),
            "status": row.get("status"),
            "priority": row.get("priority"),
        }
        return self._interaction(row, data, owner, contacts, "ticket")

    # both

    def _contacts(self, row: Row) -> list[str]:
        """The associated contacts; each label that names none is rejected."""
        links: ContactLinks = self.links.contacts(row)
        for header, label in links.unmatched:
            reason = (
                "no contact with this name in the contacts export (and no e-mail to "
                "know the person by); left out of the participants"
            )
            self.export.reject(row, header, label, reason)
        return links.ids

    def _interaction(
        self, row: Row, data: dict[str, str], owner: Owner | None, contacts: list[str], what: str
    ) -> SourceRow | None:
        people = list(dict.fromkeys(([owner.id] if owner else []) + contacts))
        company, unmatched = self.links.account(row, contacts)
        if not people and company is None:
            column = row.column("owner")
            reason = (
                f"no {column}, associated contact or company: "
                f"nobody and no account the {what} was with"
            )
            self.export.skip(row, column, "", reason)
            return None
        for header, value in unmatched:
            reason = (
                "no company with this name or domain in the companies export; "
                f"the {what} is kept without a company"
            )
            self.export.reject(row, header, value, reason)
        data |= {"participant_ids": ";".join(people), "company_id": company or ""}
        return self.export.source(row, data)


def _activity_type(row: Row) -> str:
    """The activity type code from the type column, else from the file."""
    given = code(row.get("type"))
    return given if given or not row.file.activity_type else row.file.activity_type


def _not_happened(row: Row, activity_type: str) -> str | None:
    """Why an activity is left out, or ``None`` if it happened."""
    for name, (codes, what) in NOT_HAPPENED.items():
        if (value := row.get(name)) and code(value) in codes:
            return f"{what} ({row.column(name)} {value})"
    status = row.get("task_status")
    if activity_type == "task" and status and code(status) not in DONE_TASKS:
        return f"a task not done ({row.column('task_status')} {status})"
    return None


def _direction(row: Row, activity_type: str, kind: str) -> str | None:
    value = row.get("email_direction") or row.get("call_direction") or activity_type
    found = DIRECTIONS.get(code(value))
    return found or ("outbound" if kind == "message" and activity_type == "call" else None)


def _initiator(direction: str | None, owner: Owner | None, contacts: list[str]) -> str:
    if direction == "outbound" and owner:
        return owner.id
    if direction == "inbound" and len(contacts) == 1:
        return contacts[0]
    return ""


def _is_video(row: Row) -> bool:
    text = " ".join(value for _, value in row.values("meeting_type")).casefold()
    return any(word in text for word in VIDEO_WORDS)
