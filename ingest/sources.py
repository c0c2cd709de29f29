"""Read the tables of an export: a folder or a ``.zip`` of ``.csv`` and ``.jsonl`` files.

Rows come with the line they start on, so a reject can name it even when a
quoted field spans several lines. CSV is read as UTF-8 with or without a byte
order mark.

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
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePath, PurePosixPath
from typing import IO, Any

Row = dict[str, str | None]
Opener = Callable[[], AbstractContextManager[IO[bytes]]]

csv.field_size_limit(1 << 26)


class ExportError(ValueError):
    """An export that cannot be read at all (missing, not a folder or zip, bad header)."""


@dataclass(frozen=True)
class ExportFile:
    """One table of an export. ``name`` is the file name without folder or extension."""

    name: str
    path: str
    open: Opener

    @property
    def sha256(self) -> str:
        digest = hashlib.sha256()
        with self.open() as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest()

    @property
    def header(self) -> list[str]:
        if self.path.endswith(".jsonl"):
            first = next(self.rows(), None)
            return list(first[1]) if first else []
        with self._text() as text:
            return [h.strip() for h in next(csv.reader(text), [])]

    @contextmanager
    def _text(self) -> Iterator[io.TextIOWrapper]:
        with self.open() as stream:
            text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
            try:
                yield text
            except UnicodeDecodeError as exc:
                raise ExportError(
                    f"{self.path}: not UTF-8 text ({exc.reason} at byte {exc.start})"
                ) from exc

    def rows(self) -> Iterator[tuple[int, Row]]:
        """``(line, row)`` pairs; ``line`` is where the row starts (the header is line 1)."""
        if self.path.endswith(".jsonl"):
            yield from self._jsonl_rows()
        else:
            yield from self._csv_rows()

    def _csv_rows(self) -> Iterator[tuple[int, Row]]:
        with self._text() as text:
            reader = csv.reader(text)
            header = [h.strip() for h in next(reader, [])]
            if len(set(header)) != len(header):
                raise ExportError(f"{self.path}: repeated column names in the header {header}")
            start = reader.line_num + 1
            for values in reader:
                if any(v.strip() for v in values):
                    yield start, dict(zip(header, values, strict=False))
                start = reader.line_num + 1

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
