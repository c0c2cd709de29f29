"""The floor of the HTTP benchmark: a bare FastAPI app on the service's paths.

    python -m benchmarks.bare_app [--host 127.0.0.1] [--port 8000]

Each route the benchmark asks (and ``/readyz``) takes the parameters the benchmark sends it
and answers a small constant JSON body from a sync ``def``, as the service's routes do
(FastAPI runs them in its thread pool). It is served as ``srm serve`` serves the service:
``uvicorn.run(app, host=host, port=port)``, so every other uvicorn setting is the same.
"""

from __future__ import annotations

import argparse
from typing import Annotated

from fastapi import FastAPI, Query

app = FastAPI(title="bare")
ANSWER = {"status": "ok"}


@app.get("/readyz")
def readyz() -> dict[str, str]:
    """Ready as soon as it listens."""
    return ANSWER


@app.get("/v1/strength")
def strength(a: str, b: str, as_of: str | None = None) -> dict[str, str]:
    """The strength route's path and parameters, a constant answer."""
    return ANSWER


@app.get("/v1/paths")
def paths(
    source: Annotated[str, Query(alias="from")],
    target: Annotated[str, Query(alias="to")],
    as_of: str | None = None,
) -> dict[str, str]:
    """The paths route's path and parameters, a constant answer."""
    return ANSWER


@app.get("/v1/companies/{company_id}/coverage")
def coverage(company_id: str, as_of: str | None = None) -> dict[str, str]:
    """The account coverage route's path, a constant answer."""
    return ANSWER


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    uvicorn.run(app, host=args.host, port=args.port)


if __name__ == "__main__":
    main()
