"""The sources of one export and what every mapping needs of them: their rows (less those
left out), the ids and references in them, and the rejects and warnings they cause."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property

from ingest.adapters.base import AdapterContext, AdapterReport
from ingest.adapters.salesforce import ids
from ingest.adapters.salesforce.fields import custom_fields, with_custom_fields
from ingest.adapters.salesforce.files import (
    HANDMADE,
    MAPPED,
    OBJECTS_BY_STEM,
    READ_FIELDS,
    TREE,
    Rec,
    Source,
    classify,
)
from ingest.adapters.salesforce.left_out import LeftOut
from ingest.adapters.salesforce.reports import REPORT_OWN_LABELS
from ingest.adapters.salesforce.tree import full_name, read_trees
from ingest.normalize import text_key
from ingest.records import Reject, SourceRow
from ingest.sources import ExportFile

QUALIFIED_BY_ACCOUNT = frozenset({"Contact", "Opportunity"})
"""Objects whose records known by name only are told apart by their account's name."""
UNNAMED = frozenset({"Task", "Event", "OpportunityLineItem"})
"""Objects whose records without ids are told by their content."""
OWNED = ("Account", "Opportunity", "Task", "Event")
"""Objects whose owner this adapter reads."""


def _origin(obj: str, record_id: str) -> str:
    """The provenance of a row made from the record ``record_id`` of ``obj``."""
    return f"salesforce:{obj}:{record_id.removeprefix('sf:')}"


