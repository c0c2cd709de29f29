"""Tasks and events of a Data Export file, mapped straight from their values.

Most rows of a Data Export's ``Task.csv`` are alike: a Salesforce id, no flag that
leaves them out, and references (owner, contact, account) to ids that earlier rows
already named. Such a row is mapped here from its values, without the dict of
fields, the record and the lookups that :class:`~.activities.Activities` uses for
any row; a row that is not plain in every one of these ways is declined (``None``),
before it changes anything, and then goes that general way, which rejects, warns,
counts and resolves names as it always does. Both give the same rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from operator import itemgetter

from ingest.adapters.salesforce import ids
from ingest.adapters.salesforce.activity_fields import TIME_FIELDS, activity_kind, interaction_data
from ingest.adapters.salesforce.export import Export
from ingest.adapters.salesforce.files import Source
from ingest.adapters.salesforce.left_out import LeftOut
from ingest.normalize import text_key
from ingest.records import SourceRow

_NAMED = ("owner.name", "who.name", "account.name", "what.name")
"""Columns that name a reference where its id is blank: such files go the general way."""
_KEPT = 1024
"""At most this many combinations of flag values are remembered (checkboxes have few)."""
_READ = ("tasksubtype", "type", "subject", "eventsubtype", "ownerid", "whoid", "accountid")


class ActivityValues:
    """The plain rows of one Data Export file of tasks or events, mapped from their values."""

    def __init__(self, export: Export, source: Source, invitees: Mapping[str, list[str]]) -> None:
        assert source.values is not None
        self.export, self.source, self.invitees = export, source, invitees
        self.values = source.values
        at = {name: i for i, name in enumerate(source.columns)}
        blank = len(at)  # where a row's values end: a field the file lacks reads blank
        self._id = at["id"]
        self._read = itemgetter(*(at.get(name, blank) for name in _READ))
        self._what = at.get("whatid", blank)
        self._times = [at[name] for name in TIME_FIELDS[source.object] if name in at]
        self.left_out = LeftOut(source)
        """What leaves the file's rows out (it counts those the general way leaves out)."""
        self._flags = [name for name, _, _ in self.left_out.tests]
        self._tested = itemgetter(*(at[name] for name in self._flags), blank)
        self._kept: dict[tuple[str, ...], bool] = {}
        """Whether a row is kept, by the values of the columns that tell (they repeat)."""

    @classmethod
    def of(
        cls, export: Export, source: Source, invitees: Mapping[str, list[str]]
    ) -> ActivityValues | None:
        """The mapping of ``source``'s plain rows; ``None`` for a file not read by value
        (a report, a tree, custom fields, no Id column, references given by name)."""
        columns = source.columns
        if source.values is None or "id" not in columns or any(n in columns for n in _NAMED):
            return None
        return cls(export, source, invitees)

    def row(self, line: int, values: tuple[str, ...], seen: set[str]) -> SourceRow | None:
        """The interaction of a plain row (its id then added to ``seen``); ``None`` for any
        other, which this leaves as it was."""
        values += ("",)
        if not self._keeps(values):
            return None
        try:
            interaction_id, salesforce = ids.read(values[self._id])
        except ids.DamagedId:
            return None
        if not salesforce or interaction_id is None or interaction_id in seen:
            return None
        subtype, activity_type, subject, event_subtype, owner_id, who_id, account_id = map(
            str.strip, self._read(values)
        )
        obj, subtype = self.source.object, text_key(subtype)
        kind = activity_kind(obj, subtype, activity_type, subject, event_subtype, custom_type=False)
        known, export = self.export.known, self.export
        owner, who, account = known(owner_id), known(who_id), known(account_id)
        if (
            kind is None
            or (owner_id and owner is None)
            or (who_id and who is None)
            or (account_id and account is None)
        ):
            return None
        # a known id is Salesforce's, so its key prefix tells its object
        if owner is not None and _object(owner) == "Group":
            return None
        if who is not None and (who_object := _object(who) or "Contact") != "Contact":
            if who_object == "Lead":
                return None
            who = None
        if account is None and (what_id := values[self._what].strip()):
            if (what := known(what_id)) is None:
                return None
            if _object(what) == "Account":
                account = what
        occurred_at = ""
        for i in self._times:
            if occurred_at := values[i].strip():
                break
        people = [owner, who, *self.invitees.get(interaction_id, ())]
        seen.add(interaction_id)
        data = interaction_data(
            interaction_id, kind, occurred_at, people, owner, subtype, subject, account
        )
        return export.record_row(self.source, line, interaction_id, data)

    def _keeps(self, values: tuple[str, ...]) -> bool:
        """Whether no flag leaves the row out (:class:`~.left_out.LeftOut`)."""
        key = self._tested(values)
        kept = self._kept.get(key)
        if kept is None:
            fields = dict(zip(self._flags, map(str.strip, key), strict=False))
            kept = self.left_out.why(fields) is None
            if len(self._kept) < _KEPT:
                self._kept[key] = kept
        return kept


def _object(record: str) -> str | None:
    """The object of a Salesforce id (``sf:`` and 18 characters), by its key prefix."""
    return ids.KEY_PREFIXES.get(record[3:6])
