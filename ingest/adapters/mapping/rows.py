"""The rows one entry of a mapping makes from the rows of its files.

For each row of a file: its computed fields and joins are worked out as templates read
them, ``for_each`` makes one row per item, ``skip_if`` and ``keep_if`` leave rows out,
and the columns and properties are made. A value that cannot be made (a date in none of
its formats) is rejected and left blank; when its column is required, the row is left out
and, if it is counted, counted as rejected.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ingest.adapters.base import AdapterReport
from ingest.adapters.mapping.lookups import Lookups
from ingest.adapters.mapping.model import SPECS, MappingFile, TableMap
from ingest.adapters.mapping.templates import FILE, HOME, ROW, names, render
from ingest.adapters.mapping.values import ValueSpec, field_values
from ingest.records import Reject, SourceRow
from ingest.sources import ExportFile, Row


@dataclass(frozen=True)
class Context:
    """What every entry's rows need."""

    mapping: MappingFile
    home: str
    day_first: bool
    report: AdapterReport
    lookups: Lookups


@dataclass
class _Failures:
    """The values of one source row that could not be made, each once, and whether each was
    made for one ``for_each`` item (else for the row)."""

    seen: dict[tuple[str, str, str], bool] = field(default_factory=dict)

    def add(self, name: str, spec: ValueSpec, text: str, reason: str, per_item: bool) -> None:
        self.seen.setdefault((spec.source or name, text, f"{name}: {reason}"), per_item)

    def mark(self) -> int:
        return len(self.seen)

    def forget(self, mark: int) -> None:
        """Drop the values made for an item since ``mark`` (an item that was left out)."""
        for key in list(self.seen)[mark:]:
            if self.seen[key]:
                del self.seen[key]

    def report(self, path: str, line: int, report: AdapterReport) -> None:
        for column, text, reason in self.seen:
            report.rejects.append(Reject(path, line, column, text, reason))


class Scope:
    """The names one row of an entry can read, worked out when first read: for the row, or
    for one ``for_each`` item of it (what does not depend on the item, the row's scope
    makes once)."""

    def __init__(
        self,
        entry: TableMap,
        data: Row,
        specials: dict[str, str],
        context: Context,
        failures: _Failures,
        item: tuple[str, str] | None = None,
        row: Scope | None = None,
    ) -> None:
        self.entry = entry
        self.data = data
        self.specials = specials
        self.context = context
        self.failures = failures
        self.item = item
        self.row = row
        self._computed: dict[str, str] = {}
        self._joined: dict[str, Row | None] = {}

    def with_item(self, name: str, item: str) -> Scope:
        """This row with the ``for_each`` item ``item``."""
        return Scope(
            self.entry, self.data, self.specials, self.context, self.failures, (name, item), self
        )

    def get(self, name: str) -> str:
        if name in self.specials:
            return self.specials[name]
        if self.item is not None and name == self.item[0]:
            return self.item[1]
        if name in self.entry.computed:
            if self.row is not None and name not in self.entry.per_item:
                return self.row.get(name)
            if name not in self._computed:
                self._computed[name] = self._value(name, self.entry.computed[name])
            return self._computed[name]
        alias, dot, column = name.partition(".")
        if dot and alias in self.entry.join:
            row = self.joined(alias)
            return (row.get(column) or "").strip() if row is not None else ""
        return (self.data.get(name) or "").strip()

    def joined(self, alias: str) -> Row | None:
        """The lookup row join ``alias`` finds, if any."""
        if self.row is not None and alias not in self.entry.per_item:
            return self.row.joined(alias)
        if alias not in self._joined:
            join = self.entry.join[alias]
            key = render(join.key, self.get)
            index = self.context.lookups.index(join.lookup)
            self._joined[alias] = index.find(key) if key is not None else None
        return self._joined[alias]

    def items(self) -> list[tuple[str, str]]:
        """The ``for_each`` name and each of its items, without repeats."""
        [(name, specs)] = self.entry.for_each.items()
        items: dict[str, None] = {}
        for spec in specs:
            found, failed = spec.evaluate(self.get)
            items.update(dict.fromkeys(found))
            for text, reason in failed:
                self.failures.add(name, spec, text, reason, per_item=False)
        return [(name, item) for item in items]

    def fail(self, name: str, spec: ValueSpec, text: str, reason: str) -> None:
        """Report a value of ``name`` that could not be made."""
        self.failures.add(name, spec, text, reason, per_item=self.item is not None)

    def _value(self, name: str, specs: list[ValueSpec]) -> str:
        value, failed = field_values(specs, self.get)
        for spec, text, reason in failed:
            self.fail(name, spec, text, reason)
        return value or ""


