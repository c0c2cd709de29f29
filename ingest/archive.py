"""Read a ``.zip`` export, in place or unpacked into a folder, refusing what could do harm.

An archive is refused whole, before anything is read or written, when it has too
many entries (its central directory is measured before :mod:`zipfile` loads it),
or an entry is a symbolic link, is encrypted, is compressed other than with
deflate (the one method :mod:`zipfile` unpacks a bounded piece at a time), is named
other than as a plain relative path (``..``, an absolute path, a drive letter; a
backslash counts as a separator), or would expand past ``ratio`` times its
compressed size (beyond its first MiB: small files of repeated separators compress
that well), or when the archive would unpack past ``total_bytes``, two entries land
on the same file (names compared in any case), or a file on a folder. The sizes
come from the central directory, and :mod:`zipfile` never yields more of an entry
than it declares there (an entry that holds more fails its CRC check: unreadable).
A refused archive leaves nothing behind.

>>> import tempfile, zipfile
>>> work = Path(tempfile.mkdtemp())
>>> with zipfile.ZipFile(work / "export.zip", "w", zipfile.ZIP_DEFLATED) as z:
...     z.writestr("export/companies.csv", "id,name\\nc1,Acme\\n")
>>> folder = extract(work / "export.zip", work / "export")
>>> [p.relative_to(folder).as_posix() for p in folder.rglob("*.csv")]
['export/companies.csv']
"""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO, Any

from ingest.errors import ExportError

CHUNK_BYTES = 1 << 16
_RATIO_FREE_BYTES = 1 << 20
"""What an entry may unpack to whatever its ratio."""
_DIRECTORY_BYTES_PER_ENTRY = 1024
"""Central directory allowed per entry: 46 bytes of record, the name and extra fields."""
_END = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\x05\x06"
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64 = struct.Struct("<4sQ2H2L4Q")
_DRIVE = re.compile(r"[A-Za-z]:")
_UNPACKED_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


@dataclass(frozen=True)
class ArchiveLimits:
    """How much an archive may hold."""

    entries: int = 1_000
    """Entries, files and folders."""
    total_bytes: int = 2 << 30
    """Bytes of all its files once unpacked."""
    ratio: float = 100.0
    """How many times its compressed size an entry may expand to (beyond its first MiB)."""


IN_PLACE = ArchiveLimits(total_bytes=1 << 62)
"""The limits of an archive read where it lies: it takes no room on disk, so no total."""


class ArchiveRefused(ExportError):
    """An archive that is not unpacked: which one, the entry to blame (if one is) and why."""

    def __init__(self, archive: Path, entry: str | None, reason: str) -> None:
        where = archive.name if entry is None else f"{archive.name}, entry {entry!r}"
        super().__init__(f"{where}: {reason}")
        self.archive = archive.name
        self.entry = entry
        self.reason = reason


def extract(zip_path: Path, into: Path, limits: ArchiveLimits | None = None) -> Path:
    """Unpack the zip at ``zip_path`` into ``into``, a folder made for it (it must not
    exist yet), and return ``into``. Raises :class:`ArchiveRefused`, and on any error
    removes ``into`` again."""
    limits = limits or ArchiveLimits()
    plan = members(zip_path, limits)
    into.mkdir(parents=True)
    try:
        with zipfile.ZipFile(zip_path) as archive:
            for info, relative in plan:
                _write(zip_path, archive, info, into / relative)
    except BaseException:
        shutil.rmtree(into)
        raise
    return into


def members(
    zip_path: Path, limits: ArchiveLimits | None = None
) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """The files of the zip at ``zip_path``, each with its plain relative path, once every
    entry passed the checks (:class:`ArchiveRefused` names the first that does not)."""
    limits = limits or ArchiveLimits()
    allowed = limits.entries * _DIRECTORY_BYTES_PER_ENTRY
    if (size := _directory_size(zip_path)) > allowed:
        reason = f"a central directory of {size:,} bytes, more than {allowed:,} for {limits.entries:,} entries"
        raise ArchiveRefused(zip_path, None, reason)
    try:
        with zipfile.ZipFile(zip_path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError) as exc:
        raise ArchiveRefused(zip_path, None, f"not a zip archive it can read ({exc})") from exc
    return _plan(zip_path, infos, limits)


@contextmanager
def read_member(zip_path: Path, info: zipfile.ZipInfo) -> Iterator[IO[bytes]]:
    """One entry of :func:`members` as a stream of its bytes (:class:`ArchiveRefused`
    when they cannot be read)."""
    with (
        zipfile.ZipFile(zip_path) as archive,
        io.BufferedReader(_Entry(zip_path, archive, info), CHUNK_BYTES) as stream,
    ):
        yield stream


