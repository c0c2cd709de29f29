"""The web page: ``/`` answers its ``index.html`` and ``/static`` its built assets (see
``web/``). Neither holds data, so neither needs an API key; the page asks for one when the
API does. ``index.html`` names the bundle by its content's hash (``app.js?v=…``), so an
asset asked for by hash is kept by the browser for good (the page's layout worker, started
from the same bundle, then reads it from the cache); anything else is checked each time.
Assets go out compressed to a browser that takes gzip, as every answer of the service does
(the bundle is a third of its size).

>>> from fastapi.testclient import TestClient
>>> import re, tempfile
>>> from api.app import create_app
>>> from graph_model.settings import Settings
>>> with TestClient(create_app(Settings(data_dir=tempfile.mkdtemp()))) as client:
...     page = client.get("/")
...     bundle = re.search(r"/static/app\\.js\\?v=\\w+", page.text).group()
...     licences = client.get("/static/THIRD-PARTY-LICENSES.txt")
...     page.status_code, page.headers["content-type"], page.headers["cache-control"]
...     app_js = client.get(bundle, headers={"Accept-Encoding": "gzip"})
...     app_js.headers["cache-control"], app_js.headers["content-encoding"]
...     licences.headers["cache-control"]
(200, 'text/html; charset=utf-8', 'no-cache')
('public, max-age=31536000, immutable', 'gzip')
'no-cache'
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response
from starlette.types import Scope

STATIC = Path(__file__).parent / "static"
FOR_GOOD = "public, max-age=31536000, immutable"


class _Assets(StaticFiles):
    """The built assets: kept for good when asked for by hash (``?v=``), else checked."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        hashed = any(part.startswith(b"v=") for part in scope.get("query_string", b"").split(b"&"))
        ok = response.status_code in (200, 304)
        response.headers["Cache-Control"] = FOR_GOOD if hashed and ok else "no-cache"
        return response


def install(app: FastAPI) -> None:
    """Serve the page at ``/`` and its assets at ``/static``."""
    app.mount("/static", _Assets(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        # Always checked with the server: it names the current assets by their hash.
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})
