"""Uploaded files taken in safely: a size limit on the request, plain file names, streamed saves.

:class:`UploadLimit` answers 413 to a request whose body is larger than the limit:
before reading it when its Content-Length says so, else as soon as the bytes
received pass the limit (a chunked upload). :func:`save_uploads` then streams the
files to a folder, counting their bytes against the limit once more.

A file name is kept as its last part, as browsers and ``curl`` send it (old
browsers send ``C:\\Users\\me\\people.csv``, folder uploads ``export/people.csv``),
and refused when it can only be a trick or a mistake: no name, a hidden name
(``.env``), ``..`` anywhere in the path, a ``:`` (a drive letter or a Windows
stream), a control character, more than 255 bytes. Two uploads under one name
(in any case, as on Windows and macOS) are refused rather than one overwriting
the other.

>>> plain_name("C:\\\\Users\\\\me\\\\people.csv"), plain_name("export/companies.csv")
('people.csv', 'companies.csv')
>>> plain_name("../../etc/passwd")
Traceback (most recent call last):
api.uploads.UploadRefused: upload '../../etc/passwd': '..' in its path
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import problem

CHUNK_BYTES = 1 << 20
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UploadRefused(ValueError):
    """An upload that is not saved: its name is not a plain file name, or is taken (422)."""


class UploadTooLarge(ValueError):
    """Uploads larger than the limit together (413)."""

    def __init__(self, limit_bytes: int) -> None:
        super().__init__(too_large(limit_bytes))
        self.limit_bytes = limit_bytes


def too_large(limit_bytes: int) -> str:
    """What a client is told when its upload passes ``limit_bytes``.

    >>> too_large(512 << 20), too_large(1000)
    ('the upload is larger than the 512 MiB allowed (SRM_UPLOAD_LIMIT_MIB)', 'the upload is larger than the 1,000 bytes allowed (SRM_UPLOAD_LIMIT_MIB)')
    """
    size = f"{limit_bytes >> 20} MiB" if limit_bytes % (1 << 20) == 0 else f"{limit_bytes:,} bytes"
    return f"the upload is larger than the {size} allowed (SRM_UPLOAD_LIMIT_MIB)"


def plain_name(raw: str | None) -> str:
    """The name to save an upload under: the last part of ``raw``, or UploadRefused."""
    parts = re.split(r"[/\\]", raw or "")
    name = parts[-1]
    reason = None
    if not name:
        reason = "no file name"
    elif ".." in parts:
        reason = "'..' in its path"
    elif name.startswith("."):
        reason = "a hidden file name"
    elif ":" in name:
        reason = "a ':' in its name (a drive letter?)"
    elif _CONTROL.search(name):
        reason = "a control character in its name"
    elif len(os.fsencode(name)) > 255:
        reason = "a name longer than 255 bytes"
    if reason:
        raise UploadRefused(f"upload {raw!r}: {reason}")
    return name


def save_uploads(uploads: Sequence[UploadFile], folder: Path, limit_bytes: int) -> list[Path]:
    """Save ``uploads`` into ``folder`` (made if missing) under their plain names, a chunk
    at a time, and return where each went.

    Raises :class:`UploadRefused` before writing anything, and :class:`UploadTooLarge`
    as soon as the files together pass ``limit_bytes``, removing what it wrote. It
    reads and writes files: from an async route, run it in a thread.
    """
    names: dict[str, str | None] = {}
    for upload in uploads:
        name = plain_name(upload.filename)
        if name.casefold() in names:
            first = names[name.casefold()]
            raise UploadRefused(f"two uploads named {name!r}: {first!r} and {upload.filename!r}")
        names[name.casefold()] = upload.filename
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    total = 0
    try:
        for upload in uploads:
            target = folder / plain_name(upload.filename)
            with target.open("xb") as out:
                saved.append(target)
                for chunk in iter(partial(upload.file.read, CHUNK_BYTES), b""):
                    total += len(chunk)
                    if total > limit_bytes:
                        raise UploadTooLarge(limit_bytes)
                    out.write(chunk)
    except BaseException:
        for path in saved:
            path.unlink(missing_ok=True)
        raise
    return saved


_BODILESS = frozenset({"GET", "HEAD", "OPTIONS"})


class UploadLimit:
    """ASGI middleware: a request with a body larger than ``limit_bytes`` is answered
    413 (``application/problem+json``), without its route being entered when the
    Content-Length header says so, else when the body received passes the limit."""

    def __init__(self, app: ASGIApp, limit_bytes: int) -> None:
        self.app = app
        self.limit_bytes = limit_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = next((v for n, v in scope["headers"] if n == b"content-length"), b"")
        if declared.isdigit() and int(declared) > self.limit_bytes:
            await problem(413, too_large(self.limit_bytes))(scope, receive, send)
            return
        if scope["method"] in _BODILESS and not declared:
            await self.app(scope, receive, send)  # nothing to count
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit_bytes:
                raise HTTPException(413, too_large(self.limit_bytes))
            return message

        await self.app(scope, counted, send)