class Export:
    """The sources of one export, read with the run's context into its report."""

    def __init__(
        self, files: Mapping[str, ExportFile], context: AdapterContext, report: AdapterReport
    ) -> None:
        self.context, self.report = context, report
        self._warned: set[str] = set()
        self._rejected: set[Reject] = set()
        self._skipped: set[tuple[str, int]] = set()
        self._opaque: set[tuple[str, str]] = set()
        self._indexes: dict[str, dict[str, set[str]]] = {}
        self._ids: dict[str, str] = {}
        """Salesforce ids read, by the text they were read from."""
        self.known: Callable[[str], str | None] = self._ids.get
        """The id a text was read as, if it was read before as a reference or as the id of
        a record that others refer to; only Salesforce's ids are kept."""
        self._objects: dict[str, str | None] = {}
        """The object of each id asked about (:meth:`object_of`)."""
        custom = custom_fields(context.custom_fields)
        self.sources: list[Source] = []
        ignored: list[str] = []
        for _, export_file in sorted(files.items()):
            if export_file.path.lower().endswith(".json"):
                continue
            source = classify(export_file)
            named = OBJECTS_BY_STEM.get(export_file.name)
            if source is None and named in MAPPED:
                self.warn(
                    f"{export_file.path}: named after {named}, but none of its columns is a "
                    f"field this adapter reads ({', '.join(sorted(READ_FIELDS[named]))}); ignored"
                )
            elif source is None or source.object not in MAPPED:
                ignored.append(export_file.path)
            else:
                self.sources.append(source)
        trees = read_trees(files)
        self.sources.extend(trees.sources)
        report.rejects.extend(trees.rejects)
        if ignored:
            self.warn(f"not mapped to the graph, ignored: {', '.join(ignored)}")
        for path in trees.others:
            self.warn(f"{path}: neither an sObject tree (sf data tree) nor its plan; ignored")
        for message in trees.warnings:
            self.warn(message)
        for index, source in enumerate(self.sources):
            self.sources[index], notes = with_custom_fields(source, custom)
            for note in notes:
                self.warn(note)
            self._describe(self.sources[index])

    def _describe(self, source: Source) -> None:
        """Warn of what a source lacks: ids (reports, trees), system columns (by hand)."""
        named = [h for name, h in source.columns.items() if name.endswith(".name")]
        if source.report and "id" not in source.columns:
            named.insert(0, "its rows")
        if source.report and named:
            self.warn(
                f"{source.path} ({REPORT_OWN_LABELS[source.object]} report): names, "
                f"not Salesforce ids, tell the records of: {', '.join(named)} (sf:name:…), "
                "so a renamed record becomes a new one"
            )
        elif source.kind == TREE and "id" not in source.columns:
            self.warn(
                f"{source.path} (sObject tree): its records carry no Salesforce ids, so names "
                "tell them (sf:name:…; activities and line items their content) and a renamed "
                "record becomes a new one"
            )
        elif source.kind == HANDMADE:
            self.warn(
                f"{source.path}: none of Salesforce's system columns (IsDeleted, OwnerId, "
                f"CreatedDate…); read with defaults: {', '.join(self._defaults(source))}"
            )

    @staticmethod
    def _defaults(source: Source) -> list[str]:
        defaults = ["no row is deleted"]
        if source.object in OWNED and "owner.name" not in source.columns:
            defaults.append("no owner")
        if source.object == "User" and "usertype" not in source.columns:
            defaults.append("every user is one of ours")
        if source.object == "Task" and "isclosed" not in source.columns:
            defaults.append("every task is done")
        if "id" not in source.columns:
            defaults.append("records are told by their names (no Id column)")
        return defaults

    def has(self, obj: str) -> bool:
        """Whether a file of the export holds records of ``obj``."""
        return any(source.object == obj for source in self.sources)

    # rows

    def records(self, *objects: str) -> Iterator[Rec]:
        """The rows of the sources of ``objects`` that are not left out (:mod:`.left_out`)."""
        for source in self.sources:
            if source.object in objects:
                yield from self.source_records(source)

    def source_records(self, source: Source) -> Iterator[Rec]:
        left_out = LeftOut(source)
        for line, fields in source.rows():
            if left_out.keeps(fields):
                yield Rec(source, line, fields)
        self.warn_left_out(left_out)

    def warn_left_out(self, left_out: LeftOut) -> None:
        for reason, count in left_out.counts.items():
            self.warn(f"{left_out.source.path}: {count} row(s) left out: {reason}")

    def row(
        self,
        rec: Rec,
        record_id: str,
        data: dict[str, str],
        *,
        obj: str = "",
        counted: bool = True,
        fills: bool = False,
    ) -> SourceRow:
        """A canonical row from ``rec``, its origin the record ``record_id`` of ``obj``
        (``fills``: a placeholder, which only fills what the store lacks)."""
        origin = _origin(obj or rec.source.object, record_id)
        return self.derived(rec, origin, data, counted=counted, fills=fills)

    def record_row(
        self, source: Source, line: int, record_id: str, data: dict[str, str]
    ) -> SourceRow:
        """The canonical row of the record ``record_id`` of ``source``, read on ``line``
        (as :meth:`row` makes it)."""
        origin = _origin(source.object, record_id)
        return SourceRow(source.path, line, data, origin=origin, day_first=self.context.day_first)

    def derived(
        self, rec: Rec, origin: str, data: dict[str, str], *, counted: bool, fills: bool = False
    ) -> SourceRow:
        return SourceRow(
            rec.source.path,
            rec.line,
            data,
            origin=origin,
            counted=counted,
            fills=fills,
            day_first=self.context.day_first,
        )

    def first(self, rec: Rec, record_id: str, seen: set[str]) -> bool:
        """Whether ``record_id`` is new to ``seen`` (then added); a repeat is rejected."""
        if record_id in seen:
            self.reject(rec, "id", f"a second row for {record_id}; the first is kept", skip=True)
            return False
        seen.add(record_id)
        return True

    def warn(self, message: str) -> None:
        if message not in self._warned:
            self._warned.add(message)
            self.report.warnings.append(message)

    def reject(self, rec: Rec, name: str, reason: str, *, skip: bool = False) -> None:
        """Report a value; with ``skip``, the row is left out and counted as rejected."""
        path, column = rec.source.path, rec.source.columns.get(name, name)
        reject = Reject(
            path, rec.line, column, rec.get(name), f"{reason}; row skipped" if skip else reason
        )
        if reject not in self._rejected:
            self._rejected.add(reject)
            self.report.rejects.append(reject)
        if skip and (path, rec.line) not in self._skipped:
            self._skipped.add((path, rec.line))
            self.report.skipped[path] = self.report.skipped.get(path, 0) + 1

    # ids and references

    def id(self, rec: Rec, name: str, *, skip: bool = False) -> str | None:
        """``sf:`` and the id in ``name`` (:func:`~.ids.record_id`); ``None`` when blank or
        damaged (rejected). The ids rows refer to repeat (owners, accounts, contacts), so
        each Salesforce id is read once."""
        text = rec.get(name)
        known = self._ids.get(text)
        if known is not None or not text:
            return known
        found, salesforce = self._read_id(rec, name, text, skip=skip)
        if salesforce and found is not None:
            self._ids[text] = found
        return found

    def _read_id(self, rec: Rec, name: str, text: str, *, skip: bool) -> tuple[str | None, bool]:
        """The id in ``text`` (the value of ``name``), and whether Salesforce made it."""
        try:
            found, salesforce = ids.read(text)
        except ids.DamagedId as exc:
            self.reject(rec, name, str(exc) if skip else f"{exc}; left out", skip=skip)
            return None, False
        if found is not None and not salesforce:
            self._note_opaque(rec, name)
        return found, salesforce

    def _note_opaque(self, rec: Rec, name: str) -> None:
        key = (rec.source.path, name)
        if key not in self._opaque:
            self._opaque.add(key)
            column = rec.source.columns.get(name, name)
            self.warn(
                f"{rec.source.path}: {column} holds ids that are not Salesforce's (such as "
                f"{rec.get(name)!r}); kept as they are, so only the same text is the same record"
            )

    def own_id(self, rec: Rec) -> str | None:
        """The row's record id; from its name (content, for activities) when it has no id.
        The ids of records that other rows refer to are kept for them (not those of
        activities and line items, which are many and which no row names)."""
        obj = rec.source.object
        if rec.has("id"):
            text = rec.get("id")
            if not text:
                self.reject(rec, "id", f"no {obj} id", skip=True)
                return None
            if obj in UNNAMED:
                return self._read_id(rec, "id", text, skip=True)[0]
            return self.id(rec, "id", skip=True)
        if obj in UNNAMED:
            content = "\n".join(f"{name}={rec.fields[name]}" for name in sorted(rec.fields))
            return f"sf:row:{hashlib.sha256(content.encode()).hexdigest()[:16]}"
        name = full_name(rec.fields)
        if not name:
            self.reject(rec, "name", f"no {obj} id and no name to tell the row by", skip=True)
            return None
        qualifier = rec.get("account.name") if obj in QUALIFIED_BY_ACCOUNT else ""
        return ids.named(obj, name, qualifier)

    def ref(self, rec: Rec, obj: str, id_field: str, name_field: str) -> str | None:
        """The record of ``obj`` a row refers to: by id, else by name."""
        if rec.get(id_field):
            return self.id(rec, id_field)
        name = rec.get(name_field)
        if not name:
            return None
        account, qualifier = "", ""
        if obj == "Contact":
            qualifier = rec.get(f"{name_field.removesuffix('.name')}.account.name")
            if qualifier:
                account = self._by_name(rec, "Account", qualifier, "", "")
            else:
                qualifier = rec.get("account.name")
                account = self.ref(rec, "Account", "accountid", "account.name") or ""
        return self._by_name(rec, obj, name, account, qualifier)

    def _by_name(self, rec: Rec, obj: str, name: str, account: str, qualifier: str) -> str:
        """The record of ``obj`` named ``name`` (of ``account``): one of the export that has
        an id, else the id of a record known by name only."""
        index = self._index(obj)
        for key in ([f"{account}/{text_key(name)}"] if account else []) + [text_key(name)]:
            found = index.get(key, set())
            if len(found) == 1:
                return next(iter(found))
            if found:
                self.warn(
                    f"{rec.source.path}: {name!r} names {len(found)} {obj} records; matched to none"
                )
                break
        return ids.named(obj, name, qualifier if obj in QUALIFIED_BY_ACCOUNT else "")

    def _index(self, obj: str) -> dict[str, set[str]]:
        """Ids of the records of ``obj`` that have one, by name (and ``account/name``)."""
        if obj not in self._indexes:
            index: dict[str, set[str]] = defaultdict(set)
            for rec in self.records(obj):
                record_id = self.id(rec, "id", skip=True) if rec.get("id") else None
                name = text_key(full_name(rec.fields))
                if record_id and name:
                    index[name].add(record_id)
                    if obj == "Contact" and (
                        account := self.ref(rec, "Account", "accountid", "account.name")
                    ):
                        index[f"{account}/{name}"].add(record_id)
            self._indexes[obj] = index
        return self._indexes[obj]

    def named_references(
        self, objects: Iterable[str], obj: str, id_field: str, name_field: str
    ) -> Iterator[tuple[str, Rec]]:
        """Each record of ``obj`` that a row of ``objects`` refers to and names (by id and
        name, or by name only), with the row."""
        wanted = set(objects)
        for source in self.sources:
            if source.object in wanted and name_field in source.columns:
                for rec in self.source_records(source):
                    found = self.ref(rec, obj, id_field, name_field)
                    if found and rec.get(name_field):
                        yield found, rec

    def named_only(
        self, objects: Iterable[str], obj: str, id_field: str, name_field: str
    ) -> Iterator[tuple[str, Rec]]:
        """Records of ``obj`` that rows of ``objects`` name but no file of the export holds."""
        wanted = set(objects)
        for source in self.sources:
            if source.object in wanted and name_field in source.columns:
                for rec in self.source_records(source):
                    if not rec.get(id_field):
                        found = self.ref(rec, obj, id_field, name_field)
                        if found and found.startswith("sf:name:"):
                            yield found, rec

    def owner(self, rec: Rec) -> str | None:
        """The person who owns the row's record; ``None`` for none, or a queue (warned)."""
        found = self.ref(rec, "User", "ownerid", "owner.name")
        if found and self.object_of(found) == "Group":
            self.warn(
                f"{rec.source.path}: records owned by a queue or group (00G…) have no owner "
                "among the people"
            )
            return None
        return found

    def object_of(self, record: str) -> str | None:
        """The object of an id: by its key prefix, else the object of the file that holds
        it; ``None`` when neither tells."""
        if record not in self._objects:
            self._objects[record] = (
                ids.object_of(record) if ids.is_salesforce(record) else self._defined.get(record)
            )
        return self._objects[record]

    @cached_property
    def _defined(self) -> dict[str, str]:
        """The object of each id of the export that is none of Salesforce's."""
        found: dict[str, str] = {}
        for source in self.sources:
            if "id" in source.columns:
                for rec in self.source_records(source):
                    record_id, salesforce = self._read_id(rec, "id", rec.get("id"), skip=True)
                    if record_id and not salesforce:
                        found.setdefault(record_id, source.object)
        return found