class _Entry(io.RawIOBase):
    """An entry's bytes as they come out of the decompressor; its errors name it."""

    def __init__(self, zip_path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        self._zip_path, self._name = zip_path, info.filename
        self._source = self._guarded(lambda: archive.open(info))

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count: int = self._guarded(lambda: self._source.readinto(buffer))
        return count

    def close(self) -> None:
        if hasattr(self, "_source"):
            self._source.close()
        super().close()

    def _guarded(self, step: Callable[[], Any]) -> Any:
        try:
            return step()
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
            raise ArchiveRefused(self._zip_path, self._name, f"unreadable ({exc})") from exc


def _plan(
    zip_path: Path, infos: list[zipfile.ZipInfo], limits: ArchiveLimits
) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """The files to unpack, each with where it goes in the folder, once all entries passed."""
    if len(infos) > limits.entries:
        reason = f"{len(infos):,} entries, more than the {limits.entries:,} allowed"
        raise ArchiveRefused(zip_path, None, reason)
    plan: list[tuple[zipfile.ZipInfo, PurePosixPath]] = []
    files: dict[str, str] = {}
    unpacked = 0
    for info in infos:
        relative = _relative_path(zip_path, info)
        if info.filename.endswith("/"):
            continue
        unpacked += info.file_size
        _check_size(zip_path, info, unpacked, limits)
        key = relative.as_posix().casefold()
        if key in files:
            raise ArchiveRefused(zip_path, info.filename, f"the same file as {files[key]!r}")
        files[key] = info.filename
        plan.append((info, relative))
    folders = {parent.as_posix().casefold() for _, relative in plan for parent in relative.parents}
    for info, relative in plan:
        if relative.as_posix().casefold() in folders:
            raise ArchiveRefused(
                zip_path, info.filename, "a file where other entries have a folder"
            )
    return plan


def _check_size(
    zip_path: Path, info: zipfile.ZipInfo, unpacked: int, limits: ArchiveLimits
) -> None:
    """Refuse an entry that expands past the ratio, or takes the archive past the total
    (``unpacked``: the bytes of the entries so far, this one's included)."""
    if info.file_size > max(limits.ratio * info.compress_size, _RATIO_FREE_BYTES):
        reason = (
            f"expands more than {limits.ratio:g} times its compressed size "
            f"({info.compress_size:,} bytes)"
        )
        raise ArchiveRefused(zip_path, info.filename, reason)
    if unpacked > limits.total_bytes:
        reason = f"the archive unpacks to more than the {limits.total_bytes:,} bytes allowed"
        raise ArchiveRefused(zip_path, info.filename, reason)


def _relative_path(zip_path: Path, info: zipfile.ZipInfo) -> PurePosixPath:
    """Where an entry goes, relative to the folder; ArchiveRefused when it may not go anywhere."""
    name = info.filename.replace("\\", "/")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    is_file = not info.filename.endswith("/")  # ZipInfo.is_dir() fails on an empty name
    reason = None
    if stat.S_ISLNK(info.external_attr >> 16):
        reason = "a symbolic link"
    elif name.startswith("/"):
        reason = "an absolute path"
    elif any(_DRIVE.match(p) for p in parts):
        reason = "a drive letter"
    elif ".." in parts:
        reason = "a path that climbs out of the folder ('..')"
    elif len(os.fsencode(name)) > 1024 or any(len(os.fsencode(p)) > 255 for p in parts):
        reason = "a name too long for a file system"
    elif info.flag_bits & 0x1:
        reason = "encrypted"
    elif is_file and not parts:
        reason = "no file name"
    elif is_file and info.compress_type not in _UNPACKED_METHODS:
        reason = f"compression method {info.compress_type}: only stored and deflated entries are unpacked"
    if reason:
        raise ArchiveRefused(zip_path, info.filename, reason)
    return PurePosixPath(*parts)


def _write(
    archive_path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path
) -> None:
    """Unpack one entry to ``target``, CHUNK_BYTES at a time."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as out, _Entry(archive_path, archive, info) as source:
        for chunk in iter(partial(source.read, CHUNK_BYTES), b""):
            out.write(chunk)


def _directory_size(zip_path: Path) -> int:
    """The size of the central directory that the end records of a zip announce, found
    as :mod:`zipfile` finds them (0 without an end record). With ZIP64, the largest of
    the sizes in the end record and in the ZIP64 end records right before its locator
    and where the locator points: readers take one or the other."""
    with zip_path.open("rb") as file:
        length = file.seek(0, os.SEEK_END)
        tail_at = max(0, length - _END.size - 0xFFFF - _END64_LOCATOR.size - _END64.size)
        file.seek(tail_at)
        tail = file.read()
        end = len(tail) - _END.size
        if not (end >= 0 and tail.startswith(_END_SIGNATURE, end) and tail.endswith(b"\0\0")):
            end = tail.rfind(_END_SIGNATURE)
        if end < 0 or end + _END.size > len(tail):
            return 0
        sizes: list[int] = [_END.unpack_from(tail, end)[5]]
        locator = end - _END64_LOCATOR.size
        if locator >= 0 and tail.startswith(b"PK\x06\x07", locator):
            file.seek(min(_END64_LOCATOR.unpack_from(tail, locator)[2], length))
            records = (tail[max(0, locator - _END64.size) : locator], file.read(_END64.size))
            sizes += [
                _END64.unpack(record)[8]
                for record in records
                if len(record) == _END64.size and record.startswith(b"PK\x06\x06")
            ]
    return max(sizes)
