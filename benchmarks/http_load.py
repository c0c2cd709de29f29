"""The load client of the HTTP benchmark: keep-alive connections sending requests back to back.

    python -m benchmarks.http_load URL PATHS [--clients 16] [--seconds 10] [--warmup 2]
        [--timeout 30]

``PATHS`` is a JSON file of request paths (``/v1/strength?a=..&b=..``). The client opens
``--clients`` keep-alive connections to ``URL`` (one aiohttp session with as many pooled
connections as clients); client i starts at path i and walks the list, sending its next request
as soon as the last one is answered, for ``--warmup`` seconds and then ``--seconds`` measured.
Each request is timed with ``time.perf_counter`` from before it is sent until its body is read.

What it measures are the requests that end after the warm-up: those started in the
``--seconds`` after it, and those still in flight then (so that a route slower than the window
is measured, not left out). It prints JSON: their p50 and p99 in ms (errors included: one that
timed out counts its full timeout); their 2xx answers per second over the span from the end of
the warm-up to the end of the last of them (``span_s``); the errors by kind over the whole run,
warm-up included, so that a server that hangs during the warm-up is caught: ``busy`` (a 503:
a heavy question turned away at once), ``status`` (another answer other than 2xx), ``timeout`` (no whole answer within ``--timeout``), ``connection``
(refused, reset or closed); how many requests of the whole run were answered (a server that
lets requests time out yet answers others is overloaded rather than hung); and the share of a
core the client itself used (near 1, the client would be what limits the rate).

It ends by itself: no request starts after the window, and none waits beyond ``--timeout``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

import aiohttp

from benchmarks.common import percentiles

ERRORS = ("busy", "status", "timeout", "connection")
"""``busy``: a 503 (a heavy question turned away at once, with Retry-After)."""


class Sample(NamedTuple):
    start: float
    seconds: float
    outcome: str  # "ok" or one of ERRORS


async def _request(session: aiohttp.ClientSession, path: str) -> str:
    """Sends one request and reads its whole answer; its outcome."""
    try:
        async with session.get(path) as response:
            await response.read()
            if response.status == 503:
                return "busy"
            return "ok" if 200 <= response.status < 300 else "status"
    except TimeoutError:  # aiohttp's own timeout errors are TimeoutErrors too
        return "timeout"
    except aiohttp.ClientError:
        return "connection"


async def _client(
    session: aiohttp.ClientSession,
    paths: list[str],
    first: int,
    until: float,
    samples: list[Sample],
) -> None:
    """Requests back to back, from ``paths[first]`` on, until ``until``."""
    i = first
    while (start := time.perf_counter()) < until:
        outcome = await _request(session, paths[i % len(paths)])
        samples.append(Sample(start, time.perf_counter() - start, outcome))
        i += 1


async def load(
    url: str, paths: list[str], clients: int, seconds: float, warmup: float, timeout: float
) -> dict[str, Any]:
    """Runs ``clients`` clients against ``url``; the summary printed by :func:`main`."""
    connector = aiohttp.TCPConnector(limit=clients)
    session_timeout = aiohttp.ClientTimeout(total=timeout)
    samples: list[Sample] = []
    cpu, wall = time.process_time(), time.perf_counter()
    async with aiohttp.ClientSession(url, connector=connector, timeout=session_timeout) as session:
        window = time.perf_counter() + warmup
        until = window + seconds
        await asyncio.gather(*(_client(session, paths, i, until, samples) for i in range(clients)))
    summary = summarise(samples, window)
    summary["client_cpu"] = (time.process_time() - cpu) / (time.perf_counter() - wall)
    return summary


def summarise(samples: list[Sample], window: float) -> dict[str, Any]:
    """Answers per second and latency of the requests that ended from ``window`` on, and the
    errors of all of them."""
    measured = [s for s in samples if s.start + s.seconds >= window]
    p50, p99 = percentiles([s.seconds * 1000 for s in measured]) if measured else (None, None)
    span = max((s.start + s.seconds for s in measured), default=window) - window
    errors = Counter(s.outcome for s in samples)
    return {
        "rps": sum(s.outcome == "ok" for s in measured) / span if span else 0.0,
        "span_s": span,
        "requests": len(measured),
        "p50_ms": p50,
        "p99_ms": p99,
        "errors": {kind: errors[kind] for kind in ERRORS},
        "answered": errors["ok"] + errors["status"] + errors["busy"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("paths", type=Path, help="a JSON list of request paths")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    paths = json.loads(args.paths.read_text())
    summary = asyncio.run(
        load(args.url, paths, args.clients, args.seconds, args.warmup, args.timeout)
    )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
