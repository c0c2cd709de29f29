"""What a source row becomes: node and relationship records, or rejects.

>>> row = SourceRow("people.csv", 7, {"id": "p1", "started_at": "yesterday"})
>>> row.datetime("started_at") is None, row.rejects[0].column, row.rejects[0].line
(True, 'started_at', 7)
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from graph_model.store import RelRow
from ingest.values import parse_bool, parse_datetime, parse_float, parse_list

T = TypeVar("T")


@dataclass(frozen=True)
class Reject:
    """A value that could not be taken, and why."""

    file: str
    line: int
    column: str
    value: str
    reason: str


@dataclass(slots=True)
class Ref:
    """A node a record needs: ``id`` of ``label``, read from ``column``."""

    label: str
    id: str
    column: str


@dataclass(slots=True)
class NodeRecord:
    label: str
    props: dict[str, Any]
    merge: bool = False
    """Lay the props over the stored node's (blanks keep stored values, lists are united)
    instead of replacing them: for sources that hold only part of what a node knows."""
    fill: bool = False
    """Only fill what the stored node lacks (a placeholder: a person the export names by id,
    whom another export describes)."""


@dataclass(slots=True, kw_only=True)
class RelRecord(RelRow):
    """A relationship of ``type`` as the store takes it, with the nodes it needs."""

    type: str
    refs: tuple[Ref, ...]


Record = NodeRecord | RelRecord


@dataclass(slots=True)
class SourceRow:
    """One row of a source file, with typed accessors that collect rejects."""

    file: str
    line: int
    data: Mapping[str, str | None]
    origin: str | None = None
    """Provenance: ``system:object:id`` of the source record, kept on what the row creates."""
    counted: bool = True
    """False for rows an adapter derives from a row already counted (an account's supplier link)."""
    fills: bool = False
    """True for placeholder rows: their node only fills what the store lacks."""
    day_first: bool = False
    rejects: list[Reject] = field(default_factory=list)

    @property
    def sources(self) -> builtins.list[str] | None:
        """The provenance list a record of this row carries."""
        return [self.origin] if self.origin else None

    def raw(self, column: str) -> str:
        value = self.data.get(column)
        return "" if value is None else str(value).strip()

    def reject(self, column: str, reason: str, value: str | None = None) -> None:
        shown = self.raw(column) if value is None else value
        self.rejects.append(Reject(self.file, self.line, column, shown, reason))

    def text(self, column: str, *, required: bool = False) -> str | None:
        value = self.data.get(column)
        if value and (value := value.strip()):
            return value
        if required:
            self.reject(column, f"{column} is required")
        return None

    def _parsed(self, column: str, parse: Callable[[str], T], required: bool) -> T | None:
        value = self.text(column, required=required)
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as exc:
            self.reject(column, str(exc))
            return None

    def datetime(self, column: str, *, required: bool = False) -> datetime | None:
        value = self.text(column, required=required)
        if value is None:
            return None
        try:
            return parse_datetime(value, day_first=self.day_first)
        except ValueError as exc:
            self.reject(column, str(exc))
            return None

    def number(self, column: str) -> builtins.float | None:
        return self._parsed(column, parse_float, False)

    def flag(self, column: str) -> builtins.bool | None:
        return self._parsed(column, parse_bool, False)

    def items(self, column: str, *, required: bool = False) -> builtins.list[str]:
        value = self.text(column, required=required)
        return [] if value is None else parse_list(value)

    def currency(self, column: str) -> str | None:
        """A three-letter ISO 4217 code, in capitals (``eur`` is ``EUR``)."""
        value = self.text(column)
        if value is None:
            return None
        if len(value) == 3 and value.isascii() and value.isalpha():
            return value.upper()
        self.reject(column, f"{value!r} is not a three-letter ISO 4217 currency code (EUR, USD)")
        return None

    def choice(
        self, column: str, choices: tuple[str, ...], *, required: bool = False
    ) -> str | None:
        """One of ``choices`` (given in lower case, ``_`` between words), however the value
        spells it (``Video-Call`` is ``video_call``)."""
        value = self.text(column, required=required)
        if value is None or value in choices:
            return value
        folded = value.lower().replace(" ", "_").replace("-", "_")
        if folded in choices:
            return folded
        self.reject(column, f"{value!r} is not one of: {', '.join(choices)}")
        return None

    def extras(self, known: frozenset[str]) -> dict[str, str]:
        """The non-blank values of columns the format does not define, kept as properties."""
        if self.data.keys() <= known:
            return {}
        return {
            k: v.strip()
            for k, v in self.data.items()
            if k and k not in known and isinstance(v, str) and v.strip()
        }
