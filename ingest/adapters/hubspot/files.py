"""The files of a HubSpot export: which object each holds (told by its headers), and its
rows with their fields.

A file's object is the one whose marker headers it has most of (an "export all properties"
file of contacts also has a "Company Name", a companies file never a "First Name"); a file
of users ("Owner ID" or "User ID", no "Record ID") lists the owners.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

from ingest.adapters.hubspot.headers import (
    ACTIVITY_HEADER_PREFIXES,
    HUBSPOT_ONLY,
    OBJECTS,
    OWNERS,
    RECORD_ID,
    SHARED_ACTIVITY_HEADERS,
    Columns,
    HubSpotObject,
    header_key,
)
from ingest.errors import ExportError
from ingest.normalize import text_key
from ingest.sources import ExportFile

_NOT_LETTERS = re.compile(r"[^a-z]+")
_TYPE_WORDS: Mapping[str, str] = {
    "call": "call",
    "calls": "call",
    "email": "email",
    "emails": "email",
    "meeting": "meeting",
    "meetings": "meeting",
    "note": "note",
    "notes": "note",
    "task": "task",
    "tasks": "task",
}
"""Activity type by a word of a file name: the last resort for a file of one type."""
_RECORD_IDS = frozenset(map(header_key, RECORD_ID))
_OWNER_FILE_WORDS = frozenset({"owners", "users"})


@dataclass(frozen=True)
class HubSpotFile:
    """A file of the export, the object it holds and its columns."""

    kind: HubSpotObject
    export: ExportFile
    headers: Columns
    """The file's own headers by field, the preferred first."""

    @property
    def path(self) -> str:
        return self.export.path

    @cached_property
    def activity_type(self) -> str:
        """The type of every activity of a file of one type: the one whose own columns it has
        ("Call outcome"), else the one its name says (``all-calls.csv``); ``""`` if neither."""
        folded = [text_key(h) for h in self.export.header if h]
        by_headers = {
            kind
            for kind, prefixes in ACTIVITY_HEADER_PREFIXES.items()
            for header in folded
            if header.startswith(prefixes) and header not in SHARED_ACTIVITY_HEADERS
        }
        if len(by_headers) == 1:
            return next(iter(by_headers))
        named = (_TYPE_WORDS.get(w) for w in _NOT_LETTERS.split(self.export.name))
        return next((kind for kind in named if kind), "")

    def rows(self) -> Iterator[Row]:
        for line, data in self.export.rows():
            yield Row(self, line, data)


@dataclass(frozen=True)
class Row:
    """A row of a HubSpot file, read by field."""

    file: HubSpotFile
    line: int
    data: Mapping[str, str | None]

    def values(self, name: str) -> list[tuple[str, str]]:
        """``(header, value)`` of each non-blank column of field ``name``, the preferred first."""
        cells = ((h, (self.data.get(h) or "").strip()) for h in self.file.headers.get(name, ()))
        return [(header, value) for header, value in cells if value]

    def get(self, name: str) -> str:
        """The first non-blank value of field ``name``, ``""`` if none."""
        for header in self.file.headers.get(name, ()):
            if (value := self.data.get(header)) and (value := value.strip()):
                return value
        return ""

    @property
    def record_id(self) -> str:
        return self.get("id")

    def column(self, name: str) -> str:
        """The header to name in a reject of field ``name``."""
        headers = [h for h, _ in self.values(name)] or list(self.file.headers.get(name, ()))
        return headers[0] if headers else self.file.kind.columns[name][0]


def classify(export_file: ExportFile) -> HubSpotFile | None:
    """What ``export_file`` holds, by its header; ``None`` if no HubSpot object
    (:class:`~ingest.errors.ExportError` if it cannot be read)."""
    present: dict[str, str] = {}
    for header in export_file.header:
        if header:
            present.setdefault(header_key(header), header)
    kind = _object(present, set(_NOT_LETTERS.split(export_file.name)))
    if kind is None:
        return None
    headers = {
        name: found
        for name, spellings in kind.columns.items()
        if (
            found := tuple(
                dict.fromkeys(present[k] for k in map(header_key, spellings) if k in present)
            )
        )
    }
    return HubSpotFile(kind, export_file, headers)


def _object(present: Mapping[str, str], name_words: set[str]) -> HubSpotObject | None:
    """The object whose markers a header has most of; a file without record ids is the
    owners file if it has an owner id column, or is named so and has names or e-mails."""
    if _RECORD_IDS.isdisjoint(present):
        listed = any(header_key(h) in present for h in OWNERS.markers)
        named = name_words & _OWNER_FILE_WORDS and any(
            header_key(h) in present
            for f in ("name", "last_name", "email")
            for h in OWNERS.columns[f]
        )
        if listed or named:
            return OWNERS
    scores = [
        (len(present.keys() & {header_key(m) for m in kind.markers}), -rank, kind)
        for rank, kind in enumerate(OBJECTS)
        if kind is not OWNERS
    ]
    score, _, best = max(scores, key=lambda s: s[:2])
    return best if score else None


def is_hubspot(export_file: ExportFile) -> bool:
    """True for a readable file of a HubSpot object, with its id column and a header that
    only HubSpot writes: what detecting the format asks of at least one file."""
    try:
        found = classify(export_file)
    except ExportError:
        return False
    if found is None or "id" not in found.headers:
        return False
    headers = [h for h in export_file.header if h]
    keys = {header_key(h) for h in headers}
    return bool(keys & HUBSPOT_ONLY) or any(text_key(h).startswith("hs_") for h in headers)
