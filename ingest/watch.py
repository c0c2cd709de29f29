"""A drop folder: ingest each export put into it once, then file it away.

Every entry of the folder (a sub-folder, a ``.zip``, or the loose ``.csv`` and
``.jsonl`` and ``.json`` files taken together, gathered into a hidden staging folder) is one
batch; staging left over by a killed watcher is taken first. An entry is taken once it has
not changed for ``settle_seconds``; after its run it moves to ``processed/``
(or to ``failed/`` when the run failed or rejected too much), under a name
that starts with the run's time. A lock file in the folder keeps two watchers
(or a watcher and a manual run with ``--watch``) from overlapping.

>>> import tempfile, pathlib
>>> drop = pathlib.Path(tempfile.mkdtemp())
>>> _ = (drop / "companies.csv").write_text("id,name\\nc1,Acme\\n")
>>> [(b.name, sorted(p.name for p in b.source.iterdir())) for b in pending_batches(drop, 0)]
[('loose-files', ['companies.csv'])]
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

LOCK_FILE = ".srm-ingest.lock"
DONE_DIRS = ("processed", "failed")
_LOOSE = (".csv", ".jsonl", ".json")


class DropFolderBusy(RuntimeError):
    """Another ingest holds the drop folder's lock."""


@dataclass(frozen=True)
class Batch:
    """One export waiting in the drop folder."""

    name: str
    source: Path


@contextmanager
def drop_folder_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's lock, or raise :class:`DropFolderBusy` at once."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / LOCK_FILE).open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DropFolderBusy(f"another ingest is working on {folder}") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _settled(path: Path, settle_seconds: float, now: float) -> bool:
    paths = [path, *path.rglob("*")] if path.is_dir() else [path]
    return all(now - p.stat().st_mtime >= settle_seconds for p in paths)


def pending_batches(folder: Path, settle_seconds: float = 2.0) -> list[Batch]:
    """The batches ready in ``folder``, oldest name first."""
    now = time.time()
    batches: list[Batch] = []
    loose: list[Path] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.name in DONE_DIRS:
            continue
        if not _settled(entry, settle_seconds, now):
            continue
        if entry.is_dir() or entry.suffix.lower() == ".zip":
            batches.append(Batch(entry.name, entry))
        elif entry.suffix.lower() in _LOOSE:
            loose.append(entry)
    if loose:
        staging = folder / f".loose-{time.time_ns()}"
        staging.mkdir()
        for path in loose:
            shutil.move(str(path), staging / path.name)
        batches.append(Batch("loose-files", staging))
    return batches


def file_away(batch: Batch, folder: Path, ok: bool, stamp: datetime) -> Path:
    """Move a finished batch under ``processed/`` or ``failed/``; the new location."""
    target = folder / ("processed" if ok else "failed") / f"{stamp:%Y%m%dT%H%M%SZ}-{batch.name}"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(batch.source), target)
    return target


def watch(
    folder: Path,
    run: Callable[[Path], bool],
    *,
    interval: float = 60.0,
    once: bool = False,
    settle_seconds: float = 2.0,
) -> int:
    """Ingest every batch appearing in ``folder`` with ``run`` (true when it succeeded).

    Returns the number of batches handled; loops forever unless ``once``.
    """
    handled = 0
    with drop_folder_lock(folder):
        for leftover in sorted(folder.glob(".loose-*")):
            file_away(Batch("loose-files", leftover), folder, run(leftover), datetime.now(UTC))
            handled += 1
        while True:
            for batch in pending_batches(folder, settle_seconds):
                ok = run(batch.source)
                file_away(batch, folder, ok, datetime.now(UTC))
                handled += 1
            if once:
                return handled
            time.sleep(interval)
