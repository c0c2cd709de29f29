"""Read the tables of an export: a folder or a ``.zip`` of ``.csv`` and ``.jsonl`` files
(and whole ``.json`` documents, which the adapter that knows them reads).

Rows come with the line they start on, so a reject can name it even when a
quoted field spans several lines. No row is read whole when it is longer than
MAX_ROW_CHARS, and none is taken with a value longer than MAX_FIELD_CHARS: such
rows are rejected (file, line, column, reason) and the reading goes on after them.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "companies.csv").write_text('id,name\\nc1,"Acme,\\nInc"\\nc2,Beta\\n')
>>> [(line, row["name"]) for line, row in open_export(folder)["companies"].rows()]
[(2, 'Acme,\\nInc'), (4, 'Beta')]
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import cached_property, partial
from operator import itemgetter
from pathlib import Path, PurePath, PurePosixPath
from typing import IO, Any

from ingest import archive
from ingest.encodings import detect_encoding, sniff_delimiter
from ingest.errors import ExportError

Row = dict[str, str | None]
Opener = Callable[[], AbstractContextManager[IO[bytes]]]

MAX_FIELD_CHARS = 1 << 20
"""The longest CSV value taken (characters): a row with a longer one is rejected."""
MAX_ROW_CHARS = 1 << 22
"""The longest CSV row read (characters, all its lines): a longer one is rejected without
being held in memory. A CSV header or a JSONL line that long is an ExportError."""

csv.field_size_limit(MAX_ROW_CHARS)  # a value is never longer than its row


_LINE_ENDS = ("\n", "\r")
_SKIP_CHARS = 1 << 16


@dataclass(frozen=True)
class ExportFile:
    """One table of an export. ``name`` is the file name without folder or extension.

    CSV files may be UTF-8 (with or without a byte order mark), UTF-16 with a
    byte order mark, or Windows-1252/Latin-1 (detected, with a warning); the
    separator may be a comma, semicolon, tab or bar (detected from the header).
    Rows with more values than the header has columns (a separator inside an
    unquoted value shifts every column), with a value longer than MAX_FIELD_CHARS
    or longer than MAX_ROW_CHARS are set aside in ``rejects`` as ``(line, column,
    reason)``.
    """

    name: str
    path: str
    open: Opener
    rejects: list[tuple[int, str, str]] = field(default_factory=list, compare=False)

    @cached_property
    def _scan(self) -> tuple[str, tuple[str, str | None]]:
        """One pass over the bytes: their SHA-256 and their encoding."""
        digest = hashlib.sha256()

        def hashed(stream: IO[bytes]) -> Iterator[bytes]:
            for chunk in iter(partial(stream.read, 1 << 20), b""):
                digest.update(chunk)
                yield chunk

        with self.open() as stream:
            chunks = hashed(stream)
            try:
                encoding = detect_encoding(chunks)
            except ExportError as exc:
                raise ExportError(f"{self.path}, {exc}") from None
            for _ in chunks:
                pass
        return digest.hexdigest(), encoding

    @property
    def sha256(self) -> str:
        return self._scan[0]

    @property
    def _encoding(self) -> tuple[str, str | None]:
        return self._scan[1]

    @property
    def encoding_warning(self) -> str | None:
        """Why the file was not read as UTF-8, if it was not."""
        note = self._encoding[1]
        return f"{self.path}: {note}" if note else None

    @cached_property
    def delimiter(self) -> str:
        with self._text() as text:
            return sniff_delimiter(text.readline(MAX_ROW_CHARS))

    @property
    def document(self) -> bool:
        """A whole JSON document, not a table."""
        return self.path.lower().endswith(".json")

    @cached_property
    def header(self) -> list[str]:
        if self.document:
            return []
        if self.path.endswith(".jsonl"):
            first = next(self.rows(), None)
            return list(first[1]) if first else []
        with self._text() as text:
            return self._csv_header(csv.reader(_Lines(text), delimiter=self.delimiter))

    @contextmanager
    def _text(self) -> Iterator[io.TextIOWrapper]:
        with self.open() as stream:
            text = io.TextIOWrapper(stream, encoding=self._encoding[0], newline="")
            yield text

    def rows(self) -> Iterator[tuple[int, Row]]:
        """``(line, row)`` pairs; ``line`` is where the row starts (the header is line 1).
        A JSON document has none."""
        if self.document:
            return iter(())
        if self.path.endswith(".jsonl"):
            return self._jsonl_rows()
        return self._csv_rows()

    def _csv_header(self, reader: Iterator[list[str]]) -> list[str]:
        """The column names: the first row ``reader`` reads, stripped."""
        try:
            return [h.strip() for h in next(reader, [])]
        except _RowTooLong:
            raise ExportError(
                f"{self.path}, line 1: a header longer than {MAX_ROW_CHARS:,} characters"
            ) from None
        except csv.Error as exc:
            raise ExportError(f"{self.path}, line 1: unreadable CSV ({exc})") from exc

    def picked(self, columns: Sequence[str]) -> Iterator[tuple[int, tuple[str, ...]]]:
        """``(line, values)`` of the rows :meth:`rows` gives: the values of ``columns`` (of
        the header), ``""`` where a row has none, without a dict a row."""
        if self.document:
            return
        if self.path.endswith(".jsonl"):
            for line, row in self._jsonl_rows():
                yield line, tuple(row.get(column) or "" for column in columns)
            return
        header = self.header
        width, pick = len(header), _picker([header.index(column) for column in columns])
        for line, values in self._csv_values():
            if len(values) < width:
                values += [""] * (width - len(values))
            yield line, pick(values)

    def _csv_rows(self) -> Iterator[tuple[int, Row]]:
        header = self.header
        for start, values in self._csv_values():
            yield start, dict(zip(header, values, strict=False))

    def _csv_values(self) -> Iterator[tuple[int, list[str]]]:
        """``(line, values)`` of each row, less those set aside in :attr:`rejects`."""
        self.rejects.clear()
        with self._text() as text:
            lines = _Lines(text)
            reader = csv.reader(lines, delimiter=self.delimiter)
            header = self._csv_header(reader)
            if len(set(header)) != len(header):
                repeated = sorted({h for h in header if header.count(h) > 1})
                raise ExportError(f"{self.path}: repeated column names in the header: {repeated}")
            width = len(header)
            while True:
                lines.next_row()
                start = lines.number + 1
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except _RowTooLong:
                    reason = f"a row longer than {MAX_ROW_CHARS:,} characters"
                    if lines.number > start:
                        reason += f", lines {start}–{lines.number} (a quote that is never closed?)"
                    self.rejects.append((start, "", reason))
                    continue
                except csv.Error as exc:  # only when other code lowered csv.field_size_limit
                    raise ExportError(f"{self.path}, line {start}: unreadable CSV ({exc})") from exc
                if len(values) > width and any(map(str.strip, values[width:])):
                    reason = (
                        f"{len(values)} values for {width} columns: a separator "
                        f"({self.delimiter!r}) inside a value that is not quoted?"
                    )
                    self.rejects.append((start, "", reason))
                elif (
                    lines.row_chars > MAX_FIELD_CHARS
                    and (column := _long_value(header, values)) is not None
                ):
                    reason = f"a value longer than {MAX_FIELD_CHARS:,} characters"
                    self.rejects.append((start, column, reason))
                elif any(map(str.strip, values)):
                    yield start, values

    def _jsonl_rows(self) -> Iterator[tuple[int, Row]]:
        with self._text() as text:
            lines = iter(partial(text.readline, MAX_ROW_CHARS + 1), "")
            for number, line in enumerate(lines, start=1):
                if len(line) > MAX_ROW_CHARS:
                    raise ExportError(
                        f"{self.path}, line {number}: longer than {MAX_ROW_CHARS:,} characters"
                    )
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ExportError(f"{self.path}, line {number}: not JSON ({exc.msg})") from exc
                if not isinstance(record, dict):
                    raise ExportError(f"{self.path}, line {number}: not a JSON object")
                yield number, {str(k): _cell(v) for k, v in record.items()}


class _RowTooLong(Exception):
    """A CSV row longer than MAX_ROW_CHARS, raised by :class:`_Lines` through ``csv.reader``."""


class _Lines:
    """The lines of a CSV text, counted, as ``csv.reader`` takes them, and never more than
    MAX_ROW_CHARS characters for one row: past that, the rest of the row is read and
    dropped, and :class:`_RowTooLong` raised (``csv.reader`` starts afresh on its next row).

    Where the row ends is told by its quotes: while their count is odd, a quoted
    value (which may hold line breaks) is still open.
    """

    def __init__(self, text: IO[str]) -> None:
        self.text = text
        self.number = 0
        """Lines read so far."""
        self.row_chars = 0
        self.row_quotes = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.text.readline(MAX_ROW_CHARS + 1 - self.row_chars)
        if not line:
            raise StopIteration
        self.row_chars += len(line)
        self.row_quotes += line.count('"')
        if self.row_chars > MAX_ROW_CHARS:
            self._drop_row(line)
            raise _RowTooLong
        self.number += 1
        return line

    def next_row(self) -> None:
        """Count the characters and quotes of a new row from here."""
        self.row_chars = self.row_quotes = 0

    def _drop_row(self, piece: str) -> None:
        """Read on from ``piece`` of a row to the end of a line where its quotes are closed."""
        while True:
            ended = piece.endswith(_LINE_ENDS)
            if ended:
                self.number += 1
                if self.row_quotes % 2 == 0:
                    return
            piece = self.text.readline(_SKIP_CHARS)
            if not piece:
                if not ended:
                    self.number += 1
                return
            self.row_quotes += piece.count('"')


def _long_value(header: list[str], values: list[str]) -> str | None:
    """The column of the first value longer than MAX_FIELD_CHARS, if one is."""
    return next((h for h, v in zip(header, values, strict=False) if len(v) > MAX_FIELD_CHARS), None)


def _picker(index: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """The values at ``index`` of a row, as a tuple however many."""
    if len(index) == 1:
        return lambda values: (values[index[0]],)
    return itemgetter(*index) if index else lambda values: ()


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


_SUFFIXES = (".csv", ".jsonl", ".json")
"""The files an export is read from: tables (CSV, JSON lines) and whole JSON documents
(``sf data tree``), which the adapter that knows them reads whole (no header, no rows)."""


def open_export(path: Path) -> dict[str, ExportFile]:
    """The tables of a folder or ``.zip`` (read where it lies, within
    :data:`~ingest.archive.IN_PLACE`), by lower-case file name without extension."""
    path = Path(path)
    items: list[tuple[str, Opener]]
    if path.is_dir():
        items = [
            (p.relative_to(path).as_posix(), partial(_open_file, p))
            for p in sorted(path.rglob("*"))
            if p.is_file() and p.suffix.lower() in _SUFFIXES and not _hidden(p.relative_to(path))
        ]
    elif path.is_file() and zipfile.is_zipfile(path):
        items = [
            (relative.as_posix(), partial(archive.read_member, path, info))
            for info, relative in sorted(
                archive.members(path, archive.IN_PLACE), key=lambda m: m[1]
            )
            if relative.suffix.lower() in _SUFFIXES and not _hidden(relative)
        ]
    elif path.is_file() and path.suffix.lower() in _SUFFIXES:
        items = [(path.name, partial(_open_file, path))]
    else:
        raise ExportError(f"{path}: no such folder, .zip, .csv, .jsonl or .json file")
    files: dict[str, ExportFile] = {}
    for name, opener in items:
        stem = PurePosixPath(name).stem.lower()
        if stem in files:
            raise ExportError(f"{path}: two files hold {stem!r}: {files[stem].path} and {name}")
        files[stem] = ExportFile(stem, name, opener)
    return files


def _hidden(relative: PurePath) -> bool:
    return any(part.startswith((".", "__MACOSX")) for part in relative.parts)


def _open_file(path: Path) -> IO[bytes]:
    return path.open("rb")
