"""Ingests off the request path: each submitted export is a job run by a worker thread.

One worker runs the jobs of a process in the order they came, so two uploads never
write at once (another process's ingest is serialised by the store itself). A job
is known by its run's id from the moment it is submitted; while it waits or runs,
:meth:`IngestJobs.get` tells its progress, and once done its summary or its error.
The folder an upload was saved in is removed when its job ends.

>>> import tempfile
>>> from pathlib import Path
>>> from graph_model.embedded.store import EmbeddedStore
>>> store = EmbeddedStore(Path(tempfile.mkdtemp()))
>>> jobs = IngestJobs(store)
>>> job = jobs.submit(Path(tempfile.mkdtemp()), IngestOptions())
>>> jobs.wait(job.id).status, jobs.get(job.id).error
('failed', 'cannot tell the format of this export (no .csv, .jsonl or .json files): ...')
>>> jobs.close(); store.close()
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from graph_model.store import GraphStore
from ingest.pipeline import IngestOptions, ingest
from ingest.result import new_run_id
from ingest.runs import RunSummary, result_summary


@dataclass
class Job:
    """One submitted ingest: ``queued``, ``running``, ``succeeded`` or ``failed``."""

    id: str
    dry_run: bool
    submitted_at: datetime
    status: str = "queued"
    progress: dict[str, int] = field(default_factory=dict)
    """Rows read so far, by canonical table."""
    summary: RunSummary | None = None
    error: str | None = None


class IngestJobs:
    """The ingest jobs of one process over one store."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._jobs: dict[str, Job] = {}
        self._futures: dict[str, Future[None]] = {}
        self._lock = threading.Lock()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="srm-ingest")

    def submit(
        self,
        source: Path,
        options: IngestOptions,
        *,
        name: str | None = None,
        cleanup: Path | None = None,
        ended: Callable[[Job], None] | None = None,
    ) -> Job:
        """Queue the ingest of ``source`` (a folder or a .zip), recorded under ``name`` (by
        default its path); ``cleanup`` is removed when the job ends, and ``ended(job)`` is
        called then."""
        job = Job(new_run_id(), options.dry_run, datetime.now(UTC))
        with self._lock:
            self._jobs[job.id] = job
            run = self._worker.submit(self._run, job, source, name, options, cleanup, ended)
            self._futures[job.id] = run
        return job

    def get(self, job_id: str) -> Job | None:
        """The job ``job_id`` of this process, if any."""
        with self._lock:
            return self._jobs.get(job_id)

    def wait(self, job_id: str, timeout: float | None = None) -> Job:
        """The job once it has ended (``TimeoutError`` after ``timeout`` seconds)."""
        self._futures[job_id].result(timeout)
        return self._jobs[job_id]

    def close(self) -> None:
        """Stop taking jobs; those waiting are dropped. The one running goes on until the
        store is closed: then the batch it is writing is committed, its next write fails, and
        its run, still marked running, is marked failed when the service next starts."""
        self._worker.shutdown(wait=False, cancel_futures=True)

    def _run(
        self,
        job: Job,
        source: Path,
        name: str | None,
        options: IngestOptions,
        cleanup: Path | None,
        ended: Callable[[Job], None] | None,
    ) -> None:
        job.status = "running"

        def progress(table: str, rows: int) -> None:
            job.progress[table] = rows

        try:
            with _removed(cleanup):
                result = ingest(
                    self.store, source, options, progress=progress, run_id=job.id, source=name
                )
            job.summary = result_summary(result)
            job.status, job.error = result.status, result.error
        except Exception as exc:  # the job's error is its answer; the service goes on
            job.error = str(exc) or type(exc).__name__
            job.status = "failed"
        if ended is not None:
            ended(job)


@contextmanager
def _removed(folder: Path | None) -> Iterator[None]:
    try:
        yield
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
