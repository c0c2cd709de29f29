"""The web page: ``/`` answers its ``index.html`` and ``/static`` its built assets (see
``web/``). Neither holds data, so neither needs an API key; the page asks for one when the
API does.

>>> from fastapi.testclient import TestClient
>>> import tempfile
>>> from api.app import create_app
>>> from graph_model.settings import Settings
>>> with TestClient(create_app(Settings(data_dir=tempfile.mkdtemp()))) as client:
...     page = client.get("/")
...     page.status_code, page.headers["content-type"], "/static/app.js" in page.text
(200, 'text/html; charset=utf-8', True)
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"


def install(app: FastAPI) -> None:
    """Serve the page at ``/`` and its assets at ``/static``."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        # Always checked with the server: it names the current assets by their hash.
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})
