"""The ties of the embedded store as compact arrays in one file, mapped into memory.

``graph.ties``, beside the SQLite file, holds every tie as of one write
transaction (its ``seq``), in compressed sparse rows: the people with ties,
sorted by id, are numbered; person ``i``'s neighbours are ``neighbour[row[i]:row[i
+ 1]]`` in ascending order, and ``tie[e]`` numbers the pair's aggregates in
columns (``weight``, ``balance``, ``first``, ``last``, ``count``, ``out_a``,
``out_b``, ``mutual``). ``balance`` is ``0.5 + 0.5 * rho`` (1 when balanced),
what the strength formula multiplies by, kept so that a path search reads two
numbers a step.

What one question reads together is stored side by side, in records
(:data:`_RECORDS`): a neighbour beside its tie number, a tie's four times and
weights in 32 bytes, its four counts in 16. A strength then reads one memory
line for its aggregates where columns apart took three; on a cold cache each
line costs about as much as the arithmetic of the whole question. A column is
a strided view of its record section, so readers index it as a column.

Every process that opens the store maps the same file
read-only, so the operating system holds one copy of it however many workers
read it; a process's index puts the ties changed since over it.

A file is only used for the store and scoring model it was written for (the
store's ``uid`` and the model's fingerprint are in its header) and never for a
later state than the store's. A new file is written beside the old one and
renamed over it, so a reader maps either the old or the new one, whole.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "graph.ties"
>>> write(path, [(("p1", "p2"), Tie.of(2.0, 2, 1, 0, 1, 10.0, 20.0))], Header(7, 1, "f"))
>>> ties = TieFile.open(path, Header(7, 1, "f"))
>>> ties.seq, ties.names, ties.get("p2", "p1").count, ties.get("p1", "p3")
(7, ['p1', 'p2'], 2, None)
"""

from __future__ import annotations

import array
import json
import mmap
import os
import struct
import sys
import tempfile
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, BinaryIO, Literal

from graph_model.memory import collection_paused
from graph_model.processes import alive
from graph_model.ties import Tie, balance

FILE_NAME = "graph.ties"
MAGIC = b"SRMTIES\x00"
VERSION = 3
_PREFIX = struct.Struct("<8sI")  # magic, length of the JSON header that follows
_ALIGN = 8
_POPULATE_READ: int | None = getattr(
    mmap, "MADV_POPULATE_READ", 22 if sys.platform == "linux" else None
)
"""Linux's advice to fault a mapping's pages in (Python's ``mmap`` does not name it yet)."""

_COLUMNS: tuple[tuple[str, Literal["d", "I"]], ...] = (
    ("weight", "d"),
    ("balance", "d"),
    ("first", "d"),
    ("last", "d"),
    ("count", "I"),
    ("out_a", "I"),
    ("out_b", "I"),
    ("mutual", "I"),
)
"""The tie columns, with their array type codes."""

_RECORDS = (
    ("edges", ("neighbour", "tie")),
    ("aggregates", ("weight", "balance", "first", "last")),
    ("counts", ("count", "out_a", "out_b", "mutual")),
)
"""The record sections in file order after the names and rows, each with its columns side by
side (of one type code)."""


@dataclass(frozen=True)
class Header:
    """What a file was written for: the write transaction it is as of, the store and the
    scoring model (a model with other weights makes other aggregates)."""

    seq: int
    uid: int
    fingerprint: str


@collection_paused()
def write(path: Path, ties: Iterable[tuple[tuple[str, str], Tie]], header: Header) -> None:
    """Write ``ties`` (keyed by ordered pairs) as of ``header`` to ``path``, atomically (with
    automatic collection paused: it would walk the ties again at every few thousand of the
    millions of objects made on the way)."""
    ordered = sorted(ties, key=itemgetter(0))
    names = sorted({p for pair, _ in ordered for p in pair})
    number = {name: i for i, name in enumerate(names)}
    degree = array.array("Q", bytes(8 * (len(names) + 1)))
    ends = array.array("I", bytes(4 * 2 * len(ordered)))
    for t, ((a, b), _) in enumerate(ordered):
        ia, ib = number[a], number[b]
        ends[2 * t], ends[2 * t + 1] = ia, ib
        degree[ia + 1] += 1
        degree[ib + 1] += 1
    for i in range(len(names)):
        degree[i + 1] += degree[i]
    row = array.array("Q", degree)
    fill = array.array("Q", degree)
    neighbour = array.array("I", bytes(4 * 2 * len(ordered)))
    tie_of = array.array("I", bytes(4 * 2 * len(ordered)))
    for t in range(len(ordered)):
        # pairs come sorted, so each row gets its lower neighbours, then its higher, in order
        ia, ib = ends[2 * t], ends[2 * t + 1]
        e = fill[ia]
        neighbour[e], tie_of[e], fill[ia] = ib, t, e + 1
        e = fill[ib]
        neighbour[e], tie_of[e], fill[ib] = ia, t, e + 1
    columns = _columns([tie for _, tie in ordered])
    encoded_names = [name.encode() for name in names]
    starts = array.array("Q", [0])
    for encoded_name in encoded_names:
        starts.append(starts[-1] + len(encoded_name))
    columns |= {"neighbour": neighbour, "tie": tie_of}
    sections: list[tuple[str, bytes | array.array[Any]]] = [
        ("names", b"".join(encoded_names)),
        ("name_starts", starts),
        ("row", row),
        *((name, _interleaved([columns[c] for c in record])) for name, record in _RECORDS),
    ]
    meta: dict[str, Any] = {
        "version": VERSION,
        "seq": header.seq,
        "uid": header.uid,
        "fingerprint": header.fingerprint,
        "people": len(names),
        "ties": len(ordered),
        "latest": max((tie.last for _, tie in ordered), default=None),
        "sections": {},
    }
    offset = 0
    for name, data in sections:
        size = len(data) * (data.itemsize if isinstance(data, array.array) else 1)
        meta["sections"][name] = [offset, size]
        offset += -(-size // _ALIGN) * _ALIGN
    encoded = json.dumps(meta).encode()
    start = _sections_start(len(encoded))
    _remove_abandoned(path)
    handle, temporary_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.{os.getpid()}."
    )
    temporary = Path(temporary_name)
    with open(handle, "wb") as out:
        out.write(_PREFIX.pack(MAGIC, len(encoded)) + encoded)
        out.write(bytes(start - out.tell()))
        for name, data in sections:
            at, _ = meta["sections"][name]
            out.write(bytes(start + at - out.tell()))
            out.write(data if isinstance(data, bytes) else data.tobytes())
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


