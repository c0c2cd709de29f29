"""Tasks and events: interactions, their kind, time, participants and initiator.

The kind comes from TaskSubtype (set by Salesforce), then the Subject, then the
Type picklist; a Type read from a custom field chosen for the run (a ``Type__c``
picklist of the org's own) comes before the Subject. The owner, a contact WhoId
and the event's contacts and users from EventRelation take part; the owner
initiates an outbound email.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cached_property, lru_cache

from ingest.adapters.salesforce.export import Export
from ingest.adapters.salesforce.files import Rec
from ingest.normalize import text_key
from ingest.records import SourceRow

PEOPLE = frozenset({"Contact", "User"})
_TIME_FIELDS = {
    "Task": ("activitydate", "startdatetime", "activitydatetime", "createddate"),
    "Event": ("startdatetime", "activitydatetime", "activitydate", "createddate"),
}
_TASK_SUBTYPE_KINDS = {
    "call": "call",
    "email": "email",
    "listemail": "email",
    "linkedin": "message",
}
_OUTBOUND_SUBTYPES = frozenset({"email", "listemail"})
_GENERIC_TYPES = frozenset({"", "task", "event", "other", "cadence", "--none--"})
_KIND_WORDS: tuple[tuple[str, str], ...] = (
    (r"^(e-?mail|re|aw|fwd?|wg)\s*:", "email"),
    (r"^(call|anruf|telefonat)\b", "call"),
    (r"conference call|telefonkonferenz", "call"),
    (r"\brf[ipq]\b|\btender|ausschreibung", "rfp"),
    (r"negotiat|verhandlung|rahmenvertrag|konditionen|contract renewal", "negotiation"),
    (r"\bgifts?\b|geschenk|präsent|hamper", "gift"),
    (r"video|\bteams\b|\bzoom\b|webex|google meet", "video_call"),
    (
        r"trade (show|fair)|conference|konferenz|\bmesse\b|\bexpo\b|webinar|veranstaltung"
        r"|dinner|golf|sommerfest|weihnachtsfeier|customer day|supplier day",
        "event",
    ),
    (r"\bcalls?\b|anruf|telefon|rückruf|\bphone\b", "call"),
    (r"e-?mail|\bmail\b", "email"),
    (r"message|nachricht|\bsms\b|whatsapp|linkedin|\bchat\b|inmail", "message"),
    (r"\bnotes?\b|notiz|\bmemo\b", "note"),
    (
        r"meeting|besprechung|\btermin|treffen|visit|besuch|besichtigung|lunch|mittagessen"
        r"|workshop|review|gespräch|on-?site|vor ort|in person|face to face",
        "meeting",
    ),
)
"""Interaction kind of a subject or activity type (case-folded): the first pattern found."""
_KIND_PATTERNS = tuple((re.compile(pattern), kind) for pattern, kind in _KIND_WORDS)
_ABSENT = frozenset({"declined", "uninvited"})


@lru_cache(maxsize=4096)
def kind_in(text: str) -> str | None:
    """The interaction kind ``text`` names, if it names one (the subjects of an export
    repeat, so the answer for each of the last 4,096 is kept).

    >>> kind_in("Telefonat Liefertermine"), kind_in("On-site visit"), kind_in("Follow-up")
    ('call', 'meeting', None)
    """
    folded = text_key(text)
    return next((kind for pattern, kind in _KIND_PATTERNS if pattern.search(folded)), None)


class Activities:
    """The canonical interaction rows of an export's tasks and events."""

    def __init__(self, export: Export) -> None:
        self.export = export
        self._leads: Counter[str] = Counter()

    def interactions(self) -> Iterator[SourceRow]:
        export, seen = self.export, set[str]()
        for rec in export.records("Task", "Event"):
            interaction_id = export.own_id(rec)
            if interaction_id and export.first(rec, interaction_id, seen):
                data = self._interaction(rec, interaction_id)
                if data is not None:
                    yield export.row(rec, interaction_id, data)
        for path, count in sorted(self._leads.items()):
            export.warn(
                f"{path}: {count} activities name a lead (00Q…) as WhoId; leads are not "
                "imported, so they are no participants"
            )

    def invited_users(self) -> list[tuple[str, Rec]]:
        """Users invited to events (EventRelation), with the row inviting them."""
        return self._relations[1]

    @cached_property
    def _relations(self) -> tuple[dict[str, list[str]], list[tuple[str, Rec]]]:
        """The contacts and users invited to each event (EventRelation), but who declined;
        and the users among them, with their rows."""
        export = self.export
        invitees: dict[str, list[str]] = defaultdict(list)
        users: list[tuple[str, Rec]] = []
        for rec in export.records("EventRelation"):
            event_id, person_id = export.id(rec, "eventid"), export.id(rec, "relationid")
            if not (event_id and person_id) or text_key(rec.get("status")) in _ABSENT:
                continue
            obj = export.object_of(person_id)
            if obj in PEOPLE:
                invitees[event_id].append(person_id)
            if obj == "User":
                users.append((person_id, rec))
        return invitees, users

    def _interaction(self, rec: Rec, interaction_id: str) -> dict[str, str] | None:
        export, fields = self.export, rec.fields
        subtype = text_key(fields.get("tasksubtype", ""))
        kind = self._kind(rec, subtype)
        if kind is None:
            return None
        owner = export.owner(rec)
        people = [owner, self._who(rec), *self._relations[0].get(interaction_id, ())]
        subject = fields.get("subject", "")
        outbound = subtype in _OUTBOUND_SUBTYPES or text_key(subject).startswith("email:")
        account = export.ref(rec, "Account", "accountid", "account.name")
        what = None if account else export.id(rec, "whatid")
        if what and export.object_of(what) == "Account":
            account = what
        occurred_at = ""
        for name in _TIME_FIELDS[rec.source.object]:
            if occurred_at := fields.get(name, ""):
                break
        return {
            "id": interaction_id,
            "kind": kind,
            "occurred_at": occurred_at,
            "participant_ids": ";".join(filter(None, dict.fromkeys(people))),
            "initiator_id": owner if owner and outbound else "",
            "subject": subject,
            "company_id": account or "",
        }

    def _kind(self, rec: Rec, subtype: str) -> str | None:
        """TaskSubtype (``subtype``, as a key), then the Subject and the Type (the Type first
        when it is read from a custom field); a meeting for an event and a note for a task
        that none tells."""
        activity_type = rec.get("type")
        kind = _TASK_SUBTYPE_KINDS.get(subtype)
        if kind is None and "type" in rec.source.custom:
            kind = kind_in(activity_type)
        kind = kind or kind_in(rec.get("subject"))
        if kind:
            return kind
        if text_key(activity_type) not in _GENERIC_TYPES:
            kind = kind_in(activity_type)
            if kind is None:
                self.export.reject(
                    rec,
                    "type",
                    f"activity type {activity_type!r} is none this adapter "
                    "knows (Call, Email, Meeting, Video Call, Visit, Negotiation, RFP, "
                    "Gift, Message, Note…), nor does the subject tell",
                    skip=True,
                )
            return kind
        event = rec.source.object == "Event" or text_key(rec.get("eventsubtype")) == "event"
        return "meeting" if event else "note"

    def _who(self, rec: Rec) -> str | None:
        """The contact of an activity; a lead is left out (and counted)."""
        who = self.export.ref(rec, "Contact", "whoid", "who.name")
        if who is None or who.startswith("sf:name:"):
            return who
        obj = self.export.object_of(who) or "Contact"
        if obj == "Lead":
            self._leads[rec.source.path] += 1
        return who if obj == "Contact" else None
