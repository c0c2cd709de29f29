"""Lookups: the rows of a file by a key, for joins from the rows of other files.

A lookup is read when a table first joins it, and kept in memory (one row per key).
Rows whose key repeats are reported unless the lookup says which to take.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ingest.adapters.base import AdapterReport
from ingest.adapters.mapping.parts import Lookup, selects
from ingest.adapters.mapping.templates import FILE, HOME, ROW, Getter, names, render
from ingest.records import Reject
from ingest.sources import ExportFile, Row


@dataclass
class Index:
    """The rows of one lookup by key."""

    name: str
    lookup: Lookup
    files: list[str]
    rows: dict[str, Row] = field(default_factory=dict)

    def find(self, key: str) -> Row | None:
        return self.rows.get(key.casefold() if self.lookup.ignore_case else key)

    def describe(self) -> str:
        """The lookup and its files, as a message names them."""
        return f"lookup {self.name} ({', '.join(self.files) or 'no file'})"


@dataclass
class Lookups:
    """The lookups of a mapping, each read on first use."""

    lookups: Mapping[str, Lookup]
    files: list[ExportFile]
    report: AdapterReport
    home: str
    wanted: dict[str, set[str]] = field(default_factory=dict)
    """The columns read of each lookup, to warn about those its files lack."""
    _indexes: dict[str, Index] = field(default_factory=dict)

    def selected(self) -> set[str]:
        """The paths of the files some lookup reads."""
        return {f.path for lookup in self.lookups.values() for f in self.files if _reads(lookup, f)}

    def index(self, name: str) -> Index:
        if name not in self._indexes:
            self._indexes[name] = self._read(name, self.lookups[name])
        return self._indexes[name]

    def _read(self, name: str, lookup: Lookup) -> Index:
        chosen = [f for f in self.files if _reads(lookup, f)]
        index = Index(name, lookup, [f.path for f in chosen])
        if not chosen:
            asked = [f"named {lookup.file!r}"] if lookup.file else []
            asked += [f"with columns {', '.join(lookup.headers)}"] if lookup.headers else []
            self.report.warnings.append(
                f"lookups.{name}: no file of the export is {' and '.join(asked)}; "
                "its columns are blank"
            )
        lines: dict[str, tuple[str, int]] = {}
        for export_file in chosen:
            wanted = self.wanted.get(name, set()) | names(lookup.key)
            if missing := sorted(wanted - set(export_file.header)):
                self.report.warnings.append(
                    f"{export_file.path}: no column {', '.join(missing)} for lookups.{name}; "
                    "left blank"
                )
            for number, (line, data) in enumerate(export_file.rows(), start=1):
                specials = {HOME: self.home, ROW: str(number), FILE: export_file.name}
                key = render(lookup.key, _getter(specials, data))
                if key is None:
                    continue
                if lookup.ignore_case:
                    key = key.casefold()
                if key in lines and lookup.duplicates != "last":
                    if lookup.duplicates == "error":
                        self._repeat(name, lookup, export_file.path, line, key, lines[key])
                    continue
                lines[key] = (export_file.path, line)
                index.rows[key] = data
        return index

    def _repeat(
        self, name: str, lookup: Lookup, path: str, line: int, key: str, first: tuple[str, int]
    ) -> None:
        where = f"line {first[1]}" if first[0] == path else f"{first[0]}, line {first[1]}"
        reason = (
            f"lookups.{name}: key {key!r} repeats {where}, which is the one looked up "
            "(say duplicates: first or last to take one without this report)"
        )
        column = ", ".join(sorted(names(lookup.key)))
        self.report.rejects.append(Reject(path, line, column, key, reason))


def _reads(lookup: Lookup, export_file: ExportFile) -> bool:
    return selects(lookup.file, lookup.headers, export_file)


def _getter(specials: Mapping[str, str], data: Row) -> Getter:
    return lambda name: specials.get(name) or data.get(name) or ""
