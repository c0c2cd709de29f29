"""Unpacking an uploaded zip: paths that escape, links, duplicates, too many entries, bombs."""

from __future__ import annotations

import json
import re
import stat
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graph_model.settings import Settings
from ingest.archive import ArchiveLimits, ArchiveRefused, extract
from ingest.sources import open_export

Entries = dict[str, bytes]


def _zip(path: Path, entries: Entries, method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def _refused(zip_path: Path, into: Path, limits: ArchiveLimits | None = None) -> str:
    """The message of the ArchiveRefused that unpacking raises; nothing may be left behind."""
    before = sorted(zip_path.parent.rglob("*"))
    with pytest.raises(ArchiveRefused) as raised:
        extract(zip_path, into, limits)
    assert sorted(zip_path.parent.rglob("*")) == before
    return str(raised.value)


def _peak_bytes(run: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        run()
    except ArchiveRefused:
        pass
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def _bomb(path: Path, mebibytes: int) -> Path:
    """A zip of one entry holding ``mebibytes`` MiB of zeros, written a MiB at a time."""
    zeros = bytes(1 << 20)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("companies.csv", "w") as entry,
    ):
        for _ in range(mebibytes):
            entry.write(zeros)
    return path


def test_an_export_is_unpacked_with_its_folders(tmp_path: Path) -> None:
    entries = {
        "export/companies.csv": b"id,name\nc1,Acme\n",
        "export/sub/": b"",
        "export/sub/people.csv": b"id,name\np1,Ann\n" * 1000,
        "./export/products.jsonl": b'{"id": "x1", "name": "Bolt"}\n',
    }
    folder = extract(_zip(tmp_path / "export.zip", entries), tmp_path / "out")
    assert folder == tmp_path / "out"
    unpacked = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.*")}
    assert unpacked == {
        "export/companies.csv": b"id,name\nc1,Acme\n",
        "export/sub/people.csv": b"id,name\np1,Ann\n" * 1000,
        "export/products.jsonl": b'{"id": "x1", "name": "Bolt"}\n',
    }


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../evil.csv", "a path that climbs out of the folder ('..')"),
        ("export/../../evil.csv", "a path that climbs out of the folder ('..')"),
        ("..\\..\\evil.csv", "a path that climbs out of the folder ('..')"),
        ("/tmp/evil.csv", "an absolute path"),
        ("\\\\server\\share\\evil.csv", "an absolute path"),
        ("C:/evil.csv", "a drive letter"),
        ("c:evil.csv", "a drive letter"),
        ("export/" + "x" * 256 + ".csv", "a name too long for a file system"),
    ],
)
def test_entries_that_would_land_outside_the_folder_are_refused(
    tmp_path: Path, name: str, reason: str
) -> None:
    zip_path = _zip(tmp_path / "export.zip", {"companies.csv": b"id,name\n", name: b"x"})
    assert _refused(zip_path, tmp_path / "out") == f"export.zip, entry {name!r}: {reason}"


def test_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    link = zipfile.ZipInfo("people.csv")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        archive.writestr(link, "/etc/passwd")
    message = _refused(tmp_path / "export.zip", tmp_path / "out")
    assert message == "export.zip, entry 'people.csv': a symbolic link"


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        ("companies.csv", "Companies.csv", "the same file as 'companies.csv'"),
        ("export/people.csv", "export\\people.csv", "the same file as 'export/people.csv'"),
        ("people.csv", "./people.csv", "the same file as 'people.csv'"),
        ("export", "export/people.csv", None),
    ],
)
def test_two_entries_on_one_file_are_refused(
    tmp_path: Path, first: str, second: str, reason: str | None
) -> None:
    zip_path = _zip(tmp_path / "export.zip", {first: b"a", second: b"b"})
    message = _refused(zip_path, tmp_path / "out")
    if reason is None:
        assert message == f"export.zip, entry {first!r}: a file where other entries have a folder"
    else:
        assert message == f"export.zip, entry {second!r}: {reason}"


