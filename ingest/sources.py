"""Read the tables of an export: a folder or a ``.zip`` of ``.csv`` and ``.jsonl`` files.

Rows come with the line they start on, so a reject can name it even when a
quoted field spans several lines.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "companies.csv").write_text('id,name\\nc1,"Acme,\\nInc"\\nc2,Beta\\n')
>>> [(line, row["name"]) for line, row in open_export(folder)["companies"].rows()]
[(2, 'Acme,\\nInc'), (4, 'Beta')]
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path, PurePath, PurePosixPath
from typing import IO, Any

Row = dict[str, str | None]
Opener = Callable[[], AbstractContextManager[IO[bytes]]]

csv.field_size_limit(1 << 26)


class ExportError(ValueError):
    """An export that cannot be read at all (missing, not a folder or zip, bad header)."""


_UNDEFINED_IN_CP1252 = frozenset(b"\x81\x8d\x8f\x90\x9d")
_DELIMITERS = ",;\t|"


def detect_encoding(chunks: Iterable[bytes]) -> tuple[str, str | None]:
    """The encoding of bytes read in chunks and, when it is not UTF-8, a warning saying so.

    A byte order mark decides (UTF-8, UTF-16); otherwise all the bytes are tried
    as UTF-8, and text that is not UTF-8 is read as Windows-1252 (or Latin-1 when
    it holds bytes Windows-1252 leaves undefined).
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    seen: set[int] = set()
    utf8, first = True, True
    for chunk in chunks:
        if first:
            if chunk.startswith(codecs.BOM_UTF8):
                return "utf-8-sig", None
            if chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return "utf-16", None
            first = False
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
        seen.update(chunk)
    if utf8:
        try:
            decoder.decode(b"", final=True)
            return "utf-8", None
        except UnicodeDecodeError:
            pass
    if seen & _UNDEFINED_IN_CP1252:
        return "latin-1", "not UTF-8; read as Latin-1 (ISO-8859-1)"
    return "cp1252", "not UTF-8; read as Windows-1252"


def sniff_delimiter(header_line: str) -> str:
    """The separator of a CSV header: the most frequent of , ; tab | outside quotes.

    >>> sniff_delimiter('Name;Vorname;"Firma, Ort"'), sniff_delimiter("id")
    (';', ',')
    """
    outside = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: outside.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


@dataclass(frozen=True)
class ExportFile:
    """One table of an export. ``name`` is the file name without folder or extension.

    CSV files may be UTF-8 (with or without a byte order mark), UTF-16 with a
    byte order mark, or Windows-1252/Latin-1 (detected, with a warning); the
    separator may be a comma, semicolon, tab or bar (detected from the header).
    Rows with more values than the header has columns are set aside in
    ``rejects`` (a separator inside an unquoted value shifts every column).
    """

    name: str
    path: str
    open: Opener
    rejects: list[tuple[int, str]] = field(default_factory=list, compare=False)

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
            encoding = detect_encoding(chunks)
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
            return sniff_delimiter(text.readline())

    @cached_property
    def header(self) -> list[str]:
        if self.path.endswith(".jsonl"):
            first = next(self.rows(), None)
            return list(first[1]) if first else []
        with self._text() as text:
            return [h.strip() for h in next(csv.reader(text, delimiter=self.delimiter), [])]

    @contextmanager
    def _text(self) -> Iterator[io.TextIOWrapper]:
        with self.open() as stream:
            text = io.TextIOWrapper(stream, encoding=self._encoding[0], newline="")
            yield text

    def rows(self) -> Iterator[tuple[int, Row]]:
        """``(line, row)`` pairs; ``line`` is where the row starts (the header is line 1)."""
        if self.path.endswith(".jsonl"):
            yield from self._jsonl_rows()
        else:
            yield from self._csv_rows()

    def _csv_rows(self) -> Iterator[tuple[int, Row]]:
        self.rejects.clear()
        with self._text() as text:
            reader = csv.reader(text, delimiter=self.delimiter)
            start = 1
            try:
                header = [h.strip() for h in next(reader, [])]
                if len(set(header)) != len(header):
                    repeated = sorted({h for h in header if header.count(h) > 1})
                    raise ExportError(
                        f"{self.path}: repeated column names in the header: {repeated}"
                    )
                start = reader.line_num + 1
                for values in reader:
                    if len(values) > len(header) and any(v.strip() for v in values[len(header) :]):
                        self.rejects.append(
                            (
                                start,
                                (
                                    f"{len(values)} values for {len(header)} columns: a separator "
                                    f"({self.delimiter!r}) inside a value that is not quoted?"
                                ),
                            )
                        )
                    elif any(v.strip() for v in values):
                        yield start, dict(zip(header, values, strict=False))
                    start = reader.line_num + 1
            except csv.Error as exc:
                raise ExportError(f"{self.path}, line {start}: unreadable CSV ({exc})") from exc

    def _jsonl_rows(self) -> Iterator[tuple[int, Row]]:
        with self._text() as text:
            for number, line in enumerate(text, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ExportError(f"{self.path}, line {number}: not JSON ({exc.msg})") from exc
                if not isinstance(record, dict):
                    raise ExportError(f"{self.path}, line {number}: not a JSON object")
                yield number, {str(k): _cell(v) for k, v in record.items()}


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


_SUFFIXES = (".csv", ".jsonl")


def open_export(path: Path) -> dict[str, ExportFile]:
    """The tables of a folder or ``.zip``, by lower-case file name without extension."""
    path = Path(path)
    items: list[tuple[str, Opener]]
    if path.is_dir():
        items = [
            (p.relative_to(path).as_posix(), partial(_open_file, p))
            for p in sorted(path.rglob("*"))
            if p.is_file() and p.suffix.lower() in _SUFFIXES and not _hidden(p.relative_to(path))
        ]
    elif path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = sorted(i.filename for i in archive.infolist() if not i.is_dir())
        items = [
            (name, partial(_open_member, path, name))
            for name in names
            if PurePosixPath(name).suffix.lower() in _SUFFIXES and not _hidden(PurePosixPath(name))
        ]
    elif path.is_file() and path.suffix.lower() in _SUFFIXES:
        items = [(path.name, partial(_open_file, path))]
    else:
        raise ExportError(f"{path}: no such folder, .zip, .csv or .jsonl file")
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


@contextmanager
def _open_member(archive_path: Path, name: str) -> Iterator[IO[bytes]]:
    with zipfile.ZipFile(archive_path) as archive, archive.open(name) as member:
        yield member
