"""Rows of one canonical table that share a key become one row, as the mapping says.

The key is what the store keys the record by: the ``id`` of a node; the two ends of a
relationship (and, for ``supplies``, its product and category). Rows that share a key are
combined by the table's ``duplicates`` rule (see :class:`~.model.Duplicates`) and never
overwrite one another unnoticed:

* ``error`` (the default): a row that repeats a key with the same values adds nothing;
  one with other values is rejected, naming the line it disagrees with.
* ``first``, ``last``: each column takes the first (last) non-blank value of the rows.
* ``sum`` and the other combined columns: numbers added up, the earliest or latest date.

The combined row takes the place of the first row (the last with ``last``); each other
counted row is passed on again with the combined values, so it is counted (unchanged).
Only ``error`` without combined columns passes rows on as they come; the others keep one
row per key in memory until the table's rows are all read.

>>> rows = [SourceRow("a.csv", n, {"id": "p1", "name": name}) for n, name in [(2, "Ann"), (3, "Ann"), (4, "Bo")]]
>>> report = AdapterReport()
>>> [r.line for r in combine("people", Duplicates(), rows, report)]
[2, 3]
>>> report.rejects[0].reason
"id 'p1' repeats line 2 with other values; give duplicates: first, last or sum to combine them"
>>> [r.data["name"] for r in combine("people", Duplicates(keep="last"), rows, AdapterReport())]
['Bo', 'Bo', 'Bo']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from ingest.adapters.base import AdapterReport
from ingest.adapters.mapping.model import SPECS
from ingest.adapters.mapping.parts import Duplicates
from ingest.records import Reject, SourceRow
from ingest.values import parse_datetime, parse_float

_RELATIONSHIP_KEYS: dict[str, tuple[str, ...]] = {
    "offers": ("company_id", "product_id"),
    "supplies": ("supplier_id", "customer_id", "product_id", "category"),
    "account_managers": ("person_id", "company_id"),
}
Key = tuple[str, ...]


def key_columns(table: str) -> tuple[str, ...]:
    """The columns that key a row of ``table``.

    >>> key_columns("people"), key_columns("account_managers")
    (('id',), ('person_id', 'company_id'))
    """
    if table in _RELATIONSHIP_KEYS:
        return _RELATIONSHIP_KEYS[table]
    spec = SPECS[table]
    return ("id",) if spec.label else spec.required


def combine(
    table: str,
    rule: Duplicates,
    rows: Iterable[SourceRow],
    report: AdapterReport,
    day_first: bool = False,
) -> Iterator[SourceRow]:
    """``rows`` of ``table`` with those that share a key combined by ``rule``."""
    combiner = _Combiner(table, rule, report, day_first)
    return combiner.stream(rows) if rule.streams else combiner.buffered(rows)


@dataclass
class _Group:
    """Rows that share a key, combined so far."""

    data: dict[str, str | None]
    lead: tuple[str, int, str | None, bool]
    """File, line, origin and counted of the row the combined row stands in for."""
    repeats: list[tuple[str, int]] = field(default_factory=list)
    """File and line of the other counted rows."""
    sums: dict[str, float] = field(default_factory=dict)
    dates: dict[str, tuple[datetime, str]] = field(default_factory=dict)


@dataclass
class _Combiner:
    table: str
    rule: Duplicates
    report: AdapterReport
    day_first: bool
    columns: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.columns = key_columns(self.table)

    def _key(self, row: SourceRow) -> Key | None:
        """The row's key; None when a part the table requires is blank (its builder rejects it)."""
        key = tuple(row.raw(c) for c in self.columns)
        required = SPECS[self.table].required
        if any(not part and c in required for c, part in zip(self.columns, key, strict=True)):
            return None
        return key

    def stream(self, rows: Iterable[SourceRow]) -> Iterator[SourceRow]:
        seen: dict[Key, tuple[int, str | None, str, int]] = {}
        for row in rows:
            key = self._key(row)
            if key is None:
                yield row
                continue
            fingerprint = hash(frozenset(row.data.items()))
            first = seen.get(key)
            if first is None:
                seen[key] = (fingerprint, row.origin, row.file, row.line)
                yield row
            elif first[0] == fingerprint:
                if row.counted:
                    row.origin = first[1]
                    yield row
            else:
                self._reject(row, key, (first[2], first[3]), "with other values")

    def buffered(self, rows: Iterable[SourceRow]) -> Iterator[SourceRow]:
        groups: dict[Key, _Group] = {}
        for row in rows:
            key = self._key(row)
            if key is None:
                yield row
            elif (group := groups.get(key)) is None:
                groups[key] = self._start(row)
            else:
                self._fold(group, row, key)
        for group in groups.values():
            yield from self._rows(group)

    def _start(self, row: SourceRow) -> _Group:
        group = _Group(dict(row.data), (row.file, row.line, row.origin, row.counted))
        for column in self.rule.combined:
            group.data.pop(column, None)
        self._add_combined(group, row)
        return group

    def _fold(self, group: _Group, row: SourceRow, key: Key) -> None:
        lead_file, lead_line = group.lead[:2]
        if self.rule.sum and (clash := _currency_clash(group.data, row)):
            return self._reject(row, key, (lead_file, lead_line), clash)
        combined = set(self.rule.combined)
        mine = {c: v for c, v in row.data.items() if c not in combined and row.raw(c)}
        if self.rule.keep == "error":
            differ = {
                c: v
                for c, v in mine.items()
                if (group.data.get(c) or "").strip() not in ("", row.raw(c))
            }
            if differ:
                shown = ", ".join(
                    f"{c}: {row.raw(c)!r} here, {group.data[c]!r} there" for c in differ
                )
                return self._reject(
                    row, key, (lead_file, lead_line), f"with other values ({shown})"
                )
        if self.rule.keep == "last":
            group.data.update(mine)
            if group.lead[3]:
                group.repeats.append((lead_file, lead_line))
            group.lead = (row.file, row.line, row.origin, row.counted)
        else:
            for column, value in mine.items():
                if not (group.data.get(column) or "").strip():
                    group.data[column] = value
            if row.counted:
                group.repeats.append((row.file, row.line))
        self._add_combined(group, row)
        return None

    def _add_combined(self, group: _Group, row: SourceRow) -> None:
        """Add the row's numbers to the sums and its dates to the earliest and latest."""
        for column in self.rule.sum:
            if value := row.raw(column):
                try:
                    group.sums[column] = group.sums.get(column, 0.0) + parse_float(value)
                except ValueError as exc:
                    row.reject(column, f"{column}: {exc}; not added up")
        for columns, later in ((self.rule.earliest, False), (self.rule.latest, True)):
            for column in columns:
                if not (value := row.raw(column)):
                    continue
                try:
                    when = parse_datetime(value, day_first=self.day_first)
                except ValueError as exc:
                    row.reject(column, f"{column}: {exc}")
                    continue
                known = group.dates.get(column)
                if known is None or (when > known[0] if later else when < known[0]):
                    group.dates[column] = (when, value)
        self.report.rejects.extend(row.rejects)
        row.rejects.clear()

    def _rows(self, group: _Group) -> Iterator[SourceRow]:
        data = dict(group.data)
        data.update({c: format(total, ".15g") for c, total in group.sums.items()})
        data.update({c: text for c, (_, text) in group.dates.items()})
        file, line, origin, counted = group.lead
        yield SourceRow(file, line, data, origin=origin, counted=counted, day_first=self.day_first)
        for file, line in group.repeats:
            yield SourceRow(file, line, data, origin=origin, day_first=self.day_first)

    def _reject(self, row: SourceRow, key: Key, first: tuple[str, int], how: str) -> None:
        where = f"line {first[1]}" if first[0] == row.file else f"{first[0]}, line {first[1]}"
        shown = ", ".join(
            f"{c} {part!r}" for c, part in zip(self.columns, key, strict=True) if part
        )
        reason = f"{shown} repeats {where} {how}"
        if self.rule.keep == "error":
            reason += "; give duplicates: first, last or sum to combine them"
        value = ", ".join(part for part in key if part)
        self.report.rejects.append(
            Reject(row.file, row.line, ", ".join(self.columns), value, reason)
        )
        if row.counted:
            self.report.skipped[row.file] = self.report.skipped.get(row.file, 0) + 1


def _currency_clash(data: dict[str, str | None], row: SourceRow) -> str | None:
    """Why the row's amounts cannot be added to ``data``'s: another currency."""
    mine, theirs = row.raw("currency").upper(), (data.get("currency") or "").strip().upper()
    if mine and theirs and mine != theirs:
        return f"in {mine}, not {theirs}: amounts in different currencies are not added up"
    return None
