"""Ingest over HTTP: upload an export (a job, answered at once), follow it, list the runs."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api import problems
from api.audit import ingest_counts, record, request_entry
from api.auth import caller_of
from api.deps import SettingsDep, StoreDep, guarded_router
from api.paging import Cursor, PageInfo, cut, wanted
from api.uploads import UploadRefused, UploadTooLarge, save_uploads
from ingest.adapters.registry import FORMATS
from ingest.archive import extract
from ingest.errors import ExportError
from ingest.jobs import IngestJobs, Job
from ingest.pipeline import IngestOptions, check_export, record_refused
from ingest.runs import RunRecord, RunSummary, get_run, list_runs

router = guarded_router("ingest", "ingest", prefix="/v1/ingest")


async def get_jobs(request: Request) -> IngestJobs:
    jobs: IngestJobs = request.app.state.jobs
    return jobs


JobsDep = Annotated[IngestJobs, Depends(get_jobs)]


class IngestRun(BaseModel):
    """An ingest as it stands: ``queued``, ``running``, ``succeeded`` or ``failed``.

    ``progress`` (rows read by table) while this process runs it; ``summary`` once it
    ended here; ``run`` as stored (not for dry runs); ``error`` why it failed.
    """

    id: str
    url: str
    status: str
    dry_run: bool | None = None
    progress: dict[str, int] = {}
    summary: RunSummary | None = None
    run: RunRecord | None = None
    error: str | None = None


def _url(run_id: str) -> str:
    return f"{router.prefix}/runs/{run_id}"


def _of_job(job: Job, stored: RunRecord | None) -> IngestRun:
    return IngestRun(
        id=job.id,
        url=_url(job.id),
        status=job.status,
        dry_run=job.dry_run,
        progress=dict(job.progress),
        summary=job.summary,
        run=stored,
        error=job.error,
    )


class RunList(PageInfo):
    runs: list[RunRecord]


@router.get("/runs", response_model=RunList)
def runs(
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=500, description="at most this many a page")] = 20,
    cursor: Cursor = None,
) -> RunList:
    """The ingest runs, newest first."""
    found, page = cut(list_runs(store, wanted(cursor, limit)), cursor, limit)
    return RunList(runs=found, **page.model_dump())


@router.get("/runs/{run_id}", response_model=IngestRun, responses=problems.responses(404))
def run(run_id: str, store: StoreDep, jobs: JobsDep) -> IngestRun:
    """One ingest: its progress while it runs, its summary once it has ended."""
    job = jobs.get(run_id)
    stored = get_run(store, run_id)
    if job is not None:
        return _of_job(job, stored)
    if stored is None:
        raise HTTPException(404, f"no ingest run with id {run_id!r}")
    return IngestRun(
        id=run_id, url=_url(run_id), status=stored.status, run=stored, error=stored.error
    )


def _save(uploads: list[UploadFile], folder: Path, limit_bytes: int) -> Path:
    """The export to ingest, streamed into ``folder``: the folder of the uploaded files,
    or of the files a single uploaded .zip holds (unpacked within its limits)."""
    saved = save_uploads(uploads, folder / "uploads", limit_bytes)
    if len(saved) == 1 and saved[0].suffix.lower() == ".zip":
        export = extract(saved[0], folder / "export")
        saved[0].unlink()
        return export
    return folder / "uploads"


def _upload_name(files: list[str], shown: int = 5) -> str:
    """How a run names an upload: by its files (no temporary path).

    >>> _upload_name(["people.csv", "companies.csv"])
    'upload: people.csv, companies.csv'
    >>> _upload_name([f"{n}.csv" for n in range(7)])
    'upload: 0.csv, 1.csv, 2.csv, 3.csv, 4.csv and 2 more'
    """
    more = f" and {len(files) - shown} more" if len(files) > shown else ""
    return "upload: " + ", ".join(files[:shown]) + more


def _prepare(
    uploads: list[UploadFile],
    folder: Path,
    options: IngestOptions,
    limit_bytes: int,
    refused: Callable[[str], str],
) -> Path:
    """The saved export, its format told from its headers: 413 over the size limit, 422
    for a refused file name or archive, or an export that cannot be read (recorded as a
    failed run by ``refused``, which gives its id)."""
    try:
        source = _save(uploads, folder, limit_bytes)
        check_export(source, options)
    except UploadTooLarge as exc:
        raise HTTPException(413, str(exc)) from exc
    except UploadRefused as exc:
        raise HTTPException(422, str(exc)) from exc
    except ExportError as exc:
        run_id = refused(str(exc))
        where = "" if options.dry_run else f" (recorded as the failed run {_url(run_id)})"
        raise HTTPException(422, f"{exc}{where}") from exc
    return source


@router.post(
    "",
    status_code=202,
    response_model=IngestRun,
    responses={
        202: {"headers": {"Location": {"description": "the run's URL"}}},
        **problems.responses(400, 413),
    },
)
async def upload(
    request: Request,
    settings: SettingsDep,
    jobs: JobsDep,
    files: Annotated[
        list[UploadFile], File(description="a .zip, or the export's .csv/.jsonl/.json files")
    ],
    export_format: Annotated[
        str | None, Form(alias="format", description=f"one of {', '.join(FORMATS)}")
    ] = None,
    day_first: Annotated[bool, Form()] = False,
    dry_run: Annotated[bool, Form()] = False,
    snapshot: Annotated[
        bool, Form(description="end the employments and supplies missing from the export")
    ] = False,
    confirm_snapshot: Annotated[
        bool, Form(description="needed by a snapshot that is not a dry run")
    ] = False,
) -> JSONResponse:
    """Start ingesting an uploaded export (mapping files: use the CLI): 202 with the run's
    URL, which shows its progress and, once it has ended, its summary."""
    if export_format == "mapping":
        raise HTTPException(422, "the mapping format needs a mapping file: use `srm ingest`")
    if snapshot and not dry_run and not confirm_snapshot:
        raise HTTPException(
            422,
            "a snapshot ends every employment and supply the export does not list: send it "
            "with dry_run=true to see what it would end, then with confirm_snapshot=true",
        )
    options = IngestOptions.from_settings(
        settings, format=export_format, day_first=day_first, dry_run=dry_run, snapshot=snapshot
    )
    asked: dict[str, Any] = {"format": export_format, "dry_run": dry_run, "snapshot": snapshot}
    asked["files"] = sorted(f.filename or "" for f in files)
    name = _upload_name(asked["files"])
    folder = Path(tempfile.mkdtemp(prefix="srm-upload-"))
    try:
        limit = settings.upload_limit_mib << 20
        refused = partial(record_refused, jobs.store, name, options)
        source = await run_in_threadpool(_prepare, files, folder, options, limit, refused)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    submitted = request_entry(request, caller_of(request).key, 202)

    def ended(job: Job) -> None:
        counts = ingest_counts(job.summary.run.files) if job.summary else {}
        parameters = {**asked, "run": job.id}
        done = replace(submitted, action="ingest", outcome=job.status, parameters=parameters)
        record(jobs.store, replace(done, counts=counts))

    job = jobs.submit(source, options, name=name, cleanup=folder, ended=ended)
    body = _of_job(job, None)
    return JSONResponse(body.model_dump(mode="json"), 202, headers={"Location": body.url})
