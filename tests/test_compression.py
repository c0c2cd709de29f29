"""Gzip of large answers (:mod:`api.compression`): what is compressed, what passes as it came."""

from __future__ import annotations

import gzip
import json
import tempfile
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.responses import Response, StreamingResponse
from fastapi.testclient import TestClient

from api.app import create_app
from api.compression import GzipLarge
from graph_model.settings import Settings

LARGE = {"items": [{"id": f"p{i:05d}", "name": f"Person {i}"} for i in range(500)]}


def _app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(GzipLarge, minimum_size=1024)

    @app.get("/large")
    def large() -> dict[str, object]:
        return LARGE

    @app.get("/small")
    def small() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/stream")
    def stream() -> StreamingResponse:
        def parts() -> Iterator[bytes]:
            for i in range(200):
                yield f"line {i}, ".encode() * 20 + b"\n"

        return StreamingResponse(parts(), media_type="text/csv")

    @app.get("/image")
    def image() -> Response:
        return Response(b"\x89PNG" + bytes(4000), media_type="image/png")

    @app.get("/encoded")
    def encoded() -> Response:
        body = gzip.compress(json.dumps(LARGE).encode())
        return Response(body, headers={"Content-Encoding": "gzip"}, media_type="application/json")

    return app


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(_app()) as test_client:
        yield test_client


def _raw(client: TestClient, path: str, accept: str = "gzip") -> tuple[dict[str, str], bytes]:
    """Headers and the body as sent (not decoded)."""
    with client.stream("GET", path, headers={"Accept-Encoding": accept}) as response:
        assert response.status_code == 200
        return dict(response.headers), b"".join(response.iter_raw())


def test_a_large_answer_is_gzipped_with_its_length_and_vary(client: TestClient) -> None:
    headers, body = _raw(client, "/large")
    assert headers["content-encoding"] == "gzip"
    assert headers["vary"] == "Accept-Encoding"
    assert int(headers["content-length"]) == len(body)
    assert json.loads(gzip.decompress(body)) == LARGE
    assert len(body) < len(json.dumps(LARGE)) / 4


def test_a_small_answer_or_a_client_without_gzip_gets_it_as_it_came(client: TestClient) -> None:
    headers, body = _raw(client, "/small")
    assert "content-encoding" not in headers and json.loads(body) == {"status": "ok"}
    headers, body = _raw(client, "/large", accept="identity")
    assert "content-encoding" not in headers and json.loads(body) == LARGE


def test_a_streamed_answer_is_gzipped_part_by_part(client: TestClient) -> None:
    headers, body = _raw(client, "/stream")
    assert headers["content-encoding"] == "gzip" and "content-length" not in headers
    expected = b"".join(f"line {i}, ".encode() * 20 + b"\n" for i in range(200))
    assert gzip.decompress(body) == expected


def test_images_and_encoded_answers_pass_through(client: TestClient) -> None:
    headers, body = _raw(client, "/image")
    assert "content-encoding" not in headers and body.startswith(b"\x89PNG")
    headers, body = _raw(client, "/encoded")
    assert headers["content-encoding"] == "gzip"
    assert json.loads(gzip.decompress(body)) == LARGE  # compressed once, not twice


def test_the_service_gzips_its_large_answers() -> None:
    with TestClient(create_app(Settings(data_dir=tempfile.mkdtemp()))) as service:
        headers, body = _raw(service, "/openapi.json")
        assert headers["content-encoding"] == "gzip"
        assert json.loads(gzip.decompress(body))["info"]["title"] == "srm-graph"
        headers, body = _raw(service, "/healthz")
        assert "content-encoding" not in headers and json.loads(body) == {"status": "ok"}