def _header(file: BinaryIO) -> tuple[dict[str, Any], int]:
    """The header of an open tie file, and where its sections start (``ValueError`` for a
    file that is none)."""
    magic, length = _PREFIX.unpack(file.read(_PREFIX.size))
    if magic != MAGIC:
        raise ValueError("not a tie file")
    meta = json.loads(file.read(length))
    if not isinstance(meta, dict):
        raise ValueError("not a tie file")
    return meta, _sections_start(length)


def _sections_start(header_length: int) -> int:
    """Where the sections start: after the prefix and the header, on an 8-byte boundary."""
    return -(-(_PREFIX.size + header_length) // _ALIGN) * _ALIGN


def _fits(meta: dict[str, Any], expected: Header) -> bool:
    """Whether a file of this header was written for ``expected``'s store and model, and not
    for a later state than ``expected.seq``."""
    return (
        meta.get("version") == VERSION
        and meta.get("uid") == expected.uid
        and meta.get("fingerprint") == expected.fingerprint
        and meta.get("seq", expected.seq + 1) <= expected.seq
    )


def _remove_abandoned(path: Path) -> None:
    """Remove the files a writer that died left half written beside ``path`` (a temporary
    file names its writer's process)."""
    for stale in path.parent.glob(f".{path.name}.*"):
        pid = stale.name.split(".")[3]
        if pid.isdigit() and not alive(int(pid)):
            stale.unlink(missing_ok=True)


def _map_in(mapped: mmap.mmap) -> None:
    """Map the whole file in now: read into the page cache and entered in this process's
    page tables (``MADV_POPULATE_READ``, Linux 5.14 and later), so that no question pays
    for touching a page first, neither a read from disk nor a page fault (a few ms at 1M
    ties). Elsewhere the system is asked to read it ahead, in the background. The pages
    are the page cache's, shared by every process that maps the file."""
    if _POPULATE_READ is not None:
        try:
            mapped.madvise(_POPULATE_READ)
            return
        except OSError:  # a kernel older than 5.14
            pass
    if (advice := getattr(mmap, "MADV_WILLNEED", None)) is not None:
        mapped.madvise(advice)


_READ_AS_IS = tuple(name for name, _ in _COLUMNS if name != "balance")
"""The columns a tie holds as they are (``balance`` is worked out from its counts)."""
_READ = attrgetter(*_READ_AS_IS)
_CHUNK = 65_536


def _columns(ties: list[Tie]) -> dict[str, array.array[Any]]:
    """The columns of ``ties``, by name: each tie is read once, a chunk of them at a time
    (a pass over a million ties a column would fetch each from memory again), into columns
    made at their full size at the start.

    >>> columns = _columns([Tie.of(2.0, 5, 3, 1, 1, 10.0, 20.0)])
    >>> columns["balance"].tolist(), columns["mutual"].tolist(), list(columns) == [
    ...     name for name, _ in _COLUMNS]
    ([0.75], [1], True)
    """
    columns = {name: _zeros(code, len(ties)) for name, code in _COLUMNS}
    for start in range(0, len(ties), _CHUNK):
        chunk = ties[start : start + _CHUNK]
        read = dict(zip(_READ_AS_IS, zip(*map(_READ, chunk), strict=True), strict=True))
        read["balance"] = tuple(map(balance, read["out_a"], read["out_b"], read["mutual"]))
        for name, column in columns.items():
            column[start : start + len(chunk)] = array.array(column.typecode, read[name])
    return columns


def _zeros(code: str, size: int) -> array.array[Any]:
    return array.array(code, bytes(array.array(code).itemsize * size))


def _interleaved(columns: list[array.array[Any]]) -> array.array[Any]:
    """The records of ``columns`` (of one type code and length): their items side by side.

    >>> _interleaved([array.array("I", [1, 2]), array.array("I", [3, 4])]).tolist()
    [1, 3, 2, 4]
    """
    width = len(columns)
    records = _zeros(columns[0].typecode, width * len(columns[0]))
    for i, column in enumerate(columns):
        records[i::width] = column
    return records


class TieFile:
    """One ``graph.ties`` file, mapped: ties by person and by pair, read in place."""

    def __init__(self, mapped: mmap.mmap, meta: dict[str, Any], start: int) -> None:
        self._mapped = mapped
        view = memoryview(mapped)

        def section(name: str) -> memoryview:
            at, size = meta["sections"][name]
            return view[start + at : start + at + size]

        self.seq: int = meta["seq"]
        self.size: int = meta["ties"]
        latest = meta["latest"]
        self.latest = float("-inf") if latest is None else float(latest)
        """The time of the latest interaction of any tie."""
        blob, starts = bytes(section("names")), section("name_starts").cast("Q")
        self.names: list[str] = [
            sys.intern(blob[starts[i] : starts[i + 1]].decode()) for i in range(len(starts) - 1)
        ]
        """Person ids by number."""
        self.number: dict[str, int] = {name: i for i, name in enumerate(self.names)}
        self.row = section("row").cast("Q")
        codes: dict[str, Literal["d", "I"]] = dict(_COLUMNS, neighbour="I", tie="I")
        columns: dict[str, memoryview[Any]] = {}
        for name, record in _RECORDS:
            items = section(name).cast(codes[record[0]])
            columns |= {c: items[i :: len(record)] for i, c in enumerate(record)}
        self.neighbour, self.tie = columns["neighbour"], columns["tie"]
        self.weight, self.balance, self.first, self.last = (
            columns[c] for c in ("weight", "balance", "first", "last")
        )
        self.count, self.out_a, self.out_b, self.mutual = (
            columns[c] for c in ("count", "out_a", "out_b", "mutual")
        )

    @classmethod
    def open(cls, path: Path, expected: Header) -> TieFile | None:
        """The file at ``path`` mapped, if it is one written for ``expected``'s store and
        model and not for a later state than ``expected.seq``; ``None`` otherwise."""
        try:
            with open(path, "rb") as file:
                meta, start = _header(file)
                if not _fits(meta, expected):
                    return None
                mapped = mmap.mmap(file.fileno(), 0, flags=mmap.MAP_SHARED, prot=mmap.PROT_READ)
        except (OSError, ValueError, struct.error):
            return None
        _map_in(mapped)
        return cls(mapped, meta, start)

    @staticmethod
    def seq_of(path: Path, expected: Header | None = None) -> int | None:
        """The ``seq`` of the file at ``path``, read from its header alone (nothing mapped);
        ``None`` when there is none to read, or, with ``expected``, none :meth:`open` would
        take for it."""
        try:
            with open(path, "rb") as file:
                meta, _ = _header(file)
        except (OSError, ValueError, struct.error):
            return None
        seq = meta.get("seq")
        if not isinstance(seq, int) or (expected is not None and not _fits(meta, expected)):
            return None
        return seq

    def map_in(self) -> None:
        """Map the file in again, in a process forked from the one that opened it (a child
        is given none of its parent's page-table entries of a shared file mapping)."""
        _map_in(self._mapped)

    def tie_at(self, t: int) -> Tie:
        """The aggregates numbered ``t``, as a :class:`~graph_model.ties.Tie`."""
        return Tie.of(
            self.weight[t],
            self.count[t],
            self.out_a[t],
            self.out_b[t],
            self.mutual[t],
            self.first[t],
            self.last[t],
        )

    def find(self, a: str, b: str) -> int:
        """The number of the tie of ``a`` and ``b``; -1 when they have none."""
        number = self.number
        ia, ib = number.get(a), number.get(b)
        if ia is None or ib is None:
            return -1
        lo, hi = self.row[ia], self.row[ia + 1]
        e = bisect_left(self.neighbour, ib, lo, hi)
        return self.tie[e] if e < hi and self.neighbour[e] == ib else -1

    def get(self, a: str, b: str) -> Tie | None:
        t = self.find(a, b)
        return None if t < 0 else self.tie_at(t)

    def pairs(self) -> Iterator[tuple[tuple[str, str], int]]:
        """Every ``((a, b), tie number)``, ``a < b``, by ``a`` then ``b``."""
        names, neighbour, tie, row = self.names, self.neighbour, self.tie, self.row
        for i, a in enumerate(names):
            for e in range(row[i], row[i + 1]):
                if (j := neighbour[e]) > i:
                    yield (a, names[j]), tie[e]