@dataclass
class EntryRows:
    """The rows of one entry of the mapping."""

    entry: TableMap
    context: Context

    def rows(self, export_file: ExportFile, counted: bool) -> Iterator[SourceRow]:
        """The rows the entry makes from ``export_file``; the first row made from each of its
        rows is ``counted`` (the entry that counts the file's rows), the others derived."""
        report = self.context.report
        for number, (line, data) in enumerate(export_file.rows(), start=1):
            first, made = counted, False
            failures = _Failures()
            for row in self._made(export_file, number, line, data, failures):
                made = True
                if row is None:
                    if first:
                        report.skipped[export_file.path] = (
                            report.skipped.get(export_file.path, 0) + 1
                        )
                else:
                    row.counted = first
                    yield row
                first = False
            if made:  # a row left out altogether rejects nothing
                failures.report(export_file.path, line, report)

    def _made(
        self, export_file: ExportFile, number: int, line: int, data: Row, failures: _Failures
    ) -> Iterator[SourceRow | None]:
        """The rows made from one row; None for each left out for a rejected value."""
        entry, context = self.entry, self.context
        specials = {HOME: context.home, ROW: str(number), FILE: export_file.name}
        scope = Scope(entry, data, specials, context, failures)
        scopes = [scope.with_item(*item) for item in scope.items()] if entry.for_each else [scope]
        for each in scopes:
            mark = failures.mark()
            if not self._kept(each):
                failures.forget(mark)
                continue
            values = self._values(each, export_file.path, line)
            if values is None:
                yield None
                continue
            source_id = render(entry.source_id, each.get) if entry.source_id else None
            origin = source_id or f"{export_file.path}:{line}"
            yield SourceRow(
                export_file.path,
                line,
                values,
                origin=f"{context.mapping.name}:{entry.name or entry.table}:{origin}",
                day_first=context.day_first,
            )

    def _kept(self, scope: Scope) -> bool:
        """Whether the row is kept by ``skip_if``, ``keep_if`` and ``direction``."""
        entry = self.entry
        if any(c.holds(scope.get) for c in entry.skip_if):
            return False
        if not all(c.holds(scope.get) for c in entry.keep_if):
            return False
        direction = entry.direction
        return direction is None or direction.sides(scope.get, self.context.home) is not None

    def _values(self, scope: Scope, path: str, line: int) -> dict[str, str] | None:
        """The canonical columns and properties of a row; None when a required value was
        rejected."""
        entry = self.entry
        report = self.context.report
        for alias, join in entry.join.items():
            if join.required and scope.joined(alias) is None:
                index = self.context.lookups.index(join.lookup)
                key = render(join.key, scope.get) or ""
                column = ", ".join(sorted(names(join.key)))
                reason = f"join {alias}: no row of {index.describe()} has the key {key!r}"
                report.rejects.append(Reject(path, line, column, key, reason))
                return None
        values: dict[str, str] = {}
        if entry.direction is not None:
            values.update(entry.direction.sides(scope.get, self.context.home) or {})
        required = SPECS[entry.table].required
        rejected = False
        for group in (entry.columns, entry.properties):
            for name, specs in group.items():
                value, failed = field_values(specs, scope.get)
                for spec, text, reason in failed:
                    scope.fail(name, spec, text, reason)
                rejected = rejected or bool(failed and name in required)
                if value is not None:
                    values[name] = value
        return None if rejected else values