def test_more_entries_than_allowed_are_refused(tmp_path: Path) -> None:
    entries = {f"notes/{n}.csv": b"id\n" for n in range(1_001)}
    zip_path = _zip(tmp_path / "export.zip", entries)
    assert (
        _refused(zip_path, tmp_path / "out")
        == "export.zip: 1,001 entries, more than the 1,000 allowed"
    )
    assert extract(zip_path, tmp_path / "wider", ArchiveLimits(entries=1_001)).is_dir()


def test_a_directory_too_large_for_its_entries_is_refused_before_it_is_read(
    tmp_path: Path,
) -> None:
    entries = {f"notes/{n:04}-{'x' * 60}.csv": b"" for n in range(100)}
    zip_path = _zip(tmp_path / "export.zip", entries)
    size = sum(46 + len(name) for name in entries)
    assert _refused(zip_path, tmp_path / "out", ArchiveLimits(entries=5)) == (
        f"export.zip: a central directory of {size:,} bytes, more than 5,120 for 5 entries"
    )


def test_the_zip64_end_record_is_measured_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 1)  # ZIP64 end records from 2 entries
    entries = {"companies.csv": b"id,name\nc1,Acme\n", "people.csv": b"id,name\n"}
    zip_path = _zip(tmp_path / "export.zip", entries)
    assert extract(zip_path, tmp_path / "out").is_dir()
    data = bytearray(zip_path.read_bytes())
    record = data.rindex(b"PK\x06\x06")
    data[record + 40 : record + 48] = (1 << 40).to_bytes(8, "little")  # its directory size
    zip_path.write_bytes(data)
    assert _refused(zip_path, tmp_path / "again") == (
        f"export.zip: a central directory of {1 << 40:,} bytes, more than 1,024,000 for 1,000 entries"
    )


def test_a_zip_bomb_is_stopped_by_its_ratio_with_little_memory(tmp_path: Path) -> None:
    zip_path = _bomb(tmp_path / "export.zip", 200)
    compressed = zipfile.ZipFile(zip_path).getinfo("companies.csv").compress_size
    assert compressed < (200 << 20) // 500  # it expands more than 500:1
    message: list[str] = []
    peak = _peak_bytes(lambda: message.append(_refused(zip_path, tmp_path / "out")))
    assert message == [
        f"export.zip, entry 'companies.csv': expands more than 100 times its compressed size "
        f"({compressed:,} bytes)"
    ]
    assert peak < 32 << 20


def test_a_zip_bomb_is_stopped_by_the_total_with_little_memory(tmp_path: Path) -> None:
    zip_path = _bomb(tmp_path / "export.zip", 200)
    limits = ArchiveLimits(total_bytes=50 << 20, ratio=10_000)
    message: list[str] = []
    peak = _peak_bytes(lambda: message.append(_refused(zip_path, tmp_path / "out", limits)))
    assert message == [
        "export.zip, entry 'companies.csv': the archive unpacks to more than the "
        "52,428,800 bytes allowed"
    ]
    assert peak < 32 << 20


def test_small_files_may_compress_better_than_the_ratio(tmp_path: Path) -> None:
    zip_path = _zip(tmp_path / "export.zip", {"people.csv": b"id,name\n" + b",\n" * 100_000})
    assert zipfile.ZipFile(zip_path).getinfo("people.csv").compress_size * 100 < 200_008
    assert (extract(zip_path, tmp_path / "out") / "people.csv").stat().st_size == 200_008


