"""Unpack an uploaded ``.zip`` into a folder of its own, refusing what could harm the server.

The archive is refused whole, before anything is written, when it has too many
entries (its central directory is measured before :mod:`zipfile` loads it), or an
entry is a symbolic link, is encrypted, is compressed other than with deflate (the
one method :mod:`zipfile` unpacks a bounded piece at a time), or is named other than
as a plain relative path (``..``, an absolute path, a drive letter; a backslash
counts as a separator), or when two entries land on the same file (names compared
in any case), or a file on a folder. Entries are then unpacked 64 KiB at a time,
counting the bytes as they come out (the sizes in the headers are not trusted), and
unpacking stops as soon as an entry expands past ``ratio`` times its compressed
size (beyond its first MiB: small files of repeated separators compress that well)
or the archive past ``total_bytes``. A refused archive leaves nothing behind.

>>> import tempfile, zipfile
>>> work = Path(tempfile.mkdtemp())
>>> with zipfile.ZipFile(work / "export.zip", "w", zipfile.ZIP_DEFLATED) as z:
...     z.writestr("export/companies.csv", "id,name\\nc1,Acme\\n")
>>> folder = extract(work / "export.zip", work / "export")
>>> [p.relative_to(folder).as_posix() for p in folder.rglob("*.csv")]
['export/companies.csv']
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath

from ingest.sources import ExportError

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
    into.mkdir(parents=True)
    try:
        _unpack(zip_path, into, limits)
    except BaseException:
        shutil.rmtree(into)
        raise
    return into


def _unpack(zip_path: Path, into: Path, limits: ArchiveLimits) -> None:
    allowed = limits.entries * _DIRECTORY_BYTES_PER_ENTRY
    if (size := _directory_size(zip_path)) > allowed:
        reason = f"a central directory of {size:,} bytes, more than {allowed:,} for {limits.entries:,} entries"
        raise ArchiveRefused(zip_path, None, reason)
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, NotImplementedError, ValueError) as exc:
        raise ArchiveRefused(zip_path, None, f"not a zip archive it can read ({exc})") from exc
    with archive:
        unpacked = 0
        for info, relative in _plan(zip_path, archive.infolist(), limits):
            unpacked += _write(zip_path, archive, info, into / relative, limits, unpacked)


def _plan(
    zip_path: Path, infos: list[zipfile.ZipInfo], limits: ArchiveLimits
) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """The files to unpack, each with where it goes in the folder, once all entries passed."""
    if len(infos) > limits.entries:
        reason = f"{len(infos):,} entries, more than the {limits.entries:,} allowed"
        raise ArchiveRefused(zip_path, None, reason)
    plan: list[tuple[zipfile.ZipInfo, PurePosixPath]] = []
    files: dict[str, str] = {}
    for info in infos:
        relative = _relative_path(zip_path, info)
        if info.filename.endswith("/"):
            continue
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
    zip_path: Path,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    target: Path,
    limits: ArchiveLimits,
    unpacked: int,
) -> int:
    """Unpack one entry to ``target`` within the limits, given that the archive's earlier
    entries unpacked to ``unpacked`` bytes; the bytes written."""
    allowed = max(limits.ratio * info.compress_size, _RATIO_FREE_BYTES)
    written = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as out:
        for chunk in _chunks(zip_path, archive, info):
            written += len(chunk)
            if written > allowed:
                reason = (
                    f"expands more than {limits.ratio:g} times its compressed size "
                    f"({info.compress_size:,} bytes)"
                )
                raise ArchiveRefused(zip_path, info.filename, reason)
            if unpacked + written > limits.total_bytes:
                reason = (
                    f"the archive unpacks to more than the {limits.total_bytes:,} bytes allowed"
                )
                raise ArchiveRefused(zip_path, info.filename, reason)
            out.write(chunk)
    return written


def _chunks(zip_path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """An entry's bytes as they come out of the decompressor, CHUNK_BYTES at a time."""
    try:
        with archive.open(info) as source:
            yield from iter(partial(source.read, CHUNK_BYTES), b"")
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
        raise ArchiveRefused(zip_path, info.filename, f"unreadable ({exc})") from exc


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
