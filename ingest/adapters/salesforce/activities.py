"""Tasks and events: interactions, their kind, time, participants and initiator.

The owner, a contact WhoId and the event's contacts and users from EventRelation
take part; kind, time and initiator are read by :mod:`.activity_fields`. The rows
of a Data Export file whose references are ids read before are mapped straight from
their values (:mod:`.activity_values`); the others, and those, through their fields.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cached_property

from ingest.adapters.salesforce.activity_fields import TIME_FIELDS, activity_kind, interaction_data
from ingest.adapters.salesforce.activity_values import ActivityValues
from ingest.adapters.salesforce.export import Export
from ingest.adapters.salesforce.files import Rec, Source, by_field
from ingest.normalize import text_key
from ingest.records import SourceRow

PEOPLE = frozenset({"Contact", "User"})
_ABSENT = frozenset({"declined", "uninvited"})


class Activities:
    """The canonical interaction rows of an export's tasks and events."""

    def __init__(self, export: Export) -> None:
        self.export = export
        self._leads: Counter[str] = Counter()

    def interactions(self) -> Iterator[SourceRow]:
        export, seen = self.export, set[str]()
        for source in export.sources:
            if source.object in ("Task", "Event"):
                yield from self._source_interactions(source, seen)
        for path, count in sorted(self._leads.items()):
            export.warn(
                f"{path}: {count} activities name a lead (00Q…) as WhoId; leads are not "
                "imported, so they are no participants"
            )

    def _source_interactions(self, source: Source, seen: set[str]) -> Iterator[SourceRow]:
        """The interactions of one file; the ids in ``seen`` are taken (a repeat is rejected)."""
        export = self.export
        direct = ActivityValues.of(export, source, self._relations[0])
        if direct is None:
            for rec in export.source_records(source):
                if (row := self._row(rec, seen)) is not None:
                    yield row
            return
        left_out, names = direct.left_out, tuple(source.columns)
        for line, values in direct.values():
            row = direct.row(line, values, seen)
            if row is None:
                fields = by_field(names, values)
                if left_out.keeps(fields):
                    row = self._row(Rec(source, line, fields), seen)
            if row is not None:
                yield row
        export.warn_left_out(left_out)

    def _row(self, rec: Rec, seen: set[str]) -> SourceRow | None:
        export = self.export
        interaction_id = export.own_id(rec)
        if interaction_id and export.first(rec, interaction_id, seen):
            data = self._interaction(rec, interaction_id)
            if data is not None:
                return export.row(rec, interaction_id, data)
        return None

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
        account = export.ref(rec, "Account", "accountid", "account.name")
        what = None if account else export.id(rec, "whatid")
        if what and export.object_of(what) == "Account":
            account = what
        occurred_at = ""
        for name in TIME_FIELDS[rec.source.object]:
            if occurred_at := fields.get(name, ""):
                break
        subject = fields.get("subject", "")
        return interaction_data(
            interaction_id, kind, occurred_at, people, owner, subtype, subject, account
        )

    def _kind(self, rec: Rec, subtype: str) -> str | None:
        """The kind (:func:`.activity_fields.activity_kind`); ``None`` for a Type that is
        none of them (rejected, the row skipped)."""
        activity_type = rec.get("type")
        kind = activity_kind(
            rec.source.object,
            subtype,
            activity_type,
            rec.get("subject"),
            rec.get("eventsubtype"),
            custom_type="type" in rec.source.custom,
        )
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

    def _who(self, rec: Rec) -> str | None:
        """The contact of an activity; a lead is left out (and counted)."""
        who = self.export.ref(rec, "Contact", "whoid", "who.name")
        if who is None or who.startswith("sf:name:"):
            return who
        obj = self.export.object_of(who) or "Contact"
        if obj == "Lead":
            self._leads[rec.source.path] += 1
        return who if obj == "Contact" else None
