"""Ingest over HTTP: upload an export, list the runs."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Query, UploadFile
from fastapi.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep
from ingest.adapters.registry import FORMATS
from ingest.pipeline import IngestOptions, ingest
from ingest.runs import RunRecord, RunSummary, list_runs, result_summary
from ingest.sources import ExportError

router = APIRouter(prefix="/v1/ingest", tags=["ingest"])


@router.get("/runs", response_model=list[RunRecord])
def runs(store: StoreDep, limit: Annotated[int, Query(ge=1, le=500)] = 20) -> list[RunRecord]:
    """The latest ingest runs, newest first."""
    return list_runs(store, limit)


def _save(uploads: list[UploadFile], folder: Path) -> None:
    for upload in uploads:
        name = PurePosixPath(upload.filename or "").name
        if not name or name.startswith("."):
            raise HTTPException(422, f"upload without a usable file name: {upload.filename!r}")
        with (folder / name).open("wb") as out:
            shutil.copyfileobj(upload.file, out)


@router.post("", response_model=RunSummary)
async def upload(
    store: StoreDep,
    settings: SettingsDep,
    files: Annotated[
        list[UploadFile], File(description="a .zip, or the export's .csv/.jsonl files")
    ],
    export_format: Annotated[
        str | None, Form(alias="format", description=f"one of {', '.join(FORMATS)}")
    ] = None,
    day_first: Annotated[bool, Form()] = False,
    dry_run: Annotated[bool, Form()] = False,
    snapshot: Annotated[bool, Form()] = False,
) -> RunSummary:
    """Ingest an uploaded export and return the run's summary (mapping files: use the CLI)."""
    if export_format == "mapping":
        raise HTTPException(422, "the mapping format needs a mapping file: use `srm ingest`")
    with tempfile.TemporaryDirectory(prefix="srm-upload-") as tmp:
        folder = Path(tmp)
        _save(files, folder)
        zips = list(folder.glob("*.zip"))
        source = zips[0] if len(files) == 1 and zips else folder
        options = IngestOptions.from_settings(
            settings, format=export_format, day_first=day_first, dry_run=dry_run, snapshot=snapshot
        )
        try:
            result = await run_in_threadpool(ingest, store, source, options)
        except ExportError as exc:
            raise HTTPException(422, str(exc)) from exc
    return result_summary(result)
