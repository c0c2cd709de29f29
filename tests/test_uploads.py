"""Taking uploads in: the size limit (on the request and on the files), names, duplicates."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import pytest
from fastapi import FastAPI, File, UploadFile
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from api import problems
from api.uploads import UploadLimit, UploadRefused, UploadTooLarge, plain_name, save_uploads

LIMIT = 1_000_000
TOO_LARGE = "the upload is larger than the 1,000,000 bytes allowed (SRM_UPLOAD_LIMIT_MIB)"
PROBLEM = {"type": "about:blank", "title": "Content too large", "status": 413, "detail": TOO_LARGE}


class _Spool(io.BytesIO):
    """An upload's spooled file that notes how much each read asks for."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.asked: list[int | None] = []

    def read(self, size: int | None = -1, /) -> bytes:
        self.asked.append(size)
        return super().read(size)


def _upload(name: str | None, data: bytes = b"id,name\n") -> UploadFile:
    return UploadFile(_Spool(data), filename=name)


def test_uploads_are_saved_a_chunk_at_a_time_under_their_plain_names(tmp_path: Path) -> None:
    big = b"id,name\n" + b"c1,Acme\n" * 400_000
    uploads = [_upload("C:\\Users\\me\\companies.csv", big), _upload("export/people.csv")]
    saved = save_uploads(uploads, tmp_path / "in", 10 * LIMIT)
    assert saved == [tmp_path / "in" / "companies.csv", tmp_path / "in" / "people.csv"]
    assert [p.read_bytes() for p in saved] == [big, b"id,name\n"]
    spool = uploads[0].file
    assert isinstance(spool, _Spool)
    assert all(size is not None and 0 < size <= 1 << 20 for size in spool.asked)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (None, "no file name"),
        ("", "no file name"),
        ("export/", "no file name"),
        (".env", "a hidden file name"),
        ("export/.hidden.csv", "a hidden file name"),
        ("../../etc/passwd", "'..' in its path"),
        ("..\\people.csv", "'..' in its path"),
        ("C:people.csv", "a ':' in its name (a drive letter?)"),
        ("people.csv:stream", "a ':' in its name (a drive letter?)"),
        ("people\x00.csv", "a control character in its name"),
        ("p" * 252 + ".csv", "a name longer than 255 bytes"),
    ],
)
def test_names_that_are_no_plain_file_names_are_refused(raw: str | None, reason: str) -> None:
    with pytest.raises(UploadRefused) as raised:
        plain_name(raw)
    assert str(raised.value) == f"upload {raw!r}: {reason}"


@pytest.mark.parametrize(
    ("first", "second"),
    [("people.csv", "people.csv"), ("people.csv", "People.CSV"), ("a/people.csv", "b/people.csv")],
)
def test_two_uploads_under_one_name_are_refused_before_anything_is_written(
    tmp_path: Path, first: str, second: str
) -> None:
    uploads = [_upload("companies.csv"), _upload(first), _upload(second)]
    with pytest.raises(UploadRefused) as raised:
        save_uploads(uploads, tmp_path, LIMIT)
    name = plain_name(second)
    assert str(raised.value) == f"two uploads named {name!r}: {first!r} and {second!r}"
    assert list(tmp_path.iterdir()) == []


def test_uploads_over_the_limit_together_are_refused_and_removed(tmp_path: Path) -> None:
    uploads = [_upload(f"part{n}.csv", bytes(400_000)) for n in range(3)]
    with pytest.raises(UploadTooLarge) as raised:
        save_uploads(uploads, tmp_path, LIMIT)
    assert (raised.value.limit_bytes, str(raised.value)) == (LIMIT, TOO_LARGE)
    assert list(tmp_path.iterdir()) == []
    exactly = [_upload("a.csv", bytes(600_000)), _upload("b.csv", bytes(400_000))]
    assert [p.stat().st_size for p in save_uploads(exactly, tmp_path, LIMIT)] == [600_000, 400_000]


def _app(entered: list[int]) -> FastAPI:
    app = FastAPI()
    problems.install(app)
    app.add_middleware(UploadLimit, limit_bytes=LIMIT)

    @app.post("/upload")
    async def upload(files: Annotated[list[UploadFile], File()]) -> dict[str, int]:
        entered.append(len(files))
        return {"files": len(files)}

    return app


def _multipart(data: bytes) -> tuple[bytes, dict[str, str]]:
    head = b'--edge\r\nContent-Disposition: form-data; name="files"; filename="people.csv"\r\n\r\n'
    return head + data + b"\r\n--edge--\r\n", {"content-type": "multipart/form-data; boundary=edge"}


def test_a_declared_length_over_the_limit_is_answered_before_the_body_is_read() -> None:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        raise AssertionError("the app was entered")

    async def receive() -> Message:
        raise AssertionError("the body was read")

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    scope: Scope = {"type": "http", "method": "POST", "path": "/upload"}
    scope["headers"] = [(b"content-length", str(LIMIT + 1).encode())]
    asyncio.run(UploadLimit(app, LIMIT)(scope, receive, send))
    assert sent[0]["status"] == 413
    assert (b"content-type", b"application/problem+json") in sent[0]["headers"]
    assert sent[1]["body"] == problems.problem(413, TOO_LARGE).body


def test_the_limit_holds_for_a_declared_length_and_for_a_chunked_body() -> None:
    entered: list[int] = []
    with TestClient(_app(entered)) as client:
        body, headers = _multipart(bytes(LIMIT))
        declared = client.post("/upload", content=body, headers=headers)
        chunked = client.post("/upload", content=_chunks(body), headers=headers)
        small, headers = _multipart(b"id,name\n")
        fine = client.post("/upload", content=_chunks(small), headers=headers)
    for response in (declared, chunked):
        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json() == PROBLEM
    assert (fine.status_code, fine.json(), entered) == (200, {"files": 1}, [1])


def _chunks(body: bytes) -> Iterator[bytes]:
    for start in range(0, len(body), 64 << 10):
        yield body[start : start + (64 << 10)]