def test_what_cannot_be_read_is_refused_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "text.zip").write_bytes(b"id,name\nc1,Acme\n")
    assert _refused(tmp_path / "text.zip", tmp_path / "out") == (
        "text.zip: not a zip archive it can read (File is not a zip file)"
    )
    data = bytearray(_zip(tmp_path / "secret.zip", {"people.csv": b"id,name\n"}).read_bytes())
    for flags in (data.index(b"PK\x03\x04") + 6, data.index(b"PK\x01\x02") + 8):
        data[flags] |= 0x1  # "encrypted", in the local and the central header
    (tmp_path / "secret.zip").write_bytes(data)
    assert _refused(tmp_path / "secret.zip", tmp_path / "out") == (
        "secret.zip, entry 'people.csv': encrypted"
    )
    _zip(tmp_path / "bzip2.zip", {"people.csv": b"id,name\n"}, zipfile.ZIP_BZIP2)
    assert _refused(tmp_path / "bzip2.zip", tmp_path / "out") == (
        "bzip2.zip, entry 'people.csv': compression method 12: only stored and deflated "
        "entries are unpacked"
    )


def test_a_corrupt_entry_is_refused_and_nothing_is_left(tmp_path: Path) -> None:
    zip_path = _zip(tmp_path / "export.zip", {"companies.csv": b"id,name\n" + b"c1,Acme\n" * 500})
    data = bytearray(zip_path.read_bytes())
    data[60:64] = b"\xff\xff\xff\xff"  # inside the deflated data
    zip_path.write_bytes(data)
    message = _refused(zip_path, tmp_path / "out")
    assert re.fullmatch(r"export\.zip, entry 'companies\.csv': unreadable \(.+\)", message)


def test_the_folder_must_be_new(tmp_path: Path) -> None:
    zip_path = _zip(tmp_path / "export.zip", {"companies.csv": b"id,name\n"})
    (tmp_path / "out").mkdir()
    with pytest.raises(FileExistsError):
        extract(zip_path, tmp_path / "out")


def test_an_export_read_in_place_is_held_to_the_same_rules(tmp_path: Path) -> None:
    """`srm ingest export.zip` and the drop folder read a zip without unpacking it."""
    traversal = _zip(tmp_path / "export.zip", {"companies.csv": b"id,name\n", "../x.csv": b"x"})
    with pytest.raises(ArchiveRefused) as refused:
        open_export(traversal)
    assert str(refused.value) == (
        "export.zip, entry '../x.csv': a path that climbs out of the folder ('..')"
    )
    bomb = _bomb(tmp_path / "bomb.zip", 200)
    compressed = zipfile.ZipFile(bomb).getinfo("companies.csv").compress_size
    with pytest.raises(ArchiveRefused) as refused:
        open_export(bomb)
    assert str(refused.value) == (
        f"bomb.zip, entry 'companies.csv': expands more than 100 times its compressed size "
        f"({compressed:,} bytes)"
    )


def test_an_entry_never_yields_more_than_its_declared_size(tmp_path: Path) -> None:
    """The sizes checked are the central directory's; an entry that holds more than it
    declares there stops at that size and is refused, unpacked or read in place."""
    zip_path = _zip(tmp_path / "export.zip", {"companies.csv": b"id,name\n" + b"c1,Acme\n" * 10**5})
    data = bytearray(zip_path.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = (1000).to_bytes(4, "little")  # "1,000 bytes"
    zip_path.write_bytes(data)
    assert re.fullmatch(
        r"export\.zip, entry 'companies\.csv': unreadable \(Bad CRC-32 .+\)",
        _refused(zip_path, tmp_path / "out"),
    )
    read = bytearray()
    with (
        pytest.raises(ArchiveRefused, match="unreadable"),
        open_export(zip_path)["companies"].open() as stream,
    ):
        while chunk := stream.read(100):
            read += chunk
    assert len(read) <= 1000


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return blank_settings


def test_srm_ingest_stops_at_a_zip_bomb_and_says_why(
    tmp_path: Path, srm: Callable[..., Any]
) -> None:
    result = srm("ingest", str(_bomb(tmp_path / "bomb.zip", 200)), "--no-progress")
    assert result.exit_code == 2, result.output
    assert "bomb.zip, entry 'companies.csv': expands more than 100 times" in result.output
    [run] = json.loads(srm("ingest", "runs", "--json").output)
    assert run["status"] == "failed" and "expands more than 100 times" in run["error"]
